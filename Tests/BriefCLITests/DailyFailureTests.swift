import Foundation
import Testing

/// A full disk and an invalid dataset leave the archive byte-for-byte
/// unchanged, and `brief daily` says why and exits non-zero.
@Suite struct DailyFailureTests {
    static func arguments(_ dataset: FictionalDataset, _ date: String, _ output: String) -> [String] {
        ["daily", "--date", date, "--briefs", dataset.folder, "--output", output]
    }

    /// `brief daily` under a file-size limit of `bytes` (a multiple of 512: dash counts 512-byte blocks).
    static func limited(_ bytes: Int, _ arguments: [String]) throws -> BriefProcess.Result {
        precondition(bytes % 512 == 0)
        return try RunningBrief(["-c", "ulimit -f \(bytes / 512); exec \"$0\" \"$@\"", BriefProcess.executable.path] + arguments,
                                executable: URL(fileURLWithPath: "/bin/sh")).wait().result
    }

    /// The size of every file a run writes, from a reference archive: the
    /// stored files per brief, and the generation's pages.
    static func sizes(of root: String) -> (store: [String: Int], generation: Int) {
        var store: [String: Int] = [:]
        var generation = 0
        for (path, node) in FolderSnapshot(root).nodes {
            guard case let .file(data) = node else { continue }
            let parts = path.split(separator: "/")
            if parts.first == ".store", parts.count == 4 {
                store[String(parts[1]), default: 0] = max(store[String(parts[1])] ?? 0, data.count)
            } else if parts.first == ".archive" {
                generation = max(generation, data.count)
            }
        }
        return (store, generation)
    }

    /// File-size limits that make the write fail at different points of a
    /// run: on the first file, and after one, two, … briefs' new date is stored.
    @Test func aFileSizeLimitHitAnywhereLeavesTheArchiveUnchanged() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 6, heavy: true)
        let output = scratch.path + "/Output", reference = scratch.path + "/reference"
        for (root, dates) in [(output, ["2025-05-01"]), (reference, ["2025-05-01", "2025-05-02"])] {
            for date in dates {
                let run = try BriefProcess.run(Self.arguments(dataset, date, root))
                try #require(run.status == 0, "\(run.stderr)")
            }
        }
        // Briefs are stored in the order of their ids; a run under a limit of
        // L bytes stores every brief up to the first with a file larger than L.
        let sizes = Self.sizes(of: reference)
        let largest = dataset.ids.map { sizes.store[$0] ?? 0 }
        var limits: [(limit: Int, stored: Int)] = [(4096, 0)]
        for count in 1..<largest.count {
            let limit = (largest[..<count].max()! / 512 + 1) * 512
            guard let failing = largest.firstIndex(where: { $0 > limit }), !limits.contains(where: { $0.stored == failing }) else { continue }
            limits.append((limit, failing))
        }
        try #require(limits.contains { $0.stored >= 2 }, "no limit stops the run after two briefs: \(largest)")

        let before = FolderSnapshot(output)
        for (limit, stored) in limits {
            let failed = try Self.limited(limit, Self.arguments(dataset, "2025-05-02", output))
            #expect(failed.status == 73, "limit \(limit): \(failed.stderr)")
            #expect(failed.stderr.contains("File too large"), "limit \(limit): \(failed.stderr)")
            #expect(failed.stderr.contains("the archive is unchanged"), "\(failed.stderr)")
            #expect(failed.stdout.isEmpty)
            let after = FolderSnapshot(output)
            #expect(after == before, "limit \(limit), \(stored) briefs stored before the failure: \(after.differences(from: before).prefix(10))")
        }
        print("DailyFailureTests: file-size limits \(limits.map { "\($0.limit) B (fails after \($0.stored) of \(largest.count) briefs)" })")

        // The same run without a limit succeeds.
        let retried = try BriefProcess.run(Self.arguments(dataset, "2025-05-02", output))
        #expect(retried.status == 0, "\(retried.stderr)")
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty && report.dates.values.allSatisfy { $0 == ["2025-05-01", "2025-05-02"] }, "\(report.problems)")
    }

    /// A stored file of 1 MiB or more is written straight to the disk
    /// (`DurableFile.directMinimum`): a file-size limit met part-way through
    /// such a write fails the run as an ordinary write does, exit 73 and the
    /// archive unchanged. The dataset is `brief-datagen`'s, built beside `brief`.
    @Test func aFileSizeLimitHitInADirectWriteLeavesTheArchiveUnchanged() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let generator = try Process.run(BriefProcess.executable.deletingLastPathComponent().appendingPathComponent("brief-datagen"),
                                        arguments: ["--records", "12000", "--states", "4", "--briefs", "1", "--seed", "7",
                                                    "--out", inputs.path])
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0)
        let output = scratch.path + "/Output", reference = scratch.path + "/reference"
        for root in [output, reference] {
            let run = try BriefProcess.run(["daily", "--date", "2025-05-01", "--briefs", inputs.path, "--output", root, "--quiet"])
            try #require(run.status == 0, "\(run.stderr)")
        }
        let again = try BriefProcess.run(["daily", "--date", "2025-05-02", "--briefs", inputs.path, "--output", reference, "--quiet"])
        try #require(again.status == 0, "\(again.stderr)")
        // A limit every file of the new date but its largest stays under, the
        // largest being written directly.
        let limit = (1 << 20) + 8192
        var sizes: [Int] = []
        for (path, node) in FolderSnapshot(reference).nodes where path.hasPrefix(".store/") && path.contains("2025-05-02") {
            if case let .file(data) = node { sizes.append(data.count) }
        }
        sizes.sort()
        try #require(sizes.count >= 2 && sizes.last! > limit && sizes[sizes.count - 2] < limit, "\(sizes)")

        let before = FolderSnapshot(output)
        let failed = try Self.limited(limit, ["daily", "--date", "2025-05-02", "--briefs", inputs.path, "--output", output])
        #expect(failed.status == 73, "\(failed.stderr)")
        #expect(failed.stderr.contains("File too large"), "\(failed.stderr)")
        #expect(failed.stderr.contains("the archive is unchanged"), "\(failed.stderr)")
        let after = FolderSnapshot(output)
        #expect(after == before, "\(after.differences(from: before).prefix(10))")
    }

    /// The built-in DocBook layout, changed so that a brief whose definition
    /// has no `note` comes out invalid (an element DocBook does not know):
    /// that brief fails its output check, the others render as usual.
    static func writeTemplatesFailing(briefsWithoutNote folder: TemporaryFolder) throws -> String {
        let original = try String(contentsOf: BriefProcess.packageRoot.appendingPathComponent("Templates/docbook/brief.mustache"), encoding: .utf8)
        let changed = original.replacingOccurrences(of: "{{/note}}\n", with: "{{/note}}\n{{^note}}\n<notInDocBook/>\n{{/note}}\n")
        try #require(changed != original, "the DocBook layout has no {{/note}} to add to")
        try folder.write("templates/docbook/brief.mustache", changed)
        return folder.url.appendingPathComponent("templates").path
    }

    /// Every brief's date folder a traced run wrote whole into the store
    /// (down to `trend.svg`, its last file), as "<brief>/<folder>": the
    /// folder, under its temporary name, is renamed only when the run publishes.
    static func storedFolders(inTrace log: String) -> [String] {
        log.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("openat("), line.contains("O_CREAT"), let start = line.range(of: "/.store/"),
                  let end = line.range(of: "/trend.svg\"", range: start.upperBound..<line.endIndex) else { return nil }
            return String(line[start.upperBound..<end.lowerBound])
        }
    }

    /// Each brief's date is stored as soon as it is rendered; the last brief
    /// fails its output check: the run exits 70 and every folder it stored is
    /// gone, so the archive (its hidden store included) is byte for byte what
    /// it was. On an archive in use and on a new one, by `daily` and by `generate --all`.
    @Test func aBriefThatFailsAfterOthersWereStoredLeavesTheArchiveUnchanged() throws {
        let strace = URL(fileURLWithPath: "/usr/bin/strace")
        try #require(FileManager.default.isExecutableFile(atPath: strace.path), "strace (scripts/install-deps.sh --test installs it)")
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 5)
        let output = scratch.path + "/Output", fresh = scratch.path + "/Fresh"
        let first = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        try #require(first.status == 0, "\(first.stderr)")
        let before = FolderSnapshot(output)

        let failing = dataset.ids.last!
        let definition = dataset.folder + "/" + failing + ".yaml"
        let text = try String(contentsOfFile: definition, encoding: .utf8)
        let withoutNote = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("note:") }.joined(separator: "\n")
        try #require(withoutNote != text)
        try withoutNote.write(toFile: definition, atomically: true, encoding: .utf8)
        let templates = try Self.writeTemplatesFailing(briefsWithoutNote: scratch)
        let options = ["--briefs", dataset.folder, "--no-cache", "--templates", templates]

        let runs: [(root: String, arguments: [String], message: String)] = [
            (output, ["daily", "--date", "2025-05-02", "--output", output], "\(failing): rendering failed: nothing written"),
            (fresh, ["daily", "--date", "2025-05-01", "--output", fresh], "\(failing): rendering failed: nothing written"),
            (output, ["generate", "--all", "--as-of", "2025-05-03", "--output", output], "nothing written"),
        ]
        for run in runs {
            let log = scratch.path + "/strace.log"
            let traced = try RunningBrief(["-f", "-qq", "-s", "4096", "-o", log, "-e", "trace=openat", BriefProcess.executable.path]
                                          + run.arguments + options, executable: strace).wait().result
            #expect(traced.status == 70, "\(run.arguments): \(traced.stderr)")
            #expect(traced.stderr.contains(run.message) && traced.stderr.contains("notInDocBook"), "\(run.arguments): \(traced.stderr)")
            // The other briefs' dates were stored during the run…
            let stored = Self.storedFolders(inTrace: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            #expect(Set(stored.map { String($0.split(separator: "/")[0]) }) == Set(dataset.ids.dropLast()), "\(run.arguments): stored \(stored)")
            // …and are gone: nothing of the run is left.
            for folder in stored {
                #expect(!FileManager.default.fileExists(atPath: run.root + "/.store/" + folder), "\(run.arguments): \(folder) is left behind")
            }
        }
        #expect(FolderSnapshot(output) == before, "\(FolderSnapshot(output).differences(from: before).prefix(10))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fresh).sorted() == [".lock"])
    }

    @Test func aFailedFirstRunLeavesOnlyTheLock() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = scratch.path + "/Output"
        let failed = try Self.limited(4096, Self.arguments(dataset, "2025-05-01", output))
        #expect(failed.status == 73, "\(failed.stderr)")
        #expect(failed.stderr.contains("File too large"), "\(failed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == [".lock"])
    }

    @Test func anInvalidDatasetLeavesTheArchiveUnchanged() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = scratch.path + "/Output"
        let first = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        try #require(first.status == 0, "\(first.stderr)")
        let before = FolderSnapshot(output)

        try dataset.breakIt()
        let failed = try BriefProcess.run(Self.arguments(dataset, "2025-05-02", output))
        #expect(failed.status == 65, "\(failed.stderr)")
        #expect(failed.stdout.isEmpty)
        // Compiler-style, naming the file and the bad reference.
        #expect(failed.stderr.contains("zz-broken.yaml:"), "\(failed.stderr)")
        #expect(failed.stderr.contains("nobody-at-all"), "\(failed.stderr)")
        #expect(failed.stderr.contains("error"), "\(failed.stderr)")
        let after = FolderSnapshot(output)
        #expect(after == before, "\(after.differences(from: before).prefix(10))")
    }
}
