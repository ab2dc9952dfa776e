import Foundation
import Testing
@testable import BriefKit

/// The diagnostics of one brief definition, `<name>`, beside the clean base dataset.
private func checkBrief(_ yaml: String, named name: String = "az-tr.yaml") throws -> [String] {
    try TemporaryDataset.diagnostics([("data/base.yaml", TemporaryDataset.base), (name, yaml)])
}

@Suite("Validation: brief definitions")
struct BriefDefinitionRuleTests {
    @Test("a complete brief definition loads with every field")
    func completeDefinition() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("az-tr.yaml", """
            title: Azerbaijan–Türkiye
            parties: [aze, tur]
            related: [geo]
            window: 14
            quotes: 0
            formats: [markdown, html, docbook, json]
            audience: Caucasus desk
            note: Weekly
            x-owner: jd
            """)])
        #expect(loaded.lines == [])
        let definition = try #require(loaded.inputs.definitions.first)
        #expect(loaded.inputs.definitions.count == 1)
        #expect(definition.id == "az-tr")
        #expect(definition.title == "Azerbaijan–Türkiye")
        #expect(definition.parties.map(\.id) == ["aze", "tur"])
        #expect(definition.related.map(\.id) == ["geo"])
        #expect(definition.window == 14)
        #expect(definition.quotes == 0)
        #expect(definition.formats == ["markdown", "html", "docbook", "json"])
        #expect(definition.audience == "Caucasus desk")
        #expect(definition.note == "Weekly")
        #expect(definition.extensions == [ExtensionField(key: "x-owner", value: .text("jd"))])
    }

    @Test("defaults: a window of 30 days and 5 quotes")
    func defaults() throws {
        let loaded = try TemporaryDataset.load([("data/base.yaml", TemporaryDataset.base), ("az-tr.yaml", "title: T\nparties: [aze, tur]\n")])
        #expect(loaded.lines == [])
        #expect(loaded.inputs.definitions.first?.window == 30)
        #expect(loaded.inputs.definitions.first?.quotes == 5)
        #expect(loaded.inputs.definitions.first?.related == [])
    }

    @Test("a file name that is not a valid id", arguments: ["Bad Name.yaml", "AZ-TR.yaml", "-az.yaml"])
    func badFileName(_ name: String) throws {
        let id = String(name.dropLast(".yaml".count))
        expectLines(try checkBrief("title: T\nparties: [aze, tur]\n", named: name), [
            "\(name):1:1: error: the file name must be a brief id: '\(id)' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit",
        ])
    }

    /// `Output/index.html` is the archive's own page, and each generation's
    /// `manifest.json` stands beside the briefs' folders: a brief so named
    /// would take their place (a run failed with "File exists" before).
    @Test("a file name the archive keeps for itself", arguments: ["index.html.yaml", "manifest.json.yaml"])
    func nameTheArchiveKeeps(_ name: String) throws {
        let id = String(name.dropLast(".yaml".count))
        expectLines(try checkBrief("title: T\nparties: [aze, tur]\n", named: name), [
            "\(name):1:1: error: the file name '\(id)' is taken: the archive keeps a file of its own by that name beside the briefs; rename the brief",
        ])
    }

    static let problems: [BadValue] = [
        BadValue(name: "missing title", yaml: "parties: [aze, tur]\n",
                 expected: ["az-tr.yaml:1:1: error: brief 'az-tr': missing required field 'title'"]),
        BadValue(name: "empty title", yaml: "title: \"\"\nparties: [aze, tur]\n",
                 expected: ["az-tr.yaml:1:8: error: brief 'az-tr': 'title' must not be empty"]),
        BadValue(name: "missing parties", yaml: "title: T\n",
                 expected: ["az-tr.yaml:1:1: error: brief 'az-tr': missing required field 'parties'"]),
        BadValue(name: "one party", yaml: "title: T\nparties: [aze]\n",
                 expected: ["az-tr.yaml:2:1: error: brief 'az-tr': 'parties' must name exactly two states, not 1"]),
        BadValue(name: "three parties", yaml: "title: T\nparties: [aze, tur, geo]\n",
                 expected: ["az-tr.yaml:2:1: error: brief 'az-tr': 'parties' must name exactly two states, not 3"]),
        BadValue(name: "no party", yaml: "title: T\nparties: []\n",
                 expected: ["az-tr.yaml:2:10: error: brief 'az-tr': 'parties' must name at least one item"]),
        BadValue(name: "parties given as text", yaml: "title: T\nparties: aze and tur\n",
                 expected: ["az-tr.yaml:2:10: error: brief 'az-tr': 'parties' must be a list, not a scalar"]),
        BadValue(name: "the same party twice", yaml: "title: T\nparties: [aze, aze]\n",
                 expected: ["az-tr.yaml:2:16: error: brief 'az-tr': 'parties' names 'aze' twice"]),
        BadValue(name: "a party that is a person", yaml: "title: T\nparties: [aze, aliyev]\n",
                 expected: ["az-tr.yaml:2:16: error: brief 'az-tr': 'parties' names 'aliyev', which is a person, not a state"]),
        BadValue(name: "a party that is an event", yaml: "title: T\nparties: [ev1, tur]\n",
                 expected: ["az-tr.yaml:2:11: error: brief 'az-tr': 'parties' names 'ev1', which is an event, not a state"]),
        BadValue(name: "a party not in the dataset", yaml: "title: T\nparties: [aze, arm]\n",
                 expected: ["az-tr.yaml:2:16: error: brief 'az-tr': 'parties' names 'arm', which is not in the dataset"]),
        BadValue(name: "related: a party, twice, unknown, an organization", yaml: "title: T\nparties: [aze, tur]\nrelated: [geo, aze, geo, arm, trend]\n",
                 expected: [
                     "az-tr.yaml:3:16: error: brief 'az-tr': 'aze' is one of the parties, so it cannot also be related",
                     "az-tr.yaml:3:21: error: brief 'az-tr': 'related' names 'geo' twice",
                     "az-tr.yaml:3:26: error: brief 'az-tr': 'related' names 'arm', which is not in the dataset",
                     "az-tr.yaml:3:31: error: brief 'az-tr': 'related' names 'trend', which is an organization, not a state",
                 ]),
        BadValue(name: "unknown formats", yaml: "title: T\nparties: [aze, tur]\nformats: [markdwn, pdf, html]\n",
                 expected: [
                     "az-tr.yaml:3:11: error: brief 'az-tr': unknown format 'markdwn' (did you mean 'markdown'?); `brief formats` lists the formats",
                     "az-tr.yaml:3:20: error: brief 'az-tr': unknown format 'pdf'; `brief formats` lists the formats",
                 ]),
        BadValue(name: "a format that is not a name", yaml: "title: T\nparties: [aze, tur]\nformats: [[html]]\n",
                 expected: ["az-tr.yaml:3:11: error: brief 'az-tr': each item of 'formats' must be a format name, not a list"]),
        BadValue(name: "window 0", yaml: "title: T\nparties: [aze, tur]\nwindow: 0\n",
                 expected: ["az-tr.yaml:3:9: error: brief 'az-tr': 'window' must be a whole number from 1 to 36500, not '0'"]),
        BadValue(name: "window 'ten'", yaml: "title: T\nparties: [aze, tur]\nwindow: ten\n",
                 expected: ["az-tr.yaml:3:9: error: brief 'az-tr': 'window' must be a whole number from 1 to 36500, not 'ten'"]),
        BadValue(name: "window 7.5", yaml: "title: T\nparties: [aze, tur]\nwindow: 7.5\n",
                 expected: ["az-tr.yaml:3:9: error: brief 'az-tr': 'window' must be a whole number from 1 to 36500, not '7.5'"]),
        BadValue(name: "quotes -1", yaml: "title: T\nparties: [aze, tur]\nquotes: -1\n",
                 expected: ["az-tr.yaml:3:9: error: brief 'az-tr': 'quotes' must be a whole number from 0 to 1000, not '-1'"]),
        BadValue(name: "quotes as a list", yaml: "title: T\nparties: [aze, tur]\nquotes: [5]\n",
                 expected: ["az-tr.yaml:3:9: error: brief 'az-tr': 'quotes' must be a whole number from 0 to 1000, not a list"]),
        BadValue(name: "an unknown field", yaml: "title: T\npartys: [aze, tur]\n",
                 expected: [
                     "az-tr.yaml:1:1: error: brief 'az-tr': missing required field 'parties'",
                     "az-tr.yaml:2:1: error: brief 'az-tr': unknown field 'partys' (did you mean 'parties'?)",
                 ]),
        BadValue(name: "an empty file", yaml: "",
                 expected: ["az-tr.yaml:1:1: error: a brief definition must hold exactly one map with at least 'title' and 'parties'"]),
        BadValue(name: "two documents", yaml: "title: T\nparties: [aze, tur]\n---\ntitle: U\n",
                 expected: ["az-tr.yaml:1:1: error: a brief definition must hold exactly one map with at least 'title' and 'parties'"]),
        BadValue(name: "a list", yaml: "- title: T\n",
                 expected: ["az-tr.yaml:1:1: error: a brief must be a map of fields, not a list"]),
        BadValue(name: "a YAML syntax error", yaml: "title: T\nparties: [aze, tur\n",
                 expected: ["az-tr.yaml:3:1: error: YAML syntax: did not find expected ',' or ']' while parsing a flow sequence"]),
    ]

    @Test("problems in a brief definition", arguments: problems)
    func problem(_ bad: BadValue) throws {
        expectLines(try checkBrief(bad.yaml), bad.expected)
    }

    @Test("a brief with errors is not loaded; the others are")
    func brokenBriefNotLoaded() throws {
        let loaded = try TemporaryDataset.load([
            ("data/base.yaml", TemporaryDataset.base),
            ("az-tr.yaml", "title: T\nparties: [aze, tur]\n"),
            ("az-ge.yaml", "parties: [aze, geo]\n"),
        ])
        #expect(loaded.lines == ["az-ge.yaml:1:1: error: brief 'az-ge': missing required field 'title'"])
        #expect(loaded.inputs.definitions.map(\.id) == ["az-tr"])
    }

    // MARK: - Folders

    @Test("hidden files and folders are skipped, in the dataset and among the briefs")
    func hiddenSkipped() throws {
        let loaded = try TemporaryDataset.load([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/.hidden.yaml", "events: [\n"),
            ("data/.git/objects.yaml", "- not a map\n"),
            ("data/sub/.drafts/e.yaml", "events:\n  - id: e9\n    title: T\n"),
            (".draft.yaml", "nonsense: [\n"),
            (".archive/old.yaml", "title: T\n"),
        ])
        #expect(loaded.lines == [])
        #expect(loaded.inputs.fileCount == 1)
        #expect(loaded.dataset.eventsByID["e9"] == nil)
        #expect(loaded.inputs.definitions.isEmpty)
    }

    @Test("'.yaml' files in sub-folders are read and located by their path")
    func subFoldersRead() throws {
        let loaded = try TemporaryDataset.load([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/2025/04/article.yaml", """
                events:
                  - id: e9
                    date: 2025-04-11
                    type: meeting
                    title: T
                    sources: [src1]
                  - id: e10
                    date: 2025-04-11
                    type: meeting
                    sources: [src1]
                """),
        ])
        #expect(loaded.lines == ["data/2025/04/article.yaml:7:5: error: event 'e10': missing required field 'title'"])
        #expect(loaded.dataset.eventsByID["e9"] != nil)
        #expect(loaded.inputs.fileCount == 2)
    }

    @Test("sub-folders of the briefs folder hold no brief definitions")
    func briefsNotRecursive() throws {
        let loaded = try TemporaryDataset.load([
            ("data/base.yaml", TemporaryDataset.base),
            ("old/az-tr.yaml", "broken: ["),
        ])
        #expect(loaded.lines == [])
        #expect(loaded.inputs.definitions.isEmpty)
    }

    // MARK: - Missing folders

    @Test("a data folder that does not exist throws MissingInput")
    func missingDataFolder() throws {
        try TemporaryDataset.with([(String, String)]()) { folder in
            let paths = InputPaths(briefs: folder.root, data: folder.root + "/nope")
            let error = #expect(throws: MissingInput.self) { try InputLoader.load(paths) }
            #expect(error?.path == folder.root + "/nope")
            #expect(error?.what == "folder")
            #expect(error?.description == "\(folder.root)/nope: error: no such folder")
        }
    }

    @Test("a data path that is a file, not a folder, throws MissingInput")
    func dataPathIsAFile() throws {
        try TemporaryDataset.with([("data.yaml", "events: []\n")]) { folder in
            let paths = InputPaths(briefs: folder.root, data: folder.root + "/data.yaml")
            let error = #expect(throws: MissingInput.self) { try InputLoader.load(paths) }
            #expect(error?.path == folder.root + "/data.yaml")
        }
    }

    @Test("a briefs folder that does not exist throws MissingInput")
    func missingBriefsFolder() throws {
        try TemporaryDataset.with([(String, String)]()) { folder in
            let paths = InputPaths(briefs: folder.root + "/Briefs", data: folder.root + "/data")
            let error = #expect(throws: MissingInput.self) { try InputLoader.load(paths) }
            #expect(error?.path == folder.root + "/Briefs")
        }
    }

    @Test("the data folder defaults to <briefs>/data")
    func defaultDataFolder() {
        #expect(InputPaths(briefs: "/x/Briefs").data == "/x/Briefs/data")
        #expect(InputPaths(briefs: "/x/Briefs/").data == "/x/Briefs/data")
        #expect(InputPaths().briefs == "Briefs")
        #expect(InputPaths().data == "Briefs/data")
    }
}
