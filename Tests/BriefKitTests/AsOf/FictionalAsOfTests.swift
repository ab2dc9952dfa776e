import Testing
@testable import BriefKit

/// The as-of view on the fictional Freedonia–Sylvania fixture: a dataset that
/// shares nothing with the seed, so the code cannot lean on its names.
@Suite struct FictionalAsOfTests {
    let inputs: Inputs
    let definition: BriefDefinition

    init() throws {
        inputs = try Fixtures.load(Fixtures.freedonia)
        definition = try #require(inputs.definitions.first { $0.id == "freedonia-sylvania" })
    }

    func view(_ iso: String) -> AsOfView { AsOfView(dataset: inputs.dataset, on: Fixtures.day(iso)) }
    func selection(_ iso: String) -> BriefSelection { BriefSelection(view: view(iso), definition: definition) }

    @Test func fixtureLoadsClean() {
        #expect(inputs.diagnostics.map(\.description) == [])
        #expect(inputs.dataset.events.count == 8)
    }

    @Test func nothingIsKnownBeforeTheFirstSourceIsPublished() {
        let before = view("2025-03-09")
        #expect(before.events.isEmpty)
        #expect(before.quotes.isEmpty)
        #expect(before.commitments.isEmpty)
    }

    @Test func recordsEnterOnTheDayTheirEarliestSourceIsPublished() {
        let known = view("2025-03-10")
        #expect(known.events.map(\.id) == ["relations-1921", "summit", "ruritania-talks", "domestic-speech", "latverian-triangle"])
        // The summit also cites the monthly, not yet published: only the gazette is citable.
        let summit = known.events.first { $0.id == "summit" }
        #expect(summit?.sources.map(\.source.id) == ["gazette"])
    }

    @Test func aMonthPreciseSourceIsKnownFromItsLastDay() {
        #expect(!view("2025-04-29").events.contains { $0.id == "april-visit" })
        #expect(view("2025-04-30").events.contains { $0.id == "april-visit" })
        let summit = view("2025-04-30").events.first { $0.id == "summit" }
        #expect(summit?.sources.map(\.source.id) == ["gazette", "monthly"])
        #expect(summit?.sources.last?.locator == "p. 4")
    }

    @Test func aRecordedDateLaterThanItsSourcesDelaysIt() {
        #expect(!view("2025-05-09").events.contains { $0.id == "old-treaty" })
        #expect(view("2025-05-10").events.contains { $0.id == "old-treaty" })
    }

    @Test func aRetractionTakesEffectOnlyOnceItsOwnSourceIsKnown() {
        #expect(view("2025-05-02").events.contains { $0.id == "rumoured-visit" })
        // Retraction dated 20 May, but its source is published 1 June.
        #expect(view("2025-05-25").events.contains { $0.id == "rumoured-visit" })
        let after = view("2025-06-01")
        #expect(!after.events.contains { $0.id == "rumoured-visit" })
        #expect(after.withdrawn.map(\.id) == ["rumoured-visit"])
        #expect(after.withdrawn.first?.retraction.note == "The ministry denied the visit took place.")
        #expect(selection("2025-06-01").withdrawn.map(\.id) == ["rumoured-visit"])
    }

    @Test func bilateralContextAndExcludedRecords() {
        let chosen = selection("2025-03-10")
        let scopes = Dictionary(uniqueKeysWithValues: chosen.events.map { ($0.record.id, $0.scope) })
        #expect(scopes == ["relations-1921": .bilateral, "summit": .bilateral, "ruritania-talks": .context])
        // A domestic speech names only Freedonia; the triangle names Latveria, which is not related.
        #expect(chosen.thirdParties.map(\.state) == ["ruritania"])
        #expect(chosen.thirdParties.map(\.records) == [1])
    }

    @Test func aPersonCountsForTheStateOfTheRoleHeldThatDay() throws {
        // In May 2019 Trentino held no role: the old treaty names only Freedonia.
        let chosen = selection("2025-05-10")
        #expect(!chosen.events.contains { $0.record.id == "old-treaty" })
        let dataset = inputs.dataset
        let treaty = try #require(dataset.eventsByID["old-treaty"])
        #expect(dataset.states(of: treaty) == ["freedonia"])
    }

    @Test func rolesAreThoseHeldOnTheRecordsDate() throws {
        let dataset = inputs.dataset
        let then = try EDTFDate(parsing: "2024-03-01")
        let now = try EDTFDate(parsing: "2025-03-01")
        #expect(dataset.role(of: "rufus", on: then)?.title == "President of Freedonia")
        #expect(dataset.level(of: "rufus", on: then) == .head)
        #expect(dataset.role(of: "rufus", on: now)?.title == "Senator")
        #expect(dataset.level(of: "rufus", on: now) == .other)
        // The Senate is an organization of Freedonia: the senator still speaks for Freedonia.
        #expect(dataset.state(of: "rufus", on: now) == "freedonia")
        // A role's last day is included, the next day is not.
        #expect(dataset.role(of: "rufus", on: try EDTFDate(parsing: "2024-06-30"))?.title == "President of Freedonia")
        #expect(dataset.role(of: "rufus", on: try EDTFDate(parsing: "2024-07-01"))?.title == "Senator")
        // A month-precise date is judged on its last day; `from: 2023-03` starts on 1 March.
        #expect(dataset.role(of: "trentino", on: try EDTFDate(parsing: "2023-02")) == nil)
        #expect(dataset.role(of: "trentino", on: try EDTFDate(parsing: "2023-03-01"))?.level == .minister)
        // An open end is judged on its first day.
        #expect(dataset.role(of: "teasdale", on: try EDTFDate(parsing: "2024-06-30/..")) == nil)
        #expect(dataset.role(of: "teasdale", on: try EDTFDate(parsing: "../2024-07-01")) != nil)
        // A person without a role ranks `other`; an organization without a level `official`.
        #expect(dataset.level(of: "chicolini", on: now) == .other)
        #expect(dataset.level(of: "sylvania-mfa-press", on: now) == .official)
        #expect(dataset.level(of: "sylvania-mfa", on: now) == .minister)
        #expect(dataset.state(of: "sylvania-mfa-press", on: now) == "sylvania")
        #expect(dataset.state(of: "chicolini", on: now) == nil)
    }

    @Test func quotesBelongThroughSpeakerAndAbout() {
        let chosen = selection("2025-03-10")
        #expect(chosen.quotes.map(\.record.id).sorted() ==
            ["chicolini-remark", "ministry-reported", "rufus-2024", "rufus-2025", "teasdale-summit", "trentino-key"])
        #expect(chosen.quotes.allSatisfy { $0.scope == .bilateral })
        let summit = chosen.quotes.first { $0.record.id == "teasdale-summit" }
        // Line breaks inside a block scalar are kept; the trailing one is not.
        #expect(summit?.record.text == "A new chapter\nbegins today.")
    }

    @Test func commitmentStatusFollowsTheUpdatesKnownOnTheDay() throws {
        func loan(_ iso: String) throws -> CommitmentState {
            try #require(view(iso).commitments.first { $0.commitment.id == "loan" })
        }
        #expect(try loan("2025-03-10").status == .open)
        #expect(try loan("2025-03-10").ageDays == 5)
        // The in-progress update is dated 15 April but known only from 30 April.
        #expect(try loan("2025-04-29").status == .open)
        #expect(try loan("2025-04-30").status == .inProgress)
        #expect(try loan("2025-04-30").lastUpdate?.id == "loan-in-progress")
        // Due 30 June: overdue on 1 July while still in progress, since the
        // fulfilment dated 1 July is known only from 15 July.
        #expect(try loan("2025-06-30").overdue == false)
        #expect(try loan("2025-07-01").status == .inProgress)
        #expect(try loan("2025-07-01").overdue == true)
        let closed = try loan("2025-07-15")
        #expect(closed.status == .fulfilled)
        #expect(closed.standing == .closed)
        #expect(closed.overdue == false)
        #expect(closed.updates.map(\.id) == ["loan-in-progress", "loan-fulfilled"])
    }

    @Test func aMonthPreciseDueDateIsOverdueOnlyAfterTheMonth() throws {
        func invitation(_ iso: String) throws -> CommitmentState {
            try #require(view(iso).commitments.first { $0.commitment.id == "return-visit" })
        }
        #expect(try invitation("2025-04-30").overdue == false)
        #expect(try invitation("2025-05-01").overdue == true)
        #expect(try invitation("2025-05-01").standing == .outstanding)
    }

    @Test func theViewDoesNotDependOnTheOrderRecordsWereRead() {
        var shuffled = inputs.dataset
        shuffled.events.reverse()
        shuffled.quotes.reverse()
        shuffled.updates.reverse()
        shuffled.commitments.reverse()
        shuffled.reindex()
        let a = AsOfView(dataset: inputs.dataset, on: Fixtures.day("2025-07-15"))
        let b = AsOfView(dataset: shuffled, on: Fixtures.day("2025-07-15"))
        #expect(a.events == b.events)
        #expect(a.quotes == b.quotes)
        #expect(a.commitments == b.commitments)
    }
}
