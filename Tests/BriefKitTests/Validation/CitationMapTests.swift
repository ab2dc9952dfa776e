import Testing
@testable import BriefKit

/// Citations written as maps (`{source, locator, credibility}`): most are read
/// without a reader of their own (`FieldReader.plainCitation`), and anything
/// in one that is reported is read by the nested reader. Both must give the
/// same citations, uses and messages.
@Suite("Citation maps")
struct CitationMapTests {
    /// Lines 1–6 of each test's file: an event whose `sources` the test writes.
    static let event = """
        events:
          - id: e1
            date: 2025-04-11
            type: meeting
            title: T
            sources:

        """

    /// What a citation decoded to, with where its source was named.
    struct Read: Equatable, CustomStringConvertible {
        var source: String
        var line: Int
        var column: Int
        var locator: String?
        var credibility: Credibility?

        init(_ source: String, _ line: Int, _ column: Int, _ locator: String? = nil, _ credibility: Credibility? = nil) {
            (self.source, self.line, self.column, self.locator, self.credibility) = (source, line, column, locator, credibility)
        }

        init(_ citation: Citation) {
            self.init(citation.source.id, citation.source.origin.line, citation.source.origin.column,
                      citation.locator, citation.credibility)
        }

        var description: String { "\(source)@\(line):\(column) \(locator.debugDescription) \(credibility.map(\.rawValue) ?? "-")" }
    }

    @Test("every form of a citation map decodes its source, locator and grade, in a record and in its retraction")
    func forms() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", Self.event + """
                  - {source: src1, locator: "p. 3", credibility: 2}
                  - source: src1
                    locator: |
                      para 4
                    x-note: kept aside
                  - {source: src1, locator: ~, credibility: null}
                  - {locator: "", credibility: '6', source: "src1"}
                  - src1
                retracted:
                  date: 2025-05
                  sources:
                    - {source: src1, locator: "§ 2"}
            """)])
        #expect(loaded.lines == [])
        let event = try #require(loaded.dataset.events.first { $0.id == "e1" })
        #expect(event.sources.map(Read.init) == [
            Read("src1", 7, 18, "p. 3", .two),
            Read("src1", 8, 17, "para 4"),
            Read("src1", 12, 18),
            Read("src1", 13, 49, "", .six),
            Read("src1", 14, 9),
        ])
        #expect(event.retracted?.sources.map(Read.init) == [Read("src1", 18, 20, "§ 2")])
    }

    /// A record that is dropped (`e2` has no title) has its references
    /// checked from what its reader recorded, not from the record.
    @Test("a source missing from the dataset is reported where a map names it, under the field's label, kept record or not")
    func unknownSources() throws {
        let lines = try TemporaryDataset.diagnostics(of: Self.event + """
                  - {source: nope-1, x-k: v}
                  - {source: src1}
                retracted:
                  date: 2025-05
                  sources:
                    - {source: nope-2, locator: p}
              - id: e2
                date: 2025-04-12
                type: meeting
                sources:
                  - {source: nope-3, credibility: 1}
                retracted:
                  date: 2025-05
                  sources:
                    - {source: nope-4}
            """)
        #expect(lines == [
            "data/t.yaml:7:18: error: event 'e1': 'sources' names 'nope-1', which is not in the dataset",
            "data/t.yaml:12:20: error: event 'e1': 'retracted.sources' names 'nope-2', which is not in the dataset",
            "data/t.yaml:13:5: error: event 'e2': missing required field 'title'",
            "data/t.yaml:17:18: error: event 'e2': 'sources' names 'nope-3', which is not in the dataset",
            "data/t.yaml:21:20: error: event 'e2': 'retracted.sources' names 'nope-4', which is not in the dataset",
        ])
    }

    @Test("a map with anything to report is read field by field, each problem located once")
    func reported() throws {
        let lines = try TemporaryDataset.diagnostics(of: Self.event + """
                  - {source: src1, locator: [a]}
                  - {source: "Bad Id"}
                  - {source: src1, credibility: 7, page: 4}
                  - {source: [src1], locator: x}
                  - {source: ~, locator: x}
                  - {locator: x}
            """)
        #expect(lines == [
            "data/t.yaml:7:33: error: event 'e1': citation: 'locator' must be text, not a list",
            "data/t.yaml:8:18: error: event 'e1': citation: 'sources': 'Bad Id' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit",
            "data/t.yaml:9:37: error: event 'e1': citation: 'credibility' must be '1', '2', '3', '4', '5' or '6', not '7'",
            "data/t.yaml:9:40: error: event 'e1': citation: unknown field 'page'",
            "data/t.yaml:10:18: error: event 'e1': citation: 'sources' must name an id, not a list",
            "data/t.yaml:11:9: error: event 'e1': citation: missing required field 'source'",
            "data/t.yaml:12:9: error: event 'e1': citation: missing required field 'source'",
        ])
    }
}
