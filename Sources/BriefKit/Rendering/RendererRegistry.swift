/// Every format `brief` can write, found by name: JSON built in, the rest
/// from template folders (built-in copies first, overridden file by file).
public struct RendererRegistry: Sendable {
    public let renderers: [any Renderer]

    /// Built-in formats first, in a fixed order, then template-defined ones by name.
    static let builtInOrder = BriefDefinition.builtInFormats

    public init(templates: TemplateSearchPath) throws(InputErrors) {
        var renderers: [any Renderer] = [JSONRenderer()]
        var problems: [Diagnostic] = []
        for name in templates.formatNames() where name != "json" {
            let files = templates.files(of: name)
            guard let manifest = files["format.yaml"] else { continue }
            switch FormatManifest.read(manifest, format: name) {
            case let .failure(errors):
                problems += errors.diagnostics
            case let .success(format):
                do {
                    renderers.append(try TemplateRenderer(format: format, files: files))
                } catch {
                    problems.append(.error(error.location ?? SourceLocation(file: manifest.path, line: 1, column: 1), error.message))
                }
            }
        }
        guard problems.isEmpty else { throw InputErrors(problems) }
        self.renderers = renderers.sorted { a, b in
            let x = Self.builtInOrder.firstIndex(of: a.format.name) ?? Int.max
            let y = Self.builtInOrder.firstIndex(of: b.format.name) ?? Int.max
            return x != y ? x < y : a.format.name < b.format.name
        }
    }

    public var names: [String] { renderers.map(\.format.name) }

    public func renderer(named name: String) -> (any Renderer)? {
        renderers.first { $0.format.name == name }
    }
}
