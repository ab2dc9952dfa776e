/// An engine's compiled templates laid out for `TemplateWriter`: every node
/// of every template in one run of operations that hold only numbers, their
/// text in one run of bytes, and their names in one list.
///
/// Walking `TemplateNode`s copied each node's payload (its text, its section
/// body, its name), a retain and a release apiece, some forty thousand per
/// brief. An operation here is a few integers: reading one counts nothing.
/// Written once, read by any number of threads, and freed with the engine.
final class TemplateProgram: @unchecked Sendable {
    /// One node. A section's body is the operations after it, up to `end`.
    enum Operation {
        /// `bytes[start ..< start + count]`, written as it is.
        case text(start: Int32, count: Int32)
        /// `{{name}}`: `paths[path]`.
        case value(path: Int32)
        case section(path: Int32, end: Int32)
        case invertedSection(path: Int32, end: Int32)
        /// `{{> name}}`: the template it names, -1 when there is none;
        /// its indentation in `bytes`, a count of -1 when it has none.
        case partial(template: Int32, indentationStart: Int32, indentationCount: Int32)
    }

    /// Immutable once made; freed in `deinit`.
    let operations: UnsafeBufferPointer<Operation>
    let bytes: UnsafeBufferPointer<UInt8>
    /// Held by `names`; read without counting.
    let paths: UnsafeBufferPointer<Unmanaged<ValuePath>>
    /// The operations of each template, by its index.
    let templates: [Range<Int>]
    private let names: [ValuePath]

    init(_ templates: [[TemplateNode]]) {
        var builder = Builder()
        var ranges: [Range<Int>] = []
        for nodes in templates {
            let start = builder.operations.count
            builder.append(nodes)
            ranges.append(start ..< builder.operations.count)
        }
        self.templates = ranges
        names = builder.paths
        operations = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.operations))
        bytes = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.bytes))
        paths = UnsafeBufferPointer(UnsafeMutableBufferPointer.copying(builder.paths.map { Unmanaged.passUnretained($0) }))
    }

    deinit {
        operations.deallocate()
        bytes.deallocate()
        paths.deallocate()
    }

    private struct Builder {
        var operations: [Operation] = []
        var bytes: [UInt8] = []
        var paths: [ValuePath] = []

        mutating func append(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case let .text(text):
                    operations.append(.text(start: add(text), count: Int32(text.count)))
                case let .value(path):
                    operations.append(.value(path: add(path)))
                case let .section(path, body):
                    let at = operations.count
                    operations.append(.text(start: 0, count: 0))
                    append(body)
                    operations[at] = .section(path: add(path), end: Int32(operations.count))
                case let .invertedSection(path, body):
                    let at = operations.count
                    operations.append(.text(start: 0, count: 0))
                    append(body)
                    operations[at] = .invertedSection(path: add(path), end: Int32(operations.count))
                case let .partial(_, index, indentation):
                    var start: Int32 = 0
                    if let indentation { start = add(indentation) }
                    operations.append(.partial(template: index.map { Int32($0) } ?? -1, indentationStart: start,
                                               indentationCount: indentation.map { Int32($0.count) } ?? -1))
                }
            }
        }

        private mutating func add(_ text: [UInt8]) -> Int32 {
            defer { bytes += text }
            return Int32(bytes.count)
        }

        private mutating func add(_ path: ValuePath) -> Int32 {
            defer { paths.append(path) }
            return Int32(paths.count)
        }
    }
}

extension UnsafeMutableBufferPointer {
    /// A buffer of its own holding `elements`, to be deallocated by its
    /// owner: what an immutable table read without counting is kept in.
    static func copying(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(1, elements.count))
        _ = buffer.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: buffer[..<elements.count])
    }
}
