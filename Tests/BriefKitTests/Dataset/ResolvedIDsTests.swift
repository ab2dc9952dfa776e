import Testing
@testable import BriefKit

/// `ResolvedIDs` remembers what each id resolved to by the string holding
/// it: what it answers is always what resolving the text answers, whichever
/// string holds the text, and most answers are remembered, not resolved again.
@Suite struct ResolvedIDsTests {
    /// A table that counts how often it had to resolve.
    struct Counting {
        var table = ResolvedIDs<String?>(capacity: 4)
        var resolved = 0

        mutating func value(of id: String) -> String? {
            var resolved = self.resolved
            defer { self.resolved = resolved }
            return table.value(of: id) { text in
                resolved += 1
                return "resolved " + text
            }
        }
    }

    /// A copy of `text` in a storage of its own: built byte by byte.
    static func fresh(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }

    @Test func everyReferenceOfAGeneratedDatasetResolvesAsItsTextDoes() throws {
        let dataset = try #require(GeneratedDatasets.all.first).inputs.dataset
        var actors = ResolvedIDs<Int?>()
        var sources = ResolvedIDs<Int?>()
        var lookups = 0, resolved = 0
        for event in dataset.events {
            for reference in event.participants + event.by + event.to + event.parties {
                let position = actors.value(of: reference.id) { resolved += 1; return dataset.actorPosition($0) }
                #expect(position == dataset.actorPosition(reference.id))
                lookups += 1
            }
            for citation in event.sources {
                let position = sources.value(of: citation.source.id) { resolved += 1; return dataset.sourcePosition($0) }
                #expect(position == dataset.sourcePosition(citation.source.id))
                lookups += 1
            }
        }
        // The loader shares one string per id: a few thousand to resolve, not every lookup.
        #expect(lookups > 1000)
        #expect(resolved * 3 < lookups, "\(resolved) of \(lookups) lookups resolved")
    }

    @Test func aShortIdIsItsOwnIdentityWhicheverStringHoldsIt() {
        var table = Counting()
        for text in ["", "a", "ev-004842", "ev-004843", "exactly-15-byte", "çа-ü", "🇦🇿"] {
            #expect(table.value(of: text) == "resolved " + text)
            #expect(table.value(of: Self.fresh(text)) == "resolved " + text)
        }
        #expect(table.resolved == 7)
    }

    @Test func aLongIdIsFoundAgainByItsStringAndNeverConfusedWithAnotherOfItsLength() {
        var table = Counting()
        let ids = (0..<2000).map { Self.fresh("p-sixteen-bytes-or-more-\($0 % 10)-\($0)") }
        for id in ids { #expect(table.value(of: id) == "resolved " + id) }
        for id in ids { #expect(table.value(of: id) == "resolved " + id) }
        #expect(table.resolved == ids.count)
        // The same text in another string is resolved again, to the same answer.
        let copies = ids.prefix(10).map { Self.fresh($0) }
        for copy in copies { #expect(table.value(of: copy) == "resolved " + copy) }
        #expect(table.resolved == ids.count + copies.count)
        #expect(ids.prefix(10).allSatisfy { id in copies.contains { $0 == id } })
    }
}
