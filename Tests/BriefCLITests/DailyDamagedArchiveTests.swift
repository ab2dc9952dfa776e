import Foundation
import Testing

/// The archive's own bookkeeping damaged (its manifest, its `current` link):
/// the next run never loses a stored date. It reads the generation back from
/// its links and snapshots and says so, or, when that cannot be done either,
/// stops with exit 73 and leaves the archive byte for byte as it was.
@Suite struct DailyDamagedArchiveTests {
    static let dates = ["2025-05-01", "2025-05-02", "2025-05-03"]

    /// An archive of three dates, and the same archive after a normal run on a fourth.
    struct Archives {
        let dataset: FictionalDataset
        let scratch: TemporaryFolder
        let damaged: String
        let reference: String

        init(briefs: Int = 3) throws {
            let inputs = try TemporaryFolder()
            scratch = try TemporaryFolder()
            dataset = try FictionalDataset(in: inputs, briefs: briefs)
            damaged = scratch.path + "/Output"
            for date in DailyDamagedArchiveTests.dates {
                let run = try BriefProcess.run(DailyFailureTests.arguments(dataset, date, damaged))
                try #require(run.status == 0, "\(run.stderr)")
            }
            reference = scratch.path + "/reference"
            try FileManager.default.copyItem(atPath: damaged, toPath: reference)
            let normal = try BriefProcess.run(DailyFailureTests.arguments(dataset, "2025-05-04", reference))
            try #require(normal.status == 0, "\(normal.stderr)")
        }

        var currentGeneration: String { damaged + "/.archive/" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: damaged + "/.archive/current")) ?? "?") }

        /// The fourth date on the damaged archive.
        func runNextDate() throws -> BriefProcess.Result {
            try BriefProcess.run(DailyFailureTests.arguments(dataset, "2025-05-04", damaged))
        }
    }

    /// The manifest without its render keys: the only thing a generation read
    /// back does not know (the dates it holds are rendered again when asked for).
    static func withoutRenderKeys(_ path: String) throws -> NSDictionary {
        let data = try #require(FileManager.default.contents(atPath: path))
        var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var briefs = try #require(manifest["briefs"] as? [String: [String: Any]])
        for (id, var brief) in briefs {
            var dates = try #require(brief["dates"] as? [String: [String: Any]])
            for date in dates.keys { dates[date]?["renderedBy"] = nil }
            brief["dates"] = dates
            briefs[id] = brief
        }
        manifest["briefs"] = briefs
        return manifest as NSDictionary
    }

    /// What a repaired run published against what a normal run did: the same
    /// archive, file for file, but for the manifest's render keys.
    static func expectSameArchive(_ archives: Archives, _ context: String) throws {
        let manifest = ".archive/gen-000004/manifest.json"
        var published = FolderSnapshot(archives.damaged), expected = FolderSnapshot(archives.reference)
        #expect(published.nodes[manifest] != nil, "\(context): no generation 4")
        let (left, right) = (try withoutRenderKeys(archives.damaged + "/" + manifest), try withoutRenderKeys(archives.reference + "/" + manifest))
        #expect(left == right, "\(context): the manifests differ beyond their render keys")
        published.nodes[manifest] = nil
        expected.nodes[manifest] = nil
        #expect(published == expected, "\(context): \(published.differences(from: expected).prefix(10))")
        var inspector = ArchiveInspector(root: archives.damaged)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(context): \(report.problems.prefix(8))")
        #expect(report.dates.count == archives.dataset.ids.count
                && report.dates.values.allSatisfy { $0 == Self.dates + ["2025-05-04"] }, "\(context): \(report.dates)")
    }

    @Test("a manifest that cannot be trusted is read back from the generation", arguments: ["garbage", "truncated", "empty", "missing", "another generation"])
    func aManifestThatCannotBeTrustedIsReadBack(damage: String) throws {
        let archives = try Archives()
        let path = archives.currentGeneration + "/manifest.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        switch damage {
        case "garbage": try "not a manifest\n".write(toFile: path, atomically: true, encoding: .utf8)
        case "truncated": try String(text.prefix(text.count / 2)).write(toFile: path, atomically: true, encoding: .utf8)
        case "empty": try "".write(toFile: path, atomically: true, encoding: .utf8)
        case "missing": try FileManager.default.removeItem(atPath: path)
        default:
            try #require(text.contains("\"generation\" : 3"))
            try text.replacingOccurrences(of: "\"generation\" : 3", with: "\"generation\" : 1").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let run = try archives.runNextDate()
        #expect(run.status == 0, "\(damage): \(run.stderr)")
        #expect(run.stderr.contains("brief: warning: \(path) cannot be trusted"), "\(damage): \(run.stderr)")
        #expect(run.stderr.contains("read back from its \(3 * archives.dataset.ids.count) date link(s)"), "\(damage): \(run.stderr)")
        try Self.expectSameArchive(archives, damage)

        // The run healed the archive: the next one finds nothing to repair,
        // and keeps the dates it rendered (their render keys are back).
        let again = try archives.runNextDate()
        #expect(again.status == 0 && !again.stderr.contains("warning"), "\(damage): \(again.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: archives.damaged + "/.archive/current")) == "gen-000004",
                "\(damage): a run with nothing to change made a generation")
    }

    /// With the cache, a same-day run would keep every brief from the run
    /// state without analysis; an archive that needed repair is read in full
    /// instead, and the run's log says so once.
    @Test func withTheCacheASameDayRunRepairsTheArchiveToo() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = scratch.path + "/Output", cache = scratch.path + "/cache"
        func run(_ date: String) throws -> BriefProcess.Result {
            try BriefProcess.run(DailyFailureTests.arguments(dataset, date, output) + ["--cache", cache])
        }
        for date in Self.dates {
            let done = try run(date)
            try #require(done.status == 0, "\(done.stderr)")
        }
        let stored = FolderSnapshot(output).nodes.filter { $0.key.hasPrefix(".store/") }
        let manifest = output + "/.archive/gen-000003/manifest.json"
        try #require(FileManager.default.fileExists(atPath: manifest))
        try "{}".write(toFile: manifest, atomically: true, encoding: .utf8)

        let repaired = try run(Self.dates.last!)
        #expect(repaired.status == 0, "\(repaired.stderr)")
        #expect(repaired.stderr.components(separatedBy: "cannot be trusted").count == 2, "\(repaired.stderr)")
        #expect(repaired.stderr.contains("it is not a manifest: 1:1: the field 'generation' is missing"), "\(repaired.stderr)")
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(report.dates.count == 3 && report.dates.values.allSatisfy { $0 == Self.dates }, "\(report.dates)")
        // Every stored date is as it was: nothing was lost or rendered differently.
        #expect(FolderSnapshot(output).nodes.filter { $0.key.hasPrefix(".store/") } == stored)
        // And the archive is whole again: the next run keeps every brief, warning of nothing.
        let again = try run(Self.dates.last!)
        #expect(again.status == 0 && !again.stderr.contains("warning"), "\(again.stderr)")
    }

    @Test("a current link that is gone or points nowhere: the newest generation is taken", arguments: ["missing", "dangling"])
    func aLostCurrentLinkTakesTheNewestGeneration(damage: String) throws {
        let archives = try Archives()
        let link = archives.damaged + "/.archive/current"
        try FileManager.default.removeItem(atPath: link)
        if damage == "dangling" { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "gen-000042") }
        let run = try archives.runNextDate()
        #expect(run.status == 0, "\(damage): \(run.stderr)")
        #expect(run.stderr.contains("brief: warning: \(link)") && run.stderr.contains("gen-000003, the newest generation, is taken as the current one"),
                "\(damage): \(run.stderr)")
        // Nothing but the link was damaged: the manifest is read as it is, render keys and all.
        let published = FolderSnapshot(archives.damaged), expected = FolderSnapshot(archives.reference)
        #expect(published == expected, "\(damage): \(published.differences(from: expected).prefix(10))")
    }

    /// Every generation gone, the stored dates left: read back from their
    /// snapshots. Two stored folders for one date cannot be told apart: the run stops.
    @Test func storedDatesWithoutAnyGenerationAreReadBack() throws {
        let archives = try Archives()
        try FileManager.default.removeItem(atPath: archives.damaged + "/.archive")
        let run = try archives.runNextDate()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("brief: warning: \(archives.damaged)/.archive holds no generation; the \(3 * archives.dataset.ids.count) stored date(s)"),
                "\(run.stderr)")
        var inspector = ArchiveInspector(root: archives.damaged)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(report.dates.count == archives.dataset.ids.count
                && report.dates.values.allSatisfy { $0 == Self.dates + ["2025-05-04"] }, "\(report.dates)")
        // The stored dates and the pages are what a normal run publishes.
        let published = FolderSnapshot(archives.damaged).nodes.filter { $0.key.hasPrefix(".store/") || !$0.key.hasPrefix(".") }
        let expected = FolderSnapshot(archives.reference).nodes.filter { $0.key.hasPrefix(".store/") || !$0.key.hasPrefix(".") }
        #expect(published == expected, "\(Set(published.keys).symmetricDifference(expected.keys).sorted().prefix(10))")

        let twice = try Archives()
        try FileManager.default.removeItem(atPath: twice.damaged + "/.archive")
        let brief = twice.dataset.ids[0], folder = twice.damaged + "/.store/" + brief
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first)
        try FileManager.default.copyItem(atPath: folder + "/" + first, toPath: folder + "/" + first.prefix(11) + "0123456789abcdef")
        let before = FolderSnapshot(twice.damaged)
        let stopped = try twice.runNextDate()
        #expect(stopped.status == 73, "\(stopped.stderr)")
        #expect(stopped.stderr.contains("are both \(brief) on \(first.prefix(10))"), "\(stopped.stderr)")
        #expect(FolderSnapshot(twice.damaged) == before)
    }

    @Test func aGenerationThatCannotBeReadBackStopsTheRunAndChangesNothing() throws {
        let archives = try Archives()
        try "{".write(toFile: archives.currentGeneration + "/manifest.json", atomically: true, encoding: .utf8)
        let brief = archives.dataset.ids[1]
        let stored = try FileManager.default.contentsOfDirectory(atPath: archives.damaged + "/.store/" + brief).sorted()
        let snapshot = archives.damaged + "/.store/" + brief + "/" + stored[0] + "/brief.json"
        try FileManager.default.removeItem(atPath: snapshot)
        let before = FolderSnapshot(archives.damaged)

        let run = try archives.runNextDate()
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains("\(snapshot): error: cannot write:") && run.stderr.contains("the snapshot is missing"), "\(run.stderr)")
        #expect(run.stderr.contains("the archive is left as it is") && run.stderr.contains("the archive is unchanged"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let after = FolderSnapshot(archives.damaged)
        #expect(after == before, "\(after.differences(from: before).prefix(10))")
    }

    /// `generate` into an archive stores through the same publication.
    @Test func generateIntoADamagedArchiveKeepsItsHistory() throws {
        let archives = try Archives()
        try "garbage".write(toFile: archives.currentGeneration + "/manifest.json", atomically: true, encoding: .utf8)
        let brief = archives.dataset.ids[0]
        let run = try BriefProcess.run(["generate", brief, "--as-of", "2025-05-04", "--format", "markdown",
                                        "--briefs", archives.dataset.folder, "--output", archives.damaged])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("brief: warning: ") && run.stderr.contains("cannot be trusted"), "\(run.stderr)")
        var inspector = ArchiveInspector(root: archives.damaged)
        let report = inspector.inspect()
        #expect(report.dates[brief] == Self.dates + ["2025-05-04"], "\(report.dates)")
        for other in archives.dataset.ids.dropFirst() { #expect(report.dates[other] == Self.dates, "\(other): \(report.dates)") }
    }
}
