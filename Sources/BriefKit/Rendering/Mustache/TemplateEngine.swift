import Foundation

/// The Mustache engine of template formats: a format's templates compiled
/// once, rendered over a typed context (`ContextValue`) straight into bytes.
/// It writes what swift-mustache writes from `TemplateContext`'s values, byte
/// for byte, for every template it accepts; `TemplateRenderer` hands the rest
/// to swift-mustache (see `fallbackReason(for:)`).
struct TemplateEngine: Sendable {
    /// By index; a template the engine cannot read has no nodes.
    private let templates: [[TemplateNode]]
    /// `templates` as the writer walks them.
    private let program: TemplateProgram
    private let indexByName: [String: Int]
    private let names: [String]
    /// Why a template is left to swift-mustache, by index.
    private let unsupported: [Int: String]
    /// The templates each one expands (its partials; for one left to
    /// swift-mustache, also its parents), by index.
    private let expands: [[Int]]

    /// `texts` by template name (the file name without `.mustache`), as
    /// swift-mustache parsed them.
    init(texts: [String: String]) {
        let names = texts.keys.sorted()
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() { indexByName[name] = index }
        var templates: [[TemplateNode]] = []
        var unsupported: [Int: String] = [:]
        for (index, name) in names.enumerated() {
            do {
                templates.append(Self.resolvingPartials(try TemplateParser.parse(texts[name] ?? ""), indexByName))
            } catch {
                templates.append([])
                unsupported[index] = "\(name).mustache uses \(error.description)"
            }
        }
        self.templates = templates
        program = TemplateProgram(templates)
        self.indexByName = indexByName
        self.names = names
        self.unsupported = unsupported
        // A template the engine cannot read is followed through the names its
        // tags give, as swift-mustache will expand them.
        expands = names.indices.map { index in
            unsupported[index] == nil
                ? Self.partials(in: templates[index])
                : TemplateTags.expandedNames(in: texts[names[index]] ?? "").compactMap { indexByName[$0] }
        }
    }

    /// Partials named by the index of the template they name.
    private static func resolvingPartials(_ nodes: [TemplateNode], _ indexByName: [String: Int]) -> [TemplateNode] {
        nodes.map { node in
            switch node {
            case .text, .value: return node
            case let .section(path, body): return .section(path, resolvingPartials(body, indexByName))
            case let .invertedSection(path, body): return .invertedSection(path, resolvingPartials(body, indexByName))
            case let .partial(name, _, indentation): return .partial(name: name, index: indexByName[name], indentation: indentation)
            }
        }
    }

    /// Why template `name`, or a partial it reaches, is left to
    /// swift-mustache; nil when the engine renders it.
    func fallbackReason(for name: String) -> String? {
        guard let start = indexByName[name] else { return "there is no \(name).mustache" }
        var seen: Set<Int> = [start]
        var pending = [start]
        while let index = pending.popLast() {
            if let reason = unsupported[index] { return reason }
            for partial in Self.partials(in: templates[index]) where seen.insert(partial).inserted {
                pending.append(partial)
            }
        }
        return nil
    }

    /// A chain of partials from template `name` to a template already on it
    /// (`["brief", "item", "row", "item"]`), or nil when every chain ends.
    /// A brief's data has no nesting for such a chain to end on (a name
    /// missing in an item is looked up in the items around it), so the
    /// template would never finish; it is refused before anything is rendered.
    /// A template left to swift-mustache is followed through its partials and
    /// its parents (`{{< name}}`): swift-mustache expands a parent that
    /// leads back to its child until the stack runs out, a crash. Dynamic
    /// partials (`{{>* name}}`) name a template only when rendered, and are
    /// not followed.
    func partialCycle(from name: String) -> [String]? {
        guard let start = indexByName[name] else { return nil }
        var finished = Set<Int>()
        var path: [Int] = []
        func visit(_ index: Int) -> [String]? {
            if path.contains(index) { return (path + [index]).map { names[$0] } }
            // Deeper chains are refused as too deep (`TemplateRenderer.tooDeep`);
            // walking them would only risk the stack.
            guard path.count <= TemplateTags.nestingLimit else { return nil }
            guard finished.insert(index).inserted else { return nil }
            path.append(index)
            defer { path.removeLast() }
            for partial in expands[index] {
                if let cycle = visit(partial) { return cycle }
            }
            return nil
        }
        return visit(start)
    }

    private static func partials(in nodes: [TemplateNode]) -> [Int] {
        nodes.flatMap { node -> [Int] in
            switch node {
            case .text, .value: return []
            case let .section(_, body), let .invertedSection(_, body): return partials(in: body)
            case let .partial(_, index, _): return index.map { [$0] } ?? []
            }
        }
    }

    /// Template `name` over `root`; nil when a tag names a value swift-mustache
    /// would write as Swift describes it (an object, a non-empty list), which
    /// the engine leaves to it. Call only for a template `fallbackReason(for:)`
    /// accepts.
    /// `root` is a place in `tree`, or holds places in it.
    func render(_ name: String, tree: FlatTree, root: ContextValue, escaping: EscapingRule) -> String? {
        guard let index = indexByName[name], unsupported[index] == nil else { return nil }
        var writer = TemplateWriter(program: program, tree: tree, root: root, escaping: escaping, capacity: 1 << 16)
        do {
            try withExtendedLifetime(program) { () throws(TemplateWriter.Unsupported) in try writer.render(template: index) }
        } catch {
            return nil
        }
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// Template `name` over any JSON value as its root.
    func render(_ name: String, json: JSONValue, escaping: EscapingRule) -> String? {
        guard let tree = try? FlatTree(json: json) else { return nil }
        return render(name, tree: tree, root: ContextValue(node: tree.root, of: tree), escaping: escaping)
    }
}

/// The tags of a template's text, read the way swift-mustache reads them,
/// far enough to know what it will expand and how deep its sections nest.
enum TemplateTags {
    /// How deep sections and partials may nest, through the partials and
    /// parents a template expands too. No layout needs more; far deeper,
    /// laying out (or swift-mustache's parser) runs out of stack, a crash.
    static let nestingLimit = 100

    /// One tag: what is between its delimiters, trimmed, and where its
    /// opening delimiter starts. A triple mustache (a value) is left out.
    struct Tag {
        var content: String
        var start: String.Index
    }

    /// The tags of `text`, in order, under the delimiters it sets (`{{=<% %>=}}`).
    /// Delimiters are found by their bytes, in one pass: every format's
    /// templates are read this way at the start of every run.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let bytes = text.utf8
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var position = bytes.startIndex
        while let start = find(open, in: bytes, from: position) {
            var inside = start.upperBound
            // A triple mustache, a value, ends with one more brace than its delimiters.
            let triple = open == Array("{{".utf8) && inside < bytes.endIndex && bytes[inside] == UInt8(ascii: "{")
            if triple { inside = bytes.index(after: inside) }
            guard let stop = find(triple ? Array("}".utf8) + close : close, in: bytes, from: inside) else { break }
            let content = text[inside..<stop.lowerBound].trimmingCharacters(in: .whitespaces)
            position = stop.upperBound
            if triple { continue }
            if content.hasPrefix("="), content.hasSuffix("="), content.count > 1 {
                let delimiters = content.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if delimiters.count == 2 {
                    open = Array(delimiters[0].utf8)
                    close = Array(delimiters[1].utf8)
                }
                continue
            }
            tags.append(Tag(content: content, start: start.lowerBound))
        }
        return tags
    }

    /// Where `pattern` first occurs in `bytes` from `position` on.
    private static func find(_ pattern: [UInt8], in bytes: String.UTF8View, from position: String.Index) -> Range<String.Index>? {
        guard let first = pattern.first else { return nil }
        var candidate = position
        while let found = bytes[candidate...].firstIndex(of: first) {
            var end = found
            var matched = true
            for byte in pattern {
                guard end < bytes.endIndex, bytes[end] == byte else {
                    matched = false
                    break
                }
                end = bytes.index(after: end)
            }
            if matched { return found..<end }
            candidate = bytes.index(after: found)
        }
        return nil
    }

    /// The template a partial (`{{> name}}`) or parent (`{{< name}}`) tag
    /// names; nil for any other tag and for a dynamic partial (`{{>* name}}`).
    static func expanded(by tag: Tag) -> String? {
        guard let kind = tag.content.first, kind == ">" || kind == "<" else { return nil }
        let name = tag.content.dropFirst().trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name.hasPrefix("*") ? nil : name
    }

    /// The names of the partial and parent tags of `text`, in order.
    static func expandedNames(in text: String) -> [String] {
        tags(in: text).compactMap(expanded(by:))
    }

    /// Each tag of `text` with the number of sections (and blocks, and
    /// parents) open around it, itself included when it opens one.
    static func depths(in text: String) -> [(tag: Tag, depth: Int)] {
        var depth = 0
        return tags(in: text).map { tag in
            switch tag.content.first {
            case "#", "^", "$", "<":
                depth += 1
                return (tag, depth)
            case "/":
                defer { depth = max(0, depth - 1) }
                return (tag, depth)
            default:
                return (tag, depth)
            }
        }
    }

    /// The line and column (in Unicode scalars) of `index` in `text`.
    static func place(of index: String.Index, in text: String) -> (line: Int, column: Int) {
        let before = text[..<index]
        let line = before.reduce(into: 1) { count, character in if character == "\n" || character == "\r\n" { count += 1 } }
        let lineStart = before.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }).map { text.index(after: $0) } ?? text.startIndex
        return (line, text[lineStart..<index].unicodeScalars.count + 1)
    }
}
