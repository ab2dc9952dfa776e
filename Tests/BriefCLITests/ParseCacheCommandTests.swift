import Foundation
import Testing

/// The parse cache as the morning job uses it: whatever state it is in, the
/// archive is byte for byte the one a run without it writes.
@Suite struct ParseCacheCommandTests {
    static let dates = ["2025-05-01", "2025-05-02"]

    /// `daily` for each date into `output`; extra arguments choose the cache.
    static func daily(_ dataset: FictionalDataset, _ output: String, _ extra: [String], dates: [String] = dates) throws -> [BriefProcess.Result] {
        try dates.map { date in
            let result = try BriefProcess.run(["daily", "--date", date, "--briefs", dataset.folder, "--output", output] + extra)
            try #require(result.status == 0, "\(result.stderr)")
            return result
        }
    }

    /// The archive of a run that never used a cache.
    static func reference(_ dataset: FictionalDataset, in scratch: TemporaryFolder) throws -> FolderSnapshot {
        let output = scratch.url.appendingPathComponent("uncached").path
        _ = try daily(dataset, output, ["--no-cache"])
        return FolderSnapshot(output)
    }

    static func entries(_ cache: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: cache)
        var entries: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: cache + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                entries.append(cache + "/" + name)
            }
        }
        return entries.sorted()
    }

    @Test func coldAndWarmCachesWriteTheArchiveANoCacheRunWrites() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 4, heavy: true)
        let reference = try Self.reference(dataset, in: scratch)
        let cache = scratch.url.appendingPathComponent("cache").path

        let cold = scratch.url.appendingPathComponent("cold").path
        let coldRuns = try Self.daily(dataset, cold, ["--cache", cache])
        #expect(coldRuns[0].stderr.contains("0 dataset file(s) unchanged"), "\(coldRuns[0].stderr)")
        #expect(FolderSnapshot(cold).differences(from: reference).isEmpty, "\(FolderSnapshot(cold).differences(from: reference))")

        let warm = scratch.url.appendingPathComponent("warm").path
        let warmRuns = try Self.daily(dataset, warm, ["--cache", cache])
        #expect(warmRuns.allSatisfy { $0.stderr.contains(" 0 parsed") }, "\(warmRuns.map(\.stderr))")
        #expect(FolderSnapshot(warm) == reference, "\(FolderSnapshot(warm).differences(from: reference))")
    }

    @Test func damagedTruncatedAndForeignEntriesAreRebuiltNotTrusted() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 4, heavy: true)
        let reference = try Self.reference(dataset, in: scratch)
        let cache = scratch.url.appendingPathComponent("cache").path
        _ = try Self.daily(dataset, scratch.url.appendingPathComponent("first").path, ["--cache", cache], dates: [Self.dates[0]])

        let entries = Self.entries(cache)
        try #require(entries.count >= 4, "\(entries)")
        // A bit flipped in the records, a file cut short, an entry of another
        // cache version (the byte after the 8-byte magic), and one made empty.
        var flipped = try Data(contentsOf: URL(fileURLWithPath: entries[0]))
        flipped[flipped.count / 2] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: entries[0]))
        let truncated = try Data(contentsOf: URL(fileURLWithPath: entries[1]))
        try truncated.prefix(truncated.count - 40).write(to: URL(fileURLWithPath: entries[1]))
        var foreign = try Data(contentsOf: URL(fileURLWithPath: entries[2]))
        foreign[8] = 99
        try foreign.write(to: URL(fileURLWithPath: entries[2]))
        try Data().write(to: URL(fileURLWithPath: entries[3]))

        let output = scratch.url.appendingPathComponent("after-damage").path
        let runs = try Self.daily(dataset, output, ["--cache", cache])
        #expect(runs[0].stderr.contains("4 parsed, 4 damaged cache entries rebuilt"), "\(runs[0].stderr)")
        #expect(runs[1].stderr.contains(" 0 parsed"), "rebuilt entries are used again: \(runs[1].stderr)")
        #expect(FolderSnapshot(output) == reference, "\(FolderSnapshot(output).differences(from: reference))")
    }

    /// Runs started together on an empty shared cache all write it at once.
    @Test func concurrentRunsSharingACacheWriteCorrectArchives() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 4, heavy: true)
        let reference = try Self.reference(dataset, in: scratch)
        for round in 0..<3 {
            let cache = scratch.url.appendingPathComponent("cache-\(round)").path
            for date in Self.dates {
                let outputs = (0..<3).map { scratch.url.appendingPathComponent("out-\(round)-\($0)").path }
                let running = try outputs.map { output in
                    try RunningBrief(["daily", "--date", date, "--briefs", dataset.folder, "--output", output, "--cache", cache])
                }
                for run in running {
                    let result = run.wait().result
                    try #require(result.status == 0, "\(result.stderr)")
                }
            }
            for index in 0..<3 {
                let output = scratch.url.appendingPathComponent("out-\(round)-\(index)").path
                #expect(FolderSnapshot(output) == reference, "round \(round), run \(index): \(FolderSnapshot(output).differences(from: reference))")
            }
            #expect(Self.entries(cache).allSatisfy { !$0.contains(".tmp-") }, "a temporary file was left behind")
        }
    }

    @Test func aCacheThatCannotBeUsedIsAWarningAndTheRunGoesOn() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        let reference = try Self.reference(dataset, in: scratch)
        try scratch.write("plain-file", "not a folder")
        let output = scratch.url.appendingPathComponent("out").path
        let runs = try Self.daily(dataset, output, ["--cache", scratch.url.appendingPathComponent("plain-file/cache").path])
        #expect(runs[0].stderr.contains("warning: the parse cache is not used"), "\(runs[0].stderr)")
        #expect(FolderSnapshot(output) == reference)
    }

    @Test func theDefaultCacheIsTheUsersAndNoCacheLeavesItAlone() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C", "HOME": scratch.url.appendingPathComponent("home").path]
        let arguments = ["check", "--briefs", dataset.folder]
        let uncached = try BriefProcess.run(arguments + ["--no-cache"], environment: environment)
        #expect(uncached.status == 0, "\(uncached.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("home/.cache").path))

        let home = try BriefProcess.run(arguments, environment: environment)
        #expect(home.status == 0 && home.stderr == uncached.stderr, "\(home.stderr)")
        #expect(!Self.entries(scratch.url.appendingPathComponent("home/.cache/brief").path).isEmpty)

        environment["XDG_CACHE_HOME"] = scratch.url.appendingPathComponent("xdg").path
        let xdg = try BriefProcess.run(arguments, environment: environment)
        #expect(xdg.status == 0 && xdg.stderr == uncached.stderr, "\(xdg.stderr)")
        #expect(!Self.entries(scratch.url.appendingPathComponent("xdg/brief").path).isEmpty)
    }

    /// A data error found in a file read from the cache is reported exactly
    /// as when the file is parsed.
    @Test func errorsReadFromTheCacheAreTheParsedOnes() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        try dataset.breakIt()
        try inputs.write("inputs/data/zz-syntax.yaml", "events:\n  - id: ev-x\n    date: 2025-02-30\n    title: [unclosed\n")
        let cache = scratch.url.appendingPathComponent("cache").path
        let parsed = try BriefProcess.run(["check", "--briefs", dataset.folder, "--no-cache"])
        let cold = try BriefProcess.run(["check", "--briefs", dataset.folder, "--cache", cache])
        let warm = try BriefProcess.run(["check", "--briefs", dataset.folder, "--cache", cache])
        #expect(parsed.status == 65)
        #expect(parsed.stderr.contains("zz-broken.yaml:") && parsed.stderr.contains("zz-syntax.yaml:"), "\(parsed.stderr)")
        for run in [cold, warm] {
            #expect(run.status == parsed.status)
            #expect(run.stderr == parsed.stderr)
        }
        #expect(!Self.entries(cache).isEmpty)
    }
}

/// `daily` run again on the same date renders again only the briefs whose
/// content, previous snapshot, templates or program changed; what it keeps is
/// what rendering would give.
@Suite struct RenderReuseTests {
    static func daily(_ dataset: FictionalDataset, _ output: String, _ date: String, _ extra: [String] = []) throws -> BriefProcess.Result {
        let result = try BriefProcess.run(["daily", "--date", date, "--briefs", dataset.folder, "--output", output] + extra)
        try #require(result.status == 0, "\(result.stderr)")
        return result
    }

    /// The briefs kept as stored: found unchanged after analysis, or not
    /// analysed at all because the run state shows their inputs unchanged.
    static func reused(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains("not rendered again") || $0.contains("not analysed again") }
            .map { String($0.split(separator: " ")[1]) }.sorted()
    }

    @Test func onlyTheBriefsAChangeReachesAreRenderedAgain() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 6, heavy: true)
        let output = scratch.url.appendingPathComponent("out").path
        _ = try Self.daily(dataset, output, "2025-04-30")
        let first = try Self.daily(dataset, output, "2025-05-01")
        #expect(Self.reused(first.stderr).isEmpty, "a new date is rendered: \(first.stderr)")

        let again = try Self.daily(dataset, output, "2025-05-01")
        #expect(Self.reused(again.stderr) == dataset.ids, "\(again.stderr)")
        #expect(again.stderr.contains("nothing changed"), "\(again.stderr)")
        let forced = try Self.daily(dataset, output, "2025-05-01", ["--no-cache"])
        #expect(Self.reused(forced.stderr).isEmpty, "--no-cache renders every brief: \(forced.stderr)")
        #expect(forced.stderr.contains("nothing changed"), "\(forced.stderr)")

        // One event between the first two states: their brief changes, others may not.
        try dataset.amend()
        let amended = try Self.daily(dataset, output, "2025-05-01")
        let kept = Self.reused(amended.stderr)
        #expect(!kept.contains(dataset.ids.first { $0 == "aldoria-brevania" } ?? "?"), "\(amended.stderr)")
        #expect(!kept.isEmpty && kept.count < dataset.ids.count, "\(amended.stderr)")

        // Every brief of the date is what a run from scratch on the amended
        // data writes (changes files aside: there, the day before has the
        // amendment too).
        let fresh = scratch.url.appendingPathComponent("fresh").path
        _ = try Self.daily(dataset, fresh, "2025-05-01", ["--no-cache"])
        for id in dataset.ids {
            for name in ["brief.md", "brief.html", "brief.xml", "brief.json", "trend.svg"] {
                let mine = FileManager.default.contents(atPath: "\(output)/\(id)/2025-05-01/\(name)")
                let theirs = FileManager.default.contents(atPath: "\(fresh)/\(id)/2025-05-01/\(name)")
                #expect(mine != nil && mine == theirs, "\(id)/2025-05-01/\(name) differs from a fresh run's")
            }
        }
    }

    @Test func aChangedTemplateRendersEveryBriefAgain() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = scratch.url.appendingPathComponent("out").path
        _ = try Self.daily(dataset, output, "2025-05-01")
        // The built-in Markdown layout, with one more line at its end.
        let templates = scratch.url.appendingPathComponent("templates").path
        let original = try String(contentsOf: BriefProcess.packageRoot.appendingPathComponent("Templates/markdown/brief.mustache"), encoding: .utf8)
        try scratch.write("templates/markdown/brief.mustache", original + "\nRestyled by the desk.\n")
        let restyled = try Self.daily(dataset, output, "2025-05-01", ["--templates", templates])
        #expect(Self.reused(restyled.stderr).isEmpty, "\(restyled.stderr)")
        for id in dataset.ids {
            let text = try String(contentsOfFile: "\(output)/\(id)/2025-05-01/brief.md", encoding: .utf8)
            #expect(text.hasSuffix("Restyled by the desk.\n"), "\(id)")
        }
        let same = try Self.daily(dataset, output, "2025-05-01", ["--templates", templates])
        #expect(Self.reused(same.stderr) == dataset.ids, "\(same.stderr)")
    }

    @Test func aStoredFileChangedByHandIsNotReusedAndIsRepaired() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        let output = scratch.url.appendingPathComponent("out").path
        _ = try Self.daily(dataset, output, "2025-05-01")
        let id = dataset.ids[0]
        let stored = try FileManager.default.destinationOfSymbolicLink(atPath: "\(output)/.archive/current/\(id)/2025-05-01")
        let path = "\(output)/.archive/current/\(id)/\(stored)/brief.md"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path)
        try ("tampered\n" + original).write(toFile: path, atomically: false, encoding: .utf8)
        let again = try Self.daily(dataset, output, "2025-05-01")
        #expect(Self.reused(again.stderr) == [dataset.ids[1]], "the tampered brief is rendered again: \(again.stderr)")
        #expect(try String(contentsOfFile: "\(output)/\(id)/2025-05-01/brief.md", encoding: .utf8) == original,
                "the stored file is written again with what was rendered")
        let settled = try Self.daily(dataset, output, "2025-05-01")
        #expect(Self.reused(settled.stderr) == dataset.ids, "\(settled.stderr)")
    }
}
