import Testing
import XMLSupport

/// What the well-formedness check says, located, for documents of every
/// size: it reads the text's own bytes in place.
@Suite struct XMLCheckTests {
    @Test func aWellFormedDocumentHasNoProblem() {
        #expect(XMLCheck.wellFormedness(of: "<a x=\"1\"><b>é &amp; 日</b></a>") == [])
        // Larger than any buffer libxml2 or a small string keeps inline.
        let rows = String(repeating: "<r>text &lt; more</r>\n", count: 20_000)
        #expect(XMLCheck.wellFormedness(of: "<t>\n" + rows + "</t>") == [])
    }

    @Test func aProblemIsLocated() {
        let issues = XMLCheck.wellFormedness(of: "<a>\n  <b></a>")
        #expect(issues.first?.line == 2)
        #expect(issues.first?.message.contains("mismatch") == true, "\(issues)")
        let rows = String(repeating: "<r/>\n", count: 50_000)
        #expect(XMLCheck.wellFormedness(of: "<t>\n" + rows + "<r>&nbsp;</r></t>").first?.line == 50_002)
    }

    @Test func anEmptyDocumentIsAProblem() {
        let issues = XMLCheck.wellFormedness(of: "")
        #expect(issues.count == 1)
        #expect(issues.first?.message == "Document is empty", "\(issues)")
    }
}
