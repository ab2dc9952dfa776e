import CYAML

/// Reads YAML text through libyaml's event API into `YAMLNode`s, keeping the
/// line and column of every node and key. All libyaml pointers live and die in
/// `parse(_:)`.
public enum YAMLParser {
    /// Upper bound on the nodes one file may expand to through aliases.
    public static let maximumWeight = 5_000_000
    /// Upper bound on nested lists and maps: no record needs more, and every
    /// walk over the tree stays well within the stack.
    public static let maximumDepth = 100

    public static func parse(_ bytes: [UInt8]) -> YAMLFile {
        var builder = TreeBuilder()
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return YAMLFile(documents: [], problems: [YAMLProblem(mark: Mark(line: 1, column: 1), message: "cannot initialise the YAML parser")])
        }
        defer { yaml_parser_delete(&parser) }

        return bytes.withUnsafeBufferPointer { buffer -> YAMLFile in
            // libyaml wants a non-null pointer even for empty input.
            var empty: UInt8 = 0
            let base = buffer.baseAddress ?? withUnsafeMutablePointer(to: &empty) { UnsafePointer($0) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    builder.problems.append(syntaxProblem(parser, bytes: buffer))
                    return builder.finish(complete: false)
                }
                defer { yaml_event_delete(&event) }
                let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return builder.finish(complete: true)
                case YAML_DOCUMENT_START_EVENT:
                    builder.anchors = [:]
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let text = string(s.value, Int(s.length))
                    let style: ScalarStyle
                    switch s.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: style = .literal
                    case YAML_FOLDED_SCALAR_STYLE: style = .folded
                    default: style = .plain
                    }
                    builder.add(YAMLNode(content: .scalar(text, style), mark: mark), anchor: cString(s.anchor))
                case YAML_ALIAS_EVENT:
                    let name = cString(event.data.alias.anchor) ?? ""
                    if let node = builder.anchors[name] {
                        var copy = node
                        copy.mark = mark
                        if builder.stack.count + node.depth > maximumDepth {
                            builder.problems.append(YAMLProblem(mark: mark, message: "lists and maps nest more than \(maximumDepth) levels deep"))
                            return builder.finish(complete: false)
                        }
                        builder.add(copy, anchor: nil)
                    } else {
                        builder.problems.append(YAMLProblem(mark: mark, message: "unknown alias '*\(name)'"))
                        return builder.finish(complete: false)
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if builder.stack.count + 1 > maximumDepth {
                        builder.problems.append(YAMLProblem(mark: mark, message: "lists and maps nest more than \(maximumDepth) levels deep"))
                        return builder.finish(complete: false)
                    }
                    if event.type == YAML_SEQUENCE_START_EVENT {
                        builder.open(.sequence, mark: mark, anchor: cString(event.data.sequence_start.anchor))
                    } else {
                        builder.open(.mapping, mark: mark, anchor: cString(event.data.mapping_start.anchor))
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    builder.close()
                default:
                    break
                }
                if builder.weight > maximumWeight {
                    builder.problems.append(YAMLProblem(mark: mark, message: "the file expands to more than \(maximumWeight) nodes through aliases"))
                    return builder.finish(complete: false)
                }
                if builder.stopped { return builder.finish(complete: false) }
            }
        }
    }

    public static func parse(_ text: String) -> YAMLFile {
        parse(Array(text.utf8))
    }

    // MARK: - libyaml helpers

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        let buffer = UnsafeBufferPointer(start: pointer, count: length)
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func syntaxProblem(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
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

// MARK: - Building the tree from events

private struct TreeBuilder {
    enum Kind { case sequence, mapping }

    struct Frame {
        var kind: Kind
        var mark: Mark
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        var pendingKey: YAMLNode?
        /// Keys of a large map, for finding duplicates; a small one is searched.
        var seenKeys: [String: Mark] = [:]

        mutating func firstMark(of key: String) -> Mark? {
            if pairs.count < 16 { return pairs.first { $0.key == key }?.keyMark }
            if seenKeys.isEmpty { for pair in pairs { seenKeys[pair.key] = pair.keyMark } }
            return seenKeys[key]
        }
        var droppingValue = false
        /// Depth of the deepest child so far.
        var depth = 0
        var weight = 1
    }

    var stack: [Frame] = []
    var documents: [YAMLNode] = []
    var anchors: [String: YAMLNode] = [:]
    var problems: [YAMLProblem] = []
    var weight = 0
    var stopped = false

    mutating func open(_ kind: Kind, mark: Mark, anchor: String?) {
        stack.append(Frame(kind: kind, mark: mark, anchor: anchor))
    }

    mutating func close() {
        guard let frame = stack.popLast() else { return }
        let content: YAMLNode.Content = frame.kind == .sequence ? .sequence(frame.items) : .mapping(frame.pairs)
        let node = YAMLNode(content: content, mark: frame.mark, weight: frame.weight, depth: frame.depth + 1)
        add(node, anchor: frame.anchor, counted: true)
    }

    mutating func add(_ node: YAMLNode, anchor: String?, counted: Bool = false) {
        if let anchor { anchors[anchor] = node }
        if !counted { weight += node.weight }
        guard var frame = stack.popLast() else {
            documents.append(node)
            return
        }
        frame.weight += node.weight
        if case .scalar = node.content {} else { frame.depth = max(frame.depth, node.depth) }
        switch frame.kind {
        case .sequence:
            frame.items.append(node)
        case .mapping:
            if let key = frame.pendingKey {
                frame.pendingKey = nil
                defer { frame.droppingValue = false }
                if case let .scalar(text, _) = key.content, !frame.droppingValue {
                    if let first = frame.firstMark(of: text) {
                        problems.append(YAMLProblem(mark: key.mark, message: "duplicate key '\(text)' (first at line \(first.line), column \(first.column))"))
                    } else {
                        if frame.pairs.count >= 16 { frame.seenKeys[text] = key.mark }
                        frame.pairs.append(YAMLNode.Pair(key: text, keyMark: key.mark, value: node))
                    }
                }
            } else {
                if case .scalar = node.content {
                    frame.pendingKey = node
                } else {
                    problems.append(YAMLProblem(mark: node.mark, message: "a key must be plain text, not \(node.kindDescription)"))
                    // The value that follows is consumed and dropped.
                    frame.pendingKey = node
                    frame.droppingValue = true
                }
            }
        }
        stack.append(frame)
    }

    func finish(complete: Bool) -> YAMLFile {
        YAMLFile(documents: documents, problems: problems)
    }
}
