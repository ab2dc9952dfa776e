import YAMLReader

/// `Templates/<name>/format.yaml`: what makes a template folder a format.
///
/// ```yaml
/// extension: txt
/// mediaType: text/plain
/// escaping: none        # markdown | html | xml | none
/// validator: xhtml      # optional: xml | xhtml | docbook
/// description: Plain text for e-mail
/// ```
enum FormatManifest {
    static let fields = ["extension", "mediaType", "escaping", "validator", "description"]

    /// The format, and where its `extension` is written (named when another
    /// format already writes files with that extension).
    struct Read {
        var format: FormatDescription
        var extensionAt: SourceLocation
    }

    static func read(_ file: TemplateSearchPath.File, format: String) -> Result<Read, InputErrors> {
        var diagnostics: [Diagnostic] = []
        let parsed = YAMLParser.parse(file.text)
        for problem in parsed.problems {
            diagnostics.append(.error(SourceLocation(file: file.path, line: problem.mark.line, column: problem.mark.column), problem.message))
        }
        guard let document = parsed.documents.first, diagnostics.isEmpty else {
            if diagnostics.isEmpty { diagnostics.append(.error(SourceLocation(file: file.path, line: 1, column: 1), "the format manifest is empty")) }
            return .failure(InputErrors(diagnostics))
        }
        guard var reader = FieldReader(document, noun: "format", file: file.path, fields: fields, id: format, into: &diagnostics) else {
            return .failure(InputErrors(diagnostics))
        }
        let fileExtension = reader.text("extension", required: true)
        if let fileExtension, let mark = reader.node("extension")?.mark,
           fileExtension.isEmpty || !fileExtension.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }) {
            reader.error(mark, "'extension' must be letters and digits without the dot, such as 'txt'")
        }
        let mediaType = reader.text("mediaType", required: true)
        let escaping = reader.enumerationValue("escaping", EscapingRule.self, required: true)
        let validator = reader.enumerationValue("validator", OutputValidator.self, required: false)
        let summary = reader.text("description") ?? ""
        diagnostics += reader.diagnostics
        guard diagnostics.isEmpty, let fileExtension, let mediaType, let escaping else { return .failure(InputErrors(diagnostics)) }
        let origin = file.path.hasPrefix("<built-in>") ? "built in" : String(file.path.dropLast("/format.yaml".count))
        let mark = reader.node("extension")?.mark
        return .success(Read(format: FormatDescription(name: format, fileExtension: fileExtension, mediaType: mediaType, escaping: escaping,
                                                       validator: validator, summary: summary, origin: origin),
                             extensionAt: SourceLocation(file: file.path, line: mark?.line ?? 1, column: mark?.column ?? 1)))
    }
}

extension FieldReader {
    /// A value of a Swift enumeration keyed by its raw text.
    mutating func enumerationValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool) -> E? where E.RawValue == String {
        guard let node = node(key) else {
            if required { error(mark, "missing required field '\(key)'") }
            return nil
        }
        let choices = E.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        guard let text = node.scalar, let value = E(rawValue: text) else {
            error(node.mark, "'\(key)' must be one of \(choices)")
            return nil
        }
        return value
    }
}
