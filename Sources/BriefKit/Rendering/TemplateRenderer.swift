import Mustache
import Synchronization

/// A format laid out by Mustache templates (`Templates/<name>/`). Values are
/// escaped for the format before the template sees them, so every template is
/// read as plain text: template authors never escape anything.
///
/// Templates are laid out by our own engine (`TemplateEngine`), compiled once
/// here; a template using what it does not implement (see `TemplateParser`)
/// is laid out by swift-mustache, which also reports syntax errors.
public struct TemplateRenderer: TreeRenderer {
    public let format: FormatDescription
    /// swift-mustache's templates, for what the engine leaves to it.
    let library: SwiftMustacheTemplates
    let engine: TemplateEngine
    /// Why the brief's, or the changes', layout is left to swift-mustache; nil when the engine lays it out.
    let briefFallback: String?
    let changesFallback: String?
    /// Whether the format lays out what changed (`changes.mustache`).
    let hasChangesTemplate: Bool
    let main: String
    /// Where the brief template was found: named when its output fails its check.
    let mainPath: String
    let changesPath: String
    public let fingerprint: String

    /// The template that lays out a whole brief.
    static let briefTemplate = "brief"
    /// The template that lays out what changed (optional).
    static let changesTemplate = "changes"

    init(format: FormatDescription, files: [String: TemplateSearchPath.File]) throws(RenderFailure) {
        self.format = format
        var parsed: [String: MustacheTemplate] = [:]
        var builtIn: [String: String] = [:]
        var texts: [String: String] = [:]
        for (name, file) in files where name.hasSuffix(".mustache") {
            let templateName = String(name.dropLast(".mustache".count))
            // The built-in templates are read by swift-mustache only if it
            // has to lay one out: each one parses, and the engine lays them
            // all out (`TemplateEngineDifferentialTests` lay every one out
            // with both). A template of the desk's own is read now, so that
            // its syntax errors stop the run at once.
            if file.isBuiltIn {
                builtIn[templateName] = Self.pragma + file.text
            } else {
                parsed[templateName] = try Self.parse(file)
            }
            texts[templateName] = Self.pragma + file.text
        }
        guard texts[Self.briefTemplate] != nil else {
            throw RenderFailure(location: nil, message: "format '\(format.name)' has no \(Self.briefTemplate).mustache template (\(format.origin))")
        }
        self.library = SwiftMustacheTemplates(parsed: parsed, builtIn: builtIn)
        hasChangesTemplate = texts[Self.changesTemplate] != nil
        engine = TemplateEngine(texts: texts)
        for name in [Self.briefTemplate, Self.changesTemplate] {
            guard let cycle = engine.partialCycle(from: name) else { continue }
            let including = cycle[cycle.count - 2], included = cycle[cycle.count - 1]
            let file = files[including + ".mustache"]
            throw RenderFailure(location: file.map { Self.location(ofPartial: included, in: $0) },
                                message: "format '\(format.name)': the partials include one another without end (\(cycle.joined(separator: " → ")))")
        }
        for name in [Self.briefTemplate, Self.changesTemplate] {
            if let (file, tag) = Self.tooDeep(from: name, files: files) {
                let (line, column) = TemplateTags.place(of: tag.start, in: file.text)
                throw RenderFailure(location: SourceLocation(file: file.path, line: line, column: column),
                                    message: "format '\(format.name)': sections and partials nest more than \(TemplateTags.nestingLimit) levels deep through '\(tag.content)'")
            }
        }
        briefFallback = engine.fallbackReason(for: Self.briefTemplate)
        changesFallback = engine.fallbackReason(for: Self.changesTemplate)
        self.main = Self.briefTemplate
        self.mainPath = files[Self.briefTemplate + ".mustache"]?.path ?? format.origin
        self.changesPath = files[Self.changesTemplate + ".mustache"]?.path ?? format.origin
        self.fingerprint = Self.fingerprint(format, files)
    }

    /// The SHA-256 of what shapes the output: the format's description and
    /// every file's name and text (not where it was found).
    static func fingerprint(_ format: FormatDescription, _ files: [String: TemplateSearchPath.File]) -> String {
        var hasher = SHA256()
        for field in [format.name, format.fileExtension, format.mediaType, format.escaping.rawValue, format.validator?.rawValue ?? "-"] {
            hasher.update(field: field)
        }
        for (name, file) in files.sorted(by: { $0.key < $1.key }) {
            hasher.update(field: name)
            hasher.update(field: file.text)
        }
        return SHA256.hex(hasher.finish())
    }

    /// Every template and partial reads its values as already escaped: the
    /// pragma is added here, not left to template authors. On a line of its
    /// own, so that a section tag on the template's first line still stands
    /// alone; error lines are shifted back by one.
    static let pragma = "{{% CONTENT_TYPE: TEXT }}\n"

    static func parse(_ file: TemplateSearchPath.File) throws(RenderFailure) -> MustacheTemplate {
        // Before swift-mustache's parser, which nests as deep as the sections do.
        if let deep = TemplateTags.depths(in: file.text).first(where: { $0.depth > TemplateTags.nestingLimit }) {
            let (line, column) = TemplateTags.place(of: deep.tag.start, in: file.text)
            throw RenderFailure(location: SourceLocation(file: file.path, line: line, column: column),
                                message: "template syntax: sections nest more than \(TemplateTags.nestingLimit) levels deep")
        }
        do {
            return try MustacheTemplate(string: pragma + file.text)
        } catch let error as MustacheTemplate.ParserError {
            let line = max(1, error.context.lineNumber - 1)
            throw RenderFailure(location: SourceLocation(file: file.path, line: line, column: max(1, error.context.columnNumber)),
                                message: "template syntax: \(error.error)")
        } catch {
            throw RenderFailure(location: SourceLocation(file: file.path, line: 1, column: 1), message: "template syntax: \(error)")
        }
    }

    /// The first partial or parent tag, from template `name` on, through
    /// which sections and partials nest deeper than `TemplateTags.nestingLimit`
    /// (each partial or parent expanded counts as a level, each section as
    /// one), and the file it is in; nil when none does. Each template's own
    /// sections nest no deeper (`parse`). The walk itself stops at the limit,
    /// so a chain of thousands of partials cannot run it out of stack either.
    static func tooDeep(from name: String, files: [String: TemplateSearchPath.File]) -> (TemplateSearchPath.File, TemplateTags.Tag)? {
        let limit = TemplateTags.nestingLimit
        var deepest: [String: Int] = [:]
        /// How deep template `name` nests, at most `limit + 1`; `above` is
        /// how deep the walk already is.
        func depth(_ name: String, above: Int) -> Int {
            if let known = deepest[name] { return known }
            guard above <= limit else { return limit + 1 }
            guard let file = files[name + ".mustache"] else { return 0 }
            var result = 0
            for (tag, level) in TemplateTags.depths(in: file.text) {
                let inner = TemplateTags.expanded(by: tag).map { 1 + depth($0, above: above + level + 1) } ?? 0
                result = min(limit + 1, max(result, level + inner))
                if result > limit { break }
            }
            deepest[name] = result
            return result
        }
        func find(_ name: String, above: Int) -> (TemplateSearchPath.File, TemplateTags.Tag)? {
            guard let file = files[name + ".mustache"] else { return nil }
            for (tag, level) in TemplateTags.depths(in: file.text) {
                guard let target = TemplateTags.expanded(by: tag) else { continue }
                let inner = depth(target, above: above + level + 1)
                guard above + level + 1 + inner > limit else { continue }
                // Deeper on, where the target itself goes too deep; here otherwise.
                guard above + level + 1 <= limit, let further = find(target, above: above + level + 1) else { return (file, tag) }
                return further
            }
            return nil
        }
        return depth(name, above: 0) > limit ? find(name, above: 0) : nil
    }

    /// Where the first partial or parent tag naming `name` stands in `file`
    /// (the line and column of its opening delimiter, under the delimiters
    /// the file sets); the file's start when there is none.
    static func location(ofPartial name: String, in file: TemplateSearchPath.File) -> SourceLocation {
        guard let tag = TemplateTags.tags(in: file.text).first(where: { TemplateTags.expanded(by: $0) == name }) else {
            return SourceLocation(file: file.path, line: 1, column: 1)
        }
        let (line, column) = TemplateTags.place(of: tag.start, in: file.text)
        return SourceLocation(file: file.path, line: line, column: column)
    }

    public func render(_ brief: Brief) throws(RenderFailure) -> String {
        try render(brief, tree: FlatTree.of(brief))
    }

    func render(_ brief: Brief, tree: FlatTree) throws(RenderFailure) -> String {
        let output = try layOut(brief, tree: tree)
        return try validated(output, named: "\(brief.brief)/\(brief.asOf)/brief.\(format.fileExtension)", template: mainPath)
    }

    public func renderChanges(_ changes: BriefChanges) throws(RenderFailure) -> String? {
        guard let output = try layOut(changes, with: .own) else { return nil }
        return try validated(output, named: "\(changes.brief)/\(changes.to)/changes.\(format.fileExtension)", template: changesPath)
    }

    // MARK: - The two engines

    /// Who lays out a template. Both give the same bytes; the tests hold them to it.
    enum Engine {
        /// `TemplateEngine`, or swift-mustache where a template needs it.
        case own
        case swiftMustache
    }

    /// The brief laid out by the engine, from its flat tree; by
    /// swift-mustache, from its `JSONValue` tree, where the engine leaves it.
    /// Not yet checked.
    func layOut(_ brief: Brief, tree: FlatTree) throws(RenderFailure) -> String {
        let raw = self.raw(of: brief)
        if briefFallback == nil {
            let root = RootContext(brief: brief, tree: tree, raw: raw, escaping: format.escaping)
            if let output = engine.render(main, tree: tree, root: .root(root), escaping: format.escaping) { return output }
        }
        return try layOutWithSwiftMustache(brief, tree: try JSONRenderer.tree(of: brief), raw: raw)
    }

    /// The brief laid out, not yet checked: by `engine` where it can (the
    /// `JSONValue` tree made flat), for tests that compare the two.
    func layOut(_ brief: Brief, tree: JSONValue, with engine: Engine) throws(RenderFailure) -> String {
        if engine == .own { return try layOut(brief, tree: FlatTree.of(json: tree)) }
        return try layOutWithSwiftMustache(brief, tree: tree, raw: raw(of: brief))
    }

    /// The markup a brief's layout inserts as it is: the trend chart.
    private func raw(of brief: Brief) -> [String: String] {
        var raw: [String: String] = [:]
        if format.escaping == .html || format.escaping == .xml {
            let chart = TrendChart(trend: brief.trend, title: brief.title)
            raw["trendSVG"] = chart.svg.serialized(declaration: false)
            raw["trendSummary"] = format.escaping.escape(chart.summary)
        }
        return raw
    }

    private func layOutWithSwiftMustache(_ brief: Brief, tree: JSONValue, raw: [String: String]) throws(RenderFailure) -> String {
        let context = TemplateContext(escaping: format.escaping).context(for: brief, tree: tree, raw: raw)
        guard let output = try library.get().render(context, withTemplate: main) else {
            throw RenderFailure(location: nil, message: "format '\(format.name)': the template '\(main)' could not be rendered")
        }
        return output
    }

    /// The changes laid out, not yet checked; nil when the format has no layout for them.
    func layOut(_ changes: BriefChanges, with engine: Engine) throws(RenderFailure) -> String? {
        guard hasChangesTemplate else { return nil }
        if engine == .own, changesFallback == nil {
            let tree = try FlatTree.of(json: TemplateContext.jsonValue(changes))
            let root = RootContext(changes: changes, tree: tree, escaping: format.escaping)
            if let output = self.engine.render(Self.changesTemplate, tree: tree, root: .root(root), escaping: format.escaping) { return output }
        }
        let context = TemplateContext(escaping: format.escaping).context(forChanges: changes)
        guard let output = try library.get().render(context, withTemplate: Self.changesTemplate) else {
            throw RenderFailure(location: nil, message: "format '\(format.name)': the template 'changes' could not be rendered")
        }
        return output
    }

    /// Any tree laid out by template `name`, its values escaped by the
    /// format's rule: for tests of the engine against swift-mustache.
    func layOut(_ tree: JSONValue, template name: String, with engine: Engine) -> String? {
        if engine == .own, self.engine.fallbackReason(for: name) == nil,
           let output = self.engine.render(name, json: tree, escaping: format.escaping) {
            return output
        }
        return (try? library.get())?.render(TemplateContext(escaping: format.escaping).convert(tree), withTemplate: name)
    }
}

/// swift-mustache's library of a format's templates. The desk's own are
/// parsed when the format is read; the built-in ones the first time
/// swift-mustache lays out anything, which a run with the built-in formats
/// never asks for (parsing them was most of the work of reading the
/// formats, on every run, for nothing).
final class SwiftMustacheTemplates: Sendable {
    private let state: Mutex<State>

    /// Whether the built-in templates have been parsed (for tests).
    var isParsed: Bool {
        state.withLock { if case .pending = $0 { false } else { true } }
    }

    private enum State {
        case pending(parsed: [String: MustacheTemplate], builtIn: [String: String])
        case ready(MustacheLibrary)
        case failed(RenderFailure)
    }

    init(parsed: [String: MustacheTemplate], builtIn: [String: String]) {
        state = Mutex(.pending(parsed: parsed, builtIn: builtIn))
    }

    /// The library, every template in it.
    func get() throws(RenderFailure) -> MustacheLibrary {
        let result: Result<MustacheLibrary, RenderFailure> = state.withLock { state in
            switch state {
            case let .ready(library): return .success(library)
            case let .failed(failure): return .failure(failure)
            case let .pending(parsed, builtIn):
                var library = MustacheLibrary()
                for (name, template) in parsed { library.register(template, named: name) }
                for (name, text) in builtIn {
                    do {
                        library.register(try MustacheTemplate(string: text), named: name)
                    } catch {
                        let failure = RenderFailure(location: nil, message: "the built-in template '\(name)' cannot be read: \(error)")
                        state = .failed(failure)
                        return .failure(failure)
                    }
                }
                state = .ready(library)
                return .success(library)
            }
        }
        return try result.get()
    }
}
