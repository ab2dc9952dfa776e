import CYAML

/// Reads YAML text into `YAMLNode`s through `YAMLTape` (which owns every
/// libyaml pointer), keeping the line and column of every node and key.
public enum YAMLParser {
    /// Upper bound on the nodes one file may expand to through aliases.
    public static let maximumWeight = 5_000_000
    /// Upper bound on nested lists and maps: no record needs more, and every
    /// walk over the tree stays well within the stack.
    public static let maximumDepth = 100

    /// Reads the file onto a `YAMLTape` (where every check is made) and
    /// builds the tree from it.
    public static func parse(_ bytes: [UInt8]) -> YAMLFile {
        let tape = YAMLTape.parse(bytes)
        var anchored: [Int: YAMLNode] = [:]
        let documents = tape.documents.map { tape.tree(at: $0, anchored: &anchored) }
        return YAMLFile(documents: documents, problems: tape.problems)
    }

    public static func parse(_ text: String) -> YAMLFile {
        parse(Array(text.utf8))
    }

    // MARK: - libyaml helpers

    static func syntaxProblem(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        let context = parser.context.map { String(cString: $0) }
        var message = problem
        if let context { message = "\(problem) \(context)" }
        // libyaml finds an unclosed quote only at the end of the file: point at the quote.
        if parser.error == YAML_SCANNER_ERROR, context?.contains("quoted scalar") == true, problem.contains("end of stream") {
            let opened = Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            return YAMLProblem(mark: opened, message: "YAML syntax: the quoted text that starts here is never closed (the file ends first)")
        }
        let mark: Mark
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad encoding, control characters) carry a byte offset only.
            var offset = Int(parser.problem_offset)
            // A bad continuation byte: point at the character it breaks, not past it.
            if problem.contains("trailing"), offset > 0, offset <= bytes.count {
                var lead = offset - 1
                while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                if bytes[lead] >= 0xC0 { offset = lead }
            }
            mark = markOf(offset: offset, in: bytes)
            if parser.problem_value != -1 {
                let hex = String(UInt8(truncatingIfNeeded: parser.problem_value), radix: 16, uppercase: true)
                message += " (byte 0x\(hex.count == 1 ? "0" + hex : hex))"
            }
            if problem.contains("UTF-8") || problem.contains("octet") || problem.contains("sequence") {
                message = "the file is not valid UTF-8: \(message)"
            }
        } else {
            mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        }
        return YAMLProblem(mark: mark, message: "YAML syntax: \(message)")
    }

    /// Line and column (in characters) of a byte offset.
    static func markOf(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark {
        var line = 1
        var column = 1
        // A byte order mark is not a character an editor shows.
        var index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Mark(line: line, column: column)
    }
}

