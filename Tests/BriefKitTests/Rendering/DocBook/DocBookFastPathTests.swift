import Foundation
import Testing
import XMLSupport
@testable import BriefKit

/// The DocBook check's fast path (`DocBookFastPath`): every brief the built-in
/// templates write takes it, it never accepts a document the official schema
/// refuses, and a document it refuses gets the official schema's verdict and
/// messages.
@Suite struct DocBookFastPathTests {
    static func fastPath() throws -> RelaxNGSchema {
        try #require(DocBookSchema.fastPath, "the fast path does not compile against \(OutputValidator.docbookSchemaPath)")
    }

    static func official() throws -> RelaxNGSchema { try DocBookSchema.shared() }

    // MARK: - Taken by what ships

    @Test(arguments: RenderCase.all)
    func everyBuiltInBriefTakesTheFastPath(_ renderCase: RenderCase) throws {
        let (_, xml) = try renderCase.render("docbook")
        let refused = try Self.fastPath().validate(xml)
        #expect(refused.isEmpty, "the fast path refuses a built-in brief: \(refused.prefix(3).map(\.description))")
        #expect(try Self.official().validate(xml).isEmpty)
    }

    /// Generated briefs: thousands of records, every section filled, sources
    /// with and without publisher, link and note.
    @Test(arguments: GeneratedDatasets.all.prefix(2))
    func generatedBriefsTakeTheFastPath(_ generated: GeneratedDatasets.Generated) throws {
        let days = GeneratedDatasets.days(of: generated.inputs)
        let day = try #require(days.last)
        var bibliographyEntries = 0
        for definition in generated.inputs.definitions {
            let brief = BriefAnalyzer.brief(for: definition, in: generated.inputs.dataset, on: day)
            let xml = try Rendering.render(brief, as: "docbook")
            let refused = try Self.fastPath().validate(xml)
            #expect(refused.isEmpty, "\(definition.id) on \(day): \(refused.prefix(3).map(\.description))")
            bibliographyEntries += xml.components(separatedBy: "<biblioentry ").count - 1
        }
        #expect(bibliographyEntries > 50, "the generated briefs cite too few sources to test the bibliography")
    }

    // MARK: - Never more than DocBook

    /// Damaged briefs, thousands of them: elements renamed, wrapped, moved,
    /// unwrapped, duplicated, deleted or emptied, attributes added or taken
    /// away, text put where elements go. Whatever the fast path accepts, the
    /// official schema accepts too; and the check the renderers run gives the
    /// official verdict on every one.
    @Test(arguments: [RenderCase(.freedonia, "2025-07-15"), RenderCase(.seed, "2025-05-01")])
    func theFastPathNeverAcceptsWhatDocBookRefuses(_ renderCase: RenderCase) throws {
        let (_, xml) = try renderCase.render("docbook")
        let original = try XMLTree.parse(xml)
        var mutants = Mutation.systematic(original)
        var random = TemplateEngineRandomTests.Generator(state: 20_261_127)
        for _ in 0..<400 {
            var mutant = original
            let applied = (0..<Int.random(in: 2...3, using: &random)).map { _ in Mutation.apply(to: &mutant, using: &random) }
            mutants.append((applied.joined(separator: "; "), mutant))
        }
        var counts = (fastAccepted: 0, fellBack: 0, refused: 0)
        for (number, (applied, mutant)) in mutants.enumerated() {
            let text = Mutation.document(mutant)
            let fast = try Self.fastPath().validate(text).isEmpty
            if fast {
                counts.fastAccepted += 1
                let official = try Self.official().validate(text)
                #expect(official.isEmpty, "mutant \(number) (\(applied)): the fast path accepts what DocBook refuses: \(official.prefix(2).map(\.description))")
            }
            if number % 5 == 0 {
                // The renderers' check gives the official verdict, with its messages.
                let official = try Self.official().validate(text)
                #expect(try OutputValidator.docbook.problems(in: text) == official, "mutant \(number) (\(applied))")
                if !fast && official.isEmpty { counts.fellBack += 1 } else if !fast { counts.refused += 1 }
            }
        }
        // The property is not empty: the fast path accepts many damaged
        // briefs, and of those it refuses some are valid DocBook and many not.
        #expect(counts.fastAccepted > 300, "\(counts)")
        #expect(counts.fellBack > 20, "\(counts) (every fifth mutant)")
        #expect(counts.refused > 250, "\(counts) (every fifth mutant)")
    }

    // MARK: - The official schema decides the rest

    /// Valid DocBook that the built-in templates never write: the fast path
    /// refuses it, and the check accepts it all the same.
    @Test(arguments: [
        ("a paragraph holding a quote", "<para>She said <quote>yes</quote>.</para>"),
        ("a list item holding a simple paragraph", "<orderedlist><listitem><simpara>one</simpara></listitem></orderedlist>"),
        ("a paragraph with a role", "<para role=\"lead\">text</para>"),
        ("a list item holding a note", "<itemizedlist><listitem><note><para>n</para></note></listitem></itemizedlist>"),
        ("a table cell holding paragraphs",
         "<informaltable><tgroup cols=\"1\"><tbody><row><entry><para>a</para><para>b</para></entry></row></tbody></tgroup></informaltable>"),
    ])
    func validDocBookOutsideTheFastPathIsAccepted(_ example: (String, String)) throws {
        let text = Self.article(example.1)
        #expect(try !Self.fastPath().validate(text).isEmpty, "\(example.0) is within the fast path: pick another example")
        let official = try Self.official().validate(text)
        #expect(official.isEmpty, "\(example.0) is not valid DocBook: \(official)")
        #expect(try OutputValidator.docbook.problems(in: text).isEmpty, "\(example.0) is refused")
    }

    @Test(arguments: [
        ("a paragraph inside a paragraph", "<para>a <para>b</para></para>"),
        ("a link with no target", "<para><link>nowhere</link></para>"),
        ("a bibliography entry without its title",
         "<bibliography><biblioentry xml:id=\"s\"><abbrev>s</abbrev><pubdate>2025</pubdate><bibliomisc><para>x</para></bibliomisc></biblioentry></bibliography>"),
        ("an unknown element", "<para>a <bold>b</bold></para>"),
    ])
    func invalidDocBookGetsTheOfficialMessages(_ example: (String, String)) throws {
        let text = Self.article(example.1)
        let official = try Self.official().validate(text)
        #expect(!official.isEmpty, "\(example.0) is valid DocBook: pick another example")
        #expect(try OutputValidator.docbook.problems(in: text) == official)
    }

    static func article(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <article xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink" version="5.0">
        <title>T</title>
        \(body)
        </article>
        """
    }

    // MARK: - Loading the grammar

    /// The grammar's include is pointed at the schema file it is given,
    /// whatever that file is called and wherever it is.
    @Test func theGrammarFollowsTheSchemaItIsGiven() throws {
        try withTemporaryFolder { folder in
            let copy = folder.appendingPathComponent("schemas with spaces/db-5.0 (copy).rng")
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: OutputValidator.docbookSchemaPath, toPath: copy.path)
            let schema = try RelaxNGSchema(grammar: DocBookFastPath.grammar, including: copy.path)
            let (_, xml) = try RenderCase(.freedonia, "2025-07-15").render("docbook")
            #expect(schema.validate(xml).isEmpty)
            #expect(!schema.validate(Self.article("<para>a <para>b</para></para>")).isEmpty)
        }
    }

    /// A schema without the definitions the grammar replaces (not DocBook
    /// 5.0) does not compile: the check then uses the official schema alone.
    @Test func anotherSchemaDoesNotCompile() throws {
        try withTemporaryFolder { folder in
            let other = try """
                <grammar xmlns="http://relaxng.org/ns/structure/1.0">
                <start><element name="article"><text/></element></start>
                </grammar>
                """.write(into: folder, named: "other.rng")
            #expect(throws: RelaxNGSchema.LoadError.self) { try RelaxNGSchema(grammar: DocBookFastPath.grammar, including: other) }
            #expect(throws: RelaxNGSchema.LoadError.self) {
                try RelaxNGSchema(grammar: DocBookFastPath.grammar, including: folder.appendingPathComponent("missing.rng").path)
            }
        }
    }

    @Test func aGrammarWithoutAnIncludeIsRefused() {
        let grammar = #"<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="a"><empty/></element></start></grammar>"#
        #expect(throws: RelaxNGSchema.LoadError.self) { try RelaxNGSchema(grammar: grammar, including: OutputValidator.docbookSchemaPath) }
    }
}

/// One change to a DocBook tree, at a random element.
enum Mutation {
    static let docbook = "http://docbook.org/ns/docbook"
    static let names = ["para", "entry", "row", "link", "emphasis", "listitem", "biblioentry", "abbrev", "citetitle",
                        "publisher", "publishername", "pubdate", "bibliomisc", "section", "title", "itemizedlist",
                        "phrase", "quote", "note", "orderedlist", "tbody", "simpara", "blockquote", "attribution", "bogus",
                        "informaltable", "tgroup", "thead", "figure", "bibliography", "simplesect"]
    static let attributes: [(String, String)] = [
        ("role", "x"), ("{http://www.w3.org/XML/1998/namespace}id", "mutant-id"), ("linkend", "nowhere"), ("linkend", "summary"),
        ("{http://www.w3.org/1999/xlink}href", "https://example.org/"), ("{http://www.w3.org/XML/1998/namespace}lang", "fr"),
        ("remap", "x"), ("bogus", "x"), ("dir", "rtl"), ("dir", "sideways"), ("colname", "by"), ("version", "5.0"), ("condition", "x"),
        ("frame", "none"), ("frame", "sideways"), ("cols", "2"), ("cols", "0"),
    ]

    /// One change at one element.
    enum Operation: CustomStringConvertible {
        case rename(String), setAttribute(String, String), removeAttribute, delete, unwrap, duplicate, textFirst
        case wrap(String), moveInto([Int]), swapWithNext, empty, addChild(String)

        var description: String {
            switch self {
            case let .rename(name): "renamed to \(name)"
            case let .setAttribute(key, value): "given \(key)=\(value)"
            case .removeAttribute: "lost an attribute or its first child"
            case .delete: "deleted"
            case .unwrap: "unwrapped"
            case .duplicate: "duplicated"
            case .textFirst: "given text first"
            case let .wrap(name): "wrapped in \(name)"
            case let .moveInto(target): "moved into \(target)"
            case .swapWithNext: "swapped with the next element"
            case .empty: "emptied"
            case let .addChild(name): "given a \(name) child"
            }
        }

        /// Every operation but moves, for one element.
        static let all: [Operation] = Mutation.names.map(Operation.rename) + Mutation.attributes.map(Operation.setAttribute)
            + Mutation.names.map(Operation.wrap) + Mutation.names.map(Operation.addChild)
            + [.removeAttribute, .delete, .unwrap, .duplicate, .textFirst, .swapWithNext, .empty]
    }

    /// Applies one random change; returns what it did.
    static func apply(to tree: inout XMLTree, using random: inout TemplateEngineRandomTests.Generator) -> String {
        let paths = elementPaths(tree, at: []).filter { !$0.isEmpty }
        guard !paths.isEmpty else { return "nothing" }
        let path = random.pick(paths)
        var operation = random.pick(Operation.all)
        if random.chance(1.0 / 12) { operation = .moveInto(random.pick(paths)) }
        apply(operation, to: &tree, at: path)
        return "\(path) \(operation)"
    }

    /// Every single change to the first element of each name in the document
    /// (the elements the fast path replaces, and their containers).
    static func systematic(_ tree: XMLTree) -> [(String, XMLTree)] {
        let paths = elementPaths(tree, at: []).filter { !$0.isEmpty }
        var byName: [String: [[Int]]] = [:]
        for path in paths {
            if let name = element(tree, at: path)?.name { byName[name, default: []].append(path) }
        }
        var mutants: [(String, XMLTree)] = []
        for name in byName.keys.sorted() {
            let found = byName[name] ?? []
            for path in found.prefix(1) {
                for operation in Operation.all {
                    var mutant = tree
                    apply(operation, to: &mutant, at: path)
                    mutants.append(("\(name) at \(path) \(operation)", mutant))
                }
            }
        }
        return mutants
    }

    static func apply(_ operation: Operation, to tree: inout XMLTree, at path: [Int]) {
        switch operation {
        case let .rename(name):
            modify(&tree, at: path) { $0.name = name }
        case let .setAttribute(key, value):
            modify(&tree, at: path) { $0.attributes[key] = value }
        case .removeAttribute:
            modify(&tree, at: path) { element in
                if let key = element.attributes.keys.sorted().first {
                    element.attributes[key] = nil
                } else if !element.children.isEmpty {
                    element.children.removeFirst()
                }
            }
        case .delete:
            modifyParent(&tree, of: path) { parent, index in parent.children.remove(at: index) }
        case .unwrap:
            modifyParent(&tree, of: path) { parent, index in
                guard case let .element(element) = parent.children[index] else { return }
                parent.children.replaceSubrange(index...index, with: element.children)
            }
        case .duplicate:
            modifyParent(&tree, of: path) { parent, index in parent.children.insert(parent.children[index], at: index + 1) }
        case .textFirst:
            modify(&tree, at: path) { $0.children.insert(.text("x"), at: 0) }
        case let .wrap(name):
            modifyParent(&tree, of: path) { parent, index in
                parent.children[index] = .element(XMLTree(name: name, namespace: docbook, attributes: [:], children: [parent.children[index]]))
            }
        case let .moveInto(target):
            guard !target.starts(with: path), let moved = element(tree, at: path) else { return }
            modifyParent(&tree, of: path) { parent, index in parent.children.remove(at: index) }
            // The target's path may have shifted with the removal: move only where it still leads to an element.
            if element(tree, at: target) != nil {
                modify(&tree, at: target) { $0.children.append(.element(moved)) }
            }
        case .swapWithNext:
            modifyParent(&tree, of: path) { parent, index in
                guard let next = parent.children.indices.first(where: { $0 > index && parent.children[$0].isElement }) else { return }
                parent.children.swapAt(index, next)
            }
        case .empty:
            modify(&tree, at: path) { $0.children = [] }
        case let .addChild(name):
            modify(&tree, at: path) { $0.children.append(.element(XMLTree(name: name, namespace: docbook, attributes: [:], children: [.text("y")]))) }
        }
    }

    static func elementPaths(_ tree: XMLTree, at path: [Int]) -> [[Int]] {
        var paths = [path]
        for (index, child) in tree.children.enumerated() {
            if case let .element(element) = child { paths += elementPaths(element, at: path + [index]) }
        }
        return paths
    }

    static func element(_ tree: XMLTree, at path: [Int]) -> XMLTree? {
        guard let first = path.first else { return tree }
        guard tree.children.indices.contains(first), case let .element(child) = tree.children[first] else { return nil }
        return element(child, at: Array(path.dropFirst()))
    }

    static func modify(_ tree: inout XMLTree, at path: [Int], _ change: (inout XMLTree) -> Void) {
        guard let first = path.first else { return change(&tree) }
        guard tree.children.indices.contains(first), case var .element(child) = tree.children[first] else { return }
        modify(&child, at: Array(path.dropFirst()), change)
        tree.children[first] = .element(child)
    }

    static func modifyParent(_ tree: inout XMLTree, of path: [Int], _ change: (inout XMLTree, Int) -> Void) {
        guard let last = path.last else { return }
        modify(&tree, at: Array(path.dropLast())) { parent in
            guard parent.children.indices.contains(last) else { return }
            change(&parent, last)
        }
    }

    /// The tree as a document, written by libxml2 (`XMLSupport.XMLElement`).
    static func document(_ tree: XMLTree) -> String {
        var root = element(tree)
        root.attributes.append(("xmlns:xlink", "http://www.w3.org/1999/xlink"))
        return root.serialized(declaration: true)
    }

    static func element(_ tree: XMLTree) -> XMLSupport.XMLElement {
        let attributes = tree.attributes.keys.sorted().map { key -> (String, String) in
            let name = key
                .replacingOccurrences(of: "{http://www.w3.org/XML/1998/namespace}", with: "xml:")
                .replacingOccurrences(of: "{http://www.w3.org/1999/xlink}", with: "xlink:")
            return (name, tree.attributes[key] ?? "")
        }
        let children = tree.children.map { child -> XMLSupport.XMLElement.Child in
            switch child {
            case let .element(element): return .element(Self.element(element))
            case let .text(text): return .text(text)
            }
        }
        return XMLSupport.XMLElement(tree.name, namespace: tree.namespace, attributes: attributes, children: children)
    }
}

extension XMLTree.Child {
    var isElement: Bool { if case .element = self { true } else { false } }
}
