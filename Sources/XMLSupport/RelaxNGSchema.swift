@preconcurrency import CLibXML2

/// A RELAX NG schema parsed once and used for many documents. libxml2 allows
/// a parsed schema to be shared; each validation gets its own context.
public final class RelaxNGSchema: @unchecked Sendable {
    private let schema: xmlRelaxNGPtr
    public let path: String

    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var issues: [XMLIssue]
        public var description: String {
            "\(path): error: cannot load the RELAX NG schema" + (issues.first.map { ": \($0.message)" } ?? "")
        }
    }

    public init(path: String) throws(LoadError) {
        self.path = path
        let collector = IssueCollector()
        guard let schema = Self.compile(xmlRelaxNGNewParserCtxt(path), reportingTo: collector) else {
            throw LoadError(path: path, issues: collector.issues)
        }
        self.schema = schema
    }

    /// A grammar of our own, given as text, that customises a schema file:
    /// each `include` element directly under its root is pointed at
    /// `included` before the grammar is compiled, so the customisation
    /// follows that schema wherever it is installed. `path` is `included`.
    public init(grammar: String, including included: String) throws(LoadError) {
        self.path = included
        var compiled: xmlRelaxNGPtr?
        var includes = 0
        let issues = XMLDocumentHandle.parse(grammar) { document, collector in
            guard let document, let uri = xmlPathToURI(included) else { return }
            defer { xmlFree(uri) }
            var node = xmlDocGetRootElement(document)?.pointee.children
            while let current = node {
                if current.pointee.type == XML_ELEMENT_NODE, Self.isRelaxNG(current, named: "include") {
                    xmlSetProp(current, "href", uri)
                    includes += 1
                }
                node = current.pointee.next
            }
            // libxml2 compiles a copy of the document.
            if includes > 0 { compiled = Self.compile(xmlRelaxNGNewDocParserCtxt(document), reportingTo: collector) }
        }
        guard let compiled else {
            let problems = includes == 0 && issues.isEmpty ? [XMLIssue(line: 1, column: 1, message: "the grammar includes no schema")] : issues
            throw LoadError(path: included, issues: problems)
        }
        self.schema = compiled
    }

    /// Compiles the grammar `parser` reads, its problems going to `collector`; frees `parser`.
    private static func compile(_ parser: xmlRelaxNGParserCtxtPtr?, reportingTo collector: IssueCollector) -> xmlRelaxNGPtr? {
        guard let parser else { return nil }
        defer { xmlRelaxNGFreeParserCtxt(parser) }
        xmlRelaxNGSetParserStructuredErrors(parser, collectIssue, Unmanaged.passUnretained(collector).toOpaque())
        return xmlRelaxNGParse(parser)
    }

    private static func isRelaxNG(_ node: xmlNodePtr, named name: String) -> Bool {
        guard let localName = node.pointee.name, let href = node.pointee.ns?.pointee.href else { return false }
        return String(cString: localName) == name && String(cString: href) == "http://relaxng.org/ns/structure/1.0"
    }

    deinit { xmlRelaxNGFree(schema) }

    /// The problems of `text` against the schema, with line numbers (empty
    /// when it is valid). A document that is not well-formed reports that.
    public func validate(_ text: String) -> [XMLIssue] {
        XMLDocumentHandle.parse(text) { document, collector in
            guard let document else { return }
            let context = Unmanaged.passUnretained(collector).toOpaque()
            guard let validation = xmlRelaxNGNewValidCtxt(schema) else { return }
            defer { xmlRelaxNGFreeValidCtxt(validation) }
            xmlRelaxNGSetValidStructuredErrors(validation, collectIssue, context)
            if xmlRelaxNGValidateDoc(validation, document) != 0 && collector.issues.isEmpty {
                collector.issues.append(XMLIssue(line: 0, column: 0, message: "the document does not match the schema"))
            }
        }
    }
}

/// Parses XML text for one use, collecting located problems.
enum XMLDocumentHandle {
    static func parse(_ text: String, _ use: (xmlDocPtr?, IssueCollector) -> Void) -> [XMLIssue] {
        let collector = IssueCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let parser = xmlNewParserCtxt()
        defer { xmlFreeParserCtxt(parser) }
        // Errors of this parse go to the collector; libxml2 keeps the handler per thread.
        xmlSetStructuredErrorFunc(context, collectIssue)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let bytes = Array(text.utf8)
        let document = bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(parser, $0, Int32(buffer.count), "document.xml", "UTF-8", options)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if document == nil && collector.issues.isEmpty {
            collector.issues.append(XMLIssue(line: 1, column: 1, message: "the document is empty or could not be parsed"))
        }
        if document != nil { use(document, collector) }
        return collector.issues
    }
}
