import Testing
@testable import BriefKit

/// The analysis reads records where the dataset holds them, ranks on keys
/// made once and looks ids up by the strings that hold them. On generated
/// datasets, every brief it makes is the brief the plain analysis
/// (`ReferenceAnalysis`) makes from the plain selection, field for field:
/// the same items in the same order, the same sources, names and dates.
@Suite struct AnalysisByPositionTests {
    @Test(arguments: GeneratedDatasets.all)
    func everyBriefIsThePlainAnalysisBrief(_ generated: GeneratedDatasets.Generated) {
        let dataset = generated.inputs.dataset
        var commitments = 0, quotes = 0, recent = 0
        for day in GeneratedDatasets.days(of: generated.inputs) {
            let view = AsOfView(dataset: dataset, on: day)
            let reference = ReferenceAsOf(dataset: dataset, on: day)
            for definition in AsOfIndexTests.definitions(of: generated.inputs) {
                let brief = BriefAnalyzer.brief(for: definition, in: view)
                let expected = ReferenceAnalysis(reference, definition: definition).brief()
                // Compared whole, reported by part: a brief printed whole is unreadable.
                if brief != expected { Self.explain(brief, expected, "\(definition.id) on \(day)") }
                commitments += expected.commitments.outstanding.count + expected.commitments.closed.count
                quotes += expected.keyQuotes.count + expected.reportedStatements.count
                recent += expected.recent.count
            }
        }
        #expect(commitments > 0 && quotes > 0 && recent > 0)
    }

    /// Records which parts of two briefs differ.
    static func explain(_ brief: Brief, _ expected: Brief, _ what: String) {
        let parts: [(String, Bool)] = [
            ("recent", brief.recent == expected.recent), ("timeline", brief.timeline == expected.timeline),
            ("topics", brief.topics == expected.topics), ("thirdParties", brief.thirdParties == expected.thirdParties),
            ("trend", brief.trend == expected.trend), ("keyQuotes", brief.keyQuotes == expected.keyQuotes),
            ("reportedStatements", brief.reportedStatements == expected.reportedStatements),
            ("commitments", brief.commitments == expected.commitments), ("withdrawn", brief.withdrawn == expected.withdrawn),
            ("sources", brief.sources == expected.sources), ("actors", brief.actors == expected.actors), ("bluf", brief.bluf == expected.bluf),
        ]
        Issue.record("the brief \(what) differs from the plain analysis's in: \(parts.filter { !$0.1 }.map(\.0).joined(separator: ", "))")
    }
}
