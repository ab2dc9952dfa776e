/// Compiles a template's text into `TemplateNode`s, reading it exactly as
/// swift-mustache 2 does, so that both give the same bytes: which text a tag
/// standing alone on its line takes with it, the whitespace kept before a
/// partial as its indentation, set delimiters, comments. It reads Characters
/// (grapheme clusters), as swift-mustache does: `\r\n` is one line break, and
/// a combining mark after a brace makes it another character.
///
/// It only ever reads text swift-mustache has already accepted (syntax errors
/// are reported by swift-mustache, as before). What it does not implement
/// (template inheritance, dynamic partials, the HTML content type, transforms
/// of values) is `Unsupported`: the format then renders through swift-mustache.
struct TemplateParser {
    /// A feature the engine leaves to swift-mustache, or text it cannot read.
    struct Unsupported: Error, Sendable, Equatable, CustomStringConvertible {
        var description: String
    }

    private let characters: [Character]
    private var position = 0

    /// The state of the section being read (swift-mustache's `ParserState`).
    private struct Block {
        var sectionName: String?
        var sectionTransforms: [String] = []
        /// At the start of a line, or just after a tag that stood alone on its own.
        var newLine = true
        var opening: [Character] = ["{", "{"]
        var closing: [Character] = ["}", "}"]
    }

    private init(_ text: String) {
        characters = Array(text)
    }

    /// The nodes of `text`; partials are named, not yet resolved.
    static func parse(_ text: String) throws(Unsupported) -> [TemplateNode] {
        var parser = TemplateParser(text)
        return try parser.readBlock(Block())
    }

    // MARK: - Reading characters

    private var atEnd: Bool { position == characters.count }

    /// The current character; NUL at the end (as swift-mustache's `current()`).
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func skip(while condition: (Character) -> Bool) {
        while !atEnd, condition(characters[position]) { position += 1 }
    }

    private mutating func read(while condition: (Character) -> Bool) -> [Character] {
        let start = position
        skip(while: condition)
        return Array(characters[start..<position])
    }

    /// Reads `expected` if it comes next. Fewer characters left than it has
    /// is an error, as in swift-mustache (`{` as a template's last character).
    private mutating func read(_ expected: [Character]) throws(Unsupported) -> Bool {
        guard characters.count - position >= expected.count else { throw Self.unreadable("unexpected end") }
        guard characters[position..<(position + expected.count)].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    private static func unreadable(_ what: String) -> Unsupported {
        Unsupported(description: "template text swift-mustache reads differently (\(what))")
    }

    private static let lineSpace: Set<Character> = [" ", "\t"]
    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let nameCharactersWithoutParentheses = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    // MARK: - Blocks

    /// The nodes up to the end of the text, or to the tag that closes the
    /// section `block` describes (which it reads).
    private mutating func readBlock(_ start: Block) throws(Unsupported) -> [TemplateNode] {
        var block = start
        var nodes: [TemplateNode] = []
        var indentation: [Character] = []
        func text(_ characters: [Character]) -> TemplateNode { .text(Array(String(characters).utf8)) }

        while !atEnd {
            if block.newLine {
                indentation = read { Self.lineSpace.contains($0) }
            }
            let before = try readText(block)
            if current.isNewline {
                nodes.append(text(indentation + before + [current]))
                block.newLine = true
                position += 1
                continue
            }
            if !before.isEmpty {
                nodes.append(text(indentation + before))
                indentation = []
                block.newLine = false
            }
            if atEnd { break }

            // Whether the next line starts right after this tag.
            var standsAlone = false
            /// Keeps the whitespace before a tag that does not stand alone.
            func keepIndentation() {
                if !indentation.isEmpty {
                    nodes.append(text(indentation))
                    indentation = []
                }
            }
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try readName(block)
                if endsLine(block) { standsAlone = true } else { keepIndentation() }
                var inner = block
                inner.sectionName = name
                inner.sectionTransforms = transforms
                if !standsAlone { inner.newLine = false }
                let body = try readBlock(inner)
                guard let path = ValuePath(name: name, transforms: transforms) else { throw Self.transform(name, transforms) }
                nodes.append(inverted ? .invertedSection(path, body) : .section(path, body))

            case "/":
                position += 1
                let (name, transforms) = try readName(block)
                guard name == block.sectionName, transforms == block.sectionTransforms else { throw Self.unreadable("a section closed by another name") }
                if !endsLine(block) { keepIndentation() }
                return nodes

            case "!":
                position += 1
                try skipComment(block)
                standsAlone = endsLine(block)

            case "{", "&":
                keepIndentation()
                let triple = current == "{"
                position += 1
                let (name, transforms) = try readName(block)
                if triple, try !read(["}"]) { throw Self.unreadable("a triple mustache not closed") }
                guard let path = ValuePath(name: name, transforms: transforms) else { throw Self.transform(name, transforms) }
                nodes.append(.value(path))

            case ">":
                position += 1
                skip { $0.isWhitespace }
                if current == "*" { throw Unsupported(description: "a dynamic partial ({{>*name}})") }
                let name = try readPartialName(block)
                if !indentation.isEmpty { nodes.append(text(indentation)) }
                if endsLine(block) {
                    standsAlone = true
                    nodes.append(.partial(name: name, index: nil, indentation: Array(String(indentation).utf8)))
                } else {
                    nodes.append(.partial(name: name, index: nil, indentation: nil))
                }
                indentation = []

            case "<", "$":
                throw Unsupported(description: "template inheritance ({{<parent}} and {{$block}})")

            case "=":
                position += 1
                block = try readDelimiters(block)
                standsAlone = endsLine(block)

            case "%":
                position += 1
                let contentType = try readPragma(block)
                // Every template starts with TEXT (TemplateRenderer adds it):
                // the engine writes values as the escaping rule left them.
                guard contentType == "TEXT" else { throw Unsupported(description: "the \(contentType) content type") }
                standsAlone = endsLine(block)

            default:
                keepIndentation()
                let (name, transforms) = try readName(block)
                guard let path = ValuePath(name: name, transforms: transforms) else { throw Self.transform(name, transforms) }
                nodes.append(.value(path))
            }
            block.newLine = standsAlone
        }
        guard block.sectionName == nil else { throw Self.unreadable("a section not closed") }
        return nodes
    }

    private static func transform(_ name: String, _ transforms: [String]) -> Unsupported {
        Unsupported(description: "a transform of a value (\(transforms.joined(separator: "(")))(\(name)\(String(repeating: ")", count: transforms.count)))")
    }

    /// The text before the next tag's opening delimiter (which it reads) or
    /// before the next line break (which it leaves).
    private mutating func readText(_ block: Block) throws(Unsupported) -> [Character] {
        guard let first = block.opening.first else { return [] }
        var text: [Character] = []
        while !atEnd {
            text += read { $0 != "\n" && $0 != "\r\n" && $0 != first }
            if current.isNewline { break }
            if current == first {
                if try read(block.opening) { break }
                text.append(first)
                position += 1
            }
        }
        return text
    }

    /// After a tag on a line that held nothing else so far: whether only
    /// spaces and tabs follow up to the line break or the end. If so, they
    /// and the line break are read: the tag's line writes nothing.
    private mutating func endsLine(_ block: Block) -> Bool {
        guard block.newLine else { return false }
        if atEnd { return true }
        var end = position
        while end < characters.count, Self.lineSpace.contains(characters[end]) { end += 1 }
        guard end < characters.count, characters[end].isNewline else { return false }
        position = end + 1
        return true
    }

    // MARK: - Inside tags

    /// A tag's name and transforms, and its closing delimiter.
    private mutating func readName(_ block: Block) throws(Unsupported) -> (String, [String]) {
        skip { $0.isWhitespace }
        let text = read { Self.nameCharacters.contains($0) }
        skip { $0.isWhitespace }
        guard try read(block.closing) else { throw Self.unreadable("a name not closed") }

        // `a(b(c))`: transforms a and b of the name c.
        var index = 0
        func readPart() -> String {
            let start = index
            while index < text.count, Self.nameCharactersWithoutParentheses.contains(text[index]) { index += 1 }
            return String(text[start..<index])
        }
        let head = readPart()
        if index == text.count { return (String(text), []) }
        guard text[index] == "(" else { throw Self.unreadable("a name") }
        index += 1
        var transforms = [head]
        while true {
            let part = readPart()
            let next: Character = index < text.count ? text[index] : "\0"
            if next == "(" {
                index += 1
                transforms.append(part)
                continue
            }
            guard next == ")" else { throw Self.unreadable("a transform") }
            index += 1
            var closing = 0
            while index < text.count, text[index] == ")" {
                index += 1
                closing += 1
            }
            guard closing + 1 == transforms.count, index == text.count else { throw Self.unreadable("a transform") }
            return (part, transforms)
        }
    }

    private mutating func readPartialName(_ block: Block) throws(Unsupported) -> String {
        skip { $0.isWhitespace }
        let name = read { Self.partialNameCharacters.contains($0) }
        skip { $0.isWhitespace }
        guard try read(block.closing) else { throw Self.unreadable("a partial name not closed") }
        return String(name)
    }

    /// Up to and including the closing delimiter, matched as swift-mustache
    /// matches it (a mismatch starts the match again after the character).
    private mutating func skipComment(_ block: Block) throws(Unsupported) {
        let closing = block.closing
        guard !closing.isEmpty else { return }
        var matched = 0
        while !atEnd {
            if characters[position] == closing[matched] {
                matched += 1
                if matched == closing.count {
                    position += 1
                    return
                }
            } else {
                matched = 0
            }
            position += 1
        }
        throw Self.unreadable("a comment not closed")
    }

    /// `{{=<% %>=}}`: the delimiters of the rest of the section.
    private mutating func readDelimiters(_ block: Block) throws(Unsupported) -> Block {
        skip { $0.isWhitespace }
        let opening = read { !$0.isWhitespace }
        guard !atEnd else { throw Self.unreadable("delimiters") }
        skip { $0.isWhitespace }
        let closing = read { $0 != "=" && !$0.isWhitespace }
        guard !atEnd else { throw Self.unreadable("delimiters") }
        skip { $0.isWhitespace }
        guard try read(["="]), try read(block.closing), !opening.isEmpty, !closing.isEmpty else { throw Self.unreadable("delimiters") }
        var changed = block
        changed.opening = opening
        changed.closing = closing
        return changed
    }

    /// `{{% CONTENT_TYPE: TEXT }}`: the content type named.
    private mutating func readPragma(_ block: Block) throws(Unsupported) -> String {
        skip { $0.isWhitespace }
        let variable = read { Self.nameCharactersWithoutParentheses.contains($0) }
        skip { $0.isWhitespace }
        guard try read([":"]) else { throw Self.unreadable("a pragma") }
        skip { $0.isWhitespace }
        let value = read { Self.nameCharactersWithoutParentheses.contains($0) }
        skip { $0.isWhitespace }
        guard try read(block.closing), String(variable) == "CONTENT_TYPE", !value.isEmpty else { throw Self.unreadable("a pragma") }
        return String(value)
    }
}
