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
    /// With `buildsTree` false, the parser checks the text without building
    /// its elements, text and comments (the document and any DTD are still
    /// built, so that entities declared in it are known): what a check of
    /// well-formedness needs, and `use` is then given no element to read.
    /// `namingUTF8` decides whether libxml2 is told the text is UTF-8 (by
    /// default, only when it declares another encoding: see below).
    static func parse(_ text: String, buildsTree: Bool = true, namingUTF8: Bool? = nil,
                      _ use: (xmlDocPtr?, IssueCollector) -> Void) -> [XMLIssue] {
        let collector = IssueCollector()
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let parser = xmlNewParserCtxt()
        defer { xmlFreeParserCtxt(parser) }
        if !buildsTree, let sax = parser?.pointee.sax {
            sax.pointee.startElementNs = nil
            sax.pointee.endElementNs = nil
            sax.pointee.startElement = nil
            sax.pointee.endElement = nil
            sax.pointee.characters = nil
            sax.pointee.ignorableWhitespace = nil
            sax.pointee.cdataBlock = nil
            sax.pointee.comment = nil
            sax.pointee.processingInstruction = nil
            sax.pointee.reference = nil
        }
        // Errors of this parse go to the collector; libxml2 keeps the handler per thread.
        xmlSetStructuredErrorFunc(context, collectIssue)
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        // The text is UTF-8. Named as such, libxml2 copies it through a
        // converter; left unnamed, it reads it as it is, which it does only
        // when the text declares UTF-8 or no encoding at all.
        let encoding = namingUTF8 ?? declaresOtherEncoding(text) ? "UTF-8" : nil
        let read = { (buffer: UnsafeBufferPointer<UInt8>) -> xmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(parser, $0, Int32(buffer.count), "document.xml", encoding, options)
            }
        }
        // The string's own bytes where it holds them in one piece (a layout
        // always does): a copy of each document was a megabyte per brief.
        let document = text.utf8.withContiguousStorageIfAvailable(read) ?? Array(text.utf8).withUnsafeBufferPointer(read)
        defer { if let document { xmlFreeDoc(document) } }
        if document == nil && collector.issues.isEmpty {
            collector.issues.append(XMLIssue(line: 1, column: 1, message: "the document is empty or could not be parsed"))
        }
        if document != nil { use(document, collector) }
        return collector.issues
    }

    /// Whether the text starts with an XML declaration that names an
    /// encoding other than UTF-8 (a byte-order mark may come before it).
    static func declaresOtherEncoding(_ text: String) -> Bool {
        var bytes = Array(text.utf8.prefix(1024))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.starts(with: Array("<?xml".utf8)) else { return false }
        // A declaration too long to read here is left to the converter, as before.
        guard let end = bytes.firstRange(of: Array("?>".utf8)) else { return true }
        let declaration = bytes[..<end.lowerBound]
        guard let name = declaration.firstRange(of: Array("encoding".utf8)) else { return false }
        let blank: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        var rest = declaration[name.upperBound...].drop { blank.contains($0) }
        guard rest.first == UInt8(ascii: "=") else { return true }
        rest = rest.dropFirst().drop { blank.contains($0) }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return true }
        let value = String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self).lowercased()
        return value != "utf-8" && value != "utf8"
    }
}
