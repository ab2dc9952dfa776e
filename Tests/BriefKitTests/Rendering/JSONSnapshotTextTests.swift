import Foundation
import Testing
@testable import BriefKit

/// The snapshot is written straight from the model (`JSONTextWriter`): it
/// must be, byte for byte, what `JSONText` writes from the brief's tree (held
/// to `JSONEncoder` by `JSONTextTests`), or a past `brief.json` and every
/// render key made from it would change.
@Suite struct JSONSnapshotTextTests {
    @Test func everyBriefIsWrittenAsFromItsTree() throws {
        #expect(JSONTreeTests.briefs.count > 20)
        for brief in JSONTreeTests.briefs {
            #expect(try JSONTextWriter.text(of: brief) == JSONText.pretty(brief.jsonTree()), "\(brief.brief) on \(brief.asOf)")
        }
    }

    /// Empty lists and absent optionals, which the fixtures hold only here and there.
    @Test func emptyListsAndAbsentFieldsAreWrittenAsFromTheTree() throws {
        var brief = try #require(JSONTreeTests.briefs.first { !$0.commitments.outstanding.isEmpty && !$0.timeline.isEmpty })
        brief.audience = nil
        brief.note = nil
        brief.related = []
        brief.recent = []
        brief.commitments.outstanding[0].history = []
        brief.commitments.outstanding[0].lastUpdate = nil
        brief.commitments.outstanding[0].due = nil
        brief.timeline[0].weight = nil
        brief.timeline[0].sources = []
        brief.timeline[0].participants = []
        brief.trend.points = []
        #expect(try JSONTextWriter.text(of: brief) == JSONText.pretty(brief.jsonTree()))
        let text = try JSONTextWriter.text(of: brief)
        #expect(text.contains("\"recent\" : [\n\n  ],"))
        #expect(!text.contains("\"audience\""))
    }

    @Test func aNonFiniteNumberFailsTheSnapshot() throws {
        var brief = try #require(JSONTreeTests.briefs.first { !$0.trend.points.isEmpty })
        brief.trend.recentScore = .infinity
        #expect(throws: JSONValueEncoder.NonFiniteNumber.self) { try JSONTextWriter.text(of: brief) }
        #expect(throws: RenderFailure.self) { try BriefSnapshot(brief) }
        #expect(throws: RenderFailure.self) { try JSONRenderer().render(brief) }
    }
}
