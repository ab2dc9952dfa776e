import YAMLReader

/// Reads one brief definition, `Briefs/<id>.yaml`: the file name is the id.
enum BriefDefinitionFile {
    static let fields = ["title", "parties", "related", "window", "quotes", "formats", "audience", "note"]

    static func read(bytes: [UInt8], path: String, id: String) -> (BriefDefinition?, [Diagnostic], [ReferenceUse]) {
        var diagnostics: [Diagnostic] = []
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard Identifier.isValid(id) else {
            return (nil, [.error(start, "the file name must be a brief id: \(Identifier.problem(with: id))")], [])
        }
        guard !Archive.ownNames.contains(id) else {
            return (nil, [.error(start, "the file name '\(id)' is taken: the archive keeps a file of its own by that name beside the briefs; rename the brief")], [])
        }
        let tape = YAMLTape.parse(bytes)
        // Alive until the reader holds it.
        defer { withExtendedLifetime(tape) {} }
        for problem in tape.problems {
            diagnostics.append(.error(SourceLocation(file: path, line: problem.mark.line, column: problem.mark.column), problem.message))
        }
        guard tape.problems.isEmpty else { return (nil, diagnostics, []) }
        guard tape.documents.count == 1, let document = tape.documentValues.first, !document.isNull else {
            diagnostics.append(.error(start, "a brief definition must hold exactly one map with at least 'title' and 'parties'"))
            return (nil, diagnostics, [])
        }
        guard var reader = FieldReader(document, noun: "brief", file: path, fields: fields, id: id, into: &diagnostics) else {
            return (nil, diagnostics, [])
        }
        let title = reader.text("title", required: true)
        let parties = reader.references("parties", required: true, expecting: .state)
        let related = reader.references("related", expecting: .state)
        let window = reader.integer("window", in: 1...36_500)
        let quotes = reader.integer("quotes", in: 0...1_000)
        var formats: [String] = []
        var formatOrigins: [SourceLocation] = []
        for item in reader.list("formats").map(Array.init) ?? [] {
            guard let name = item.scalar, !name.isEmpty else {
                reader.error(item.mark, "each item of 'formats' must be a format name, not \(item.kindDescription)")
                continue
            }
            formats.append(name)
            formatOrigins.append(reader.location(item.mark))
        }
        let audience = reader.text("audience")
        let note = reader.text("note")
        diagnostics += reader.diagnostics
        guard let title, !parties.isEmpty else { return (nil, diagnostics, reader.uses) }
        var definition = BriefDefinition(id: id, title: title, parties: parties, related: related,
                                         window: window ?? BriefDefinition.defaultWindow,
                                         quotes: quotes ?? BriefDefinition.defaultQuotes, formats: formats,
                                         audience: audience, note: note, extensions: reader.extensions(),
                                         origin: reader.origin, fieldOrigins: reader.fieldOrigins.dictionary)
        definition.formatOrigins = formatOrigins
        return (definition, diagnostics, reader.uses)
    }
}
