import Foundation
import Testing
@testable import BriefKit

/// The JSON snapshot keeps hostile text exactly: NUL, every other control,
/// CR, DEL and the non-characters included, since JSON can carry them all.
@Suite("Adversarial text in JSON")
struct JSONAdversarialTests {
    @Test func theSnapshotKeepsEveryCharacter() throws {
        let brief = try AdversarialBrief.brief()
        let values = try AdversarialBrief.fieldValues(of: brief)
        // The fixture reached the model whole: every label, every value ending with the payload.
        for label in AdversarialBrief.shownInMarkup + ["u-closed.note"] {
            #expect(values[label]?.hasSuffix(AdversarialBrief.core) == true, "⟦\(label)⟧ did not reach the brief whole")
        }
        #expect(brief.sources.contains { $0.url == AdversarialBrief.url })

        let renderer = try #require(try AdversarialBrief.renderer("json"))
        let json = try renderer.render(brief)
        let (escapedNUL, rawControls) = (json.contains(#"\u0000nul"#), json.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }.count)
        #expect(escapedNUL, "NUL is not written as \\u0000")
        #expect(rawControls == 0, "a raw control character in the JSON text")

        let decoded = try JSONDecoder().decode(Brief.self, from: Data(json.utf8))
        let same = decoded == brief
        #expect(same, "the snapshot does not read back as the same brief")
        let sameValues = try AdversarialBrief.fieldValues(of: decoded) == values
        #expect(sameValues, "the hostile values do not read back the same")
        let title = decoded.title.unicodeScalars
        #expect(title.contains("\0") && title.contains("\r") && title.contains("\u{7F}") && title.contains("\u{FFFE}"), "the title lost a control character")

        // A reader in another language sees the same strings.
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let (sameTitle, sameNote) = (object?["title"] as? String == brief.title, object?["note"] as? String == brief.note)
        #expect(sameTitle && sameNote, "JSONSerialization reads other strings")
    }
}
