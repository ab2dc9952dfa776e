import Foundation
import Testing
@testable import BriefKit

/// The adversarial fixture (`Fixtures/adversarial/`): two fictional states
/// whose every text field that reaches a brief holds hostile text. Each value
/// is a line-start trap (`1. `, `- `, `# `, four spaces, a tab…), a unique
/// label `⟦field⟧`, then the same payload, `core`: markup, CDATA ends,
/// entities, Markdown syntax, backticks, quotes, Arabic and bidirectional
/// controls, NUL and other control characters, and LF, CR LF and lone CR line
/// breaks.
enum AdversarialBrief {
    static let id = "zembla-graustark"
    static let asOf = "2025-06-01"

    static var paths: InputPaths { InputPaths(briefs: Fixtures.folder.appendingPathComponent("adversarial").path) }

    /// The payload at the end of every hostile value, exactly as the fixture's
    /// YAML escapes spell it.
    static let core = "<script>alert(\"x\")</script> </title> ]]> &amp; &lt;b&gt; &#0; *_[]#| ~~strike~~ `tick` ``two`` "
        + "\"double\" 'single' «guillemets» مرحبا بالعالم \u{202E}evil\u{202C} \u{200F}rlm "
        + "\0nul \u{01}soh \u{07}bel \u{08}bs \u{0B}vt \u{0C}feed \u{1B}[31mesc \u{1F}us \u{7F}del \u{85}nel \u{2028}ls \u{FFFE}non \ttab "
        + "<!-- c --> <![CDATA[x]]> {{mustache}} {{{triple}}} https://evil.example/x www.evil.example a@b.example "
        + "[link](https://evil.example) ![img](x.png) <https://auto.example> \\back\\ "
        + "\nline two\n1. line three\n- line four\r\nline five\rline six ##"

    /// The source's address: hostile too, within what a URL may hold.
    static let url = "https://evil.example/<script>alert('url')</script>?a=1&amp;b=2&c=\"q\"#]]>*_[]|`tick`مرحبا\u{202E}"

    /// The labels every Markdown, HTML and DocBook brief must show: a test
    /// that finds none of them checks nothing.
    static let shownEverywhere = [
        "brief.title", "brief.audience", "brief.note", "zembla.name", "graustark.name", "kravonia.name",
        "ozma.name", "ozma.role", "oldie.name", "oldie.role", "press.name",
        "e-recent.title", "e-recent.summary", "e-recent.location", "e-recent.venue", "e-milestone.title",
        "e-milestone.summary", "e-milestone.location", "e-context.title", "e-retracted.title", "e-retracted.note",
        "vocabulary.label", "topic.one", "topic.two", "topic.quote", "topic.commitment",
        "q-key.text", "q-former.text", "q-reported.text", "c-open.text", "c-open.quantity", "c-unknown.text",
        "c-closed.text", "u-open.note", "u-unknown.note", "s1.title", "s1.publisher", "s2.title", "s2.publisher",
    ]
    /// And the ones HTML and DocBook show besides.
    static let shownInMarkup = shownEverywhere + ["s1.note", "s2.note", "s1.locator"]

    /// The renderer of `format` with the repository's templates, as `brief`
    /// run at the package root uses them (`Templates/`, then the built-in copy).
    static func renderer(_ format: String) throws -> (any Renderer)? {
        try RendererRegistry(templates: GoldenFileTests.templates).renderer(named: format)
    }

    /// The brief as of `asOf`, from a fixture that checks clean.
    static func brief() throws -> Brief {
        let loaded = try Fixtures.load(paths)
        try #require(!loaded.hasErrors, "the adversarial fixture has errors: \(loaded.errors.map(\.description))")
        let definition = try #require(loaded.definitions.first { $0.id == id })
        return BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day(asOf))
    }

    /// Every hostile field value of the brief, by its label: the shortest
    /// string of the model that holds the label once and ends with `core`.
    static func fieldValues(of brief: Brief) throws -> [String: String] {
        var values: [String: String] = [:]
        for text in try strings(in: brief) {
            let labels = Self.labels(in: text)
            guard labels.count == 1, let label = labels.first, text.hasSuffix(core) else { continue }
            if let known = values[label], known.unicodeScalars.count <= text.unicodeScalars.count { continue }
            values[label] = text
        }
        return values
    }

    /// The `⟦…⟧` labels in `text`, in order.
    static func labels(in text: String) -> [String] {
        var labels: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "⟦"), let close = rest[open...].firstIndex(of: "⟧") {
            labels.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return labels
    }

    /// Every string of the brief's JSON form.
    static func strings(in brief: Brief) throws -> [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let text = value as? String { found.append(text) }
            else if let list = value as? [Any] { list.forEach(walk) }
            else if let object = value as? [String: Any] { object.values.forEach(walk) }
        }
        walk(try JSONSerialization.jsonObject(with: JSONEncoder().encode(brief), options: [.fragmentsAllowed]))
        return found
    }

    /// The same brief with every hostile string replaced by tame text of the
    /// same number of lines: a layout whose structure the hostile one must
    /// match node for node.
    static func tame(_ brief: Brief) throws -> Brief {
        func walk(_ value: Any) -> Any {
            if let text = value as? String, text.contains("⟦") {
                return text.split(separator: "\n", omittingEmptySubsequences: false).map { _ in "tame text" }.joined(separator: "\n")
            }
            if let list = value as? [Any] { return list.map(walk) }
            if let object = value as? [String: Any] { return object.mapValues(walk) }
            return value
        }
        let object = walk(try JSONSerialization.jsonObject(with: JSONEncoder().encode(brief), options: [.fragmentsAllowed]))
        return try JSONDecoder().decode(Brief.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// What a reader of `rule`'s output must find for `text`: the same
    /// characters, with every line break (CR LF, lone CR) a line feed, the
    /// characters XML 1.0 cannot carry as their control pictures, and DEL as
    /// its picture in Markdown.
    static func shown(_ text: String, as rule: EscapingRule) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let v = scalars[index].value
            defer { index += 1 }
            switch v {
            case 0x0D:
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                out.append("\n")
            case 0x09, 0x0A: out.append(scalars[index])
            case 0..<0x20: out.append(Unicode.Scalar(0x2400 + v)!)
            case 0x7F where rule == .markdown: out.append("\u{2421}")
            case 0xFFFE, 0xFFFF: out.append("\u{FFFD}")
            default: out.append(scalars[index])
            }
        }
        return String(out)
    }

    /// How often `needle` occurs in `text`, by Unicode scalars (so that a
    /// combining mark or CR LF never hides a match).
    static func occurrences(of needle: String, in text: String) -> Int {
        let haystack = Array(text.unicodeScalars), pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return 0 }
        var count = 0
        var index = 0
        while index <= haystack.count - pattern.count {
            if haystack[index] == pattern[0], Array(haystack[index..<(index + pattern.count)]) == pattern {
                count += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }

    /// Checks that every hostile value is shown whole wherever its label is
    /// shown, and that each of `required` is shown at least once.
    static func expectIntact(_ text: String, values: [String: String], rule: EscapingRule, required: [String], format: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for label in required {
            #expect(values[label] != nil, "the brief has no field labelled ⟦\(label)⟧", sourceLocation: sourceLocation)
        }
        for (label, value) in values.sorted(by: { $0.key < $1.key }) {
            let labelCount = occurrences(of: "⟦\(label)⟧", in: text)
            let whole = shown(value, as: rule)
            let wholeCount = occurrences(of: whole, in: text)
            if required.contains(label) {
                #expect(labelCount > 0, "\(format): ⟦\(label)⟧ is not shown", sourceLocation: sourceLocation)
            }
            #expect(labelCount == wholeCount,
                    "\(format): ⟦\(label)⟧ is shown \(labelCount) times but whole only \(wholeCount) times; \(firstDifference(of: whole, in: text, label: label))",
                    sourceLocation: sourceLocation)
        }
    }

    /// Checks the pieces the issue names, one by one: the source's address
    /// (shown as `url`, where the format shows it as text), Arabic with a right-to-left override, control pictures.
    static func expectShown(_ text: String, url: String?, format: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let checks = (url.map { [("the source's address", $0)] } ?? []) + [
            ("Arabic text and bidirectional controls", "مرحبا بالعالم \u{202E}evil\u{202C} \u{200F}rlm"),
            ("NUL and other controls as their pictures", "\u{2400}nul \u{2401}soh \u{2407}bel"),
            ("markup as text", "<script>alert(\"x\")</script> </title> ]]> &amp; &lt;b&gt; &#0; *_[]#| ~~strike~~ `tick` ``two``"),
        ]
        for (what, piece) in checks {
            let found = occurrences(of: piece, in: text)
            #expect(found > 0, "\(format): \(what) not shown whole", sourceLocation: sourceLocation)
        }
    }

    /// Where the text shown after a label first departs from the expected value.
    static func firstDifference(of expected: String, in text: String, label: String) -> String {
        let marker = "⟦\(label)⟧"
        guard let labelRange = text.range(of: marker), let expectedLabel = expected.range(of: marker) else { return "label not found" }
        let want = Array(expected[expectedLabel.lowerBound...].unicodeScalars)
        let got = Array(text[labelRange.lowerBound...].unicodeScalars.prefix(want.count + 20))
        var index = 0
        while index < want.count, index < got.count, want[index] == got[index] { index += 1 }
        func excerpt(_ scalars: [Unicode.Scalar]) -> String {
            let slice = scalars[max(0, index - 12)..<min(scalars.count, index + 12)]
            return String(String.UnicodeScalarView(slice)).debugDescription
        }
        return "after the label, expected \(excerpt(want)) but found \(excerpt(got))"
    }
}
