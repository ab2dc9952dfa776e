/// The manifest's text, written and read by our own JSON code rather than
/// `JSONEncoder` and `JSONDecoder`: every generation lists every date of every
/// brief, so the manifest grows by a date per brief each morning (6 MB at 400
/// days of 20 briefs), and each run reads it and writes the next one
/// (docs/performance.md, "The archive's own history").
///
/// The text is byte for byte what `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys]` (two-space indentation, `"key" : value`,
/// names in byte order, `/` escaped, a render key left out when there is
/// none), so a manifest written before and one written now are the same
/// bytes; `ArchiveManifestJSONTests` holds the two to it.
extension ArchiveManifest {
    /// The manifest as JSON text (no final line break: `JSONEncoder` writes none).
    func jsonText() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096 + 800 * briefs.values.reduce(0) { $0 + $1.dates.count })
        var writer = Writer(out: out)
        writer.open()
        writer.key("briefs", indent: 2)
        writer.open()
        for (position, (id, brief)) in Self.sorted(briefs).enumerated() {
            writer.key(id, indent: 4)
            writer.open()
            writer.key("dates", indent: 6)
            writer.open()
            for (datePosition, (date, entry)) in Self.sorted(brief.dates).enumerated() {
                writer.key(date, indent: 8)
                writer.open()
                writer.key("bluf", indent: 10)
                writer.string(entry.bluf)
                writer.next()
                writer.key("files", indent: 10)
                writer.strings(entry.files, indent: 10)
                if let key = entry.renderedBy {
                    writer.next()
                    writer.key("renderedBy", indent: 10)
                    writer.string(key)
                }
                writer.next()
                writer.key("store", indent: 10)
                writer.string(entry.store)
                writer.close(indent: 8)
                if datePosition < brief.dates.count - 1 { writer.next() }
            }
            writer.close(indent: 6)
            writer.next()
            writer.key("parties", indent: 6)
            writer.strings(brief.parties, indent: 6)
            writer.next()
            writer.key("title", indent: 6)
            writer.string(brief.title)
            writer.close(indent: 4)
            if position < briefs.count - 1 { writer.next() }
        }
        writer.close(indent: 2)
        writer.next()
        writer.key("generation", indent: 2)
        JSONText.writeNumber(Double(generation), into: &writer.out)
        writer.close(indent: 0)
        return writer.out
    }

    /// A dictionary's entries with their names in byte order, as `.sortedKeys` writes them.
    private static func sorted<Value>(_ dictionary: [String: Value]) -> [(String, Value)] {
        dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }

    /// Appends to the text, laid out as `JSONEncoder` lays it out.
    private struct Writer {
        var out: [UInt8]

        /// Opens an object (its first member goes on the next line).
        mutating func open() {
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
        }

        /// Closes an object whose members were written at `indent + 2` (an
        /// empty one keeps the empty line `open` began).
        mutating func close(indent: Int) {
            out.append(UInt8(ascii: "\n"))
            JSONText.spaces(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }

        /// Ends a member that another follows.
        mutating func next() {
            out.append(UInt8(ascii: ","))
            out.append(UInt8(ascii: "\n"))
        }

        mutating func key(_ name: String, indent: Int) {
            JSONText.spaces(indent, into: &out)
            JSONText.string(name, escapingSlashes: true, into: &out)
            out.append(contentsOf: " : ".utf8)
        }

        mutating func string(_ text: String) {
            JSONText.string(text, escapingSlashes: true, into: &out)
        }

        /// A list of strings whose name was written at `indent`.
        mutating func strings(_ items: [String], indent: Int) {
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (position, item) in items.enumerated() {
                JSONText.spaces(indent + 2, into: &out)
                JSONText.string(item, escapingSlashes: true, into: &out)
                if position < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            JSONText.spaces(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A manifest read from its text: every field the type has, names of
    /// other fields skipped (as `JSONDecoder` skips them), nothing missing.
    init(json bytes: [UInt8]) throws(JSONReader.Failure) {
        self = try JSONReader.read(bytes) { (reader: inout JSONReader) throws(JSONReader.Failure) in
            var generation: Int?, briefs: [String: BriefEntry]?
            let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
                switch name {
                case "generation": generation = try reader.int()
                case "briefs": briefs = try reader.map { (reader: inout JSONReader) throws(JSONReader.Failure) in try BriefEntry(json: &reader) }
                default: try reader.skipValue()
                }
            }
            return ArchiveManifest(generation: try reader.required(generation, "generation", in: start),
                                   briefs: try reader.required(briefs, "briefs", in: start))
        }
    }
}

extension ArchiveManifest.BriefEntry {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var title: String?, parties: [String]?, dates: [String: ArchiveManifest.DateEntry]?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "title": title = try reader.string()
            case "parties": parties = try reader.strings()
            case "dates": dates = try reader.map { (reader: inout JSONReader) throws(JSONReader.Failure) in try ArchiveManifest.DateEntry(json: &reader) }
            default: try reader.skipValue()
            }
        }
        self.init(title: try reader.required(title, "title", in: start), parties: try reader.required(parties, "parties", in: start),
                  dates: try reader.required(dates, "dates", in: start))
    }
}

extension ArchiveManifest.DateEntry {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var store: String?, bluf: String?, files: [String]?, renderedBy: String?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "store": store = try reader.string()
            case "bluf": bluf = try reader.string()
            case "files": files = try reader.strings()
            case "renderedBy": renderedBy = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self.init(store: try reader.required(store, "store", in: start), bluf: try reader.required(bluf, "bluf", in: start),
                  files: try reader.required(files, "files", in: start), renderedBy: renderedBy)
    }
}
