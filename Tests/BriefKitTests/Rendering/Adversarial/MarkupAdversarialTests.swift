import Foundation
import Testing
import XMLSupport
@testable import BriefKit

/// Hostile text in HTML and DocBook briefs, and in the trend chart, comes out
/// inert and intact: the file is well-formed XML (libxml2), DocBook stays valid,
/// a second parser (expat) finds every value whole as text and not one
/// element the data made.
@Suite("Adversarial text in HTML and DocBook")
struct MarkupAdversarialTests {
    @Test(arguments: ["html", "docbook"])
    func everyHostileValueIsShownWholeAndMakesNoElement(format: String) throws {
        let brief = try AdversarialBrief.brief()
        let renderer = try #require(try AdversarialBrief.renderer(format))
        let hostile = try renderer.render(brief)
        let tame = try renderer.render(try AdversarialBrief.tame(brief))

        #expect(XMLCheck.wellFormedness(of: hostile).isEmpty, "libxml2: \(XMLCheck.wellFormedness(of: hostile).prefix(3))")
        if format == "docbook" {
            let problems = try OutputValidator.docbook.problems(in: hostile)
            #expect(problems.isEmpty, "the DocBook brief is not valid: \(problems.prefix(3))")
        }

        let parsed = try IndependentParser.xml([hostile, tame])
        let (document, reference) = (parsed[0], parsed[1])
        AdversarialBrief.expectIntact(document.text, values: try AdversarialBrief.fieldValues(of: brief), rule: format == "html" ? .html : .xml,
                                      required: AdversarialBrief.shownInMarkup, format: format)
        // HTML shows the source's address as the link of its title; DocBook as text too.
        AdversarialBrief.expectShown(document.text, url: format == "html" ? nil : AdversarialBrief.url, format: format)

        // The data adds no element and no attribute: the same tree as the tame brief's.
        let sameStructure = document.skeleton == reference.skeleton
        #expect(sameStructure, "\(MarkdownAdversarialTests.firstDifference(document.skeleton, reference.skeleton))")
        let scripts = document.nodes.filter { $0.localName == "script" }.count
        #expect(scripts == 0, "a script element")
        let elements = document.nodes.count
        #expect(elements > 100, "the brief was not parsed")
        // The address is a link target, whole once its percent-encoding (what
        // an href may not carry raw) is undone.
        let targets = document.nodes.compactMap { $0.attributes["href"] ?? $0.attributes["{http://www.w3.org/1999/xlink}href"] }
        #expect(targets.compactMap { $0.removingPercentEncoding }.contains(AdversarialBrief.url), "no link to the source's address: \(targets)")
    }

    /// A browser reads the head's `<title>` as plain text (RCDATA): an
    /// element there, such as a line break, would show as literal markup in
    /// the tab and the bookmarks.
    @Test func theHTMLPageTitleHoldsTextOnly() throws {
        let brief = try AdversarialBrief.brief()
        let renderer = try #require(try AdversarialBrief.renderer("html"))
        let html = try renderer.render(brief)
        let head = try #require(html.range(of: "<title>").flatMap { start in html.range(of: "</title>", range: start.upperBound..<html.endIndex).map { start.upperBound..<$0.lowerBound } })
        let title = String(html[head])
        let (markup, named) = (title.contains("<"), title.contains("⟦brief.title⟧"))
        #expect(!markup, "the page title holds markup: \(title.prefix(200).debugDescription)")
        #expect(named, "the page title does not show the brief's title")
    }

    @Test func theTrendChartShowsTheTitleWhole() throws {
        let brief = try AdversarialBrief.brief()
        let rendered = try RenderedBrief.render(brief, formats: [])
        let svg = try #require(rendered.files["trend.svg"])
        #expect(XMLCheck.wellFormedness(of: svg).isEmpty, "libxml2: \(XMLCheck.wellFormedness(of: svg).prefix(3))")
        let document = try #require(try IndependentParser.xml([svg]).first)
        let text = document.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let whole = text.contains("Trend: " + AdversarialBrief.shown(brief.title, as: .xml))
        #expect(whole, "the chart's title is not whole")
        let scripts = document.nodes.filter { $0.localName == "script" }.count
        #expect(scripts == 0, "a script element in the chart")
    }
}
