import Foundation
import Testing
@testable import BriefKit

// Shared by the DocBook, Markdown and text rendering suites: the briefs they
// render, the external tools they check the output with, and a small XML tree
// to read that output (and cmark-gfm's) back.

/// A brief to render: a dataset, a definition, a date, and whether its texts
/// are replaced by markup meant to break out of each format.
struct RenderCase: Sendable, CustomTestStringConvertible {
    enum Source: String, Sendable {
        case seed, freedonia
    }

    let source: Source
    let date: String
    let hostile: Bool

    init(_ source: Source, _ date: String, hostile: Bool = false) {
        self.source = source
        self.date = date
        self.hostile = hostile
    }

    var testDescription: String { "\(source.rawValue) \(date)\(hostile ? " with hostile texts" : "")" }

    /// The seed on the day the article is known, and before it (every list
    /// empty); the fictional fixture before anything is known, on the first
    /// day, after a retraction, and after a commitment closed; and a brief
    /// whose every text is markup.
    static let all: [RenderCase] = [
        RenderCase(.seed, "2025-05-01"),
        RenderCase(.seed, "2025-04-10"),
        RenderCase(.freedonia, "2025-03-09"),
        RenderCase(.freedonia, "2025-03-10"),
        RenderCase(.freedonia, "2025-06-01"),
        RenderCase(.freedonia, "2025-07-15"),
        RenderCase(.freedonia, "2025-07-15", hostile: true),
        RenderCase(.seed, "2025-05-01", hostile: true),
    ]

    /// The cases with real data only.
    static let plain: [RenderCase] = all.filter { !$0.hostile }

    func brief() throws -> Brief {
        let paths = source == .seed ? Fixtures.seed : Fixtures.freedonia
        let inputs = try Fixtures.load(paths)
        try #require(!inputs.hasErrors, "the \(source.rawValue) dataset has errors: \(inputs.errors.map(\.description))")
        let id = source == .seed ? "azerbaijan-syria" : "freedonia-sylvania"
        let definition = try #require(inputs.definitions.first { $0.id == id })
        let brief = BriefAnalyzer.brief(for: definition, in: inputs.dataset, on: Fixtures.day(date))
        return hostile ? Hostile.brief(from: brief) : brief
    }

    /// The brief in `format`, rendered with the built-in templates (what ships).
    func render(_ format: String) throws -> (Brief, String) {
        let brief = try brief()
        return (brief, try Rendering.render(brief, as: format))
    }
}

enum Rendering {
    /// Renders with the built-in templates; a RenderFailure (the format's own
    /// validator rejecting the output) fails the test with its message.
    static func render(_ brief: Brief, as format: String) throws -> String {
        let registry = try RendererRegistry(templates: TemplateSearchPath(layers: [.builtIn]))
        let renderer = try #require(registry.renderer(named: format), "no renderer named \(format)")
        return try renderer.render(brief)
    }
}

/// Texts that would become structure if a template or the escaping let them
/// through: headings, list items, quotes, code, tables, HTML, links, entities.
enum Hostile {
    static let text = """
        # Heading? #
        - item?
        1. ordered?
        > quote?
            indented code?
        ```
        <div>html block?</div> <b>inline</b> <!-- comment -->
        ---
        ===
        | cell | cell |
        [link](https://example.com/a_b) *em* _em_ `code` ~~del~~ **strong**
        &amp; &nbsp; &#39; www.example.com a@b.co \\ ]]> "quoted" 'single' 100%
        + plus\u{20}\u{20}
        2) paren
        """

    static func mark(_ label: String) -> String { "\(label): \(text)" }

    /// `brief` with every free text replaced by hostile markup (ids, dates,
    /// grades and enumerations are kept: they are validated by `brief check`).
    static func brief(from original: Brief) -> Brief {
        var brief = original
        brief.title = mark("title")
        brief.audience = mark("audience")
        brief.note = mark("note")
        brief.bluf = mark("bluf")
        brief.recent = brief.recent.map(event)
        brief.timeline = brief.timeline.map(event)
        brief.topics = brief.topics.map { TopicCount(topic: mark("topic"), count: $0.count) }
        brief.thirdParties = brief.thirdParties.map { ThirdParty(id: $0.id, name: mark("third party"), records: $0.records) }
        brief.keyQuotes = brief.keyQuotes.map(quote)
        brief.reportedStatements = brief.reportedStatements.map(quote)
        brief.commitments.outstanding = brief.commitments.outstanding.map(commitment)
        brief.commitments.unknown = brief.commitments.unknown.map(commitment)
        brief.commitments.closed = brief.commitments.closed.map(commitment)
        brief.withdrawn = brief.withdrawn.map { item in
            var item = item
            item.title = mark("withdrawn")
            item.note = mark("retraction note")
            return item
        }
        brief.sources = brief.sources.map { source in
            var source = source
            source.title = mark("source")
            source.publisher = mark("publisher")
            source.url = "https://example.com/?q=<b>&x=1_2*3*"
            source.note = mark("source note")
            return source
        }
        brief.actors = brief.actors.map { actor in
            var actor = actor
            actor.name = mark("actor")
            return actor
        }
        return brief
    }

    static func event(_ original: EventItem) -> EventItem {
        var event = original
        event.title = mark("event")
        event.summary = mark("summary")
        event.location = mark("location")
        event.venue = mark("venue")
        return event
    }

    static func quote(_ original: QuoteItem) -> QuoteItem {
        var quote = original
        quote.text = mark("quote \(original.id)")
        quote.speakerName = mark("speaker")
        quote.role = original.role.map { _ in mark("role") }
        quote.venue = mark("venue")
        return quote
    }

    static func commitment(_ original: CommitmentItem) -> CommitmentItem {
        var commitment = original
        commitment.text = mark("commitment \(original.id)")
        commitment.byNames = original.byNames.map { _ in mark("by") }
        commitment.toNames = original.toNames.map { _ in mark("to") }
        commitment.quantity = mark("quantity")
        if var update = commitment.lastUpdate {
            update.note = mark("update note")
            commitment.lastUpdate = update
        }
        return commitment
    }
}

/// Whitespace runs as one space, trimmed: for tools that rewrap text. With
/// `keepingLines`, each line is normalised on its own.
func normalisedWhitespace(_ text: String, keepingLines: Bool = false) -> String {
    guard keepingLines else { return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { normalisedWhitespace(String($0)) }.joined(separator: "\n")
}

// MARK: - External tools

struct ToolResult {
    var status: Int32
    var output: String
    var errors: String
}

struct MissingTool: Error, CustomStringConvertible {
    var name: String
    var description: String {
        "\(name) is not installed (not found on PATH): install the test tools with scripts/install-deps.sh --test"
    }
}

enum ExternalTool {
    /// The DocBook 5.0 RELAX NG schema the built-in check uses.
    static var docbookSchema: String { OutputValidator.docbookSchemaPath }

    static func path(of name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw MissingTool(name: name)
    }

    /// Runs `name` in `folder`, its output and errors collected through files
    /// in that folder (no pipe to fill up), and never through a shell.
    static func run(_ name: String, _ arguments: [String], in folder: URL) throws -> ToolResult {
        let executable = try path(of: name)
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent("\(name)-\(id).out")
        let errURL = folder.appendingPathComponent("\(name)-\(id).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment["HOME"] = folder.path
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ToolResult(status: process.terminationStatus,
                          output: try String(contentsOf: outURL, encoding: .utf8),
                          errors: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A fresh folder under the system's temporary directory, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-render-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

extension String {
    func write(into folder: URL, named name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(utf8).write(to: url)
        return url.path
    }
}

// MARK: - A read-only XML tree

/// An element with its namespace, attributes and children, read from XML
/// text that libxml2 has already found well-formed (the DocBook briefs,
/// cmark-gfm's output). A small reader of its own: FoundationXML's nodes
/// crash when read from several test threads at once.
struct XMLTree: Sendable {
    enum Child: Sendable {
        case element(XMLTree)
        case text(String)
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    var name: String
    var namespace: String?
    /// Keyed by "{namespace}local" for a namespaced attribute, else by its name.
    var attributes: [String: String]
    var children: [Child]

    static func parse(_ text: String) throws -> XMLTree {
        var reader = XMLTreeReader(text)
        return try reader.document()
    }

    func attribute(_ name: String, namespace: String? = nil) -> String? {
        attributes[namespace.map { "{\($0)}\(name)" } ?? name]
    }

    var id: String? { attribute("id", namespace: Self.xmlNamespace) }

    /// Element children, in order.
    var elements: [XMLTree] {
        children.compactMap { if case let .element(element) = $0 { return element } else { return nil } }
    }

    func elements(named name: String) -> [XMLTree] { elements.filter { $0.name == name } }

    /// This element and every element under it, in document order.
    var allElements: [XMLTree] { [self] + elements.flatMap(\.allElements) }

    func descendants(named name: String) -> [XMLTree] { elements.flatMap(\.allElements).filter { $0.name == name } }

    func element(withID id: String) -> XMLTree? { allElements.first { $0.id == id } }

    /// Every text under this element, concatenated.
    var text: String {
        children.map { child in
            switch child {
            case let .text(text): return text
            case let .element(element): return element.text
            }
        }.joined()
    }
}

/// An NCName (Namespaces in XML 1.0): an XML Name without a colon, what
/// `xml:id` requires.
func isNCName(_ text: String) -> Bool {
    func isStart(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }
    func isName(_ v: UInt32) -> Bool {
        isStart(v) || v == 0x2D || v == 0x2E || (0x30...0x39).contains(v) || v == 0xB7 || (0x300...0x36F).contains(v)
            || (0x203F...0x2040).contains(v)
    }
    let scalars = Array(text.unicodeScalars)
    guard let first = scalars.first, isStart(first.value) else { return false }
    return scalars.dropFirst().allSatisfy { isName($0.value) }
}

struct XMLReadError: Error, CustomStringConvertible {
    var offset: Int
    var message: String
    var description: String { "XML at character \(offset): \(message)" }
}

/// Reads elements, attributes, text, character and the five predefined
/// entity references, CDATA, comments, processing instructions and a
/// doctype without internal subset; resolves namespaces.
struct XMLTreeReader {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) {
        scalars = Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").unicodeScalars)
    }

    func fail(_ message: String) -> XMLReadError { XMLReadError(offset: index, message: message) }

    func at(_ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        return index + wanted.count <= scalars.count && Array(scalars[index..<(index + wanted.count)]) == wanted
    }

    mutating func skip(past end: String) throws {
        while index < scalars.count, !at(end) { index += 1 }
        guard at(end) else { throw fail("no \(end)") }
        index += end.unicodeScalars.count
    }

    mutating func skipSpace() {
        while index < scalars.count, [" ", "\n", "\t"].contains(scalars[index]) { index += 1 }
    }

    /// Comments, processing instructions and the doctype before or after the root.
    mutating func skipMisc() throws {
        while true {
            skipSpace()
            if at("<?") { try skip(past: "?>") } else if at("<!--") { try skip(past: "-->") } else if at("<!DOCTYPE") {
                var depth = 0
                while index < scalars.count {
                    let c = scalars[index]
                    index += 1
                    if c == "[" { depth += 1 } else if c == "]" { depth -= 1 } else if c == ">" && depth == 0 { break }
                }
            } else { return }
        }
    }

    mutating func document() throws -> XMLTree {
        try skipMisc()
        guard at("<") else { throw fail("no root element") }
        let root = try element(namespaces: ["xml": XMLTree.xmlNamespace])
        try skipMisc()
        guard index == scalars.count else { throw fail("content after the root element") }
        return root
    }

    mutating func name() throws -> String {
        let start = index
        while index < scalars.count, !([" ", "\n", "\t", "=", ">", "/"].contains(scalars[index])) { index += 1 }
        guard index > start else { throw fail("a name is missing") }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    mutating func reference() throws -> String {
        index += 1
        let start = index
        while index < scalars.count, scalars[index] != ";" { index += 1 }
        guard index < scalars.count else { throw fail("unterminated reference") }
        let body = String(String.UnicodeScalarView(scalars[start..<index]))
        index += 1
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            let number = body.hasPrefix("#x") ? UInt32(body.dropFirst(2), radix: 16) : body.hasPrefix("#") ? UInt32(body.dropFirst()) : nil
            guard let number, let scalar = Unicode.Scalar(number) else { throw fail("unknown reference &\(body);") }
            return String(Character(scalar))
        }
    }

    mutating func element(namespaces inherited: [String: String]) throws -> XMLTree {
        index += 1  // "<"
        let qualified = try name()
        var raw: [(String, String)] = []
        while true {
            skipSpace()
            guard index < scalars.count else { throw fail("unterminated tag <\(qualified)") }
            if at("/>") || at(">") { break }
            let attribute = try name()
            skipSpace()
            guard index < scalars.count, scalars[index] == "=" else { throw fail("no = after \(attribute)") }
            index += 1
            skipSpace()
            guard index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" else { throw fail("unquoted \(attribute)") }
            let quote = scalars[index]
            index += 1
            var value = ""
            while index < scalars.count, scalars[index] != quote {
                if scalars[index] == "&" {
                    value += try reference()
                } else {
                    let c = scalars[index]
                    value.unicodeScalars.append(c == "\n" || c == "\t" ? " " : c)
                    index += 1
                }
            }
            guard index < scalars.count else { throw fail("unterminated value of \(attribute)") }
            index += 1
            raw.append((attribute, value))
        }
        var namespaces = inherited
        for (key, value) in raw {
            if key == "xmlns" { namespaces[""] = value } else if key.hasPrefix("xmlns:") { namespaces[String(key.dropFirst(6))] = value }
        }
        func split(_ qualified: String) -> (String?, String) {
            guard let colon = qualified.firstIndex(of: ":") else { return (nil, qualified) }
            return (String(qualified[..<colon]), String(qualified[qualified.index(after: colon)...]))
        }
        let (prefix, local) = split(qualified)
        let namespace = namespaces[prefix ?? ""]
        if let prefix, namespace == nil { throw fail("undeclared prefix \(prefix)") }
        var attributes: [String: String] = [:]
        for (key, value) in raw where key != "xmlns" && !key.hasPrefix("xmlns:") {
            let (attributePrefix, attributeLocal) = split(key)
            if let attributePrefix {
                guard let uri = namespaces[attributePrefix] else { throw fail("undeclared prefix \(attributePrefix)") }
                attributes["{\(uri)}\(attributeLocal)"] = value
            } else {
                attributes[key] = value
            }
        }
        var tree = XMLTree(name: local, namespace: namespace?.isEmpty == true ? nil : namespace, attributes: attributes, children: [])
        if at("/>") {
            index += 2
            return tree
        }
        index += 1  // ">"
        var text = ""
        func flush() {
            if !text.isEmpty { tree.children.append(.text(text)) }
            text = ""
        }
        while true {
            guard index < scalars.count else { throw fail("unclosed <\(qualified)>") }
            if at("</") {
                index += 2
                let closing = try name()
                guard closing == qualified else { throw fail("</\(closing)> closes <\(qualified)>") }
                skipSpace()
                guard index < scalars.count, scalars[index] == ">" else { throw fail("unterminated </\(closing)") }
                index += 1
                flush()
                return tree
            } else if at("<!--") {
                try skip(past: "-->")
            } else if at("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                text += String(String.UnicodeScalarView(scalars[start..<(index - 3)]))
            } else if at("<?") {
                try skip(past: "?>")
            } else if at("<") {
                flush()
                tree.children.append(.element(try element(namespaces: namespaces)))
            } else if scalars[index] == "&" {
                text += try reference()
            } else {
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
    }
}
