import Foundation
import Testing
@testable import BriefKit

/// The semantic diff on the fictional fixture, whose updates, retraction and
/// quotes change over several dates.
@Suite struct BriefDiffTests {
    let inputs: Inputs
    let definition: BriefDefinition

    init() throws {
        inputs = try Fixtures.load(Fixtures.freedonia)
        definition = try #require(inputs.definitions.first { $0.id == "freedonia-sylvania" })
    }

    func brief(_ iso: String) -> Brief {
        BriefAnalyzer.brief(for: definition, in: inputs.dataset, on: Fixtures.day(iso))
    }

    func changes(_ from: String, _ to: String) throws -> BriefChanges {
        try BriefDiff(old: brief(from), new: brief(to)).changes()
    }

    @Test func theSameDateHasNoChanges() throws {
        let same = try changes("2025-05-01", "2025-05-01")
        #expect(!same.hasChanges)
        #expect(same.summary == "No change between 1 May 2025 and 1 May 2025.")
    }

    @Test func whatMovesWithTheCalendarIsNotAChange() throws {
        // Between 11 and 12 March nothing is learned; commitments are a day older.
        #expect(!(try changes("2025-03-11", "2025-03-12")).hasChanges)
        // The summit leaves the recent window on 4 April: not a change either.
        #expect(!(try changes("2025-04-03", "2025-04-05")).hasChanges)
    }

    @Test func eachStatusTransitionShowsInItsOwnWindow() throws {
        // Known from 30 April: open → in progress, with the update and its source.
        let april = try changes("2025-04-29", "2025-04-30")
        #expect(april.commitments.statusChanged.map(\.id) == ["loan"])
        #expect(april.commitments.statusChanged.first?.from == .open)
        #expect(april.commitments.statusChanged.first?.to == .inProgress)
        #expect(april.commitments.statusChanged.first?.updates.map(\.id) == ["loan-in-progress"])
        #expect(april.commitments.statusChanged.first?.updates.first?.sources.map(\.source) == ["monthly"])
        // Nothing about the loan's status in May or June.
        #expect((try changes("2025-05-02", "2025-06-29")).commitments.statusChanged.isEmpty)
        // Known from 15 July: in progress → fulfilled.
        let july = try changes("2025-07-14", "2025-07-15")
        #expect(july.commitments.statusChanged.map { "\($0.id): \($0.from.rawValue) → \($0.to.rawValue)" } == ["loan: in-progress → fulfilled"])
        #expect(july.counts.contains(CountChange(name: "closed commitments", from: 0, to: 1)))
        // Over the whole span, the net transition is shown once, with both updates.
        let all = try changes("2025-03-10", "2025-07-15")
        #expect(all.commitments.statusChanged.first?.updates.map(\.id) == ["loan-in-progress", "loan-fulfilled"])
    }

    @Test func aCommitmentBecomingOverdueIsAChange() throws {
        let may = try changes("2025-04-30", "2025-05-01")
        #expect(may.commitments.becameOverdue.map(\.id) == ["return-visit"])
        #expect(may.counts.contains(CountChange(name: "overdue commitments", from: 0, to: 1)))
    }

    @Test func aRetractionShowsAsWithdrawn() throws {
        let june = try changes("2025-05-31", "2025-06-01")
        #expect(june.events.withdrawn.map(\.id) == ["rumoured-visit"])
        #expect(june.events.withdrawn.first?.note == "The ministry denied the visit took place.")
        #expect(june.events.withdrawn.first?.sources.map(\.source) == ["denial"])
        #expect(june.newSources.map(\.id) == ["denial"])
        #expect(june.hasChanges)
    }

    @Test func aQuotePushedOutOfTheTopNShowsAsLeftTheKeyQuotes() throws {
        // Two key quotes; Teasdale's newer quote, known from 15 July, outranks her summit quote.
        let july = try changes("2025-07-14", "2025-07-15")
        #expect(july.keyQuotes.entered.map(\.id) == ["teasdale-july"])
        #expect(july.keyQuotes.left.map(\.quote.id) == ["teasdale-summit"])
        #expect(july.keyQuotes.left.first?.reason == .outranked)
    }

    /// Back to an earlier date nothing entered the lists: the quotes that
    /// left were not yet known, not outranked, and the reason says only that.
    @Test func aQuoteThatLeftWithNothingEnteringWasNotOutranked() throws {
        let back = try changes("2025-06-01", "2025-03-01")
        #expect(back.keyQuotes.entered.isEmpty)
        #expect(back.keyQuotes.left.map(\.quote.id).sorted() == ["teasdale-summit", "trentino-key"])
        #expect(back.keyQuotes.left.allSatisfy { $0.reason == .noLongerSelected })
        #expect(back.reportedStatements.left.allSatisfy { $0.reason == .noLongerSelected })
        #expect(!back.reportedStatements.left.isEmpty)
    }

    /// The brief with one key quote, on `dataset` (the fixture's unless given).
    func topQuote(on iso: String, in dataset: Dataset? = nil) -> (brief: Brief, pools: QuotePools) {
        var one = definition
        one.quotes = 1
        return BriefAnalyzer.briefAndQuotePools(for: one, in: AsOfView(dataset: dataset ?? inputs.dataset, on: Fixtures.day(iso)))
    }

    @Test func thePoolsHoldEveryQuoteOfTheBriefByForm() throws {
        let (brief, pools) = BriefAnalyzer.briefAndQuotePools(for: definition, in: AsOfView(dataset: inputs.dataset, on: Fixtures.day("2025-07-15")))
        #expect(brief == self.brief("2025-07-15"))
        #expect(!brief.keyQuotes.isEmpty && !brief.reportedStatements.isEmpty)
        #expect(Set(brief.keyQuotes.map(\.id)).isSubset(of: pools.key))
        #expect(Set(brief.reportedStatements.map(\.id)).isSubset(of: pools.reported))
        #expect(pools.key.isDisjoint(with: pools.reported))
    }

    /// A quote removed from the dataset while another took its place was not
    /// outranked: with the pool (`daily`, `diff BRIEF`), it reads "no longer
    /// selected"; two snapshots alone cannot tell, and say "outranked".
    @Test func aQuoteNoLongerInThePoolWasNotOutrankedEvenWhenAnotherEntered() throws {
        let before = topQuote(on: "2025-07-15")
        let removed = try #require(before.brief.keyQuotes.first?.id)
        var dataset = inputs.dataset
        dataset.quotes.removeAll { $0.id == removed }
        dataset.reindex()
        let after = topQuote(on: "2025-07-15", in: dataset)
        let entered = try #require(after.brief.keyQuotes.first?.id, "no other key quote to take the place")
        #expect(entered != removed && !after.pools.key.contains(removed))
        let diff = try BriefDiff(old: before.brief, new: after.brief)
        #expect(diff.changes(pools: after.pools).keyQuotes.left.map(\.reason) == [.noLongerSelected])
        #expect(diff.changes().keyQuotes.left.map(\.reason) == [.outranked])
    }

    /// A quote still in the pool that another passed was outranked, and a
    /// quote whose form changed (direct to reported) left the key quotes
    /// without being outranked: it is no longer in their pool.
    @Test func aQuoteStillInThePoolThatAnotherPassedWasOutranked() throws {
        // A quote like the top one, of key priority and an id first in order: it passes it.
        let before = topQuote(on: "2025-07-15")
        let top = try #require(before.brief.keyQuotes.first?.id)
        var passing = inputs.dataset
        var copy = try #require(passing.quotes.first { $0.id == top })
        copy.id = "aaaa-passing"
        copy.priority = .key
        passing.quotes.append(copy)
        passing.reindex()
        let after = topQuote(on: "2025-07-15", in: passing)
        try #require(after.brief.keyQuotes.map(\.id) == ["aaaa-passing"])
        #expect(after.pools.key.contains(top))
        let outranked = try BriefDiff(old: before.brief, new: after.brief).changes(pools: after.pools).keyQuotes.left
        #expect(outranked.map(\.quote.id) == [top])
        #expect(outranked.map(\.reason) == [.outranked])

        var dataset = inputs.dataset
        let index = try #require(dataset.quotes.firstIndex { $0.id == top })
        dataset.quotes[index].form = .indirect
        dataset.reindex()
        let moved = topQuote(on: "2025-07-15", in: dataset)
        let changes = try BriefDiff(old: before.brief, new: moved.brief).changes(pools: moved.pools)
        // Another direct quote took its place: without the pools, it would read "outranked".
        #expect(!changes.keyQuotes.entered.isEmpty)
        #expect(changes.keyQuotes.left.map(\.quote.id) == [top])
        #expect(changes.keyQuotes.left.map(\.reason) == [.noLongerSelected])
        #expect(changes.reportedStatements.entered.map(\.id).contains(top))
    }

    /// Why a quote left depends on the pools, which the snapshots do not
    /// hold: with a previous date, a change of pool changes the render key,
    /// so `daily` never keeps a changes file that says "outranked" for a
    /// quote since removed. Without one, there are no changes to say it.
    @Test func thePoolsAreInTheRenderKeyWhereThereAreChanges() throws {
        let snapshot = try JSONRenderer.text(of: brief("2025-07-15"))
        let previous = Data(try JSONRenderer.text(of: brief("2025-06-01")).utf8)
        let pools = QuotePools(key: ["a", "b"], reported: ["c"])
        var fewer = pools
        fewer.key.remove("b")
        let moved = QuotePools(key: ["a", "b", "c"], reported: [])
        func key(_ pools: QuotePools?, previous: Data?) -> String {
            RenderKey.of(brief: snapshot, previous: previous, renderers: [], quotePools: pools, program: [1, 2, 3])
        }
        #expect(key(pools, previous: previous) == key(QuotePools(key: ["b", "a"], reported: ["c"]), previous: previous))
        #expect(key(pools, previous: previous) != key(fewer, previous: previous))
        #expect(key(pools, previous: previous) != key(moved, previous: previous))
        #expect(key(pools, previous: nil) == key(fewer, previous: nil))
    }

    @Test func newlyKnownEventsAndCommitmentsAppearWithTheirSources() throws {
        let march = try changes("2025-03-09", "2025-03-10")
        #expect(march.events.appeared.map(\.id) == ["ruritania-talks", "summit", "relations-1921"])
        #expect(march.events.appeared.allSatisfy { $0.sources.map(\.source) == ["gazette"] })
        #expect(march.commitments.made.map(\.id) == ["loan", "return-visit"])
        #expect(march.commitments.made.allSatisfy { $0.status == .open })
        #expect(march.keyQuotes.entered.map(\.id) == ["trentino-key", "teasdale-summit"])
        #expect(march.summary.hasPrefix("Between 9 March 2025 and 10 March 2025: 3 new events"))
    }

    @Test func anItemRevisedUnderTheSameIdShowsTheFieldsThatChanged() throws {
        // With a long window the summit stays recent; the monthly, known from
        // 30 April, adds a second source to it.
        var wide = definition
        wide.window = 120
        let before = BriefAnalyzer.brief(for: wide, in: inputs.dataset, on: Fixtures.day("2025-04-29"))
        let after = BriefAnalyzer.brief(for: wide, in: inputs.dataset, on: Fixtures.day("2025-04-30"))
        let changes = try BriefDiff(old: before, new: after).changes()
        let change = try #require(changes.events.changed.first { $0.id == "summit" })
        #expect(change.fields.map(\.field) == ["sources"])
        #expect(change.fields.first?.to.contains("monthly") == true)
        #expect(!(change.fields.first?.from.contains("monthly") ?? true))
    }

    /// Commitments are compared with the fields `change` leaves out set
    /// alike, so that an unchanged one is found without JSON: those must be
    /// the only fields set, and each pair of commitments over the fixture's
    /// dates (and a revised text) must give what the full comparison gives.
    @Test func commitmentsComparedWithoutTheirOwnChangesGiveTheSameChanges() throws {
        let days = ["2025-01-01", "2025-03-01", "2025-03-11", "2025-03-12", "2025-04-05", "2025-05-01", "2025-06-01", "2026-01-01"]
        var pairs: [(CommitmentItem, CommitmentItem)] = []
        for (from, to) in zip(days, days.dropFirst()) {
            let old = brief(from), new = brief(to)
            let before = Dictionary((old.commitments.outstanding + old.commitments.unknown + old.commitments.closed).map { ($0.id, $0) },
                                    uniquingKeysWith: { a, _ in a })
            for item in new.commitments.outstanding + new.commitments.unknown + new.commitments.closed {
                guard let earlier = before[item.id] else { continue }
                pairs.append((earlier, item))
                var revised = item
                revised.text += " (revised)"
                revised.ageDays += 1
                pairs.append((earlier, revised))
            }
        }
        #expect(pairs.count > 10)
        var found = 0
        for (before, after) in pairs {
            guard case let .object(original) = try before.jsonTree(), case let .object(comparable) = try BriefDiff.comparable(before).jsonTree() else {
                Issue.record("not an object")
                continue
            }
            let touched = Set(original.keys).union(comparable.keys).filter { original[$0] != comparable[$0] }
            #expect(touched.isSubset(of: BriefDiff.commitmentFieldsWithChangesOfTheirOwn), "\(touched)")
            let ignoring = BriefDiff.commitmentFieldsWithChangesOfTheirOwn
            let quick = BriefDiff.change(.commitment, after.id, after.text, BriefDiff.comparable(before), BriefDiff.comparable(after),
                                         sources: after.sources, ignoring: ignoring)
            let full = BriefDiff.change(.commitment, after.id, after.text, before, after, sources: after.sources, ignoring: ignoring)
            #expect(quick == full)
            if full != nil { found += 1 }
        }
        #expect(found > 5)
    }

    @Test func snapshotsOfDifferentBriefsOrVersionsAreRefused() throws {
        var other = brief("2025-05-01")
        other.brief = "somewhere-else"
        #expect(throws: BriefDiff.Mismatch.self) { try BriefDiff(old: brief("2025-05-01"), new: other) }
        var future = brief("2025-05-01")
        future.schemaVersion = 2
        #expect(throws: BriefDiff.Mismatch.self) { try BriefDiff(old: future, new: brief("2025-05-01")) }
    }
}
