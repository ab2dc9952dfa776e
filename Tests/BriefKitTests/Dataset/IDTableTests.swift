import Testing
@testable import BriefKit

/// `IDTable` answers what a dictionary keeping the first position of each id
/// answers, for ids of every length and script, under any seed, and whatever
/// string holds the id looked up.
@Suite struct IDTableTests {
    /// Ids of 0 to 40 bytes, short ones held in the string itself and long
    /// ones in storage of their own, in several scripts, each drawn more than
    /// once: a deterministic mix.
    static func ids(count: Int) -> [String] {
        let stems = ["ev", "src-2019-03-29-1-b", "p-kenji-karimov", "Азербайджан", "سوريا", "çа-ü", "🇦🇿", ""]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % 1_000_000)
        }
        return (0 ..< count).map { index in
            let stem = stems[index % stems.count]
            let number = next() % (count / 2 + 1)
            return index % 11 == 0 ? String(number) : "\(stem)-\(number)"
        }
    }

    /// A copy of `text` in a storage of its own: built byte by byte.
    static func fresh(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }

    @Test(arguments: [0, 1, 0x9E37_79B9_7F4A_7C15, .max] as [UInt64])
    func answersAsADictionaryKeepingTheFirstPositionDoes(seed: UInt64) {
        let ids = Self.ids(count: 5000)
        var table = IDTable(seed: seed)
        var model: [String: Int] = [:]
        for (position, id) in ids.enumerated() {
            let before = table.insert(id, at: position)
            #expect(before == model[id], "\(id)")
            if model[id] == nil { model[id] = position }
        }
        #expect(Set(ids).count < ids.count, "the mix repeats ids")
        #expect(table.count == model.count)
        #expect(table.count * 4 <= table.capacity * 3)
        for (id, position) in model {
            #expect(table[id] == position)
            #expect(table[Self.fresh(id)] == position)
        }
        for absent in ["ev-5000000", "src-2019-03-29-1-c", "Азербайджан-", "x", "🇦🇿🇦🇿-1"] {
            #expect(table[absent] == nil)
        }
    }

    @Test func aFullClusterOfSmallTableIsProbedToItsEnd() {
        // Made for eight ids, six of the eight places are taken before it grows:
        // every lookup of an absent id walks to a free place, and finds none
        // of the six on the way.
        var table = IDTable(minimumCapacity: 6, seed: 7)
        #expect(table.capacity == 8)
        let ids = ["a", "b", "c", "source-with-a-long-id-1", "source-with-a-long-id-2", "Ж"]
        for (position, id) in ids.enumerated() { table.insert(id, at: position) }
        #expect(table.capacity == 8)
        for (position, id) in ids.enumerated() { #expect(table[id] == position) }
        for absent in ["d", "source-with-a-long-id-3", "Ж-1", ""] { #expect(table[absent] == nil) }
        table.insert("d", at: 6)
        #expect(table.capacity == 16)
        for (position, id) in (ids + ["d"]).enumerated() { #expect(table[id] == position) }
    }

    @Test func idsAreTheirBytesNotTheirCanonicalEquivalents() {
        // "é" composed and decomposed: one `String` to a dictionary, two ids
        // here. Well-formed ids are ASCII, so the two readings differ only
        // for ids the loader reports and keeps out of the tables.
        let composed = "ev-caf\u{E9}", decomposed = "ev-cafe\u{301}"
        #expect(composed == decomposed)
        var table = IDTable(seed: 5)
        table.insert(composed, at: 0)
        #expect(table[composed] == 0)
        #expect(table[decomposed] == nil)
        #expect(table.insert(decomposed, at: 1) == nil)
        #expect(table[decomposed] == 1 && table.count == 2)
        // Where two hashes agree, the ids are compared by their bytes too.
        #expect(!IDHash.sameBytes(composed, decomposed))
        #expect(IDHash.sameBytes(decomposed, Self.fresh(decomposed)))
        #expect(IDHash.sameBytes("", Self.fresh("")))
        #expect(!IDHash.sameBytes("src-2019-03-29-1-b", "src-2019-03-29-1-c"))
    }

    @Test func theHashTellsApartIdsDifferingInAnyByteAndInLength() {
        let base = Array("src-2019-03-29-1-b-analysis".utf8)
        var hashes: Set<UInt64> = []
        for index in base.indices {
            var changed = base
            changed[index] ^= 1
            hashes.insert(changed.withUnsafeBytes { IDHash.hash($0, seed: 3) })
        }
        for length in 0 ... base.count {
            hashes.insert(Array(base.prefix(length)).withUnsafeBytes { IDHash.hash($0, seed: 3) })
        }
        #expect(hashes.count == base.count * 2 + 1)
        // The seed changes every hash.
        #expect(base.withUnsafeBytes { IDHash.hash($0, seed: 3) } != base.withUnsafeBytes { IDHash.hash($0, seed: 4) })
    }
}
