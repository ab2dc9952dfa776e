import Foundation
import Testing
@testable import BriefKit

/// Our Mustache engine, rule by rule. Every layout is made by both engines:
/// the test states the bytes expected, and that swift-mustache gives the same.
@Suite struct TemplateEngineTests {
    // MARK: - Helpers

    /// A format whose templates are `templates` (by name, without `.mustache`).
    static func renderer(_ templates: [String: String], escaping: EscapingRule = .none) throws -> TemplateRenderer {
        let format = FormatDescription(name: "test", fileExtension: "txt", mediaType: "text/plain", escaping: escaping,
                                       validator: nil, summary: "templates of a test", origin: "test")
        var files: [String: TemplateSearchPath.File] = [:]
        for (name, text) in templates {
            files[name + ".mustache"] = TemplateSearchPath.File(name: name + ".mustache", text: text, path: "test/\(name).mustache")
        }
        return try TemplateRenderer(format: format, files: files)
    }

    /// Why a format of `templates` is refused; nil, with an issue recorded, when it is not.
    static func refusal(_ templates: [String: String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> RenderFailure? {
        do {
            _ = try renderer(templates)
        } catch let failure as RenderFailure {
            return failure
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            return nil
        }
        Issue.record("the templates were accepted", sourceLocation: sourceLocation)
        return nil
    }

    static func tree(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    /// `template` as `brief.mustache`, with `partials`, over `json`: the
    /// engine's bytes, after checking it laid them out itself and that
    /// swift-mustache gives the same.
    static func layOut(_ template: String, partials: [String: String] = [:], _ json: String = "{}",
                       escaping: EscapingRule = .none, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        var templates = partials
        templates["brief"] = template
        let renderer = try renderer(templates, escaping: escaping)
        #expect(renderer.briefFallback == nil, "left to swift-mustache: \(renderer.briefFallback ?? "")", sourceLocation: sourceLocation)
        let tree = try tree(json)
        let own = try #require(renderer.engine.render("brief", json: tree, escaping: escaping), sourceLocation: sourceLocation)
        let reference = try #require(renderer.layOut(tree, template: "brief", with: .swiftMustache), sourceLocation: sourceLocation)
        #expect(own == reference, "swift-mustache gives \(reference.debugDescription)", sourceLocation: sourceLocation)
        return own
    }

    // MARK: - Lines

    @Test func aSectionTagAloneOnItsLineTakesTheLineWithIt() throws {
        let list = #"{"list": ["a", "b"], "flag": true}"#
        #expect(try Self.layOut("{{#list}}\n  {{.}}\n{{/list}}\nend\n", list) == "  a\n  b\nend\n")
        #expect(try Self.layOut("  {{#flag}}  \nyes\n\t{{/flag}}\t\nend", list) == "yes\nend")
        #expect(try Self.layOut("{{^flag}}\nno\n{{/flag}}\nend\n", list) == "end\n")
        #expect(try Self.layOut("before\n  {{! a comment }}  \nafter\n", list) == "before\nafter\n")
        // CR LF is one line break.
        #expect(try Self.layOut("{{#flag}}\r\nyes\r\n{{/flag}}\r\n", list) == "yes\r\n")
    }

    @Test func aTagBesideTextKeepsTheLine() throws {
        let list = #"{"list": ["a", "b"], "flag": true}"#
        #expect(try Self.layOut("x {{#flag}}y{{/flag}} z\n", list) == "x y z\n")
        #expect(try Self.layOut("  {{#flag}}y\n{{/flag}}\n", list) == "  y\n")
        #expect(try Self.layOut("  {{! note }} text\n", list) == "   text\n")
        // The line after a standalone opening tag starts a line, even after its closing tag.
        #expect(try Self.layOut("{{#flag}}\nx{{/flag}} {{#flag}}\ny\n{{/flag}}", list) == "xy\n")
    }

    @Test func setDelimitersApplyToTheRestOfTheSection() throws {
        #expect(try Self.layOut("{{=<% %>=}}<%name%> {{name}} <%={{ }}=%>{{name}}", #"{"name": "N"}"#) == "N {{name}} N")
    }

    // MARK: - Partials

    @Test func aStandalonePartialIndentsTheLinesItWrites() throws {
        let partials = ["item": "<li>{{name}}</li>\n<li>again</li>\n"]
        #expect(try Self.layOut("<ul>\n  {{> item}}\n</ul>\n", partials: partials, #"{"name": "x"}"#)
            == "<ul>\n  <li>x</li>\n  <li>again</li>\n</ul>\n")
        // Partials within partials add their indentation to their caller's.
        let nested = ["p": "p1\n  {{> q}}\np2\n", "q": "q1\nq2\n"]
        #expect(try Self.layOut("  {{> p}}\n", partials: nested) == "  p1\n    q1\n    q2\n  p2\n")
        // A partial beside text is not indented.
        #expect(try Self.layOut("- {{> item}}", partials: partials, #"{"name": "x"}"#) == "- <li>x</li>\n<li>again</li>\n")
    }

    @Test func aListInAnIndentedPartialIndentsOnlyItsFirstItem() throws {
        // swift-mustache concatenates a list's items without indenting
        // between them; the engine writes the same bytes.
        let partials = ["p": "start\n{{#list}}\n- {{.}}\n{{/list}}\nend\n"]
        #expect(try Self.layOut("  {{> p}}\n", partials: partials, #"{"list": ["a", "b"]}"#) == "  start\n  - a\n- b\n  end\n")
    }

    @Test func aMissingPartialWritesNothing() throws {
        #expect(try Self.layOut("a{{> nowhere}}b\n") == "ab\n")
    }

    // MARK: - Lookup

    @Test func namesAreLookedUpInEnclosingValues() throws {
        let json = #"{"name": "root", "a": {"b": "ab"}, "list": [{"x": 1}, {"name": "inner"}]}"#
        #expect(try Self.layOut("{{#list}}{{name}};{{/list}}", json) == "root;inner;")
        #expect(try Self.layOut("{{#list}}{{a.b}};{{/list}}", json) == "ab;ab;")
        // The rest of a dotted name is not looked up further out.
        #expect(try Self.layOut("{{#list}}[{{x.name}}]{{/list}}", json) == "[][]")
    }

    @Test func aNameStartingWithADotIsTheCurrentValuesOnly() throws {
        let json = #"{"name": "root", "list": [{"x": 1}, {"name": "inner"}]}"#
        #expect(try Self.layOut("{{#list}}[{{.name}}]{{/list}}", json) == "[][inner]")
        #expect(try Self.layOut("{{#list}}{{#.name}}<{{.}}>{{/.name}}{{/list}}", json) == "<inner>")
    }

    @Test func anAbsentOptionalFieldIsNullAndStopsTheLookup() throws {
        // `note` is an optional member of the model: every object has it.
        let json = #"{"note": "root note", "title": "Root", "list": [{"id": "a"}, {"id": "b", "note": null}, {"id": "c", "note": "own"}]}"#
        #expect(try Self.layOut("{{#list}}[{{note}}|{{title}}]{{/list}}", json) == "[|Root][|Root][own|Root]")
        #expect(try Self.layOut("{{#list}}{{^note}}-{{/note}}{{/list}}", json) == "--")
        #expect(try Self.layOut("{{#list}}{{#note}}+{{/note}}{{/list}}", json) == "+")
    }

    // MARK: - Sections

    @Test func sectionsRenderOverWhatIsTrue() throws {
        let json = #"{"yes": true, "no": false, "zero": 0, "empty": "", "none": [], "null": null, "object": {"k": "v"}, "list": [1, 2]}"#
        let template = "{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{#zero}}0{{/zero}}{{#empty}}e{{/empty}}{{#none}}[]{{/none}}"
            + "{{#null}}N{{/null}}{{#absent}}A{{/absent}}{{#object}}{{k}}{{/object}}{{#list}}{{.}}{{/list}}"
        #expect(try Self.layOut(template, json) == "y0ev12")
    }

    @Test func invertedSectionsRenderOverWhatIsFalseOrEmpty() throws {
        let json = #"{"yes": true, "no": false, "zero": 0, "empty": "", "none": [], "null": null, "object": {}, "list": [1]}"#
        let template = "{{^yes}}y{{/yes}}{{^no}}n{{/no}}{{^zero}}0{{/zero}}{{^empty}}e{{/empty}}{{^none}}[]{{/none}}"
            + "{{^null}}N{{/null}}{{^absent}}A{{/absent}}{{^object}}o{{/object}}{{^list}}l{{/list}}"
        #expect(try Self.layOut(template, json) == "n[]NA")
        // Over an empty list, the list is the current value.
        #expect(try Self.layOut("{{^none}}<{{.}}>{{/none}}", json) == "<[]>")
    }

    @Test func whereAnItemStandsInItsList() throws {
        let json = #"{"list": ["a", "b", "c"], "one": ["x"]}"#
        #expect(try Self.layOut("{{#list}}{{.}}{{^last()}}, {{/last()}}{{/list}}", json) == "a, b, c")
        #expect(try Self.layOut("{{#list}}{{#first()}}^{{/first()}}{{index()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}};{{/list}}", json)
            == "^0e;1o;2e;")
        #expect(try Self.layOut("{{#list}}{{plusone(index())}}{{#equalzero(index())}}z{{/equalzero(index())}} {{/list}}", json) == "1z 2 3 ")
        #expect(try Self.layOut("{{#one}}{{#last()}}{{#first()}}only{{/first()}}{{/last()}}{{/one}}", json) == "only")
        // Outside a list, and in a partial or a section over one value, there is no position.
        #expect(try Self.layOut("{{^last()}}none{{/last()}}", json) == "none")
        #expect(try Self.layOut("{{#list}}{{> p}}{{/list}}", partials: ["p": "{{^last()}}-{{/last()}}"], json) == "---")
        #expect(try Self.layOut("{{#one}}{{#.}}{{#last()}}L{{/last()}}{{/.}}{{/one}}", json) == "")
    }

    // MARK: - Values

    @Test func numbersAndFlagsAreWrittenAsSwiftMustacheWritesThem() throws {
        let json = #"{"whole": 3.0, "half": 2.5, "big": 1e15, "negative": -4, "flag": true, "off": false}"#
        let written = try Self.layOut("{{whole}} {{half}} {{big}} {{negative}} {{flag}} {{off}}", json)
        #expect(written == "3 2.5 1000000000000000.0 -4 true false")
    }

    @Test func derivedFieldsAreThoseOfTheContext() throws {
        let json = #"""
            {"status": "partly-fulfilled", "scope": "context", "score": 2, "url": "https://x.example/a b", "byNames": ["A", "B"],
             "text": "one\ntwo", "items": [1], "none": [], "points": [{"events": 0}, {"events": 3}]}
            """#
        #expect(try Self.layOut("{{statusLabel}}|{{scopeLabel}}|{{#isContext}}ctx{{/isContext}}|{{scoreDisplay}}|{{urlHref}}|{{byList}}", json)
            == "partly fulfilled|context|ctx|+2|https://x.example/a%20b|A, B")
        #expect(try Self.layOut("{{#textLines}}<{{line}}>{{^last()}},{{/last()}}{{/textLines}}", json) == "<one>,<two>")
        #expect(try Self.layOut("{{hasItems}} {{hasNone}} {{#points}}{{hasEvents}} {{/points}}", json) == "true false false true ")
        // The direction of an object's text, read from inside its lines too.
        let quotes = #"{"quotes": [{"text": "«نعم» قال"}, {"text": "2025: yes"}, {"text": "2025!"}]}"#
        #expect(try Self.layOut("{{#quotes}}{{#textLines}}{{#isRightToLeft}}R{{/isRightToLeft}}{{^isRightToLeft}}L{{/isRightToLeft}}{{/textLines}}{{/quotes}}",
                                quotes) == "RLL")
        // An object without a url still has `urlHref`, as null: the lookup stops there.
        #expect(try Self.layOut("{{#points}}[{{urlHref}}]{{/points}}", json) == "[][]")
    }

    @Test func stringsAreEscapedByTheFormatsRuleOnce() throws {
        let json = #"{"text": "a *b* <c> & d", "list": ["*x*"]}"#
        #expect(try Self.layOut("{{text}} {{{text}}} {{&text}} {{#list}}{{.}}{{/list}}", json, escaping: .markdown)
            == #"a \*b\* \<c\> \& d a \*b\* \<c\> \& d a \*b\* \<c\> \& d \*x\*"#)
        #expect(try Self.layOut("{{text}}", json, escaping: .html) == "a *b* &lt;c&gt; &amp; d")
    }

    // MARK: - What is left to swift-mustache

    @Test func templatesUsingWhatTheEngineLacksAreLeftToSwiftMustache() throws {
        let unsupported = [
            "{{<parent}}{{$block}}x{{/block}}{{/parent}}",
            "{{$block}}default{{/block}}",
            "{{>*dynamic}}",
            "{{lowercased(name)}}",
            "{{#reversed(list)}}{{.}}{{/reversed(list)}}",
            "{{% CONTENT_TYPE: HTML }}{{name}}",
        ]
        let tree = try Self.tree(#"{"name": "<N>", "list": ["a", "b"], "dynamic": "parent"}"#)
        for template in unsupported {
            let renderer = try Self.renderer(["brief": template, "parent": "[{{$block}}d{{/block}}]"])
            #expect(renderer.briefFallback != nil, "\(template)")
            // Laid out all the same, by swift-mustache.
            let output = renderer.layOut(tree, template: "brief", with: .own)
            #expect(output != nil && output == renderer.layOut(tree, template: "brief", with: .swiftMustache), "\(template)")
        }
        let lowercased = try Self.renderer(["brief": "{{lowercased(name)}}"])
        #expect(lowercased.layOut(tree, template: "brief", with: .own) == "<n>")
    }

    @Test func onlyTheLayoutsThatReachAnUnsupportedPartialAreLeftToSwiftMustache() throws {
        let renderer = try Self.renderer(["brief": "{{> plain}}", "changes": "{{> fancy}}", "plain": "{{name}}", "fancy": "{{uppercased(name)}}"])
        #expect(renderer.briefFallback == nil)
        #expect(renderer.changesFallback?.contains("fancy.mustache") == true)
    }

    @Test func aValueSwiftMustacheWouldDescribeIsLeftToIt() throws {
        let renderer = try Self.renderer(["brief": "{{list}}|{{none}}"])
        #expect(renderer.briefFallback == nil)
        let tree = try Self.tree(#"{"list": ["a"], "none": []}"#)
        // The engine declines to write a list as Swift describes it…
        #expect(renderer.engine.render("brief", json: tree, escaping: .none) == nil)
        // …and the renderer then asks swift-mustache.
        #expect(renderer.layOut(tree, template: "brief", with: .own) == #"["a"]|[]"#)
        let empty = try Self.tree(#"{"list": [], "none": []}"#)
        #expect(renderer.engine.render("brief", json: empty, escaping: .none) == "[]|[]")
    }

    /// swift-mustache reads the built-in templates only when it is asked to
    /// lay one out; a template of the desk's own is read with the format, so
    /// that its syntax error stops the run before any brief.
    @Test func swiftMustacheReadsTheBuiltInTemplatesOnlyWhenAsked() throws {
        let registry = try RendererRegistry(templates: TemplateSearchPath(layers: [.builtIn]))
        let tree = try Self.tree(#"{"title": "T", "recent": [{"title": "R"}]}"#)
        for name in ["markdown", "html", "docbook", "text"] {
            let renderer = try #require(registry.renderer(named: name) as? TemplateRenderer)
            let own = renderer.layOut(tree, template: "brief", with: .own)
            #expect(own != nil)
            #expect(!renderer.library.isParsed, "\(name)")
            #expect(renderer.layOut(tree, template: "brief", with: .swiftMustache) == own, "\(name)")
            #expect(renderer.library.isParsed, "\(name)")
        }
        #expect(throws: RenderFailure.self) { try Self.renderer(["brief": "{{#open}}never closed"]) }
    }

    /// What a template left to swift-mustache expands, read from its tags:
    /// partials and parents, under the delimiters it sets; not dynamic
    /// partials, blocks, sections or a triple mustache that merely holds `>`.
    @Test func theNamesATemplateExpandsAreReadUnderItsDelimiters() {
        let text = "{{> head }}{{{>not}}}{{<base}}{{$b}}x{{/b}}{{/base}}{{>*dynamic}}{{#>s}}{{/>s}}{{=<% %>=}}<%> tail%><%={{ }}=%>{{<again}}{{/again}}"
        #expect(TemplateTags.expandedNames(in: text) == ["head", "base", "tail", "again"])
        #expect(TemplateTags.expandedNames(in: "{{> unclosed") == [])
    }

    /// A parent that leads back to its child is refused, as a circle of
    /// partials is: swift-mustache would expand it until the stack ran out.
    @Test func aCircleThroughATemplateLeftToSwiftMustacheIsFound() throws {
        #expect(throws: RenderFailure.self) {
            try Self.renderer(["brief": "{{<base}}{{$b}}x{{/b}}{{/base}}", "base": "{{$b}}y{{/b}}{{>tail}}", "tail": "{{<brief}}{{/brief}}"])
        }
        // Inheritance without a circle is still left to swift-mustache.
        let renderer = try Self.renderer(["brief": "{{<base}}{{$b}}x{{/b}}{{/base}}", "base": "[{{$b}}y{{/b}}]"])
        #expect(renderer.briefFallback != nil)
        #expect(renderer.layOut(try Self.tree("{}"), template: "brief", with: .swiftMustache) == "[x]")
    }

    /// Sections and partials nest at most `TemplateTags.nestingLimit`
    /// levels, counted through the partials a template includes; deeper,
    /// laying out ran out of stack. Refused with the place of the tag that
    /// goes too deep.
    @Test func sectionsNestAtMostTheLimitThroughPartialsToo() throws {
        func nested(_ depth: Int, _ middle: String) -> String {
            String(repeating: "{{#a}}", count: depth) + middle + String(repeating: "{{/a}}", count: depth)
        }
        let limit = TemplateTags.nestingLimit
        let deepest = try Self.renderer(["brief": nested(limit, "x")])
        #expect(deepest.layOut(try Self.tree(#"{"a": true}"#), template: "brief", with: .own) == "x")

        let tooDeep = Self.refusal(["brief": "line\n" + nested(limit + 1, "x")])
        #expect(tooDeep?.location?.description == "test/brief.mustache:2:\(1 + 6 * limit)")
        #expect(tooDeep?.message.contains("nest more than \(limit) levels") == true)

        let together = Self.refusal(["brief": nested(limit / 2, "{{>inner}}"), "inner": nested(limit / 2 + 1, "x")])
        #expect(together?.location?.description == "test/brief.mustache:1:\(1 + 6 * (limit / 2))")
        #expect(together?.message.contains("through '>inner'") == true)

        // A chain of partials, each including the next, nests as deep: thirty
        // thousand of them ran the program out of stack.
        var chain = ["brief": "{{>p0}}"]
        for index in 0..<(limit + 20) { chain["p\(index)"] = index < limit + 19 ? "{{>p\(index + 1)}}" : "end" }
        let long = Self.refusal(chain)
        #expect(long?.message.contains("sections and partials nest more than \(limit) levels deep through '>p") == true, "\(long?.message ?? "")")
        #expect(long?.location?.file.hasPrefix("test/") == true)
        chain = ["brief": "{{>p0}}"]
        for index in 0..<(limit - 2) { chain["p\(index)"] = index < limit - 3 ? "{{>p\(index + 1)}}" : "end" }
        #expect(try Self.renderer(chain).layOut(try Self.tree("{}"), template: "brief", with: .own) == "end")
    }
}

