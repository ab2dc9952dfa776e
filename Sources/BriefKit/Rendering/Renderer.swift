/// Turns the Brief model into one format. Built-in and template-defined
/// renderers look the same to callers.
public protocol Renderer: Sendable {
    var format: FormatDescription { get }
    /// The rendered text, already checked by the format's validator.
    func render(_ brief: Brief) throws(RenderFailure) -> String
    /// What changed, in this format; nil when the format has no layout for changes.
    func renderChanges(_ changes: BriefChanges) throws(RenderFailure) -> String?
    /// Everything the output depends on besides the brief and the program
    /// itself (a template format's description and files): the same brief
    /// through renderers of equal fingerprints gives the same bytes.
    var fingerprint: String { get }
}

extension Renderer {
    /// A format whose whole layout is in the program: its name says it all.
    public var fingerprint: String { "\(format.name).\(format.fileExtension)" }
}

/// A renderer that reads the brief as its tree (`FlatTree`). Building the
/// tree is a share of rendering, so `RenderedBrief` builds it once per brief
/// and every such format reads the same one.
protocol TreeRenderer: Renderer {
    /// The same text as `render(brief)`; `tree` is the brief's tree.
    func render(_ brief: Brief, tree: FlatTree) throws(RenderFailure) -> String
}

extension Renderer {
    /// Runs the format's validator over `output`; a problem becomes a failure
    /// located in the output that would have been written.
    func validated(_ output: String, named name: String, template: String) throws(RenderFailure) -> String {
        guard let validator = format.validator else { return output }
        let problems = try validator.problems(in: output)
        guard let first = problems.first else { return output }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let excerpt = (1...max(1, lines.count)).contains(first.line) && !lines.isEmpty ? String(lines[first.line - 1].prefix(160)) : ""
        var message = "the \(format.name) output fails its \(validator.rawValue) check: \(first.message)"
        // RELAX NG errors cascade: the real cause is often a later one, so name a few.
        let others = problems.dropFirst().prefix(3).map { "line \($0.line): \($0.message)" }
        if !others.isEmpty { message += "; then " + others.joined(separator: "; ") }
        if problems.count > 4 { message += " (and \(problems.count - 4) more)" }
        if !excerpt.isEmpty { message += "; the line reads: \(excerpt.trimmingCharacters(in: .whitespaces))" }
        message += "; template: \(template)"
        throw RenderFailure(location: SourceLocation(file: name, line: max(first.line, 1), column: max(first.column, 1)), message: message)
    }
}


/// The JSON snapshot: the Brief model itself, keys sorted, so the same brief
/// is the same bytes.
public struct JSONRenderer: Renderer {
    public let format = FormatDescription(name: "json", fileExtension: "json", mediaType: "application/json", escaping: .none,
                                          validator: nil, summary: "the Brief model: the snapshot that diff and scripts read",
                                          origin: "built in")

    public init() {}

    public func render(_ brief: Brief) throws(RenderFailure) -> String {
        try Self.text(of: brief)
    }

    /// The snapshot written straight from the model (`JSONTextWriter`): the
    /// same bytes as from the brief's tree, without making the tree.
    static func text(of brief: Brief) throws(RenderFailure) -> String {
        do {
            return try JSONTextWriter.text(of: brief)
        } catch {
            throw RenderFailure(location: nil, message: "cannot encode the brief as JSON: \(error)")
        }
    }

    public func renderChanges(_ changes: BriefChanges) throws(RenderFailure) -> String? {
        try Self.encode(changes)
    }

    /// `value` as `JSONEncoder` would write it with sorted keys, pretty
    /// printed, slashes kept (`JSONText`), from its tree.
    static func encode<T: Encodable>(_ value: T) throws(RenderFailure) -> String {
        JSONText.pretty(try tree(of: value))
    }

    /// The JSON tree of a model value; a value JSON cannot hold (a non-finite
    /// number) is a failure, not an empty object.
    static func tree<T: Encodable>(of value: T) throws(RenderFailure) -> JSONValue {
        do {
            return try JSONValueEncoder.encode(value)
        } catch {
            throw RenderFailure(location: nil, message: "cannot encode the brief as JSON: \(error)")
        }
    }
}
