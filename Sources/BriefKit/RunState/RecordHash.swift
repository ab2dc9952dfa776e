/// A 64-bit name for a record of the dataset: FNV-1a of its kind and its id,
/// the same in every run and on every machine (Swift's own hashing is seeded
/// per process). A run state (`RunState`) holds these rather than the ids:
/// a million of them take 8 MB.
///
/// Two records could share a hash. Where the run state asks whether a record
/// is one a brief reads, a shared hash can only make a brief look affected
/// and be made again, never the reverse.
public enum RecordHash {
    public static func of(_ kind: RecordKind, _ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ byte: UInt8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        for byte in kind.rawValue.utf8 { add(byte) }
        add(0)
        var id = id
        id.withUTF8 { bytes in
            for byte in bytes { add(byte) }
        }
        return hash
    }

    /// Sorted, each once: the form the run state keeps them in.
    static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
        var hashes = hashes
        hashes.sort()
        var kept = 0
        for index in hashes.indices where index == 0 || hashes[index] != hashes[kept - 1] {
            hashes[kept] = hashes[index]
            kept += 1
        }
        hashes.removeLast(hashes.count - kept)
        return hashes
    }

    /// Whether two sorted lists have a hash in common.
    static func intersect(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// Whether a sorted list holds `hash`.
    static func contains(_ sorted: [UInt64], _ hash: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == hash
    }
}
