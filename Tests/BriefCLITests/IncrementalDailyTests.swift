import Foundation
import Testing

/// A `daily` run on the same day as the last one keeps, without analysing
/// them, the briefs the run state shows no change can reach
/// (docs/performance.md, "The run state"). A dependency missed would be a
/// stale brief, the one failure a desk cannot see: so after each kind of
/// single-file change, the archive of the incremental run must be, byte for
/// byte, the archive of a run that analysed and rendered everything, and the
/// briefs kept must be those the change cannot reach.
@Suite struct IncrementalDailyTests {
    static let day = "2025-06-01"

    /// A quote of Carpania's minister, said at a call between two other states.
    static let quoteAboutDravia = """
          - id: q-cd-1
            speaker: cc-fm
            text: Dravia is our closest partner.
            about: [dd]
            date: 2025-01-18
            event: ev-bd-call
            form: direct
            sources: [s-gazette]

        """

    /// Two briefs over four invented states, Aland–Borduria and
    /// Carpania–Dravia, their records spread over files as a desk's are: one
    /// file per source document, some records about both pairs, some not
    /// known before the briefs' day.
    static let base: [(String, String)] = [
        ("aa-bb.yaml", "title: Aland and Borduria\nparties: [aa, bb]\n"),
        ("cc-dd.yaml", "title: Carpania and Dravia\nparties: [cc, dd]\n"),
        ("data/actors.yaml", """
            actors:
              - {id: aa, kind: state, name: Aland}
              - {id: bb, kind: state, name: Borduria}
              - {id: cc, kind: state, name: Carpania}
              - {id: dd, kind: state, name: Dravia}
              - id: aa-fm
                kind: person
                name: Ona Alander
                roles:
                  - {title: Foreign Minister, of: aa, from: 2020-01-01, level: minister}
              - id: cc-fm
                kind: person
                name: Caro Carpan
                roles:
                  - {title: Foreign Minister, of: cc, from: 2020-01-01, level: minister}

            """),
        ("data/2025-01-gazette.yaml", """
            sources:
              - {id: s-gazette, title: The January gazette, published: 2025-01-20, kind: article, reliability: B, credibility: 2}
              - {id: s-late, title: A later digest, published: 2025-09-01, kind: article}
            events:
              - {id: ev-ab-talks, date: 2025-01-15, type: meeting, title: Aland and Borduria hold talks, parties: [aa, bb], sources: [s-gazette]}
              - {id: ev-cd-visit, date: 2025-01-18, type: visit, title: Carpania's minister visits Dravia, parties: [cc, dd], sources: [s-gazette]}
            quotes:
              - id: q-ab-1
                speaker: aa-fm
                text: We will build the bridge together.
                about: [bb]
                date: 2025-01-15
                event: ev-ab-talks
                form: direct
                sources: [s-gazette, s-late]
            \(quoteAboutDravia)commitments:
              - {id: c-ab-bridge, by: [aa], to: [bb], kind: pledge, text: Aland will co-fund a bridge, made: 2025-01-15, due: 2026, sources: [s-gazette]}

            """),
        ("data/2025-03-digest.yaml", """
            sources:
              - {id: s-digest, title: The March digest, published: 2025-03-10, kind: article}
            events:
              - {id: ev-cd-trade, date: 2025-03-05, type: trade-deal, title: Carpania and Dravia sign a trade deal, parties: [cc, dd], sources: [s-digest]}
            updates:
              - {id: u-ab-bridge-1, commitment: c-ab-bridge, date: 2025-03-01, status: in-progress, sources: [s-digest]}

            """),
        ("data/2025-05-brief-note.yaml", """
            sources:
              - {id: s-note, title: A short note, published: 2025-05-21, kind: article}
            events:
              - {id: ev-cd-call, date: 2025-05-20, type: phone-call, title: Carpania and Dravia speak by phone, parties: [cc, dd], sources: [s-note]}

            """),
        ("data/2025-04-bulletin.yaml", """
            sources:
              - {id: s-bulletin, title: A bulletin, published: 2025-04-12, kind: article}
              - {id: s-erratum, title: An erratum, published: 2025-10-01, kind: article}
            events:
              - id: ev-cd-fair
                date: 2025-05-10
                type: forum
                title: Carpania and Dravia open a trade fair
                parties: [cc, dd]
                sources: [s-bulletin]
                retracted: {date: 2025-05-12, note: The fair was postponed, sources: [s-erratum]}

            """),
        ("data/2026-01-review.yaml", """
            sources:
              - {id: s-review, title: A review published later, published: 2026-01-10, kind: article}
            events:
              - {id: ev-ab-summit, date: 2025-05-20, type: meeting, title: Aland and Borduria meet at a summit, parties: [aa, bb], sources: [s-review]}
              - {id: ev-cd-later, date: 2025-05-22, type: meeting, title: Carpania and Dravia meet again, parties: [cc, dd], sources: [s-review]}

            """),
        ("data/2025-02-wire.yaml", """
            sources:
              - {id: s-wire, title: A wire report, published: 2025-02-03, kind: article}
            events:
              - {id: ev-ac-forum, date: 2025-02-02, type: forum, title: Aland and Carpania attend a forum, parties: [aa, cc], sources: [s-wire]}
              - {id: ev-bd-call, date: 2025-01-17, type: phone-call, title: Borduria and Dravia speak, parties: [bb, dd], sources: [s-wire]}

            """),
    ]

    /// The base's text of `path`.
    static func file(_ path: String) -> String {
        base.first { $0.0 == path }!.1
    }

    /// A change to the base, and what it must do to the two briefs.
    struct Change: Sendable, CustomTestStringConvertible {
        var name: String
        /// Files written (path, text) or removed (path, nil).
        var files: [(String, String?)]
        /// The briefs the incremental run keeps without analysis.
        var kept: [String]
        /// The briefs whose `brief.json` the change alters.
        var altered: [String]

        var testDescription: String { name }
    }

    static let changes: [Change] = [
        Change(name: "a record a brief shows is edited",
               files: [("data/2025-05-brief-note.yaml", file("data/2025-05-brief-note.yaml").replacingOccurrences(of: "speak by phone", with: "speak by video link"))],
               kept: ["aa-bb"], altered: ["cc-dd"]),
        // Read on the day (the brief counts it), though too old to be listed.
        Change(name: "a record a brief read is edited beside one another brief read",
               files: [("data/2025-03-digest.yaml", file("data/2025-03-digest.yaml").replacingOccurrences(of: "sign a trade deal", with: "sign a trade and transit deal"))],
               kept: ["aa-bb"], altered: []),
        Change(name: "records move to another line and another file, unchanged",
               files: [("data/2025-01-gazette.yaml",
                        "# Reordered by the desk.\n\n" + file("data/2025-01-gazette.yaml").replacingOccurrences(of: quoteAboutDravia, with: "\n")),
                       ("data/2025-12-moved.yaml", "quotes:\n" + quoteAboutDravia)],
               kept: ["aa-bb", "cc-dd"], altered: []),
        Change(name: "an update of a commitment a brief read is removed",
               files: [("data/2025-03-digest.yaml", """
                   sources:
                     - {id: s-digest, title: The March digest, published: 2025-03-10, kind: article}
                   events:
                     - {id: ev-cd-trade, date: 2025-03-05, type: trade-deal, title: Carpania and Dravia sign a trade deal, parties: [cc, dd], sources: [s-digest]}

                   """)],
               kept: ["cc-dd"], altered: ["aa-bb"]),
        Change(name: "a new file adds a known record that belongs",
               files: [("data/2025-05-extra.yaml", """
                   sources:
                     - {id: s-extra, title: An extra report, published: 2025-05-15, kind: article}
                   quotes:
                     - {id: q-cd-2, speaker: cc-fm, text: The trade deal works., about: [dd], date: 2025-05-14, form: direct, sources: [s-extra]}

                   """)],
               kept: ["aa-bb"], altered: ["cc-dd"]),
        Change(name: "a new file adds an update of a commitment that belongs",
               files: [("data/2025-05-update.yaml", """
                   sources:
                     - {id: s-update, title: A progress report, published: 2025-05-20, kind: article}
                   updates:
                     - {id: u-ab-bridge-2, commitment: c-ab-bridge, date: 2025-05-19, status: fulfilled, sources: [s-update]}

                   """)],
               kept: ["cc-dd"], altered: ["aa-bb"]),
        Change(name: "a file all of whose records a brief read is removed",
               files: [("data/2025-05-brief-note.yaml", nil)],
               kept: ["aa-bb"], altered: ["cc-dd"]),
        Change(name: "a retraction in effect on the day is added",
               files: [("data/2025-05-brief-note.yaml", """
                   sources:
                     - {id: s-note, title: A short note, published: 2025-05-21, kind: article}
                     - {id: s-correction, title: A correction, published: 2025-05-25, kind: article}
                   events:
                     - id: ev-cd-call
                       date: 2025-05-20
                       type: phone-call
                       title: Carpania and Dravia speak by phone
                       parties: [cc, dd]
                       sources: [s-note]
                       retracted: {date: 2025-05-25, note: The call did not take place, sources: [s-correction]}

                   """)],
               kept: ["aa-bb"], altered: ["cc-dd"]),
        Change(name: "a later source is revised but stays later than the day",
               files: [("data/2026-01-review.yaml", file("data/2026-01-review.yaml").replacingOccurrences(of: "A review published later", with: "A revised review")
                   .replacingOccurrences(of: "2026-01-10", with: "2026-02-01"))],
               kept: ["aa-bb", "cc-dd"], altered: []),
        Change(name: "a later source moves before the day, and its records become known",
               files: [("data/2026-01-review.yaml", file("data/2026-01-review.yaml").replacingOccurrences(of: "published: 2026-01-10", with: "published: 2025-05-25"))],
               kept: [], altered: ["aa-bb", "cc-dd"]),
        Change(name: "a second source a known quote cites moves before the day",
               files: [("data/2025-01-gazette.yaml", file("data/2025-01-gazette.yaml").replacingOccurrences(of: "published: 2025-09-01", with: "published: 2025-04-01"))],
               kept: ["cc-dd"], altered: ["aa-bb"]),
        Change(name: "a new file adds only records not known on the day",
               files: [("data/2026-02-outlook.yaml", """
                   sources:
                     - {id: s-outlook, title: An outlook, published: 2026-02-01, kind: article}
                   events:
                     - {id: ev-ab-outlook, date: 2025-05-30, type: meeting, title: Aland and Borduria plan a meeting, parties: [aa, bb], sources: [s-outlook]}

                   """)],
               kept: ["aa-bb", "cc-dd"], altered: []),
        Change(name: "a later source moves before the day, and a retraction takes effect",
               files: [("data/2025-04-bulletin.yaml", file("data/2025-04-bulletin.yaml").replacingOccurrences(of: "2025-10-01", with: "2025-05-12"))],
               kept: ["aa-bb"], altered: ["cc-dd"]),
        Change(name: "an event of another pair that a quote points at is edited",
               files: [("data/2025-02-wire.yaml", file("data/2025-02-wire.yaml").replacingOccurrences(of: "Borduria and Dravia speak", with: "Borduria and Dravia confer"))],
               kept: ["aa-bb"], altered: ["cc-dd"]),
        Change(name: "an actor is renamed",
               files: [("data/actors.yaml", file("data/actors.yaml").replacingOccurrences(of: "name: Dravia", with: "name: Dravian Republic"))],
               kept: [], altered: ["cc-dd"]),
        Change(name: "a known record that belongs to no brief is edited",
               files: [("data/2025-02-wire.yaml", file("data/2025-02-wire.yaml").replacingOccurrences(of: "attend a forum", with: "attend a regional forum"))],
               kept: ["aa-bb", "cc-dd"], altered: []),
    ]

    static func kept(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains("not analysed again") }.map { String($0.split(separator: " ")[1]) }.sorted()
    }

    /// What the run's last line says of the files after `change`: those it
    /// wrote parsed, the rest unchanged, as a run that loads them all counts them.
    static func fileCounts(after change: Change) -> String {
        let written = Set(change.files.filter { $0.0.hasPrefix("data/") && $0.1 != nil }.map(\.0))
        let removed = Set(change.files.filter { $0.1 == nil }.map(\.0))
        let dataFiles = Set(base.map(\.0).filter { $0.hasPrefix("data/") }).union(written).subtracting(removed)
        return "; \(dataFiles.count - written.count) dataset file(s) unchanged, \(written.count) parsed"
    }

    /// Whether the run read only the files that changed and those the change needs.
    static func readOnlyWhatChanged(_ log: String) -> Bool {
        log.contains("dataset file(s) read, the change reaching no brief")
    }

    static func write(_ files: [(String, String?)], into folder: TemporaryFolder) throws {
        for (path, text) in files {
            if let text {
                try folder.write("inputs/\(path)", text)
            } else {
                try FileManager.default.removeItem(atPath: "\(folder.path)/inputs/\(path)")
            }
        }
    }

    /// The desk's next morning.
    static let nextDay = "2025-06-02"

    static func daily(_ folder: TemporaryFolder, _ output: String, _ extra: [String], on day: String = day) throws -> BriefProcess.Result {
        let result = try BriefProcess.run(["daily", "--date", day, "--briefs", "\(folder.path)/inputs", "--output", "\(folder.path)/\(output)"] + extra)
        try #require(result.status == 0, "\(result.stderr)")
        return result
    }

    @Test(arguments: changes)
    func anIncrementalRunWritesWhatAFullRunWrites(_ change: Change) throws {
        let incremental = try TemporaryFolder(), full = try TemporaryFolder()
        let cache = ["--cache", "\(incremental.path)/cache"]
        for folder in [incremental, full] { try Self.write(Self.base.map { ($0.0, $0.1) }, into: folder) }

        let first = try Self.daily(incremental, "out", cache)
        #expect(Self.kept(first.stderr).isEmpty, "\(first.stderr)")
        let again = try Self.daily(incremental, "out", cache)
        #expect(Self.kept(again.stderr) == ["aa-bb", "cc-dd"], "nothing changed: \(again.stderr)")
        #expect(again.stderr.contains("1 of 7 dataset file(s) read, the change reaching no brief"), "only the actors: \(again.stderr)")
        _ = try Self.daily(full, "out", ["--no-cache"])
        let before = ["aa-bb", "cc-dd"].map { FileManager.default.contents(atPath: "\(full.path)/out/\($0)/\(Self.day)/brief.json") }

        try Self.write(change.files, into: incremental)
        try Self.write(change.files, into: full)
        let run = try Self.daily(incremental, "out", cache)
        _ = try Self.daily(full, "out", ["--no-cache"])

        #expect(Self.kept(run.stderr) == change.kept, "\(run.stderr)")
        // A change that reaches no brief is read alone, without the rest of
        // the dataset; one that reaches a brief is checked alone, the rest
        // decoded and not validated again; one to actors loads and validates everything.
        #expect(Self.readOnlyWhatChanged(run.stderr) == (change.kept.count == 2), "\(run.stderr)")
        let checkedAlone = run.stderr.contains("; the change checked on its own, the dataset not validated again")
        #expect(checkedAlone == (change.kept.count < 2 && !change.files.contains { $0.0 == "data/actors.yaml" }), "\(run.stderr)")
        // Either way the files are counted once, as a run that loads them all counts them.
        #expect(run.stderr.contains(Self.fileCounts(after: change)), "\(run.stderr)")
        let mine = FolderSnapshot("\(incremental.path)/out"), theirs = FolderSnapshot("\(full.path)/out")
        #expect(mine == theirs, "\(mine.differences(from: theirs))")

        // The change does what it is meant to: it alters these briefs and no other.
        let after = ["aa-bb", "cc-dd"].map { FileManager.default.contents(atPath: "\(full.path)/out/\($0)/\(Self.day)/brief.json") }
        let altered = zip(["aa-bb", "cc-dd"], zip(before, after)).filter { $0.1.0 != $0.1.1 }.map(\.0)
        #expect(altered == change.altered)
    }

    /// The desk's morning: the run state is of the day before, so every brief
    /// is analysed again (what is known, recent or overdue moves with the
    /// day), but whether the dataset has errors does not depend on the day:
    /// the change since the last run is checked on its own and the rest of
    /// the dataset decoded without being validated again, unless actors
    /// changed. The archive must be, byte for byte, a full run's.
    @Test(arguments: [Change(name: "nothing changed", files: [], kept: [], altered: [])] + changes)
    func aRunOnTheNextDayWritesWhatAFullRunWrites(_ change: Change) throws {
        let incremental = try TemporaryFolder(), full = try TemporaryFolder()
        let cache = ["--cache", "\(incremental.path)/cache"]
        for folder in [incremental, full] { try Self.write(Self.base.map { ($0.0, $0.1) }, into: folder) }
        _ = try Self.daily(incremental, "out", cache)
        _ = try Self.daily(full, "out", ["--no-cache"])

        try Self.write(change.files, into: incremental)
        try Self.write(change.files, into: full)
        let run = try Self.daily(incremental, "out", cache, on: Self.nextDay)
        _ = try Self.daily(full, "out", ["--no-cache"], on: Self.nextDay)

        #expect(Self.kept(run.stderr).isEmpty, "\(run.stderr)")
        let touchesActors = change.files.contains { $0.0 == "data/actors.yaml" }
        let checkedAlone = run.stderr.contains("; the change checked on its own, the dataset not validated again")
        #expect(checkedAlone == !touchesActors, "\(run.stderr)")
        #expect(run.stderr.contains(Self.fileCounts(after: change)), "\(run.stderr)")
        let mine = FolderSnapshot("\(incremental.path)/out"), theirs = FolderSnapshot("\(full.path)/out")
        #expect(mine == theirs, "\(mine.differences(from: theirs))")

        // The state this run wrote is of its own day: run again, it keeps both briefs.
        let again = try Self.daily(incremental, "out", cache, on: Self.nextDay)
        #expect(Self.kept(again.stderr) == ["aa-bb", "cc-dd"], "\(again.stderr)")
        #expect(FolderSnapshot("\(incremental.path)/out") == theirs)
    }

    /// A damaged or truncated run state is never trusted: every brief is
    /// analysed, the archive is what a full run writes, and the state is
    /// written anew, so that the next run keeps the briefs again. Two
    /// archives sharing a cache keep a state each.
    @Test func aDamagedRunStateIsIgnoredAndWrittenAgain() throws {
        let folder = try TemporaryFolder()
        let cache = ["--cache", "\(folder.path)/cache"]
        try Self.write(Self.base.map { ($0.0, $0.1) }, into: folder)
        _ = try Self.daily(folder, "out", cache)
        _ = try Self.daily(folder, "other", cache)
        let states = "\(folder.path)/cache/v2/runs"
        let names = try FileManager.default.contentsOfDirectory(atPath: states).sorted()
        #expect(names.count == 2, "one state per archive: \(names)")
        #expect(Self.kept(try Self.daily(folder, "other", cache).stderr) == ["aa-bb", "cc-dd"])
        let expected = FolderSnapshot("\(folder.path)/out")

        for damage in ["flip", "truncate", "empty"] {
            // Whichever state is this archive's: damage both.
            for name in names {
                let path = "\(states)/\(name)"
                var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                switch damage {
                case "flip": bytes[bytes.count / 2] ^= 0x01
                case "truncate": bytes.removeLast(bytes.count / 3)
                default: bytes = []
                }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            }
            let run = try Self.daily(folder, "out", cache)
            #expect(Self.kept(run.stderr).isEmpty, "\(damage): \(run.stderr)")
            #expect(FolderSnapshot("\(folder.path)/out") == expected, "\(damage)")
            #expect(Self.kept(try Self.daily(folder, "out", cache).stderr) == ["aa-bb", "cc-dd"], "\(damage): written again")
            _ = try Self.daily(folder, "other", cache)
        }
    }

    /// Same-day changes that bring errors. A run that reads only what
    /// changed must find each one, or load the whole dataset: either way it
    /// says exactly what a run without the cache says, and writes nothing.
    static let errorChanges: [Change] = [
        Change(name: "a new file declares an id another file declares",
               files: [("data/2025-05-again.yaml", """
                   sources:
                     - {id: s-again, title: Again, published: 2025-05-02, kind: article}
                   events:
                     - {id: ev-ab-talks, date: 2025-05-01, type: meeting, title: Talks again, parties: [aa, bb], sources: [s-again]}

                   """)], kept: [], altered: []),
        Change(name: "a new file declares, as a source, the id of an event elsewhere",
               files: [("data/2025-05-again.yaml", """
                   sources:
                     - {id: ev-cd-trade, title: Again, published: 2025-05-02, kind: article}
                   events:
                     - {id: ev-ab-again, date: 2025-05-01, type: meeting, title: Talks again, parties: [aa, bb], sources: [ev-cd-trade]}

                   """)], kept: [], altered: []),
        Change(name: "a quote names an event no file declares",
               files: [("data/2025-01-gazette.yaml", file("data/2025-01-gazette.yaml").replacingOccurrences(of: "event: ev-bd-call", with: "event: ev-bd-none"))],
               kept: [], altered: []),
        Change(name: "a quote names a source where an event must be",
               files: [("data/2025-01-gazette.yaml", file("data/2025-01-gazette.yaml").replacingOccurrences(of: "event: ev-bd-call", with: "event: s-wire"))],
               kept: [], altered: []),
        Change(name: "the file of an event a quote elsewhere names is removed",
               files: [("data/2025-02-wire.yaml", nil)], kept: [], altered: []),
        Change(name: "an event a quote elsewhere names is removed from its file",
               files: [("data/2025-02-wire.yaml", file("data/2025-02-wire.yaml").replacingOccurrences(of: "ev-bd-call", with: "ev-bd-renamed"))],
               kept: [], altered: []),
        Change(name: "a new update is dated before its commitment in another file was made",
               files: [("data/2025-05-update.yaml", """
                   sources:
                     - {id: s-update, title: A progress report, published: 2025-05-20, kind: article}
                   updates:
                     - {id: u-ab-bridge-0, commitment: c-ab-bridge, date: 2024-06-01, status: in-progress, sources: [s-update]}

                   """)], kept: [], altered: []),
        Change(name: "a commitment is made after an update in another file",
               files: [("data/2025-01-gazette.yaml", file("data/2025-01-gazette.yaml").replacingOccurrences(of: "made: 2025-01-15", with: "made: 2025-04-01"))],
               kept: [], altered: []),
        Change(name: "a changed file does not parse",
               files: [("data/2025-05-brief-note.yaml", file("data/2025-05-brief-note.yaml") + "  - {id: [unclosed\n")],
               kept: [], altered: []),
        Change(name: "a brief definition names an actor that is not a state",
               files: [("aa-bb.yaml", "title: Aland and Borduria\nparties: [aa, aa-fm]\n")], kept: [], altered: []),
    ]

    /// The same on the next day, with a state of the day before.
    @Test(arguments: errorChanges, [day, nextDay])
    func aChangeThatBringsErrorsIsReportedAsAFullRunReportsIt(_ change: Change, on day: String) throws {
        let folder = try TemporaryFolder()
        let cache = ["--cache", "\(folder.path)/cache"]
        try Self.write(Self.base.map { ($0.0, $0.1) }, into: folder)
        _ = try Self.daily(folder, "out", cache)
        let published = FolderSnapshot("\(folder.path)/out")
        try Self.write(change.files, into: folder)
        let arguments = ["daily", "--date", day, "--briefs", "\(folder.path)/inputs", "--output", "\(folder.path)/out"]
        let incremental = try BriefProcess.run(arguments + cache)
        let full = try BriefProcess.run(arguments + ["--no-cache"])
        #expect(full.status == 65, "\(full.stderr)")
        #expect(incremental.status == full.status)
        #expect(incremental.stderr == full.stderr)
        #expect(full.stderr.contains(": error: "), "\(full.stderr)")
        #expect(FolderSnapshot("\(folder.path)/out") == published, "nothing written")
    }

    /// A record in a file read whatever changed (here the actors' file) that
    /// cites a source becoming known: the commitment its update belongs to,
    /// in a file nothing else needs, must be read to tell that the update
    /// enters a brief.
    @Test func anUpdateBesideTheActorsCitingASourceNowKnownEntersItsBrief() throws {
        let incremental = try TemporaryFolder(), full = try TemporaryFolder()
        let cache = ["--cache", "\(incremental.path)/cache"]
        let actors = Self.file("data/actors.yaml") + """
            updates:
              - {id: u-ab-bridge-late, commitment: c-ab-bridge, date: 2025-05-01, status: fulfilled, sources: [s-later]}

            """
        let late = "sources:\n  - {id: s-later, title: A later report, published: 2026-03-01, kind: article}\n"
        let inputs = Self.base.map { ($0.0, $0.1) }.filter { $0.0 != "data/actors.yaml" }
            + [("data/actors.yaml", actors), ("data/2026-03-later.yaml", late)]
        for folder in [incremental, full] { try Self.write(inputs.map { ($0.0, Optional($0.1)) }, into: folder) }
        _ = try Self.daily(incremental, "out", cache)
        _ = try Self.daily(full, "out", ["--no-cache"])
        let change = [("data/2026-03-later.yaml", Optional(late.replacingOccurrences(of: "2026-03-01", with: "2025-05-28")))]
        try Self.write(change, into: incremental)
        try Self.write(change, into: full)
        let run = try Self.daily(incremental, "out", cache)
        _ = try Self.daily(full, "out", ["--no-cache"])
        #expect(Self.kept(run.stderr) == ["cc-dd"], "\(run.stderr)")
        let mine = FolderSnapshot("\(incremental.path)/out"), theirs = FolderSnapshot("\(full.path)/out")
        #expect(mine == theirs, "\(mine.differences(from: theirs))")
    }
}
