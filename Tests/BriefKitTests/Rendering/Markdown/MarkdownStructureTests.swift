import Foundation
import Testing
@testable import BriefKit

/// Every Markdown brief, parsed by a CommonMark/GFM parser (cmark-gfm), has
/// the structure the Brief model implies, and nothing else: the section
/// headings, one block quote per quote, one table row per commitment and per
/// source, the lists, and no markup that came from the data.
@Suite struct MarkdownStructureTests {
    func read(_ renderCase: RenderCase) throws -> (Brief, XMLTree) {
        let (brief, markdown) = try renderCase.render("markdown")
        return (brief, try CommonMark.parse(markdown))
    }

    static func headings(of brief: Brief) -> [String] {
        var headings = [
            "# " + brief.title, "## Bilateral summary", "### Recent developments (last \(brief.window) days)",
            "### Timeline of milestones", "### Cooperation areas", "### Third parties in play", "### Cooperation–conflict trend",
            "## Key quotes", "### Reported statements", "## Outstanding commitments", "### Status unknown",
        ]
        if !brief.commitments.closed.isEmpty { headings.append("### Closed") }
        if !brief.withdrawn.isEmpty { headings.append("## Retracted") }
        headings.append("## Sources")
        return headings
    }

    @Test(arguments: RenderCase.all)
    func headingsAreTheSectionsInOrder(_ renderCase: RenderCase) throws {
        let (brief, document) = try read(renderCase)
        let headings = document.descendants(named: "heading").map { heading in
            String(repeating: "#", count: Int(heading.attribute("level") ?? "0") ?? 0) + " " + CommonMark.text(heading)
        }
        #expect(headings == Self.headings(of: brief))
    }

    @Test(arguments: RenderCase.all)
    func nothingFromTheDataBecomesMarkup(_ renderCase: RenderCase) throws {
        let (brief, document) = try read(renderCase)
        #expect(CommonMark.foreignNodes(in: document) == [])
        #expect(CommonMark.unexpectedHTML(in: document) == [])
        // Lists: the events, topics, third parties, closed commitments and retractions; one item each.
        let groups = [brief.recent.count, brief.timeline.count, brief.topics.count, brief.thirdParties.count,
                      brief.commitments.closed.count, brief.withdrawn.count]
        let lists = document.descendants(named: "list")
        #expect(lists.count == groups.filter { $0 > 0 }.count)
        #expect(lists.map { $0.elements(named: "item").count } == groups.filter { $0 > 0 })
        #expect(lists.allSatisfy { $0.attribute("type") == "bullet" })
        #expect(document.descendants(named: "item").count == groups.reduce(0, +))
        // Every top-level block is a heading, a paragraph, a list, a quote or a table.
        let blocks = Set(document.elements.map(\.name))
        #expect(blocks.subtracting(["heading", "paragraph", "list", "block_quote", "table"]).sorted() == [])
    }

    @Test(arguments: RenderCase.all)
    func everyQuoteIsOneBlockQuote(_ renderCase: RenderCase) throws {
        let (brief, document) = try read(renderCase)
        let blockquotes = document.descendants(named: "block_quote")
        let quotes = brief.keyQuotes + brief.reportedStatements
        try #require(blockquotes.count == quotes.count, "\(blockquotes.count) block quotes for \(quotes.count) quotes")
        #expect(document.elements(named: "block_quote").count == quotes.count, "a block quote is nested")
        for (quote, blockquote) in zip(quotes, blockquotes) {
            let paragraphs = blockquote.elements
            #expect(paragraphs.map(\.name) == ["paragraph", "paragraph"], "quote \(quote.id)")
            #expect(paragraphs.first.map(CommonMark.text) == quote.text, "quote \(quote.id)")
            let attribution = paragraphs.last.map(CommonMark.text) ?? ""
            #expect(attribution.hasPrefix("— " + quote.speakerName), "quote \(quote.id): \(attribution)")
            #expect(attribution.contains(quote.dateDisplay))
        }
    }

    /// A table's header cells and body rows, as text.
    struct Table {
        var header: [String]
        var rows: [[String]]

        init(_ node: XMLTree) {
            header = node.elements(named: "table_header").first?.elements(named: "table_cell").map(CommonMark.text) ?? []
            rows = node.elements(named: "table_row").map { $0.elements(named: "table_cell").map(CommonMark.text) }
        }
    }

    @Test(arguments: RenderCase.all)
    func tablesHaveARowPerItem(_ renderCase: RenderCase) throws {
        let (brief, document) = try read(renderCase)
        var tables = document.descendants(named: "table").map(Table.init)
        // The trend: one row per period with events.
        if !brief.trend.points.isEmpty {
            let trend = tables.removeFirst()
            #expect(trend.header == [brief.trend.granularity.rawValue, "score", "events"])
            let active = brief.trend.points.filter { $0.events > 0 }
            #expect(trend.rows.map { $0.first ?? "" } == active.map(\.label))
            #expect(trend.rows.map { $0.last ?? "" } == active.map { String($0.events) })
        }
        let commitmentHeader = ["by", "to", "what", "kind", "made", "due", "status", "age (days)", "overdue", "last update", "sources"]
        for items in [brief.commitments.outstanding, brief.commitments.unknown] where !items.isEmpty {
            try #require(!tables.isEmpty, "a commitments table is missing")
            let table = tables.removeFirst()
            #expect(table.header == commitmentHeader)
            #expect(table.rows.count == items.count)
            for (commitment, row) in zip(items, table.rows) {
                #expect(row.count == commitmentHeader.count)
                #expect(row.first == commitment.byNames.joined(separator: ", "))
                #expect(row.dropFirst().first == commitment.toNames.joined(separator: ", "))
                #expect(row.dropFirst(2).first == commitment.text + (commitment.quantity.map { " (\($0))" } ?? ""))
                #expect(row.dropFirst(7).first == String(commitment.ageDays))
                #expect(row.dropFirst(8).first == (commitment.overdue ? "overdue" : "no"))
                #expect(row.last == commitment.sources.map(\.source).joined(separator: ", "))
            }
        }
        if !brief.sources.isEmpty {
            try #require(!tables.isEmpty, "the sources table is missing")
            let table = tables.removeFirst()
            #expect(table.header == ["id", "source", "published", "grade"])
            #expect(table.rows.map { $0.first ?? "" } == brief.sources.map(\.id))
            #expect(table.rows.map { $0.last ?? "" } == brief.sources.map(\.grade))
            for (source, row) in zip(brief.sources, table.rows) {
                #expect(row.count == 4)
                #expect(row.dropFirst().first?.hasPrefix(source.title) == true, "source \(source.id): \(row)")
                #expect(row.dropFirst(2).first == source.publishedDisplay)
            }
        }
        #expect(tables.count == 0, "unexpected tables: \(tables.map(\.header))")
    }

    @Test(arguments: RenderCase.all)
    func theBottomLineIsOneParagraph(_ renderCase: RenderCase) throws {
        let (brief, document) = try read(renderCase)
        let paragraphs = document.elements(named: "paragraph").map(CommonMark.text)
        #expect(paragraphs.filter { $0 == "Bottom line: " + brief.bluf }.count == 1)
    }
}
