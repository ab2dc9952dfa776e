import Foundation
import Testing
@testable import BriefKit

@Suite("Loading path")
struct LoadingPathTests {
    @Test("a plain date read without the EDTF parser is the parser's value, text included", arguments: [
        "2025-04-11", "0000-01-01", "9999-12-31", "2024-02-29", "2000-02-29", "2025-04", "2025-12", "0000-01", "2025", "0000",
        "2025-04-11~", "2025?", "2025-04%", "2025/2026", "../2025-04-11", "2025-04-11/..", "2024-12/2025-01-15",
        "2025-04-11/2025-04-11", "2025~/2026-01?", "2025-04/2025",
    ])
    func plainDates(_ text: String) throws {
        let plain = try #require(FieldReader.plainDate(text))
        #expect(plain == (try EDTFDate(parsing: text)))
        #expect(plain.text == text)
    }

    @Test("anything else is left to the parser", arguments: [
        "2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "2025-04-00", " 2025-04-11", "2025-04-1?", "2025-4",
        "2025-13", "2025-00", "2025-1a", "202", "20250", "2025 ",
        "２０２５-04-11", "２０２５", "20250411xx", "-2025", "2026/2025", "2025-04-11/2025-04-10", "../..", "2025-04-11/",
        "/2025", "2025-04-11~~", "2025~-04", "2025/2026/2027", " 2025/2026", "2025 /2026", "../2025-02-30", "2025-13/..",
        "?2025", "2025-04-11T10:00",
    ])
    func notPlainDates(_ text: String) {
        #expect(FieldReader.plainDate(text) == nil)
    }

    @Test("whatever the text, a date read without the parser is the parser's, text included")
    func plainDatesAgreeWithTheParser() throws {
        // Texts made of the pieces dates are written with, in every order the seed gives.
        let pieces = ["2025", "2024", "0000", "-", "-", "04", "02", "12", "13", "00", "11", "29", "30", "/", "/", "..", "~", "?", "%", " ", "1"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var plain = 0
        for _ in 0..<20_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for step in 0..<(1 + Int(state >> 60) % 8) {
                let mixed = state >> UInt64(8 + step * 6)
                text += pieces[Int(mixed % UInt64(pieces.count))]
            }
            guard let fast = FieldReader.plainDate(text) else { continue }
            plain += 1
            let parsed = try EDTFDate(parsing: text)
            #expect(fast == parsed, "\(text)")
            #expect(fast.text == text, "\(text)")
        }
        #expect(plain > 100)
    }

    @Test("the places kept per record are those of FieldOrigins.fields, whatever the field's name")
    func originFieldsKept() {
        let names = Set(DatasetFile.Fields.all + FieldOrigins.fields + ["dates", "typ", "x-date", "", "due ", "Date"])
        for name in names {
            #expect(FieldOrigins.keeps(name) == FieldOrigins.fields.contains(name), "\(name)")
        }
    }

    @Test("the places the parse cache writes are those of the dictionary, sorted by field, for every set of fields")
    func originsWrittenSorted() {
        let fields = FieldOrigins.fields
        for mask in 0..<(1 << fields.count) {
            var origins = FieldOrigins()
            for (index, field) in fields.enumerated() where mask & (1 << index) != 0 {
                origins[field] = SourceLocation(file: "f.yaml", line: index + 1, column: 2 * index + 3)
            }
            let expected = origins.dictionary.sorted { $0.key < $1.key }
            #expect(origins.written.map(\.field) == expected.map(\.key))
            #expect(origins.written.map(\.origin) == expected.map(\.value))
        }
    }

    @Test("a field is found among names by its text alone", arguments: [
        ("date", 1), ("type", 2), ("due", 0), ("dates", nil), ("", nil), ("dat", nil), ("DATE", nil),
    ] as [(String, Int?)])
    func fieldPositions(_ key: String, _ position: Int?) {
        #expect(FieldReader.position(of: key, in: ["due", "date", "type", "date"]) == position)
    }

    @Test("records read through an alias are located where the alias is, their fields where the anchor is")
    func aliasRecord() throws {
        let yaml = """
            events:
              - &e
                id: e9
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src1]
                colour: red
              - *e

            """
        let lines = try TemporaryDataset.diagnostics([("data/base.yaml", TemporaryDataset.base), ("data/t.yaml", yaml)])
        let unknown = "data/t.yaml:8:5: error: event 'e9': unknown field 'colour'"
        #expect(lines.filter { $0 == unknown }.count == 2)
        // Both copies declare 'e9' at the anchor's id, the place of the value.
        #expect(lines.contains("data/t.yaml:3:9: error: duplicate id 'e9': an event here and an event at data/t.yaml:3:9"))
    }

    @Test("more files than a batch: every file is read, and the results are those of path order")
    func manyFiles() throws {
        var files = [("data/base.yaml", TemporaryDataset.base)]
        for number in 0..<(InputLoader.batchSize * 2 + 5) {
            files.append((String(format: "data/f%03d.yaml", number), """
                events:
                  - id: m\(number)
                    date: 2025-04-11
                    type: meeting
                    title: T
                    sources: [nowhere]

                """))
        }
        let loaded = try TemporaryDataset.load(files)
        #expect(loaded.inputs.fileCount == files.count)
        #expect(loaded.dataset.events.filter { $0.id.hasPrefix("m") }.count == InputLoader.batchSize * 2 + 5)
        let missing = loaded.lines.filter { $0.hasSuffix("'sources' names 'nowhere', which is not in the dataset") }
        #expect(missing.count == InputLoader.batchSize * 2 + 5)
        #expect(missing.first?.hasPrefix("data/f000.yaml:6:") == true)
        // Joined in path order, each file's records moved whole.
        #expect(loaded.dataset.events.map(\.id).filter { $0.hasPrefix("m") } == (0..<(InputLoader.batchSize * 2 + 5)).map { "m\($0)" })
        #expect(loaded.dataset.events.allSatisfy { !$0.id.isEmpty && !$0.title.isEmpty })
        #expect(loaded.dataset.eventsByID["m130"]?.id == "m130")
        #expect(loaded.dataset.eventsByID["nope"] == nil)
    }

    @Test("a blank text is told from its first byte only where that byte settles it", arguments: [
        "", " ", "  ", "\t", "\n", "\r\n", " \t\n", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{2028}", " \u{3000}",
        "a", " a", "\ta", "!", "~", "#", "0", "\u{7F}", "\u{1F}", "\u{0}", "\u{200B}", "é", "e\u{301}", "\u{301}", "\u{00A0}x",
        "\u{0644}", " \u{0644}", "\u{1F600}",
    ])
    func blankTexts(text: String) {
        #expect(FieldReader.isBlank(text) == text.allSatisfy(\.isWhitespace))
    }
}
