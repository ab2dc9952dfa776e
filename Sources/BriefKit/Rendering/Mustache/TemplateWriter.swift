/// Walks compiled templates over a context, writing into one byte buffer.
///
/// The rules are swift-mustache 2's, to the byte:
/// - a section over a list renders once per item, the item on top of the
///   stack; over `true` once, the stack unchanged; over null, `false` or an
///   empty list not at all; over anything else (an object, a string, a
///   number, even an empty string) once, the value on top of the stack;
/// - an inverted section renders only over null, `false` or an empty list
///   (the empty list on top of the stack);
/// - `first()`, `last()`, `index()`, `even()`, `odd()` read where the item
///   stands in the list being rendered; a partial, or a section over a
///   single value, starts without one;
/// - a partial that stands alone on its line indents the lines it writes
///   (see `Frame`).
struct TemplateWriter {
    /// A variable names something swift-mustache writes with Swift's own
    /// description of it (an object, a non-empty list): the caller renders
    /// with swift-mustache instead.
    struct Unsupported: Error {}

    /// Held by the caller while this writer lives.
    private let program: TemplateProgram
    /// The brief's tree, which the values on the stack are places in.
    private let tree: FlatTree
    private let escaping: EscapingRule
    private(set) var output: [UInt8] = []
    private var stack: [ContextValue]

    /// The position in the list being rendered.
    private struct Position {
        var index: Int
        var isLast: Bool
    }

    // MARK: - Indentation

    /// One call of swift-mustache's `render(context:)` while a partial's
    /// indentation is in force: it builds its own string and, between two
    /// of its tokens, adds the indentation when that string ends with a
    /// line break; the first token's output is left to the caller, which
    /// sees the whole call's output as one token. A list's items are
    /// concatenated without any indentation (an `isList` frame).
    ///
    /// So the indentation is written before a chunk of output when the
    /// innermost frame that has already written something ends with a line
    /// break and is not a list. Frames exist only while indenting.
    private struct Frame {
        /// Where the frame's output starts in `output`.
        var start: Int
        var indentation: [UInt8]
        var isList: Bool
    }

    private var frames: [Frame] = []
    /// The indentation in force: partials add theirs to their caller's.
    private var indentation: [UInt8] = []

    init(program: TemplateProgram, tree: FlatTree, root: ContextValue, escaping: EscapingRule, capacity: Int) {
        self.program = program
        self.tree = tree
        self.escaping = escaping
        stack = [root]
        stack.reserveCapacity(16)
        output.reserveCapacity(capacity)
    }

    /// Renders template number `index` over the root.
    mutating func render(template index: Int) throws(Unsupported) {
        try render(program.templates[index], position: nil)
    }

    // MARK: - Nodes

    /// The operations of `range`: a template, or a section's body. Each is
    /// read where the program holds it, and holds only numbers: nothing is
    /// copied or counted.
    private mutating func render(_ range: Range<Int>, position: Position?) throws(Unsupported) {
        let operations = program.operations
        var index = range.lowerBound
        while index < range.upperBound {
            switch operations[index] {
            case let .text(start, count):
                write(UnsafeBufferPointer(rebasing: program.bytes[Int(start) ..< Int(start) + Int(count)]))
                index += 1
            case let .value(path):
                try write(resolve(path, position))
                index += 1
            case let .section(path, end):
                try renderSection(resolve(path, position), index + 1 ..< Int(end), position)
                index = Int(end)
            case let .invertedSection(path, end):
                try renderInverted(resolve(path, position), index + 1 ..< Int(end), position)
                index = Int(end)
            case let .partial(template, indentationStart, indentationCount):
                index += 1
                guard template >= 0 else { continue }
                let outer = self.indentation
                if indentationCount >= 0 {
                    self.indentation = outer + program.bytes[Int(indentationStart) ..< Int(indentationStart) + Int(indentationCount)]
                }
                try frame(isList: false) { (writer: inout TemplateWriter) throws(Unsupported) in
                    try writer.render(writer.program.templates[Int(template)], position: nil)
                }
                self.indentation = outer
            }
        }
    }

    private mutating func renderSection(_ value: ContextValue?, _ body: Range<Int>, _ position: Position?) throws(Unsupported) {
        switch value {
        case nil, .null?:
            return
        case let .bool(flag)?:
            guard flag else { return }
            try frame(isList: false) { (writer: inout TemplateWriter) throws(Unsupported) in try writer.render(body, position: position) }
        case let .treeArray(node)?:
            let list = tree.nodes[Int(node)]
            guard list.count > 0 else { return }
            try frame(isList: true) { (writer: inout TemplateWriter) throws(Unsupported) in
                let start = Int(list.start), end = start + Int(list.count)
                for index in start ..< end {
                    let item = ContextValue(node: writer.tree.items[index], of: writer.tree)
                    try writer.renderItem(item, body, Position(index: index - start, isLast: index == end - 1))
                }
            }
        case let .list(items)?:
            guard !items.isEmpty else { return }
            try frame(isList: true) { (writer: inout TemplateWriter) throws(Unsupported) in
                for (index, item) in items.enumerated() {
                    try writer.renderItem(item, body, Position(index: index, isLast: index == items.count - 1))
                }
            }
        case let .lines(start, end)?:
            try frame(isList: true) { (writer: inout TemplateWriter) throws(Unsupported) in
                try writer.renderLines(Int(start), Int(end), body)
            }
        case let value?:
            try renderItem(value, body, nil)
        }
    }

    /// `body` once for each line of the tree's text `start ..< end`, cut as
    /// `TemplateContext.lines` cuts it. A text always has one line, if an
    /// empty one.
    private mutating func renderLines(_ start: Int, _ end: Int, _ body: Range<Int>) throws(Unsupported) {
        let text = UnsafeBufferPointer(rebasing: tree.bytes[..<end])
        var lineStart = start
        var position = 0
        while true {
            let cut = TemplateContext.lineBreak(in: text, from: lineStart, textStart: start)
            let isLast = cut == end
            try renderItem(.line(start: Int32(lineStart), count: Int32(cut - lineStart)), body, Position(index: position, isLast: isLast))
            if isLast { return }
            lineStart = cut + 1
            position += 1
        }
    }

    /// `body` once with `item` on top of the stack, as one frame.
    private mutating func renderItem(_ item: ContextValue, _ body: Range<Int>, _ position: Position?) throws(Unsupported) {
        stack.append(item)
        if frames.isEmpty {
            try render(body, position: position)
        } else {
            try frame(isList: false) { (writer: inout TemplateWriter) throws(Unsupported) in try writer.render(body, position: position) }
        }
        stack.removeLast()
    }

    private mutating func renderInverted(_ value: ContextValue?, _ body: Range<Int>, _ position: Position?) throws(Unsupported) {
        switch value {
        case nil, .null?, .bool(false)?:
            try frame(isList: false) { (writer: inout TemplateWriter) throws(Unsupported) in try writer.render(body, position: position) }
        case let .treeArray(node)? where tree.nodes[Int(node)].count == 0:
            try renderItem(.treeArray(node), body, nil)
        case let .list(items)? where items.isEmpty:
            try renderItem(.list([]), body, nil)
        default:
            return
        }
    }

    /// Runs `body` as one frame of output when indenting; as it is otherwise.
    private mutating func frame(isList: Bool, _ body: (inout TemplateWriter) throws(Unsupported) -> Void) throws(Unsupported) {
        guard !indentation.isEmpty else { return try body(&self) }
        frames.append(Frame(start: output.count, indentation: indentation, isList: isList))
        try body(&self)
        frames.removeLast()
    }

    // MARK: - Lookup

    private func resolve(_ path: Int32, _ position: Position?) -> ContextValue? {
        program.paths[Int(path)]._withUnsafeGuaranteedRef { resolve($0, position) }
    }

    private func resolve(_ path: ValuePath, _ position: Position?) -> ContextValue? {
        switch path.start {
        case .current:
            return stack[stack.count - 1]
        case .sequence:
            return Self.sequenceValue(path.transforms, position)
        case .currentOnly:
            return descend(stack[stack.count - 1], path.keys[...])
        case .stack:
            // Each level read where the stack holds it: reading `stack[level]`
            // copied the value (a retain and a release of what it holds).
            return stack.withUnsafeBufferPointer { stack in
                path.firstKey!._withUnsafeGuaranteedRef { first in
                    var level = stack.count - 1
                    while level >= 0 {
                        if let found = stack[level].field(first, in: tree) {
                            return path.keys.count == 1 ? found : descend(found, path.keys[1...])
                        }
                        level -= 1
                    }
                    return nil
                }
            }
        }
    }

    /// The rest of a dotted name, each part in what the previous one found.
    private func descend(_ value: ContextValue, _ keys: ArraySlice<ContextKey>) -> ContextValue? {
        var value = value
        for key in keys {
            guard let child = value.field(key, in: tree) else { return nil }
            value = child
        }
        return value
    }

    /// `last()`, `plusone(index())`…: a Bool or an Int, or nothing (outside a
    /// list, or a transform the value does not have).
    private static func sequenceValue(_ transforms: [SequenceTransform], _ position: Position?) -> ContextValue? {
        guard let position else { return nil }
        var value: ContextValue?
        for (step, transform) in transforms.enumerated() {
            if step == 0 {
                switch transform {
                case .first: value = .bool(position.index == 0)
                case .last: value = .bool(position.isLast)
                case .index: value = .int(position.index)
                case .even: value = .bool(position.index & 1 == 0)
                case .odd: value = .bool(position.index & 1 == 1)
                case .plusOne, .minusOne, .equalZero, .unknown: return nil
                }
                continue
            }
            // Only integers have transforms of their own.
            guard case let .int(number)? = value else { return nil }
            switch transform {
            case .plusOne: value = .int(number + 1)
            case .minusOne: value = .int(number - 1)
            case .equalZero: value = .bool(number == 0)
            case .even: value = .bool(number & 1 == 0)
            case .odd: value = .bool(number & 1 == 1)
            case .first, .last, .index, .unknown: return nil
            }
        }
        return value
    }

    // MARK: - Output

    private mutating func write(_ value: ContextValue?) throws(Unsupported) {
        switch value {
        case nil, .null?:
            return
        case let .bool(flag)?:
            write(flag ? "true" : "false")
        case let .int(number)?:
            write(String(number))
        case let .number(number)?:
            write(number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number))
        case let .string(text)?:
            // Escaped straight into the output: no `String` made for it.
            guard !text.isEmpty else { return }
            if !frames.isEmpty { indentIfDue() }
            escaping.escape(text, into: &output)
        case let .treeText(start, count)?:
            guard count > 0 else { return }
            if !frames.isEmpty { indentIfDue() }
            escaping.escape(bytes: tree.text(start, count), into: &output)
        case let .text(text)?:
            write(text)
        case let .treeArray(node)? where tree.nodes[Int(node)].count == 0:
            write("[]")
        case let .list(items)? where items.isEmpty:
            write("[]")
        case .treeArray?, .list?, .lines?, .line?, .treeObject?, .plain?, .root?:
            throw Unsupported()
        }
    }

    private mutating func write(_ text: String) {
        guard !text.isEmpty else { return }
        if !frames.isEmpty { indentIfDue() }
        output.append(contentsOf: text.utf8)
    }

    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if !frames.isEmpty { indentIfDue() }
        output.append(contentsOf: bytes)
    }

    /// Before a chunk of output: the indentation, when the innermost frame
    /// that has written something ends with a line break (a whole Character:
    /// not the end of a CR LF) and is not a list.
    private mutating func indentIfDue() {
        var level = frames.count - 1
        while level >= 0 {
            let frame = frames[level]
            if output.count > frame.start {
                let end = output.count
                if !frame.isList, output[end - 1] == 0x0A, !(end - 2 >= frame.start && output[end - 2] == 0x0D) {
                    output.append(contentsOf: frame.indentation)
                }
                return
            }
            level -= 1
        }
    }
}
