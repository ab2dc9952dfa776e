/// Every format `brief` can write, found by name: JSON built in, the rest
/// from template folders (built-in copies first, overridden file by file).
public struct RendererRegistry: Sendable {
    public let renderers: [any Renderer]

    /// Built-in formats first, in a fixed order, then template-defined ones by name.
    static let builtInOrder = BriefDefinition.builtInFormats

    public init(templates: TemplateSearchPath) throws(InputErrors) {
        var renderers: [any Renderer] = [JSONRenderer()]
        var problems: [Diagnostic] = []
        var extensionAt: [String: SourceLocation] = [:]
        let names = templates.formatNames()
        problems += templates.foldersThatAreNotFormats(formats: Set(names))
        var made: [(format: FormatDescription, files: [String: TemplateSearchPath.File], manifest: String)] = []
        for name in names where name != "json" {
            var unread: [Diagnostic] = []
            let files = templates.files(of: name, problems: &unread)
            // A format with a file it could not read is not made: what it
            // lacks would be reported again as missing.
            guard unread.isEmpty else {
                problems += unread
                continue
            }
            guard let manifest = files["format.yaml"] else { continue }
            switch FormatManifest.read(manifest, format: name) {
            case let .failure(errors):
                problems += errors.diagnostics
            case let .success(read):
                extensionAt[name] = read.extensionAt
                made.append((read.format, files, manifest.path))
            }
        }
        // Each format's templates are parsed and checked on its own core: this
        // is the start of every run that renders.
        let compiled = ParallelParts.map(made.count) { [made] index -> Result<TemplateRenderer, RenderFailure> in
            do throws(RenderFailure) {
                return .success(try TemplateRenderer(format: made[index].format, files: made[index].files))
            } catch {
                return .failure(error)
            }
        }
        for (format, result) in zip(made, compiled) {
            switch result {
            case let .success(renderer): renderers.append(renderer)
            case let .failure(error):
                problems.append(.error(error.location ?? SourceLocation(file: format.manifest, line: 1, column: 1), error.message))
            }
        }
        let ordered = renderers.sorted { a, b in
            let x = Self.builtInOrder.firstIndex(of: a.format.name) ?? Int.max
            let y = Self.builtInOrder.firstIndex(of: b.format.name) ?? Int.max
            return x != y ? x < y : a.format.name < b.format.name
        }
        problems += Self.sharedExtensions(ordered.map(\.format), at: extensionAt)
        guard problems.isEmpty else { throw InputErrors(problems.sorted()) }
        self.renderers = ordered
    }

    /// A brief's files are named by their format's extension (`brief.xml`,
    /// `changes.xml`), so two formats with one extension would overwrite each
    /// other's files, and any with `json` the snapshot every brief is stored
    /// with. JSON, then the first format in the registry's order, keeps an extension;
    /// each later one is an error at its `extension` field. Compared without
    /// case: an archive copied to a system that ignores case must not lose files.
    static func sharedExtensions(_ formats: [FormatDescription], at extensionAt: [String: SourceLocation]) -> [Diagnostic] {
        var first: [String: String] = [:]
        var problems: [Diagnostic] = []
        // The snapshot's format first, whatever the order: it is written with every brief.
        for format in formats.filter({ $0.name == "json" }) + formats.filter({ $0.name != "json" }) {
            let key = format.fileExtension.lowercased()
            guard let other = first[key] else {
                first[key] = format.name
                continue
            }
            let place = extensionAt[format.name] ?? SourceLocation(file: format.origin, line: 1, column: 1)
            var message = "format '\(format.name)': extension '\(format.fileExtension)' is already the extension of format '\(other)'; "
            message += key == "json" ? "brief.json is the snapshot every brief is stored with" : "both would write brief.\(key)"
            problems.append(.error(place, message + "; choose another extension"))
        }
        return problems
    }

    public var names: [String] { renderers.map(\.format.name) }

    public func renderer(named name: String) -> (any Renderer)? {
        renderers.first { $0.format.name == name }
    }
}
