import Foundation
import Testing
@testable import BriefKit

/// The DocBook brief read back as a tree: the structure the Brief model
/// implies, in DocBook's own elements.
@Suite struct DocBookStructureTests {
    static let docbook = "http://docbook.org/ns/docbook"
    static let svg = "http://www.w3.org/2000/svg"

    func read(_ renderCase: RenderCase) throws -> (Brief, XMLTree) {
        let (brief, xml) = try renderCase.render("docbook")
        return (brief, try XMLTree.parse(xml))
    }

    func section(_ id: String, in article: XMLTree) throws -> XMLTree {
        let section = try #require(article.element(withID: id), "no element with xml:id \(id)")
        return section
    }

    @Test(arguments: RenderCase.all)
    func isADocBook5Article(_ renderCase: RenderCase) throws {
        let (brief, article) = try read(renderCase)
        #expect(article.name == "article")
        #expect(article.namespace == Self.docbook)
        #expect(article.attribute("version") == "5.0")
        let info = try #require(article.elements.first)
        #expect(info.name == "info")
        #expect(info.elements(named: "title").first?.text == brief.title)
        #expect(info.elements(named: "date").first?.text == brief.asOf)
        let abstract = try #require(info.elements(named: "abstract").first)
        #expect(abstract.text.contains(brief.bluf))
        // Every element is DocBook's, except the chart inside imagedata.
        let foreign = article.allElements.filter { $0.namespace != Self.docbook && $0.namespace != Self.svg }
        #expect(foreign.map(\.name) == [])
        // Every section and the bibliography open with a title.
        for element in article.allElements where ["section", "bibliography", "figure"].contains(element.name) {
            #expect(element.elements.first?.name == "title", "\(element.name) \(element.id ?? "") has no title first")
        }
    }

    @Test(arguments: RenderCase.all)
    func idsAreUniqueNCNamesAndEveryLinkResolves(_ renderCase: RenderCase) throws {
        let (brief, article) = try read(renderCase)
        let ids = article.allElements.compactMap(\.id)
        #expect(ids.filter { !isNCName($0) } == [])
        var seen = Set<String>()
        let duplicates = ids.filter { !seen.insert($0).inserted }
        #expect(duplicates == [])
        let linkends = article.allElements.compactMap { $0.attribute("linkend") }
        #expect(Set(linkends).subtracting(seen).sorted() == [])
        // Every item that cites a source links to its entry.
        let cited = Set((brief.recent + brief.timeline).flatMap(\.sources).map(\.source)
            + (brief.keyQuotes + brief.reportedStatements).flatMap(\.sources).map(\.source))
        #expect(cited.subtracting(linkends.map { String($0.dropFirst("source-".count)) }).sorted() == [])
    }

    @Test(arguments: RenderCase.all)
    func everyQuoteIsABlockquoteWithItsAttribution(_ renderCase: RenderCase) throws {
        let (brief, article) = try read(renderCase)
        let quotes = try section("quotes", in: article)
        let reported = try section("reported", in: article)
        #expect(article.descendants(named: "blockquote").count == brief.keyQuotes.count + brief.reportedStatements.count)
        for (items, parent) in [(brief.keyQuotes, quotes), (brief.reportedStatements, reported)] {
            let blockquotes = parent.elements(named: "blockquote")
            try #require(blockquotes.count == items.count, "\(parent.id ?? ""): \(blockquotes.count) blockquotes for \(items.count) quotes")
            for (quote, blockquote) in zip(items, blockquotes) {
                #expect(blockquote.elements.first?.name == "attribution", "quote \(quote.id): attribution is not first")
                let attributions = blockquote.elements(named: "attribution")
                #expect(attributions.count == 1)
                let attribution = attributions.first?.text ?? ""
                #expect(attribution.hasPrefix(quote.speakerName), "quote \(quote.id): \(attribution)")
                #expect(attribution.contains(quote.dateDisplay))
                #expect(quote.sources.allSatisfy { attribution.contains($0.source) })
                let paragraphs = blockquote.elements.dropFirst().map { element in
                    element.name == "para" ? element.text : "<\(element.name)>"
                }
                #expect(paragraphs.joined(separator: "\n") == quote.text, "quote \(quote.id)")
                #expect(blockquote.attribute("lang", namespace: XMLTree.xmlNamespace) == quote.language)
            }
        }
        if brief.keyQuotes.isEmpty { #expect(quotes.elements(named: "para").count == 1) }
    }

    @Test(arguments: RenderCase.all)
    func commitmentsAreCALSTables(_ renderCase: RenderCase) throws {
        let (brief, article) = try read(renderCase)
        let outstanding = try section("commitments", in: article)
        let unknown = try section("commitments-unknown", in: article)
        for (items, parent) in [(brief.commitments.outstanding, outstanding), (brief.commitments.unknown, unknown)] {
            let tables = parent.elements(named: "informaltable")
            if items.isEmpty {
                #expect(tables.isEmpty)
                #expect(parent.elements(named: "para").count == 1, "\(parent.id ?? ""): no sentence says the list is empty")
                continue
            }
            try #require(tables.count == 1, "\(parent.id ?? ""): \(tables.count) tables")
            let groups = tables[0].elements(named: "tgroup")
            try #require(groups.count == 1)
            let group = groups[0]
            let cols = try #require(group.attribute("cols").flatMap { Int($0) }, "tgroup has no numeric cols")
            #expect(group.elements(named: "colspec").count == cols)
            let names = group.elements(named: "colspec").compactMap { $0.attribute("colname") }
            #expect(Set(names).count == names.count)
            let head = group.elements(named: "thead").flatMap { $0.elements(named: "row") }
            let body = group.elements(named: "tbody").flatMap { $0.elements(named: "row") }
            #expect(head.count == 1)
            for row in head + body {
                #expect(row.elements(named: "entry").count == cols, "a row has \(row.elements.count) entries for \(cols) columns")
                #expect(row.elements.allSatisfy { $0.name == "entry" })
            }
            #expect(body.count == items.count)
            for (commitment, row) in zip(items, body) {
                #expect(row.id == "commitment-\(commitment.id)")
                let entries = row.elements(named: "entry").map(\.text)
                #expect(entries.first == commitment.byNames.joined(separator: ", "))
                #expect(entries.dropFirst(2).first == commitment.text + (commitment.quantity.map { " (\($0))" } ?? ""))
                #expect(entries.contains(String(commitment.ageDays)))
                #expect(entries.contains { $0.hasPrefix(commitment.status.rawValue.replacingOccurrences(of: "-", with: " ")) })
                #expect(commitment.overdue == entries.contains { $0.contains("(overdue)") })
            }
        }
        let closed = article.element(withID: "commitments-closed")
        #expect((closed?.descendants(named: "listitem").count ?? 0) == brief.commitments.closed.count)
        let retracted = article.element(withID: "retracted")
        #expect((retracted?.descendants(named: "listitem").count ?? 0) == brief.withdrawn.count)
    }

    @Test(arguments: RenderCase.all)
    func theTrendIsAnSVGFigure(_ renderCase: RenderCase) throws {
        let (_, article) = try read(renderCase)
        let trend = try section("trend", in: article)
        let figures = trend.elements(named: "figure")
        try #require(figures.count == 1)
        let figure = figures[0]
        let figureTitle = figure.elements(named: "title").first?.text ?? ""
        #expect(!figureTitle.isEmpty)
        let media = try #require(figure.elements(named: "mediaobject").first)
        let image = try #require(media.elements(named: "imageobject").first)
        let data = try #require(image.elements(named: "imagedata").first)
        #expect(data.attribute("format") == "svg")
        #expect(data.elements.count == 1)
        let chart = try #require(data.elements.first)
        #expect(chart.name == "svg")
        #expect(chart.namespace == Self.svg)
        #expect(chart.attribute("viewBox") != nil)
        let chartTitle = chart.elements(named: "title").first?.text ?? ""
        #expect(!chartTitle.isEmpty)
        // A text alternative for readers and processors without SVG.
        let alternative = media.elements(named: "textobject").first?.text ?? ""
        #expect(!alternative.isEmpty)
        #expect(chart.elements(named: "desc").first?.text == alternative)
    }

    @Test(arguments: RenderCase.all)
    func sourcesAreABibliography(_ renderCase: RenderCase) throws {
        let (brief, article) = try read(renderCase)
        let bibliographies = article.descendants(named: "bibliography")
        if brief.sources.isEmpty {
            #expect(bibliographies.isEmpty)
            let sources = try section("sources", in: article)
            #expect(sources.name == "section")
            return
        }
        try #require(bibliographies.count == 1)
        let bibliography = bibliographies[0]
        #expect(bibliography.id == "sources")
        let entries = bibliography.elements(named: "biblioentry")
        #expect(entries.count == brief.sources.count)
        for (source, entry) in zip(brief.sources, entries) {
            #expect(entry.id == "source-\(source.id)")
            #expect(entry.elements(named: "abbrev").first?.text == source.id)
            #expect(entry.elements(named: "citetitle").first?.text == source.title)
            #expect(entry.elements(named: "pubdate").first?.text == source.publishedDisplay)
            #expect(entry.elements(named: "publisher").first?.text == source.publisher)
            let misc = entry.elements(named: "bibliomisc").map(\.text)
            #expect(misc.contains { $0.contains("Grade \(source.grade)") })
            if let url = source.url {
                let links = entry.descendants(named: "link").compactMap { $0.attribute("href", namespace: "http://www.w3.org/1999/xlink") }
                // The link is the address, percent-encoded where an href needs it.
                #expect(links.compactMap { $0.removingPercentEncoding } == [url])
            }
            // A source's note is its own, never the brief's note.
            let note = misc.first { $0.hasPrefix("Grade") } ?? ""
            #expect(note == "Grade \(source.grade)" + (source.note.map { ". \($0)" } ?? ""))
        }
    }

    /// Optional fields of an item never take the value of the brief's field
    /// of the same name (Mustache looks names up the context stack).
    @Test func missingFieldsDoNotInheritTheBriefs() throws {
        var brief = try RenderCase(.freedonia, "2025-07-15").brief()
        brief.note = "THE BRIEF'S NOTE"
        brief.sources = brief.sources.map { var source = $0; source.note = nil; return source }
        brief.withdrawn = brief.withdrawn.map { var item = $0; item.note = nil; return item }
        try #require(!brief.sources.isEmpty && !brief.withdrawn.isEmpty && !brief.commitments.outstanding.isEmpty)
        // An update without a note, on a commitment (which has no note either).
        brief.commitments.outstanding = brief.commitments.outstanding.map { commitment in
            var commitment = commitment
            commitment.lastUpdate = UpdateItem(id: "u", date: "2025-07-01", dateDisplay: "1 July 2025", status: .inProgress,
                                               note: nil, evidence: nil, sources: commitment.sources)
            return commitment
        }
        for format in ["docbook", "markdown", "text"] {
            let output = try Rendering.render(brief, as: format)
            let escaped = format == "docbook" ? "THE BRIEF&#39;S NOTE" : "THE BRIEF'S NOTE"
            #expect(output.components(separatedBy: escaped).count - 1 <= 1, "\(format): the brief's note appears more than once")
        }
    }

    /// A quote written right to left (Arabic here) has its paragraphs marked
    /// `dir="rtl"`, as HTML's `dir="auto"` would find; its attribution, in the
    /// brief's language, and every other quote are left as the article is.
    @Test func aRightToLeftQuoteHasItsParagraphsMarked() throws {
        var brief = try RenderCase(.freedonia, "2025-07-15").brief()
        try #require(brief.keyQuotes.count >= 2)
        brief.keyQuotes[0].text = "«سنفي بالتزاماتنا»\nكاملة"
        brief.keyQuotes[0].language = "ar"
        let xml = try Rendering.render(brief, as: "docbook")
        let article = try XMLTree.parse(xml)
        let blockquotes = article.descendants(named: "blockquote")
        try #require(blockquotes.count == brief.keyQuotes.count + brief.reportedStatements.count)
        let arabic = blockquotes[0].elements(named: "para")
        #expect(arabic.count == 2)
        #expect(arabic.allSatisfy { $0.attribute("dir") == "rtl" })
        #expect(blockquotes[0].attribute("dir") == nil)
        #expect(blockquotes[0].elements(named: "attribution").first?.attribute("dir") == nil)
        for other in blockquotes.dropFirst() {
            #expect(other.elements(named: "para").allSatisfy { $0.attribute("dir") == nil }, "\(other.elements(named: "para").map(\.text))")
        }
        // Still valid DocBook, and through the fast path.
        #expect(try DocBookFastPathTests.fastPath().validate(xml).isEmpty)
        #expect(try DocBookSchema.shared().validate(xml).isEmpty)
    }
}
