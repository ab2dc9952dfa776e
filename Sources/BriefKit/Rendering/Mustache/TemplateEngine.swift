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
    /// Only templates the engine reads are followed.
    func partialCycle(from name: String) -> [String]? {
        guard let start = indexByName[name] else { return nil }
        var finished = Set<Int>()
        var path: [Int] = []
        func visit(_ index: Int) -> [String]? {
            if path.contains(index) { return (path + [index]).map { names[$0] } }
            guard finished.insert(index).inserted else { return nil }
            path.append(index)
            defer { path.removeLast() }
            for partial in Self.partials(in: templates[index]) {
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
