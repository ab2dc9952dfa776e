/// What the ids a pass meets resolve to (a position, a day), remembered by
/// the string that holds each id rather than by its text.
///
/// The loader makes every reference to an id share one string
/// (`ReferencedIDs`), so a pass over a million references meets a few tens
/// of thousands of strings. Each is resolved once, by `resolve` (a lookup of
/// its text in the dataset's tables: hashing the text, then comparing it with
/// the key's, two reads of memory that is rarely in the cache); every other
/// time it is found from the string's own sixteen bytes, its text never read.
/// Measured on a million records, that is a third of the time.
///
/// The identity of an id of more than 15 bytes is the address of its storage,
/// so a table must not outlive the strings it has met (a freed storage could
/// be reused by another string): a pass keeps one while it reads the dataset,
/// and one per thread. An id of 15 bytes or fewer is held inside the string:
/// its bytes are its identity.
struct ResolvedIDs<Value> {
    private struct Slot {
        var identity: (UInt64, UInt64)
        var value: Value
    }

    private var slots: [Slot?]
    private var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: nil, count: size)
    }

    /// What `id` resolves to: remembered, or `resolve(id)` the first time.
    mutating func value(of id: String, resolve: (String) -> Value) -> Value {
        guard let identity = Self.identity(of: id) else { return resolve(id) }
        let mask = slots.count - 1
        var index = Self.hash(identity) & mask
        while let slot = slots[index] {
            if slot.identity == identity { return slot.value }
            index = (index + 1) & mask
        }
        let value = resolve(id)
        slots[index] = Slot(identity: identity, value: value)
        count += 1
        if count * 2 > slots.count { grow() }
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        let mask = slots.count - 1
        for case let slot? in old {
            var index = Self.hash(slot.identity) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// The bytes of a short id with its length, or the address of a long
    /// id's storage with its length and a mark no short id has; nil where
    /// the string has no storage of its own to point at.
    private static func identity(of id: String) -> (UInt64, UInt64)? {
        id.utf8.withContiguousStorageIfAvailable { bytes -> (UInt64, UInt64)? in
            let count = bytes.count
            guard count > 15 else {
                // Bytes 0–7 in the first word; 8–14 and the length (below 16) in the second.
                var first: UInt64 = 0, second = UInt64(count) << 56
                for index in 0..<count {
                    if index < 8 {
                        first |= UInt64(bytes[index]) << (8 * index)
                    } else {
                        second |= UInt64(bytes[index]) << (8 * (index - 8))
                    }
                }
                return (first, second)
            }
            guard let address = bytes.baseAddress, count < 1 << 56 else { return nil }
            return (UInt64(UInt(bitPattern: address)), 0xFF << 56 | UInt64(count))
        } ?? nil
    }

    private static func hash(_ identity: (UInt64, UInt64)) -> Int {
        let mixed = (identity.0 &* 0x9E37_79B9_7F4A_7C15) ^ (identity.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }
}
