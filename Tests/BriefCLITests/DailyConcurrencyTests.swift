import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Several `brief daily` on one output folder: exactly one writes, the others
/// exit 75 (try later), and the archive is complete.
@Suite struct DailyConcurrencyTests {
    static func arguments(_ dataset: FictionalDataset, _ date: String, _ output: String) -> [String] {
        ["daily", "--date", date, "--briefs", dataset.folder, "--output", output]
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// The process holding a `flock` on the file with this inode, from /proc/locks
    /// ("1: FLOCK  ADVISORY  WRITE 4242 00:2f:123456 0 EOF"); waiters ("->") are skipped.
    static func lockHolder(inode: UInt64) -> Int32? {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK" else { continue }
            let device = fields[5].split(separator: ":")
            if device.count == 3, UInt64(device[2]) == inode { return Int32(fields[4]) }
        }
        return nil
    }

    /// Four runs started together. The one that takes the lock is held still
    /// (SIGSTOP) until the other three have ended, so they overlap on any
    /// machine, however slow; then it goes on and completes the archive.
    @Test func fourStartedTogetherOneWritesTheOthersExit75() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 6)
        let output = scratch.path + "/Output"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try #require(FileManager.default.createFile(atPath: output + "/.lock", contents: nil))
        let lockInode = try #require(Self.inode(output + "/.lock"))

        let runs = try (0..<4).map { _ in try RunningBrief(Self.arguments(dataset, "2025-05-01", output)) }
        let pids = Set(runs.map(\.pid))
        var holder: Int32?
        let deadline = ContinuousClock.now + .seconds(30)
        while holder == nil, ContinuousClock.now < deadline {
            if let pid = Self.lockHolder(inode: lockInode), pids.contains(pid) {
                kill(pid, SIGSTOP)
                holder = pid
            } else {
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        let writer = try #require(runs.first { $0.pid == holder }, "no run took the lock")
        let others = runs.filter { $0.pid != holder }.map { $0.wait().result }
        writer.signal(SIGCONT)
        let written = writer.wait().result

        #expect(written.status == 0, "\(written.stderr)")
        #expect(others.map(\.status) == [75, 75, 75], "\(others.map(\.stderr))")
        for other in others {
            #expect(other.stdout.isEmpty)
            #expect(other.stderr.contains(output + "/.lock"), "the message names the lock: \(other.stderr)")
            #expect(other.stderr.contains("another brief run") && other.stderr.contains("try again later"), "\(other.stderr)")
            #expect(other.stderr.split(separator: "\n").count == 1, "\(other.stderr)")
        }
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(report.dates.count == dataset.ids.count && report.dates.values.allSatisfy { $0 == ["2025-05-01"] })
        #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")
    }

    /// The lock held by another program (here the test, with flock(2)): the
    /// run exits 75 and changes nothing; once released, a run goes through.
    @Test func aLockHeldElsewhereMeansExit75AndNoChange() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        let output = scratch.path + "/Output"
        let first = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        try #require(first.status == 0, "\(first.stderr)")
        let before = FolderSnapshot(output)

        let descriptor = open(output + "/.lock", O_RDWR | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        for quiet in [false, true] {
            let busy = try BriefProcess.run(Self.arguments(dataset, "2025-05-02", output) + (quiet ? ["--quiet"] : []))
            #expect(busy.status == 75, "\(busy.stderr)")
            #expect(busy.stderr.contains(output + "/.lock"), "\(busy.stderr)")
            #expect(FolderSnapshot(output) == before)
        }
        flock(descriptor, LOCK_UN)

        let after = try BriefProcess.run(Self.arguments(dataset, "2025-05-02", output))
        #expect(after.status == 0, "\(after.stderr)")
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty && report.dates.values.allSatisfy { $0 == ["2025-05-01", "2025-05-02"] }, "\(report.problems)")
    }
}
