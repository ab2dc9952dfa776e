import Foundation

/// Ids and the positions of what they name: the dataset's lookups by id and
/// the validator's table of declared ids.
///
/// A `[String: Int]` hashes every id with SipHash and, at each place its
/// probe passes, compares the id with the one stored there, which for an id
/// longer than 15 bytes reads that id's own storage: a miss of the cache per
/// place at a million records. Here an id's bytes are hashed eight at a time
/// (`IDHash`), and each place keeps 32 bits of its id's hash beside the id, so
/// a probe compares ids only where the hashes agree.
///
/// Ids are their bytes (`IDHash.sameBytes`), not `String`s compared by
/// canonical equivalence: well-formed ids are ASCII (DATASET.md), for which
/// the two agree, and a malformed id is reported and kept out of the tables.
///
/// The table is never iterated: nothing that reaches an output depends on
/// where an id stands in it, so the hash's seed, drawn for each process,
/// changes no byte of a brief. The seed is there so that ids chosen to collide
/// under one seed do not collide under the next: every id must be found, so
/// there is no bound on a probe (unlike `ReferenceIDTable`, a cache).
struct IDTable: Sendable {
    /// A place: an id, its position and the high half of its hash (never 0),
    /// or a free place (hash 0). 24 bytes, as a dictionary's key and value.
    private struct Slot {
        var hash: UInt32
        var position: Int32
        var id: String
    }

    private var slots: [Slot]
    private(set) var count = 0
    private let seed: UInt64

    /// At most three places in four are taken. `seed`, for tests, replaces
    /// the process's.
    init(minimumCapacity: Int = 0, seed: UInt64 = IDHash.processSeed) {
        var size = 8
        while size * 3 < minimumCapacity * 4 { size <<= 1 }
        slots = Array(repeating: Slot(hash: 0, position: 0, id: ""), count: size)
        self.seed = seed
    }

    /// The places, taken or free: for tests of the table's load.
    var capacity: Int { slots.count }

    /// The position of `id`, if it is in the table.
    subscript(id: String) -> Int? {
        let hash = IDHash.hash(id, seed: seed)
        let tag = Self.tag(hash)
        return slots.withUnsafeBufferPointer { slots -> Int? in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let stored = slots[index].hash
                if stored == 0 { return nil }
                if stored == tag, IDHash.sameBytes(slots[index].id, id) { return Int(slots[index].position) }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds `id` at `position` unless it is in the table already, and returns
    /// the position it had then: the first one added wins.
    @discardableResult
    mutating func insert(_ id: String, at position: Int) -> Int? {
        precondition(position >= 0 && position <= Int(Int32.max), "a position an IDTable cannot hold")
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let hash = IDHash.hash(id, seed: seed)
        let tag = Self.tag(hash)
        let found = slots.withUnsafeMutableBufferPointer { slots -> Int? in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let stored = slots[index].hash
                if stored == 0 {
                    slots[index] = Slot(hash: tag, position: Int32(position), id: id)
                    return nil
                }
                if stored == tag, IDHash.sameBytes(slots[index].id, id) { return Int(slots[index].position) }
                index = (index + 1) & mask
            }
        }
        if found == nil { count += 1 }
        return found
    }

    /// Twice the places. The stored half of a hash is not the half that picks
    /// a place, so each id is hashed again.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, position: 0, id: ""), count: old.count * 2)
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            for slot in old where slot.hash != 0 {
                var index = Int(truncatingIfNeeded: IDHash.hash(slot.id, seed: seed)) & mask
                while slots[index].hash != 0 { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }

    /// The high half of a hash, which the place does not depend on while the
    /// table has fewer than 2³² places; never 0, which marks a free place.
    private static func tag(_ hash: UInt64) -> UInt32 {
        let high = UInt32(truncatingIfNeeded: hash >> 32)
        return high == 0 ? 1 : high
    }
}

/// A hash of an id's bytes, eight at a time: ids are short, and what a table
/// of ids needs is that every bit of them reach the bits that pick a place.
enum IDHash {
    /// The seed of this process's `IDTable`s.
    static let processSeed = UInt64.random(in: 0 ... .max)

    /// Whether two ids are the same bytes. `==` would compare them as
    /// `String`s, by canonical equivalence: the tables find an id by its
    /// bytes alone, as the hash reads them.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        a.utf8.withContiguousStorageIfAvailable { spells(b, UnsafeRawBufferPointer($0)) } ?? a.utf8.elementsEqual(b.utf8)
    }

    /// Whether `id` is spelled by `bytes`.
    static func spells(_ id: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        id.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == bytes.count && (bytes.isEmpty || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        } ?? id.utf8.elementsEqual(bytes)
    }

    static func hash(_ id: String, seed: UInt64) -> UInt64 {
        if let hash = id.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        return Array(id.utf8).withUnsafeBytes { hash($0, seed: seed) }
    }

    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash = (UInt64(bytes.count) ^ seed) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        // MurmurHash3's finalizer: every bit of the input reaches every bit
        // of the hash.
        hash ^= tail
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
