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
