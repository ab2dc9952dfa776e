import Dispatch
import Synchronization

/// Work over every record of a dataset, split into parts that run on all
/// cores; each part's result is returned in the parts' order, so what comes
/// out never depends on the schedule.
enum ParallelParts {
    /// Records per part: enough that parts are few (a part's lookups start
    /// cold: with 8,192 records a quarter of the validator's lookups of actors
    /// and sources missed, with 65,536 a twelfth), few enough that every core
    /// stays busy to the end.
    static let size = 65536

    /// `0..<count` in consecutive parts of at most `size`.
    static func ranges(count: Int, size: Int = size) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// `work` of each part `0..<count`, computed on all cores at once.
    static func map<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T] {
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { part in
            let value = work(part)
            results.withLock { $0[part] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// The order in which to start independent pieces of work on a few cores.
public enum WorkOrder {
    /// The positions of `costs`, largest cost first, equal costs in their
    /// order: started so, the cores finish close together, where a large
    /// piece started last keeps one core busy alone at the end.
    public static func costliestFirst(_ costs: [Int]) -> [Int] {
        costs.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
    }
}
