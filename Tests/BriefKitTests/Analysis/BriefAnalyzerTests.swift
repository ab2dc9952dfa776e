import Testing
@testable import BriefKit

/// The analysis on the fictional fixture: what each section of the brief holds
/// and in which order.
@Suite struct BriefAnalyzerTests {
    let inputs: Inputs
    let definition: BriefDefinition

    init() throws {
        inputs = try Fixtures.load(Fixtures.freedonia)
        definition = try #require(inputs.definitions.first { $0.id == "freedonia-sylvania" })
    }

    func brief(_ iso: String) -> Brief {
        BriefAnalyzer.brief(for: definition, in: inputs.dataset, on: Fixtures.day(iso))
    }

    @Test func headerCarriesTheDefinitionAndTheDate() {
        let b = brief("2025-03-10")
        #expect(b.schemaVersion == 1)
        #expect(b.brief == "freedonia-sylvania")
        #expect(b.asOf == "2025-03-10")
        #expect(b.asOfDisplay == "10 March 2025")
        #expect(b.parties == ["freedonia", "sylvania"])
        #expect(b.related == ["ruritania"])
        #expect(b.audience == "Test desk")
    }

    @Test func recentDevelopmentsAreTheWindowNewestFirst() {
        let b = brief("2025-03-10")
        // The 1921 relations (a year) is never recent; the speech and the triangle do not belong.
        #expect(b.recent.map(\.id) == ["ruritania-talks", "summit"])
        #expect(b.recent.map(\.scope) == [.context, .bilateral])
        // 30 days ending on 4 April start on 6 March: the summit of 5 March has left the window.
        #expect(brief("2025-04-04").recent.map(\.id) == ["ruritania-talks"])
        #expect(brief("2025-04-07").recent.map(\.id) == [])
    }

    @Test func aMonthPreciseEventIsRecentWhileItsMonthOverlapsTheWindow() {
        // The April visit is dated 20 April, known from 30 April.
        #expect(brief("2025-04-30").recent.first?.id == "april-visit")
        #expect(brief("2025-05-19").recent.map(\.id).contains("april-visit"))
        #expect(!brief("2025-05-20").recent.map(\.id).contains("april-visit"))
    }

    @Test func theTimelineHoldsTheMilestonesAtTheirPrecision() {
        let b = brief("2025-03-10")
        #expect(b.timeline.map(\.id) == ["relations-1921"])
        #expect(b.timeline.first?.dateDisplay == "1921")
        #expect(b.timeline.first?.milestone == true)
    }

    @Test func keyQuotesRankByPriorityThenLevelThenDate() {
        let b = brief("2025-03-10")
        // quotes: 2. Key priority first, then the head of state's newer quote.
        #expect(b.keyQuotes.map(\.id) == ["trentino-key", "teasdale-summit"])
        #expect(b.reportedStatements.map(\.id) == ["ministry-reported"])
        let trentino = b.keyQuotes[0]
        #expect(trentino.role == "Foreign Minister of Sylvania")
        #expect(trentino.level == .minister)
        #expect(trentino.text == "Sylvania will deliver.")
        #expect(trentino.sources.map(\.source) == ["gazette"])
        #expect(trentino.sources.first?.grade == "B2")
    }

    @Test func aSpeakersRoleIsTheOneHeldOnTheQuotesDate() throws {
        var wide = definition
        wide.quotes = 10
        let b = BriefAnalyzer.brief(for: wide, in: inputs.dataset, on: Fixtures.day("2025-03-10"))
        let then = try #require(b.keyQuotes.first { $0.id == "rufus-2024" })
        #expect(then.role == "President of Freedonia")
        #expect(then.formerRole == true)
        #expect(then.level == .head)
        let now = try #require(b.keyQuotes.first { $0.id == "rufus-2025" })
        #expect(now.role == "Senator")
        #expect(now.formerRole == false)
        let nobody = try #require(b.keyQuotes.first { $0.id == "chicolini-remark" })
        #expect(nobody.role == nil)
        #expect(nobody.level == .other)
        // Level orders them: heads, then others; among equals the newest first.
        #expect(b.keyQuotes.map(\.id) == ["trentino-key", "teasdale-summit", "rufus-2024", "chicolini-remark", "rufus-2025"])
    }

    @Test func commitmentsAreListedByStandingWithOverdueFirst() {
        let early = brief("2025-03-10").commitments
        #expect(early.outstanding.map(\.id) == ["loan", "return-visit"])
        #expect(early.outstanding.map(\.ageDays) == [5, 5])
        #expect(early.overdueCount == 0)

        let may = brief("2025-05-01").commitments
        #expect(may.outstanding.map(\.id) == ["return-visit", "loan"])
        #expect(may.outstanding.map(\.overdue) == [true, false])
        #expect(may.outstanding.last?.status == .inProgress)
        #expect(may.outstanding.last?.lastUpdate?.id == "loan-in-progress")
        #expect(may.outstanding.last?.quantity == "10 million ducats")
        #expect(may.overdueCount == 1)

        let july = brief("2025-07-15").commitments
        #expect(july.closed.map(\.id) == ["loan"])
        #expect(july.closed.first?.status == .fulfilled)
        #expect(july.closed.first?.history.map(\.status) == [.inProgress, .fulfilled])
    }

    @Test func sourcesAreThoseCitedAndCitableOnTheDay() {
        #expect(brief("2025-03-10").sources.map(\.id) == ["gazette"])
        let later = brief("2025-07-15")
        #expect(later.sources.map(\.id) == ["gazette", "monthly", "denial", "late-report"])
        #expect(later.sources.map(\.grade) == ["B2", "C3", "A2", "B2"])
    }

    @Test func everyItemPointsToASourceInTheBrief() {
        for day in ["2025-03-10", "2025-05-01", "2025-06-01", "2025-07-15"] {
            let b = brief(day)
            let cited = Set(b.sources.map(\.id))
            let lists: [[CitationItem]] = b.recent.map(\.sources) + b.timeline.map(\.sources) + b.keyQuotes.map(\.sources)
                + b.reportedStatements.map(\.sources)
                + (b.commitments.outstanding + b.commitments.unknown + b.commitments.closed).map(\.sources)
            #expect(lists.allSatisfy { !$0.isEmpty }, "an item without sources on \(day)")
            #expect(lists.joined().allSatisfy { cited.contains($0.source) }, "a citation missing from sources on \(day)")
        }
    }

    /// A dataset of two states, Aland and Borduria, with `records` after
    /// them, loaded without errors, and the brief on the pair.
    static func alandAndBorduria(_ records: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> (dataset: Dataset, brief: BriefDefinition) {
        let actors = "actors:\n  - {id: aa, kind: state, name: Aland}\n  - {id: bb, kind: state, name: Borduria}\n"
        let loaded = try TemporaryDataset.with([("data/all.yaml", actors + records),
                                                ("pair.yaml", "title: Aland and Borduria\nparties: [aa, bb]\n")]) { try $0.load() }
        #expect(loaded.errors.isEmpty, "\(loaded.errors)", sourceLocation: sourceLocation)
        return (loaded.dataset, try #require(loaded.definitions.first, sourceLocation: sourceLocation))
    }

    /// A quote names the event it was said at (the quote's own field); the
    /// brief gives the event's title and place only while the dataset knows
    /// of the event: not before its source is published, and not once it is
    /// withdrawn. The quote itself is known all along.
    @Test func aQuoteShowsItsEventOnlyWhileTheEventIsKnown() throws {
        let (dataset, pair) = try Self.alandAndBorduria("""
            sources:
              - {id: s-quote, title: The quote, published: 2024-05-01}
              - {id: s-event, title: The meeting, published: 2024-05-20}
              - {id: s-denial, title: No such meeting, published: 2024-06-10}
            events:
              - id: ev-meeting
                date: 2024-04-30
                type: meeting
                title: Aland meets Borduria
                venue: The old palace
                parties: [aa, bb]
                sources: [s-event]
                retracted: {date: 2024-06-10, note: denied, sources: [s-denial]}
            quotes:
              - {id: q-said, speaker: aa, about: [bb], text: We met., date: 2024-04-30, event: ev-meeting, sources: [s-quote]}
            """)
        func quote(_ iso: String) -> QuoteItem? {
            BriefAnalyzer.brief(for: pair, in: dataset, on: Fixtures.day(iso)).keyQuotes.first
        }
        let before = try #require(quote("2024-05-10"))
        #expect(before.event == "ev-meeting" && before.eventTitle == nil && before.venue == nil)
        let known = try #require(quote("2024-05-25"))
        #expect(known.event == "ev-meeting" && known.eventTitle == "Aland meets Borduria" && known.venue == "The old palace")
        let withdrawn = try #require(quote("2024-06-15"))
        #expect(withdrawn.event == "ev-meeting" && withdrawn.eventTitle == nil && withdrawn.venue == nil)
    }

    /// A withdrawn update is listed with its commitment's words only if the
    /// commitment was known on the day; before, with the commitment's id.
    @Test func aWithdrawnUpdateShowsItsCommitmentOnlyOnceTheCommitmentIsKnown() throws {
        let (dataset, pair) = try Self.alandAndBorduria("""
            sources:
              - {id: s-update, title: Delivered, published: 2024-05-02}
              - {id: s-denial, title: Not delivered, published: 2024-05-10}
              - {id: s-pledge, title: The pledge, published: 2024-06-20}
            commitments:
              - {id: c-pledge, by: [aa], to: [bb], kind: pledge, text: Deliver the turbines, made: 2024-04-30, sources: [s-pledge]}
            updates:
              - id: u-delivered
                commitment: c-pledge
                date: 2024-05-01
                status: fulfilled
                sources: [s-update]
                retracted: {date: 2024-05-10, note: denied, sources: [s-denial]}
            """)
        func withdrawn(_ iso: String) -> [String] {
            BriefAnalyzer.brief(for: pair, in: dataset, on: Fixtures.day(iso)).withdrawn.map(\.title)
        }
        #expect(withdrawn("2024-05-15") == ["fulfilled: c-pledge"])
        #expect(withdrawn("2024-06-25") == ["fulfilled: Deliver the turbines"])
    }

    @Test func retractedRecordsAreListedApart() {
        let b = brief("2025-06-01")
        #expect(!b.recent.map(\.id).contains("rumoured-visit"))
        #expect(b.withdrawn.map(\.id) == ["rumoured-visit"])
        #expect(b.withdrawn.first?.note == "The ministry denied the visit took place.")
        #expect(b.withdrawn.first?.sources.map(\.source) == ["denial"])
    }

    @Test func trendAndBottomLine() {
        let b = brief("2025-03-10")
        #expect(b.trend.granularity == .year)
        #expect(b.trend.points.first?.period == "1921")
        #expect(b.trend.points.last?.period == "2025")
        #expect(b.trend.points.count == 105)
        #expect(b.trend.points.first?.score == 6)
        // The summit (a meeting, +2.5) in the last twelve months, nothing before.
        #expect(b.trend.recentScore == 2.5)
        #expect(b.trend.previousScore == 0)
        #expect(b.trend.direction == .improving)
        #expect(b.bluf == "Freedonia–Sylvania relations are improving: bilateral events in the twelve months to 10 March 2025 score +2.5 on the cooperation–conflict scale, against 0 in the twelve months before. Latest development (5 March 2025): Teasdale meets Trentino. 2 commitments outstanding (none overdue).")
        #expect(brief("2025-05-01").bluf.hasSuffix("2 commitments outstanding (1 overdue)."))
    }

    @Test func theTrendIsMonthlyWhenTheDataIsRecent() {
        var dataset = inputs.dataset
        dataset.events.removeAll { $0.id == "relations-1921" }
        dataset.reindex()
        let b = BriefAnalyzer.brief(for: definition, in: dataset, on: Fixtures.day("2025-05-01"))
        #expect(b.trend.granularity == .month)
        #expect(b.trend.points.map(\.period) == ["2025-03", "2025-04", "2025-05"])
        #expect(b.trend.points.map(\.score) == [2.5, 1.9, 0])
        #expect(b.trend.points.map(\.label) == ["March 2025", "April 2025", "May 2025"])
    }

    @Test func nothingKnownGivesAQuietBriefNotAnInventedOne() {
        let b = brief("2025-03-01")
        #expect(b.recent.isEmpty && b.timeline.isEmpty && b.keyQuotes.isEmpty && b.sources.isEmpty)
        #expect(b.trend.direction == .quiet)
        #expect(b.bluf == "No bilateral Freedonia–Sylvania event is recorded in the twelve months to 1 March 2025. 0 commitments outstanding (none overdue).")
    }

    @Test func thirdPartiesAndTopics() {
        let b = brief("2025-03-10")
        #expect(b.thirdParties == [ThirdParty(id: "ruritania", name: "Ruritania", records: 1)])
        #expect(b.topics.map(\.topic) == ["security", "trade"])
    }
}
