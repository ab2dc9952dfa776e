import Testing
@testable import BriefKit

/// The as-of view on the bundled seed dataset (Briefs/).
@Suite struct SeedAsOfTests {
    let inputs: Inputs
    let definition: BriefDefinition

    init() throws {
        inputs = try Fixtures.load(Fixtures.seed)
        definition = try #require(inputs.definitions.first)
    }

    func selection(_ iso: String) -> BriefSelection {
        BriefSelection(view: AsOfView(dataset: inputs.dataset, on: Fixtures.day(iso)), definition: definition)
    }

    @Test func seedChecksClean() {
        #expect(inputs.diagnostics.filter(\.isError).map(\.description) == [])
        #expect(inputs.definitions.map(\.id) == ["azerbaijan-syria"])
    }

    @Test func beforeTheArticleNothingOfItIsKnown() {
        let before = selection("2025-04-10")
        #expect(before.events.isEmpty)
        #expect(before.quotes.isEmpty)
        #expect(before.commitments.isEmpty)
        #expect(!before.view.events.contains { $0.id == "aliyev-al-sharaa-meeting-2025-04-11" })
    }

    @Test func afterTheArticleTheMeetingIsKnownAndTheCommitmentsOpen() throws {
        let after = selection("2025-05-01")
        let meeting = try #require(after.events.first { $0.record.id == "aliyev-al-sharaa-meeting-2025-04-11" })
        #expect(meeting.scope == .bilateral)
        #expect(meeting.record.sources.map(\.source.id) == ["src-2025-04-aze-syr-antalya"])
        let commitments = Dictionary(uniqueKeysWithValues: after.commitments.map { ($0.record.commitment.id, $0.record) })
        #expect(commitments["c-aze-syr-mutual-visits-2025"]?.status == .open)
        #expect(commitments["c-aliyev-invites-al-sharaa-2025"]?.status == .open)
        #expect(commitments["c-aze-syr-mutual-visits-2025"]?.standing == .outstanding)
        #expect(commitments["c-aze-syr-gas-supply-2010"]?.commitment.quantity?.contains("1.5") == true)
    }

    @Test func rolesOnTheDateOfEachQuote() throws {
        let dataset = inputs.dataset
        // Al-Assad's presidency has ended: on the 2009 visit he was president, today he holds no role.
        let visit = try #require(dataset.eventsByID["al-assad-visit-baku-2009-07"])
        #expect(dataset.level(of: "bashar-al-assad", on: visit.date) == .head)
        #expect(dataset.role(of: "bashar-al-assad", on: try EDTFDate(parsing: "2025-04-11")) == nil)
        #expect(dataset.role(of: "ahmad-al-sharaa", on: try EDTFDate(parsing: "2025-04-11"))?.level == .head)
    }

    @Test func thirdPartiesAreTheRelatedStatesInPlay() {
        let after = selection("2025-05-01")
        let related = Set(definition.related.map(\.id))
        #expect(!after.thirdParties.isEmpty)
        #expect(after.thirdParties.allSatisfy { related.contains($0.state) && $0.records > 0 })
    }
}
