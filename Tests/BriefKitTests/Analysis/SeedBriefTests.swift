import Testing
@testable import BriefKit

/// What the issue asks of the seed brief after the article.
@Suite struct SeedBriefTests {
    let brief: Brief

    init() throws {
        let inputs = try Fixtures.load(Fixtures.seed)
        let definition = try #require(inputs.definitions.first { $0.id == "azerbaijan-syria" })
        brief = BriefAnalyzer.brief(for: definition, in: inputs.dataset, on: Fixtures.day("2025-05-01"))
    }

    @Test func theMeetingLeadsRecentDevelopments() {
        #expect(brief.recent.first?.id == "aliyev-al-sharaa-meeting-2025-04-11")
        #expect(brief.bluf.contains("Latest development (11 April 2025): Aliyev meets Syria's interim president al-Sharaa in Antalya."))
    }

    @Test func quotesAreVerbatimWithTheSpeakersRoleOnTheDay() throws {
        let hypocrisy = try #require(brief.keyQuotes.first { $0.id == "q-aliyev-armenia-hypocrisy" })
        #expect(hypocrisy.text.hasPrefix("Now, perhaps, the Armenian government thinks that no one remembers this"))
        #expect(hypocrisy.text.contains("Armenia’s hypocrisy"))
        #expect(hypocrisy.role == "President of Azerbaijan")
        let ministry = try #require(brief.keyQuotes.first { $0.id == "q-aze-mfa-embassy-resume-2012" })
        #expect(ministry.text.hasPrefix("hope[s] that the situation"))
        #expect(brief.reportedStatements.first { $0.speaker == "ahmad-al-sharaa" }?.role == "Interim President of Syria")
    }

    @Test func theVisitsAgreementAndTheInvitationAreOutstanding() {
        let outstanding = Set(brief.commitments.outstanding.map(\.id))
        #expect(outstanding.isSuperset(of: ["c-aze-syr-mutual-visits-2025", "c-aliyev-invites-al-sharaa-2025"]))
        #expect(brief.commitments.outstanding.allSatisfy { $0.status == .open && !$0.overdue })
    }

    @Test func theGasAgreementShowsItsQuantityAndTheStatusTheDataGives() throws {
        let gas = try #require(brief.commitments.unknown.first { $0.id == "c-aze-syr-gas-supply-2010" })
        #expect(gas.quantity == "1.5 billion m3 of gas per year")
        #expect(gas.status == .unknown)
        #expect(gas.madeDisplay == "2010")
    }

    @Test func everyItemPointsToItsSource() {
        let items: [[CitationItem]] = brief.recent.map(\.sources) + brief.timeline.map(\.sources) + brief.keyQuotes.map(\.sources)
            + brief.reportedStatements.map(\.sources) + (brief.commitments.outstanding + brief.commitments.unknown).map(\.sources)
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0.map(\.source) == ["src-2025-04-aze-syr-antalya"] })
        #expect(brief.sources.map(\.id) == ["src-2025-04-aze-syr-antalya"])
        #expect(brief.sources.first?.grade == "B2")
    }
}
