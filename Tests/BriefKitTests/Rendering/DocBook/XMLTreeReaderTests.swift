import Testing
@testable import BriefKit

/// The reader the rendering suites check output with reads what they rely on.
@Suite struct XMLTreeReaderTests {
    @Test func readsNamespacesAttributesAndText() throws {
        let tree = try XMLTree.parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE document SYSTEM "CommonMark.dtd">
            <!-- a comment -->
            <a xmlns="urn:a" xmlns:s="urn:s" xml:id="top" k='v&amp;w'>
            <s:b x="1">one &lt;&#x41;&#66;&gt; &quot;<![CDATA[<raw>]]></s:b><c/><?pi x?>
            </a>
            """)
        #expect(tree.name == "a")
        #expect(tree.namespace == "urn:a")
        #expect(tree.id == "top")
        #expect(tree.attribute("k") == "v&w")
        #expect(tree.elements.map(\.name) == ["b", "c"])
        let b = try #require(tree.elements.first)
        #expect(b.namespace == "urn:s")
        #expect(b.attribute("x") == "1")
        #expect(b.text == "one <AB> \"<raw>")
        #expect(tree.elements.last?.namespace == "urn:a")
        #expect(tree.allElements.count == 3)
    }

    @Test(arguments: ["<a>", "<a></b>", "<a>&nbsp;</a>", "<p:a/>", "<a/><b/>"])
    func refusesWhatIsNotWellFormed(_ text: String) {
        #expect(throws: XMLReadError.self) { try XMLTree.parse(text) }
    }
}
