import Foundation

/// The Mustache engine of template formats: a format's templates compiled
/// once, rendered over a typed context (`ContextValue`) straight into bytes.
/// It writes what swift-mustache writes from `TemplateContext`'s values, byte
/// for byte, for every template it accepts; `TemplateRenderer` hands the rest
/// to swift-mustache (see `fallbackReason(for:)`).
struct TemplateEngine: Sendable {
    /// By index; a template the engine cannot read has no nodes.
    private let templates: [[TemplateNode]]
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
    func render(_ name: String, root: ContextValue, escaping: EscapingRule) -> String? {
        guard let index = indexByName[name], unsupported[index] == nil else { return nil }
        var writer = TemplateWriter(templates: templates, root: root, escaping: escaping, capacity: 1 << 16)
        do {
            try writer.render(template: index)
        } catch {
            return nil
        }
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// The tags of a template's text, read the way swift-mustache reads them,
/// far enough to know what it will expand.
enum TemplateTags {
    /// The names of the partial (`{{> name}}`) and parent (`{{< name}}`)
    /// tags of `text`, in order, under the delimiters it sets
    /// (`{{=<% %>=}}`). Dynamic partials (`{{>* name}}`) are left out.
    static func expandedNames(in text: String) -> [String] {
        var names: [String] = []
        var open = "{{", close = "}}"
        var rest = text[...]
        while let start = rest.range(of: open) {
            var inside = rest[start.upperBound...]
            // A triple mustache, a value, ends with one more brace than its delimiters.
            let triple = open == "{{" && inside.hasPrefix("{")
            if triple { inside = inside.dropFirst() }
            guard let stop = inside.range(of: triple ? "}" + close : close) else { break }
            let tag = inside[..<stop.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = inside[stop.upperBound...]
            if triple { continue }
            if tag.hasPrefix("="), tag.hasSuffix("="), tag.count > 1 {
                let delimiters = tag.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if delimiters.count == 2 {
                    open = String(delimiters[0])
                    close = String(delimiters[1])
                }
            } else if let kind = tag.first, kind == ">" || kind == "<" {
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, !name.hasPrefix("*") { names.append(name) }
            }
        }
        return names
    }
}
