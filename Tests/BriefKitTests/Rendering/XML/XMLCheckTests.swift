import Testing
@testable import XMLSupport

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

    /// The check parses without building the document's tree (again with it
    /// where there is a problem, or `xml:id`), and names no encoding to
    /// libxml2 unless the text declares one other than UTF-8: it must find
    /// what a parse building the tree, told the text is UTF-8, finds,
    /// problem for problem, in every kind of document.
    @Test func theCheckFindsWhatAFullParseFinds() {
        let documents = [
            "", " ", "<a/>", "<a>", "</a>", "<a></b>", "<a><b></a></b>", "<a/><b/>", "<a/>text", "text<a/>",
            "<a x='1' x='2'/>", "<a x=1/>", "<a x=\"<\"/>", "<a>&nbsp;</a>", "<a>&amp;&lt;&#65;&#x1F600;&#0;</a>", "<a>&#xD800;</a>",
            "<p:a/>", "<p:a xmlns:p='urn:x'/>", "<a xmlns:p=''/>", "<a xmlns='relative'/>", "<a p:x='1'/>",
            "<a xml:id='1x'/>", "<a><b xml:id='i'/><c xml:id='i'/></a>", "<a xml:lang='en'/>",
            "<!DOCTYPE html><html/>", "<!DOCTYPE a [<!ENTITY e 'text'>]><a>&e;</a>", "<!DOCTYPE a [<!ENTITY e '<b/>'>]><a>&e;</a>",
            "<!DOCTYPE a [<!ENTITY e '<b>'>]><a>&e;</a>", "<!DOCTYPE a [<!ELEMENT a EMPTY>]><a>x</a>", "<!DOCTYPE a SYSTEM 'none.dtd'><a>&e;</a>",
            "<a><![CDATA[<b>]]></a>", "<a><![CDATA[x]]]]><![CDATA[>]]></a>", "<a>]]></a>", "<a><!-- c -- d --></a>", "<a><!----></a>",
            "<a><?pi data?></a>", "<?xml version='1.0'?><a/>", "<?xml version='1.1'?><a>\u{85}</a>", " <?xml version='1.0'?><a/>",
            "<?xml version='1.0' encoding='UTF-8'?><a>é</a>", "<?xml version=\"1.0\" encoding=\"utf8\"?><a>日</a>",
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>é 日</a>", "<?xml version='1.0' encoding='nonsense'?><a/>",
            "<?xml version='1.0' encoding = 'UTF-16'?><a>x</a>", "<?xml version='1.0' encoding?><a/>", "\u{FEFF}<?xml version='1.0'?><a>é</a>",
            "\u{FEFF}<a/>", "<a>\u{1}</a>", "<a>\u{FFFE}</a>", "<a>\u{7F}\u{80}\u{9F}</a>", "<a b='\u{1}'/>", "<a>\r\n</a>",
            "<html xmlns='http://www.w3.org/1999/xhtml'><body><p>Ünïcödé &amp; <b>bold</b></p><br/></body></html>",
            "<a>\n" + String(repeating: "<r>x</r>\n", count: 3_000) + "<r></a>",
        ]
        for document in documents {
            let full = XMLDocumentHandle.parse(document, namingUTF8: true) { _, _ in }
            #expect(XMLCheck.wellFormedness(of: document) == full, "\(document.prefix(80).debugDescription)")
        }
        #expect(XMLCheck.wellFormedness(of: "<!DOCTYPE a [<!ENTITY e 'text'>]><a>&e;</a>") == [])
        #expect(XMLCheck.wellFormedness(of: "<a><b></a>").first?.message.contains("mismatch") == true)
        #expect(XMLCheck.mentionsXMLID("<a xml:id='x'/>") && XMLCheck.mentionsXMLID("xml:id") && !XMLCheck.mentionsXMLID("<a xml:i='d'/>"))
        #expect(!XMLCheck.mentionsXMLID("") && !XMLCheck.mentionsXMLID("xml:i"))
    }

    @Test func onlyAnotherDeclaredEncodingIsNamed() {
        #expect(!XMLDocumentHandle.declaresOtherEncoding("<a/>"))
        #expect(!XMLDocumentHandle.declaresOtherEncoding("<?xml version='1.0'?><a/>"))
        #expect(!XMLDocumentHandle.declaresOtherEncoding("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(!XMLDocumentHandle.declaresOtherEncoding("\u{FEFF}<?xml version='1.0' encoding = 'utf8' ?>"))
        #expect(XMLDocumentHandle.declaresOtherEncoding("<?xml version='1.0' encoding='ISO-8859-1'?>"))
        #expect(XMLDocumentHandle.declaresOtherEncoding("<?xml version='1.0' encoding?>"))
        #expect(XMLDocumentHandle.declaresOtherEncoding("<?xml version='1.0' " + String(repeating: " ", count: 2000) + "?>"))
    }
}
