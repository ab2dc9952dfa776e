import Foundation

/// The ids references name, each made into a `String` once, for the thread
/// reading a file.
///
/// A file's records cite the same source and name the same persons again and
/// again, and so do the files after it: a reference's id used to be made into
/// a new `String` each time it was read (heap storage for an id longer than 15
/// bytes), checked to be a well-formed id, and then replaced by the equal
/// string the whole run shares (`ReferencedIDs`, a hashed set behind a lock).
/// Here an id is looked up by its bytes first; only an id not met before is
/// made, checked and shared. At a million records, sharing references one by
/// one was about 4 % of a cold `daily`'s samples.
///
/// Only well-formed ids enter the table, so an id found in it needs no check,
/// and a malformed one is reported at every place it is written, as before.
/// Ids of up to 15 bytes are stored inside the `String` itself, with nothing to
/// share and no allocation to save: they are left to the caller.
///
/// A table is used by one reader at a time: the run's tables are lent to the
/// threads reading files, one file at a time (`ReferencedIDs.withTable`), so
/// that what one file named is found again in the next.
final class ReferenceIDTable: @unchecked Sendable {
    /// The run's shared ids, which a new id is replaced by; nil to share
    /// within the table only. Unowned: the run's set holds its tables.
    private unowned let shared: ReferencedIDs?

    /// A place in the table: an id and its hash (never 0), or a free place
    /// (hash 0). The id's own storage holds its bytes, so a lookup reads the
    /// place and the id it returns, which the caller retains anyway:
    /// the hashes and bytes kept apart cost a cache miss each.
    private struct Slot {
        var hash: UInt64
        var id: String
    }

    // A buffer of the table's own rather than an array: read through an
    // array held by a class, every lookup retained and released it and
    // checked that no one else was writing it.
    /// Open addressing, at most half full.
    private var slots: UnsafeMutablePointer<Slot>
    private var slotCount: Int
    private var count = 0

    /// Probes before the table gives up on an id (which is then made and
    /// shared as if it had not been seen): ids whose hashes collide cost a
    /// bounded search per reference, not one growing with the table. The
    /// table is at most half full, so an id is found within a few.
    private static let probeLimit = 64
    /// The most ids a table holds: ids named once (a commitment an update
    /// names) would otherwise make it as large as the run's own set.
    static let capacity = 1 << 16
    /// The length above which an id has storage of its own.
    static let smallLength = 15

    init(sharing shared: ReferencedIDs?) {
        self.shared = shared
        slotCount = 64
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(hash: 0, id: ""), count: slotCount)
    }

    deinit {
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// The id spelled by `bytes`, if it was added before.
    func id(spelled bytes: UnsafeRawBufferPointer) -> String? {
        guard bytes.count > Self.smallLength else { return nil }
        let hash = Self.hash(bytes)
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.probeLimit {
            let stored = slots[slot].hash
            if stored == 0 { return nil }
            if stored == hash, IDHash.spells(slots[slot].id, bytes) { return slots[slot].id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `id`, a well-formed id not met before, and returns the string to
    /// keep: the run's shared one, where there is one.
    func add(_ id: String) -> String {
        var id = id
        guard id.utf8.count > Self.smallLength else { return id }
        shared?.share(&id)
        guard count < Self.capacity else { return id }
        if count >= slotCount / 2 { grow() }
        let hash = id.utf8.withContiguousStorageIfAvailable { Self.hash(UnsafeRawBufferPointer($0)) }
        if let hash, let slot = freeSlot(for: hash) {
            slots[slot] = Slot(hash: hash, id: id)
            count += 1
        }
        return id
    }

    private func freeSlot(for hash: UInt64) -> Int? {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        for _ in 0..<Self.probeLimit {
            if slots[slot].hash == 0 { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private func grow() {
        let old = slots
        let oldCount = slotCount
        slotCount *= 2
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: Slot(hash: 0, id: ""), count: slotCount)
        let mask = slotCount - 1
        for index in 0..<oldCount where old[index].hash != 0 {
            var slot = Int(truncatingIfNeeded: old[index].hash) & mask
            while slots[slot].hash != 0 { slot = (slot + 1) & mask }
            slots[slot] = old[index]
        }
        old.deinitialize(count: oldCount)
        old.deallocate()
    }

    /// A hash of an id's bytes (`IDHash`, unseeded): the table holds one
    /// file's ids, so it need not resist chosen collisions (the probe limit
    /// bounds what they would cost). Never 0, which marks a free place.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let hash = IDHash.hash(bytes, seed: 0)
        return hash == 0 ? 1 : hash
    }
}
