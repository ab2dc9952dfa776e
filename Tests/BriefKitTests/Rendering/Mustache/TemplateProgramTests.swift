import Testing
@testable import BriefKit

/// The flat program the writer walks: each template's nodes laid out in
/// order, a section's body right after it up to its end, every text and
/// indentation in the shared bytes, every name in the list of paths.
/// (What the program writes is held to swift-mustache by the engine's
/// differential and random tests.)
@Suite struct TemplateProgramTests {
    /// The template, with the partials named by the index given.
    static func nodes(_ text: String, partials: [String: Int] = [:]) throws -> [TemplateNode] {
        func resolve(_ nodes: [TemplateNode]) -> [TemplateNode] {
            nodes.map { node in
                switch node {
                case .text, .value: node
                case let .section(path, body): .section(path, resolve(body))
                case let .invertedSection(path, body): .invertedSection(path, resolve(body))
                case let .partial(name, _, indentation): .partial(name: name, index: partials[name], indentation: indentation)
                }
            }
        }
        return resolve(try TemplateParser.parse(text))
    }

    /// The program's operations in words, with the text they hold.
    static func listing(_ program: TemplateProgram, _ range: Range<Int>) -> [String] {
        range.map { index in
            switch program.operations[index] {
            case let .text(start, count):
                return "text \(String(decoding: program.bytes[Int(start) ..< Int(start + count)], as: UTF8.self).debugDescription)"
            case let .value(path):
                return "value \(program.paths[Int(path)].takeUnretainedValue().name) @\(index)"
            case let .section(path, end):
                return "section \(program.paths[Int(path)].takeUnretainedValue().name) @\(index) to \(end)"
            case let .invertedSection(path, end):
                return "inverted \(program.paths[Int(path)].takeUnretainedValue().name) @\(index) to \(end)"
            case let .partial(template, start, count):
                let indentation = count < 0 ? "none" : String(decoding: program.bytes[Int(start) ..< Int(start + count)], as: UTF8.self).debugDescription
                return "partial \(template) indented \(indentation)"
            }
        }
    }

    @Test func sectionsEndWhereTheirBodiesEnd() throws {
        let program = TemplateProgram([try Self.nodes("a{{#list}}<{{name}}{{^empty}}-{{/empty}}>{{/list}}{{tail}}z")])
        #expect(program.templates == [0 ..< 9])
        #expect(Self.listing(program, program.templates[0]) == [
            "text \"a\"",
            "section list @1 to 7",
            "text \"<\"",
            "value name @3",
            "inverted empty @4 to 6",
            "text \"-\"",
            "text \">\"",
            "value tail @7",
            "text \"z\"",
        ])
    }

    @Test func templatesFollowOneAnotherAndPartialsKeepTheirIndentation() throws {
        // Built by hand: what the parser makes of the text around a partial is its own test's matter.
        let items = try #require(ValuePath(name: "items", transforms: []))
        let program = TemplateProgram([
            [.section(items, [.partial(name: "item", index: 1, indentation: Array("  ".utf8))]),
             .partial(name: "missing", index: nil, indentation: nil)],
            try Self.nodes("[{{.}}]"),
            [],
        ])
        #expect(program.templates == [0 ..< 3, 3 ..< 6, 6 ..< 6])
        #expect(Self.listing(program, program.templates[0]) == [
            "section items @0 to 2",
            "partial 1 indented \"  \"",
            "partial -1 indented none",
        ])
        #expect(Self.listing(program, program.templates[1]) == ["text \"[\"", "value . @4", "text \"]\""])
    }

    @Test func anEmptySetOfTemplatesMakesAnEmptyProgram() {
        let program = TemplateProgram([])
        #expect(program.templates.isEmpty)
        #expect(program.operations.isEmpty)
        #expect(program.bytes.isEmpty)
        #expect(program.paths.isEmpty)
    }
}
