/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and the same
/// sequence on every platform for a given seed. Never seeded from the clock.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0). The modulo bias is negligible for
    /// the small bounds used here and, above all, deterministic.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 < p
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// Picks an item with probability proportional to its weight.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var roll = below(total)
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }

    /// `count` distinct indices of `0..<bound`, in the order drawn.
    mutating func distinct(_ count: Int, below bound: Int, excluding excluded: [Int] = []) -> [Int] {
        var chosen: [Int] = []
        let wanted = min(count, bound - excluded.count)
        while chosen.count < wanted {
            let candidate = below(bound)
            if !chosen.contains(candidate) && !excluded.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }
}
