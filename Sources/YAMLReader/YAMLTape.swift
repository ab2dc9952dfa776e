import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A YAML file as one flat array of nodes in document order (a "tape"), with
/// every scalar's bytes in one shared buffer: what libyaml's events say, with
/// the same marks, checks and problems as `YAMLParser`, but without a heap
/// object, an array or a `String` per node.
///
/// Why: the dataset loader reads hundreds of thousands of small records. A
/// tree of `YAMLNode`s costs several allocations per node and retain/release
/// traffic on every walk; the tape costs two growing arrays per file, and a
/// record's fields are found by scanning a few dozen bytes. Decoders read a
/// record straight from the tape into its struct, making a `String` only for
/// the values they keep.
///
/// Layout: a container's children follow it directly; `end` of a container is
/// the index after its last descendant, so siblings are found by skipping. A
/// map's children alternate key, value. An alias is a single node pointing at
/// the anchored node (expanded in place on reading, never copied), placed where
/// the alias is. A pair dropped by the parser (a duplicate key, a key that is
/// not text) stays on the tape, flagged, and is skipped by `pairs`.
///
/// The nodes and bytes sit in memory the tape allocates and frees itself, so
/// that reading a node is pointer arithmetic, with no reference counting of an
/// array on every access; they never change after `init`, hence Sendable.
public final class YAMLTape: @unchecked Sendable {
    /// What a node holds, aliases resolved.
    public enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    struct Node {
        /// `Kind` raw value, or `aliasKind` for an alias.
        var kind: UInt8
        var style: UInt8
        /// `droppedFlag`, `asciiFlag`.
        var flags: UInt8
        /// Levels of lists and maps, this node included (a scalar counts 1).
        var depth: UInt8
        var line: Int32
        var column: Int32
        /// Scalar: offset of its text; container: index after its subtree; alias: target.
        var a: Int32
        /// Scalar: length of its text in bytes.
        var b: Int32
        /// Nodes in the subtree, aliases counted in full.
        var weight: Int32

        static let aliasKind: UInt8 = 3
        static let droppedFlag: UInt8 = 1
        static let asciiFlag: UInt8 = 2
    }

    let nodes: UnsafeMutableBufferPointer<Node>
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// The root node of each complete document, in order.
    public let documents: [Int]
    /// Every problem met while reading, as `YAMLParser` reports them.
    public let problems: [YAMLProblem]

    /// Takes over the memory the builder grew: the tape frees it.
    fileprivate init(nodes: TapeStorage<Node>, bytes: TapeStorage<UInt8>, documents: [Int], problems: [YAMLProblem]) {
        // A storage always has memory, so the base addresses are never nil.
        self.nodes = UnsafeMutableBufferPointer(start: nodes.base, count: nodes.count)
        self.bytes = UnsafeMutableBufferPointer(start: bytes.base, count: bytes.count)
        self.documents = documents
        self.problems = problems
    }

    deinit {
        free(nodes.baseAddress)
        free(bytes.baseAddress)
    }

    /// The root of each complete document, as a value to read. Values do not
    /// keep their tape alive: keep it (`withExtendedLifetime`, or a stored
    /// reference as `FieldReader` does) for as long as they are read.
    public var documentValues: [Value] { documents.map { value(at: $0) } }

    @inline(__always)
    func value(at index: Int) -> Value {
        value(at: index, storage: Unmanaged.passUnretained(self))
    }

    /// `value(at:)`, for a caller that holds the tape unretained already.
    @inline(__always)
    func value(at index: Int, storage: Unmanaged<YAMLTape>) -> Value {
        let node = nodes[index]
        let content = node.kind == Node.aliasKind ? node.a : Int32(index)
        return Value(storage: storage, position: Int32(index), content: content)
    }

    // MARK: - Reading

    /// Reads `bytes` with libyaml's event API; the marks, limits and problems
    /// are those `YAMLParser.parse` has always reported.
    public static func parse(_ bytes: [UInt8]) -> YAMLTape {
        var builder = TapeBuilder(expectedBytes: bytes.count)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            builder.problems.append(YAMLProblem(mark: Mark(line: 1, column: 1), message: "cannot initialise the YAML parser"))
            return builder.finish()
        }
        defer { yaml_parser_delete(&parser) }

        return bytes.withUnsafeBufferPointer { buffer -> YAMLTape in
            // libyaml wants a non-null pointer even for empty input.
            var empty: UInt8 = 0
            let base = buffer.baseAddress ?? withUnsafeMutablePointer(to: &empty) { UnsafePointer($0) }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    builder.problems.append(YAMLParser.syntaxProblem(parser, bytes: buffer))
                    return builder.finish()
                }
                defer { yaml_event_delete(&event) }
                let line = Int32(clamping: event.start_mark.line + 1)
                let column = Int32(clamping: event.start_mark.column + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return builder.finish()
                case YAML_DOCUMENT_START_EVENT:
                    builder.anchors = [:]
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let style: ScalarStyle
                    switch s.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: style = .literal
                    case YAML_FOLDED_SCALAR_STYLE: style = .folded
                    default: style = .plain
                    }
                    let text = UnsafeBufferPointer(start: s.value, count: s.value == nil ? 0 : Int(s.length))
                    builder.addScalar(text, style: style, line: line, column: column, anchor: anchorName(s.anchor))
                case YAML_ALIAS_EVENT:
                    let name = anchorName(event.data.alias.anchor) ?? ""
                    guard builder.addAlias(name, line: line, column: column) else { return builder.finish() }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if builder.stack.count + 1 > YAMLParser.maximumDepth {
                        builder.problems.append(YAMLProblem(mark: Mark(line: Int(line), column: Int(column)),
                                                            message: "lists and maps nest more than \(YAMLParser.maximumDepth) levels deep"))
                        return builder.finish()
                    }
                    if event.type == YAML_SEQUENCE_START_EVENT {
                        builder.open(.sequence, line: line, column: column, anchor: anchorName(event.data.sequence_start.anchor))
                    } else {
                        builder.open(.mapping, line: line, column: column, anchor: anchorName(event.data.mapping_start.anchor))
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    builder.close()
                default:
                    break
                }
                if builder.weight > YAMLParser.maximumWeight {
                    builder.problems.append(YAMLProblem(mark: Mark(line: Int(line), column: Int(column)),
                                                        message: "the file expands to more than \(YAMLParser.maximumWeight) nodes through aliases"))
                    return builder.finish()
                }
            }
        }
    }

    private static func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// A tape of a tree already read: for code that holds a `YAMLNode` (a
    /// format manifest) and reads it with the same field reader as the dataset.
    public convenience init(_ root: YAMLNode) {
        var builder = TapeBuilder(expectedBytes: 0)
        builder.append(root)
        self.init(nodes: builder.nodes, bytes: builder.bytes, documents: [0], problems: [])
    }

    // MARK: - The tree, for callers that want one

    /// The `YAMLNode` of a tape node, aliases expanded as copies placed where
    /// the alias is: exactly what `YAMLParser` has always returned. An anchored
    /// node is built once and shared by its copies, as before.
    func tree(at index: Int, anchored: inout [Int: YAMLNode]) -> YAMLNode {
        let node = nodes[index]
        if node.kind == Node.aliasKind {
            let target = Int(node.a)
            var copy: YAMLNode
            if let built = anchored[target] {
                copy = built
            } else {
                copy = tree(at: target, anchored: &anchored)
                anchored[target] = copy
            }
            copy.mark = Mark(line: Int(node.line), column: Int(node.column))
            return copy
        }
        let built: YAMLNode.Content
        switch Kind(rawValue: node.kind)! {
        case .scalar:
            built = .scalar(string(index), ScalarStyle(code: node.style))
        case .sequence:
            var items: [YAMLNode] = []
            var child = index + 1
            while child < Int(node.a) {
                items.append(tree(at: child, anchored: &anchored))
                child = after(child)
            }
            built = .sequence(items)
        case .mapping:
            var pairs: [YAMLNode.Pair] = []
            for pair in value(at: index).pairs {
                pairs.append(YAMLNode.Pair(key: pair.key.text, keyMark: pair.key.mark,
                                           value: tree(at: Int(pair.value.position), anchored: &anchored)))
            }
            built = .mapping(pairs)
        }
        return YAMLNode(content: built, mark: Mark(line: Int(node.line), column: Int(node.column)),
                        weight: Int(node.weight), depth: Int(node.depth))
    }

    // MARK: - Node access

    /// The index after the subtree at `index` (an alias is one node).
    @inline(__always)
    func after(_ index: Int) -> Int {
        let node = nodes[index]
        return node.kind == Kind.sequence.rawValue || node.kind == Kind.mapping.rawValue ? Int(node.a) : index + 1
    }

    func string(_ index: Int) -> String {
        let node = nodes[index]
        guard node.b > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes.baseAddress! + Int(node.a), count: Int(node.b)), as: UTF8.self)
    }

    /// Whether the scalar at `index` reads as `text`, with `String`'s equality
    /// (canonical equivalence): bytes decide when both sides are ASCII.
    func scalar(_ index: Int, equals text: String) -> Bool {
        let node = nodes[index]
        var text = text
        return text.withUTF8 { other in
            let count = Int(node.b)
            if count == other.count {
                if count == 0 || memcmp(bytes.baseAddress! + Int(node.a), other.baseAddress!, count) == 0 { return true }
            }
            if node.flags & Node.asciiFlag != 0 && other.allSatisfy({ $0 < 0x80 }) { return false }
            return string(index) == String(decoding: other, as: UTF8.self)
        }
    }

    /// Whether the scalar at `index` starts with the ASCII `prefix`, with
    /// `String.hasPrefix` semantics (whole characters).
    func scalar(_ index: Int, hasPrefix prefix: StaticString) -> Bool {
        let node = nodes[index]
        if node.flags & Node.asciiFlag == 0 {
            return string(index).hasPrefix(prefix.description)
        }
        let count = prefix.utf8CodeUnitCount
        guard Int(node.b) >= count else { return false }
        return memcmp(bytes.baseAddress! + Int(node.a), prefix.utf8Start, count) == 0
    }

    /// A node to read: where it stands (an alias's own place), and what it holds.
    public struct Value: Sendable {
        /// Values are only made and used while their tape is held by the reader
        /// that made them: no reference count on every field read. Read
        /// through `_withUnsafeGuaranteedRef`: a field read through an
        /// `unowned(unsafe)` reference still retained and released the tape,
        /// several million times in a large dataset.
        let storage: Unmanaged<YAMLTape>
        /// Where the node stands on the tape (an alias's own place).
        let position: Int32
        /// Where its content is (the anchored node for an alias).
        let content: Int32

        init(storage: Unmanaged<YAMLTape>, position: Int32, content: Int32) {
            self.storage = storage
            self.position = position
            self.content = content
        }

        /// The tape this value is read from.
        public var tape: YAMLTape { storage.takeUnretainedValue() }

        @inline(__always) var nodes: UnsafeMutableBufferPointer<Node> { storage._withUnsafeGuaranteedRef { $0.nodes } }
        @inline(__always) var bytes: UnsafeMutableBufferPointer<UInt8> { storage._withUnsafeGuaranteedRef { $0.bytes } }

        /// Where the node stands in the file.
        public var mark: Mark {
            let node = nodes[Int(position)]
            return Mark(line: Int(node.line), column: Int(node.column))
        }

        public var kind: Kind { Kind(rawValue: nodes[Int(content)].kind)! }

        public var style: ScalarStyle { ScalarStyle(code: nodes[Int(content)].style) }

        /// A plain `~`, `null` or empty scalar: YAML's null, read as "absent".
        public var isNull: Bool {
            let node = nodes[Int(content)]
            guard node.kind == Kind.scalar.rawValue, node.style == ScalarStyle.plain.code else { return false }
            switch node.b {
            case 0: return true
            case 1: return bytes[Int(node.a)] == UInt8(ascii: "~")
            case 4:
                // No other text is canonically equivalent to these ASCII words.
                let a = Int(node.a)
                let word = (bytes[a], bytes[a + 1], bytes[a + 2], bytes[a + 3])
                return word == (0x6E, 0x75, 0x6C, 0x6C) || word == (0x4E, 0x75, 0x6C, 0x6C) || word == (0x4E, 0x55, 0x4C, 0x4C)
            default: return false
            }
        }

        /// The text of a scalar, null or not; "" for a list or a map.
        public var text: String {
            kind == .scalar ? storage._withUnsafeGuaranteedRef { $0.string(Int(content)) } : ""
        }

        /// The node's text if it is a (non-null) scalar.
        public var scalar: String? {
            kind == .scalar && !isNull ? storage._withUnsafeGuaranteedRef { $0.string(Int(content)) } : nil
        }

        /// The bytes of a scalar that is ASCII and not null, read in place
        /// (valid while the tape is held); nil for anything else.
        @inline(__always)
        public func withASCIIScalarBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
            let node = nodes[Int(content)]
            guard node.kind == Kind.scalar.rawValue, node.flags & Node.asciiFlag != 0, node.b > 0, !isNull else { return nil }
            return body(UnsafeRawBufferPointer(start: bytes.baseAddress! + Int(node.a), count: Int(node.b)))
        }

        /// Whether this is a scalar that reads as `text` (null or not).
        public func `is`(_ text: String) -> Bool {
            kind == .scalar && storage._withUnsafeGuaranteedRef { $0.scalar(Int(content), equals: text) }
        }

        /// The position in `names` of the first name this scalar reads as, with
        /// `String`'s equality: bytes decide for ASCII text, as names are ASCII.
        /// `hint`, where the name is likely to be, is tried first: names are
        /// distinct, so the first match there is the first match.
        public func index(in names: [String], tryingFirst hint: Int = -1) -> Int? {
            let node = nodes[Int(content)]
            guard node.kind == Kind.scalar.rawValue else { return nil }
            guard node.flags & Node.asciiFlag != 0 else { return names.firstIndex { self.is($0) } }
            let start = bytes.baseAddress! + Int(node.a)
            let count = Int(node.b)
            func matches(_ name: String) -> Bool {
                guard name.utf8.count == count else { return false }
                var name = name
                return name.withUTF8 { other in count == 0 || memcmp(start, other.baseAddress!, count) == 0 }
            }
            if names.indices.contains(hint), matches(names[hint]) { return hint }
            // The first match, as `firstIndex` finds it.
            return names.indices.first { matches(names[$0]) }
        }

        /// Whether this is a scalar whose text starts with `prefix` (ASCII).
        public func hasPrefix(_ prefix: StaticString) -> Bool {
            kind == .scalar && storage._withUnsafeGuaranteedRef { $0.scalar(Int(content), hasPrefix: prefix) }
        }

        /// What this node is, in words for an error message.
        public var kindDescription: String {
            if isNull { return "nothing" }
            switch kind {
            case .scalar: return "a scalar"
            case .sequence: return "a list"
            case .mapping: return "a map"
            }
        }

        /// The items of a list; nil for anything else.
        public var sequence: Items? {
            kind == .sequence ? Items(storage: storage, parent: content) : nil
        }

        /// The pairs of a map, duplicates and non-text keys left out; nil for anything else.
        public var mapping: Pairs? {
            kind == .mapping ? Pairs(storage: storage, parent: content) : nil
        }

        /// The pairs of a map (duplicates and non-text keys left out), or none.
        public var pairs: Pairs { Pairs(storage: storage, parent: kind == .mapping ? content : -1) }

        /// The value of the first pair whose key is `key`, however written.
        public func value(of key: String) -> Value? {
            for pair in pairs where pair.key.is(key) { return pair.value }
            return nil
        }

        /// The node as a `YAMLNode` tree (an `x-` value, kept as typed).
        public var tree: YAMLNode {
            var anchored: [Int: YAMLNode] = [:]
            return storage._withUnsafeGuaranteedRef { $0.tree(at: Int(position), anchored: &anchored) }
        }
    }

    /// The items of a list, in order.
    public struct Items: Sequence, Sendable {
        let storage: Unmanaged<YAMLTape>
        let parent: Int32
        @inline(__always) var nodes: UnsafeMutableBufferPointer<Node> { storage._withUnsafeGuaranteedRef { $0.nodes } }

        public var isEmpty: Bool { Int(parent) + 1 >= Int(nodes[Int(parent)].a) }

        public func makeIterator() -> Iterator {
            Iterator(storage: storage, position: Int(parent) + 1, end: Int(nodes[Int(parent)].a))
        }

        public struct Iterator: IteratorProtocol {
            let storage: Unmanaged<YAMLTape>
            var position: Int
            let end: Int

            public mutating func next() -> Value? {
                guard position < end else { return nil }
                let (item, after) = storage._withUnsafeGuaranteedRef { tape in
                    (tape.value(at: position, storage: storage), tape.after(position))
                }
                position = after
                return item
            }
        }
    }

    /// The pairs of a map that the parser kept, in order.
    public struct Pairs: Sequence, Sendable {
        let storage: Unmanaged<YAMLTape>
        /// -1: no pairs (not a map).
        let parent: Int32
        @inline(__always) var nodes: UnsafeMutableBufferPointer<Node> { storage._withUnsafeGuaranteedRef { $0.nodes } }

        public struct Pair {
            public let key: Value
            public let value: Value
        }

        public func makeIterator() -> Iterator {
            guard parent >= 0 else { return Iterator(storage: storage, position: 0, end: 0) }
            return Iterator(storage: storage, position: Int(parent) + 1, end: Int(nodes[Int(parent)].a))
        }

        public struct Iterator: IteratorProtocol {
            let storage: Unmanaged<YAMLTape>
            var position: Int
            let end: Int

            public mutating func next() -> Pair? {
                storage._withUnsafeGuaranteedRef { tape in
                    while position < end {
                        let key = position
                        let value = tape.after(key)
                        position = tape.after(value)
                        if tape.nodes[key].flags & Node.droppedFlag == 0 {
                            return Pair(key: tape.value(at: key, storage: storage), value: tape.value(at: value, storage: storage))
                        }
                    }
                    return nil
                }
            }
        }
    }
}

extension ScalarStyle {
    var code: UInt8 {
        switch self {
        case .plain: return 0
        case .singleQuoted: return 1
        case .doubleQuoted: return 2
        case .literal: return 3
        case .folded: return 4
        }
    }

    init(code: UInt8) {
        switch code {
        case 1: self = .singleQuoted
        case 2: self = .doubleQuoted
        case 3: self = .literal
        case 4: self = .folded
        default: self = .plain
        }
    }
}

// MARK: - Building the tape from events

/// The checks of the former tree builder, made on the tape: duplicate keys
/// (reported when the pair's value is complete, as before), keys that are not
/// text, alias depth and weight.
private struct TapeBuilder {
    typealias Node = YAMLTape.Node

    struct Frame {
        var kind: YAMLTape.Kind
        var index: Int32
        var anchor: String?
        /// The key waiting for its value, or -1.
        var pendingKey: Int32 = -1
        var droppingValue = false
        /// Where this map's kept keys start in `keys`.
        var keysStart: Int
        /// Keys of a large map, for finding duplicates; a small one is searched.
        var seenKeys: [String: Int32] = [:]
        /// Depth of the deepest child so far.
        var depth: Int = 0
        var weight: Int = 1
    }

    /// Handed to the tape by `finish()`, which then owns and frees them.
    var nodes: TapeStorage<Node>
    var bytes: TapeStorage<UInt8>
    var stack: [Frame] = []
    /// The kept keys of every open map, innermost last.
    var keys: [Int32] = []
    /// For each of `keys`: its byte count and first bytes (`signature(of:)`).
    var keySignatures: [UInt64] = []
    var documents: [Int] = []
    var anchors: [String: Int32] = [:]
    var problems: [YAMLProblem] = []
    var weight = 0

    init(expectedBytes: Int) {
        // About one node per 10 bytes of YAML in record files; text is most of the bytes.
        nodes = TapeStorage(capacity: expectedBytes / 10 + 16)
        bytes = TapeStorage(capacity: expectedBytes + 16)
    }

    /// The tape, which takes over `nodes` and `bytes`: called once, as the builder's last use.
    func finish() -> YAMLTape {
        YAMLTape(nodes: nodes, bytes: bytes, documents: documents, problems: problems)
    }

    mutating func addScalar(_ text: UnsafeBufferPointer<UInt8>, style: ScalarStyle, line: Int32, column: Int32, anchor: String?) {
        var high: UInt8 = 0
        for byte in text { high |= byte }
        let start = Int32(clamping: bytes.count)
        bytes.append(contentsOf: text)
        nodes.append(Node(kind: YAMLTape.Kind.scalar.rawValue, style: style.code, flags: high < 0x80 ? Node.asciiFlag : 0, depth: 1,
                          line: line, column: column, a: start, b: Int32(clamping: text.count), weight: 1))
        added(Int32(nodes.count - 1), anchor: anchor, counted: false)
    }

    /// False (with a problem) when the alias names no anchor or nests too deep.
    mutating func addAlias(_ name: String, line: Int32, column: Int32) -> Bool {
        let mark = Mark(line: Int(line), column: Int(column))
        guard let target = anchors[name] else {
            problems.append(YAMLProblem(mark: mark, message: "unknown alias '*\(name)'"))
            return false
        }
        let anchored = nodes[Int(target)]
        if stack.count + Int(anchored.depth) > YAMLParser.maximumDepth {
            problems.append(YAMLProblem(mark: mark, message: "lists and maps nest more than \(YAMLParser.maximumDepth) levels deep"))
            return false
        }
        nodes.append(Node(kind: Node.aliasKind, style: anchored.style, flags: anchored.flags & Node.asciiFlag, depth: anchored.depth,
                          line: line, column: column, a: target, b: 0, weight: anchored.weight))
        added(Int32(nodes.count - 1), anchor: nil, counted: false)
        return true
    }

    mutating func open(_ kind: YAMLTape.Kind, line: Int32, column: Int32, anchor: String?) {
        nodes.append(Node(kind: kind.rawValue, style: 0, flags: 0, depth: 1, line: line, column: column, a: 0, b: 0, weight: 1))
        stack.append(Frame(kind: kind, index: Int32(nodes.count - 1), anchor: anchor, keysStart: keys.count))
    }

    mutating func close() {
        guard let frame = stack.popLast() else { return }
        keys.removeSubrange(frame.keysStart...)
        keySignatures.removeSubrange(frame.keysStart...)
        let index = Int(frame.index)
        nodes[index].a = Int32(clamping: nodes.count)
        nodes[index].weight = Int32(clamping: frame.weight)
        nodes[index].depth = UInt8(clamping: frame.depth + 1)
        added(frame.index, anchor: frame.anchor, counted: true)
    }

    /// The kind of a node, aliases resolved.
    private func resolvedKind(_ index: Int32) -> UInt8 {
        let node = nodes[Int(index)]
        return node.kind == Node.aliasKind ? nodes[Int(node.a)].kind : node.kind
    }

    /// The text of a scalar node (aliases resolved), for messages and large maps.
    private func text(_ index: Int32) -> String {
        var node = nodes[Int(index)]
        if node.kind == Node.aliasKind { node = nodes[Int(node.a)] }
        return String(decoding: UnsafeBufferPointer(start: bytes.base + Int(node.a), count: Int(node.b)), as: UTF8.self)
    }

    /// The node `index` is complete: it becomes an item, a key or a value of the open container.
    mutating func added(_ index: Int32, anchor: String?, counted: Bool) {
        let node = nodes[Int(index)]
        if let anchor { anchors[anchor] = index }
        if !counted { weight += Int(node.weight) }
        guard !stack.isEmpty else {
            documents.append(Int(index))
            return
        }
        let top = stack.count - 1
        stack[top].weight += Int(node.weight)
        let kind = resolvedKind(index)
        if kind != YAMLTape.Kind.scalar.rawValue { stack[top].depth = max(stack[top].depth, Int(node.depth)) }
        guard stack[top].kind == .mapping else { return }
        let key = stack[top].pendingKey
        if key >= 0 {
            stack[top].pendingKey = -1
            defer { stack[top].droppingValue = false }
            guard !stack[top].droppingValue else { return }
            if let first = firstKey(like: key, frame: top) {
                let firstNode = nodes[Int(first)]
                let keyNode = nodes[Int(key)]
                problems.append(YAMLProblem(mark: Mark(line: Int(keyNode.line), column: Int(keyNode.column)),
                                            message: "duplicate key '\(text(key))' (first at line \(firstNode.line), column \(firstNode.column))"))
                nodes[Int(key)].flags |= Node.droppedFlag
            } else {
                if keys.count - stack[top].keysStart >= 16 { stack[top].seenKeys[text(key)] = key }
                keys.append(key)
                keySignatures.append(signature(of: key))
            }
        } else {
            stack[top].pendingKey = index
            if kind != YAMLTape.Kind.scalar.rawValue {
                let description = kind == YAMLTape.Kind.sequence.rawValue ? "a list" : "a map"
                problems.append(YAMLProblem(mark: Mark(line: Int(node.line), column: Int(node.column)),
                                            message: "a key must be plain text, not \(description)"))
                // The value that follows is consumed and dropped.
                nodes[Int(index)].flags |= Node.droppedFlag
                stack[top].droppingValue = true
            }
        }
    }

    /// The kept key of the map at `frame` that reads as the key at `index`.
    private mutating func firstKey(like index: Int32, frame: Int) -> Int32? {
        let start = stack[frame].keysStart
        let count = keys.count - start
        if count < 16 {
            // Two ASCII keys of different signatures are different; any other pair is compared in full.
            let wanted = signature(of: index)
            for position in start..<keys.count {
                let other = keySignatures[position]
                if wanted != 0, other != 0, other != wanted { continue }
                if sameText(keys[position], index) { return keys[position] }
            }
            return nil
        }
        if stack[frame].seenKeys.isEmpty {
            for position in start..<keys.count { stack[frame].seenKeys[text(keys[position])] = keys[position] }
        }
        return stack[frame].seenKeys[text(index)]
    }

    /// The byte count and up to the first four bytes of an ASCII scalar, not
    /// an alias; 0 for any other node. ASCII text equals only the same bytes,
    /// so two ASCII keys whose signatures differ are different keys.
    private func signature(of index: Int32) -> UInt64 {
        let node = nodes[Int(index)]
        guard node.kind == YAMLTape.Kind.scalar.rawValue, node.flags & Node.asciiFlag != 0 else { return 0 }
        var value = UInt64(UInt32(node.b)) << 32 | 1 << 63
        for offset in 0..<min(4, Int(node.b)) {
            value |= UInt64(bytes[Int(node.a) + offset]) << (8 * UInt64(offset))
        }
        return value
    }

    /// String equality of two scalar nodes: bytes decide when both are ASCII.
    private func sameText(_ a: Int32, _ b: Int32) -> Bool {
        var x = nodes[Int(a)]
        var y = nodes[Int(b)]
        if x.kind == Node.aliasKind { x = nodes[Int(x.a)] }
        if y.kind == Node.aliasKind { y = nodes[Int(y.a)] }
        if x.b == y.b {
            if x.b == 0 || memcmp(bytes.base + Int(x.a), bytes.base + Int(y.a), Int(x.b)) == 0 { return true }
        }
        if x.flags & Node.asciiFlag != 0 && y.flags & Node.asciiFlag != 0 { return false }
        return text(a) == text(b)
    }

    /// Appends a tree already built (aliases in it already expanded).
    mutating func append(_ tree: YAMLNode) {
        let line = Int32(clamping: tree.mark.line)
        let column = Int32(clamping: tree.mark.column)
        switch tree.content {
        case let .scalar(text, style):
            var text = text
            let start = Int32(clamping: bytes.count)
            text.withUTF8 { bytes.append(contentsOf: $0) }
            let ascii = text.utf8.allSatisfy { $0 < 0x80 }
            nodes.append(Node(kind: YAMLTape.Kind.scalar.rawValue, style: style.code, flags: ascii ? Node.asciiFlag : 0, depth: 1,
                              line: line, column: column, a: start, b: Int32(clamping: text.utf8.count), weight: 1))
        case let .sequence(items):
            let index = nodes.count
            nodes.append(Node(kind: YAMLTape.Kind.sequence.rawValue, style: 0, flags: 0, depth: UInt8(clamping: tree.depth),
                              line: line, column: column, a: 0, b: 0, weight: Int32(clamping: tree.weight)))
            for item in items { append(item) }
            nodes[index].a = Int32(clamping: nodes.count)
        case let .mapping(pairs):
            let index = nodes.count
            nodes.append(Node(kind: YAMLTape.Kind.mapping.rawValue, style: 0, flags: 0, depth: UInt8(clamping: tree.depth),
                              line: line, column: column, a: 0, b: 0, weight: Int32(clamping: tree.weight)))
            for pair in pairs {
                append(YAMLNode(content: .scalar(pair.key, .plain), mark: pair.keyMark))
                append(pair.value)
            }
            nodes[index].a = Int32(clamping: nodes.count)
        }
    }
}

/// Memory a `TapeBuilder` grows with `realloc` and hands to its tape as it
/// is: a file's nodes and text are written once, never copied into the tape.
/// A copy of the struct shares the memory; the tape that takes it frees it.
private struct TapeStorage<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = Self.resize(nil, to: self.capacity)
    }

    private static func resize(_ memory: UnsafeMutablePointer<Element>?, to capacity: Int) -> UnsafeMutablePointer<Element> {
        // Fails only when memory is exhausted: nothing sensible is left to do then.
        guard let resized = realloc(memory, capacity * MemoryLayout<Element>.stride) else {
            fatalError("out of memory while reading YAML")
        }
        return resized.bindMemory(to: Element.self, capacity: capacity)
    }

    private mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        capacity = max(needed, capacity * 2)
        base = Self.resize(base, to: capacity)
    }

    mutating func append(_ element: Element) {
        reserve(count + 1)
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        reserve(count + elements.count)
        (base + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "tape index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "tape index out of range")
            base[index] = newValue
        }
    }
}
