import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `brief daily` killed with SIGKILL at any moment never leaves the archive
/// inconsistent (PRODUCT.md, "Output layout": a crash at any instant shows the
/// whole old archive or the whole new one).
@Suite(.serialized) struct DailyCrashTests {
    /// Every run parses and renders everything (`--no-cache`): a run that
    /// reused yesterday's work would end before most kills could reach it.
    static func arguments(_ dataset: FictionalDataset, _ date: String, _ output: String) -> [String] {
        ["daily", "--date", date, "--briefs", dataset.folder, "--output", output, "--no-cache"]
    }

    /// Runs `brief daily`, killing it `delay` seconds after its start (unless it ended before).
    static func killed(after delay: Double, _ arguments: [String]) throws -> (killed: Bool, status: Int32, duration: Double) {
        let run = try RunningBrief(arguments, capture: false)
        let deadline = run.started + .milliseconds(Int(delay * 1000))
        let wait = deadline - ContinuousClock.now
        if wait > .zero { Thread.sleep(forTimeInterval: wait.seconds) }
        run.signal(SIGKILL)
        let end = run.wait()
        return (end.killed, end.result.status, end.duration.seconds)
    }

    /// How long an uninterrupted run lasts: the median of the latest ones, as
    /// the machine's load changes while the test goes on.
    struct RunLength {
        var samples: [Double] = []
        mutating func add(_ seconds: Double) { samples.append(seconds) }
        var estimate: Double {
            let recent = samples.suffix(5).sorted()
            return recent[recent.count / 2]
        }
    }

    @Test func killedAtAnyMomentTheArchiveStaysConsistent() throws {
        let inputs = try TemporaryFolder()
        // Four briefs over some 400 records (a run lasts about a second in a
        // debug build); a fifth joins half-way through.
        let dataset = try FictionalDataset(in: inputs, briefs: 5)
        let scratch = try TemporaryFolder()
        let newBrief = dataset.ids.last!
        let definition = dataset.folder + "/" + newBrief + ".yaml", aside = scratch.path + "/" + newBrief + ".yaml"
        try FileManager.default.moveItem(atPath: definition, toPath: aside)
        let firstIDs = Array(dataset.ids.dropLast())

        // Uninterrupted runs: on a new archive, then adding a date.
        var length = RunLength()
        let probe = scratch.path + "/probe"
        for date in ["2025-05-10", "2025-05-11", "2025-05-12"] {
            let run = try RunningBrief(Self.arguments(dataset, date, probe)).wait()
            try #require(run.result.status == 0, "\(run.result.stderr)")
            length.add(run.duration.seconds)
        }
        var figures = ["uninterrupted runs of 4 briefs: \(length.samples.map { String(format: "%.2f s", $0) })"]
        var killedRuns = 0, finishedRuns = 0

        // 1. The first publication of a new archive, cut short at 7 moments
        // from its start to its end, and once a little after.
        let firstKills = 8
        var firstStates = (nothing: 0, namesOnly: 0, published: 0)
        for step in 0..<firstKills {
            let delay = length.estimate * (step == firstKills - 1 ? 1.3 : Double(step) / Double(firstKills - 2))
            let output = scratch.path + "/first-\(step)"
            let outcome = try Self.killed(after: delay, Self.arguments(dataset, "2025-05-10", output))
            if outcome.killed { killedRuns += 1 } else {
                finishedRuns += 1
                length.add(outcome.duration)
                #expect(outcome.status == 0, "a run that was not killed failed (\(outcome.status))")
            }
            var inspector = ArchiveInspector(root: output)
            let report = inspector.inspect()
            #expect(report.problems.isEmpty, "killed after \(delay) s on a new archive: \(report.problems.prefix(8))")
            // Nothing published, or all of it: one switch publishes every brief.
            #expect(report.dates.isEmpty || (report.dates.count == firstIDs.count && report.unpublished.isEmpty),
                    "killed after \(delay) s: \(report.dates.count) briefs published, \(report.unpublished.count) unpublished")
            #expect(report.dates.values.allSatisfy { $0 == ["2025-05-10"] })
            if !report.dates.isEmpty { firstStates.published += 1 } else if report.unpublished.isEmpty { firstStates.nothing += 1 } else { firstStates.namesOnly += 1 }
            if step % 3 == 1 {
                // The next run repairs whatever the killed one left.
                let next = try RunningBrief(Self.arguments(dataset, "2025-05-10", output)).wait()
                #expect(next.result.status == 0, "\(next.result.stderr)")
                length.add(next.duration.seconds)
                let repaired = inspector.inspect()
                #expect(repaired.problems.isEmpty && repaired.dates.count == firstIDs.count && repaired.unpublished.isEmpty,
                        "\(repaired.problems.prefix(8))")
                #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")
            }
        }
        figures.append("on a new archive the kills left \(firstStates.nothing) times nothing, \(firstStates.namesOnly) times public names not yet switched to, \(firstStates.published) times the whole archive")

        // 2. An archive in use: kills spread uniformly over a run, plus some
        // right at the start and around the end, on runs that add a date
        // (earlier or later than the others) and runs that regenerate one.
        // Half-way, a new brief joins: kills then also cut short its first
        // publication in an archive whose pages must not list it yet.
        let output = scratch.path + "/Output"
        let seeded = try RunningBrief(Self.arguments(dataset, "2025-05-10", output)).wait()
        try #require(seeded.result.status == 0, "\(seeded.result.stderr)")
        var fractions = [0, 0.003, 0.01, 0.02]
        fractions += (0..<34).map { (Double($0) + 0.5) / 34 }
        fractions += [0.9, 0.95, 1.0, 1.05, 1.1, 1.25]
        // Interleaved, so that early and late kills meet every state of the archive.
        let order = (0..<fractions.count).map { fractions[($0 * 17) % fractions.count] }
        let newDates = ["2025-05-20", "2025-05-02", "2025-05-15", "2025-05-05", "2025-05-25", "2025-05-12", "2025-05-01",
                        "2025-05-18", "2025-05-08", "2025-05-28", "2025-05-03", "2025-05-22", "2025-05-14", "2025-05-30"]
        var added = 0
        var inspector = ArchiveInspector(root: output)
        var seen: [String] = ["2025-05-10"]
        var kinds = (adding: 0, regenerating: 0, newBriefUnpublished: 0)
        var ids = firstIDs
        var delays: [Double] = []
        for (index, fraction) in order.enumerated() {
            if index == order.count / 2 {
                try FileManager.default.moveItem(atPath: aside, toPath: definition)
                ids = dataset.ids
                // The run is longer now: measure it again, on the probe archive.
                let longer = try RunningBrief(Self.arguments(dataset, "2025-05-13", probe)).wait()
                try #require(longer.result.status == 0, "\(longer.result.stderr)")
                length.samples = [longer.duration.seconds]
                figures.append("with the fifth brief: \(String(format: "%.2f s", longer.duration.seconds))")
            }
            // Even runs add a new date, odd ones regenerate a date the archive holds.
            let date: String
            if index % 2 == 0, added < newDates.count {
                date = newDates[added]
                added += 1
            } else {
                date = seen[(index / 2 * 7) % seen.count]
            }
            if seen.contains(date) { kinds.regenerating += 1 } else { kinds.adding += 1 }
            let delay = length.estimate * fraction
            delays.append(delay)
            let outcome = try Self.killed(after: delay, Self.arguments(dataset, date, output))
            if outcome.killed { killedRuns += 1 } else {
                finishedRuns += 1
                length.add(outcome.duration)
                #expect(outcome.status == 0, "a run that was not killed failed (\(outcome.status))")
            }
            let report = inspector.inspect()
            #expect(report.problems.isEmpty, "run \(index) (\(date)) killed after \(delay) s: \(report.problems.prefix(8))")
            // Every brief is published, except perhaps the new one, whose
            // public name may exist before the switch (no page lists it then).
            let published = Set(report.dates.keys)
            #expect(published.isSuperset(of: firstIDs) && published.isSubset(of: ids), "run \(index): \(published.sorted())")
            #expect(report.unpublished.allSatisfy { $0 == newBrief && ids.contains(newBrief) }, "run \(index): \(report.unpublished)")
            if !report.unpublished.isEmpty { kinds.newBriefUnpublished += 1 }
            // One switch publishes every brief: they all hold the same dates
            // (the new one those since it joined), and none is lost.
            let dateSets = Set(firstIDs.compactMap { report.dates[$0] })
            #expect(dateSets.count == 1, "run \(index): the briefs hold different dates: \(dateSets)")
            let present = dateSets.first ?? []
            #expect(Set(seen).isSubset(of: Set(present)), "run \(index): dates lost: \(Set(seen).subtracting(present))")
            #expect(present.allSatisfy { seen.contains($0) || $0 == date }, "run \(index): an unexpected date")
            if let joined = report.dates[newBrief] {
                #expect(!joined.isEmpty && Set(joined).isSubset(of: Set(present)), "run \(index): the new brief holds \(joined), the others \(present)")
            }
            seen = present

            if index % 10 == 9 {
                // An uninterrupted run after a kill succeeds and leaves nothing behind.
                let next = try RunningBrief(Self.arguments(dataset, seen[(index * 3) % seen.count], output)).wait()
                #expect(next.result.status == 0, "after run \(index): \(next.result.stderr)")
                length.add(next.duration.seconds)
                let report = inspector.inspect()
                #expect(report.problems.isEmpty && report.unpublished.isEmpty && Set(report.dates.keys) == Set(ids),
                        "after run \(index): \(report.problems.prefix(8)) \(report.unpublished)")
                #expect(inspector.leftovers().isEmpty, "after run \(index): \(inspector.leftovers())")
            }
        }
        let final = try RunningBrief(Self.arguments(dataset, "2025-05-31", output)).wait()
        #expect(final.result.status == 0, "\(final.result.stderr)")
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(Set(report.dates.keys) == Set(dataset.ids))
        #expect(firstIDs.allSatisfy { report.dates[$0]?.last == "2025-05-31" && report.dates[$0]?.count == seen.count + 1 })
        #expect(report.dates[newBrief]?.last == "2025-05-31")
        #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")

        let total = firstKills + order.count
        figures.append("\(total) runs killed with SIGKILL (\(firstKills) on a new archive, \(order.count) on an archive in use at \(String(format: "%.3f", delays.min()!))–\(String(format: "%.2f", delays.max()!)) s: \(kinds.adding) adding a date, \(kinds.regenerating) regenerating one, \(kinds.newBriefUnpublished) left the new brief named but not yet switched to)")
        figures.append("\(killedRuns) died by the signal, \(finishedRuns) had already finished")
        print("DailyCrashTests: " + figures.joined(separator: "; "))
        #expect(total >= 50)
        // The kills were spread over the run, not all after its end.
        #expect(killedRuns >= total * 2 / 3, "only \(killedRuns) of \(total) runs were still running when killed")
        #expect(kinds.adding >= 10 && kinds.regenerating >= 10)
    }

    /// `strace` stops the run at its n-th rename(2) and kills it there, for
    /// every n: each step that makes a change visible is cut short once,
    /// however brief the moment between two of them (no timer can aim at
    /// those). On a new archive, and on one that a new brief joins.
    @Test func killedBeforeEachRenameTheArchiveStaysConsistent() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let newBrief = dataset.ids.last!
        let definition = dataset.folder + "/" + newBrief + ".yaml", aside = scratch.path + "/" + newBrief + ".yaml"
        try FileManager.default.moveItem(atPath: definition, toPath: aside)
        let firstIDs = Array(dataset.ids.dropLast())
        let strace = URL(fileURLWithPath: "/usr/bin/strace")
        try #require(FileManager.default.isExecutableFile(atPath: strace.path), "strace (scripts/install-deps.sh --test installs it)")

        /// Runs `brief daily` under strace, killed at its `n`-th rename; its status
        /// (non-zero when killed) and how many renames it reached.
        func run(_ date: String, _ output: String, killAt n: Int) throws -> (status: Int32, renames: Int) {
            let log = scratch.path + "/strace.log"
            let traced = try RunningBrief(["-f", "-qq", "-o", log, "-e", "trace=rename", "-e", "inject=rename:signal=KILL:when=\(n)",
                                           BriefProcess.executable.path] + Self.arguments(dataset, date, output), executable: strace).wait()
            let renames = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").filter { $0.contains("rename(") && !$0.contains("resumed") }.count ?? 0
            return (traced.result.status, renames)
        }

        var states: [String: Int] = [:]
        for (phase, date) in [("new", "2025-05-01"), ("joined", "2025-05-02")] {
            let base = scratch.path + "/base-\(phase)"
            if phase == "joined" {
                // An archive of the first briefs; the last one joins now.
                let seeded = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", base))
                try #require(seeded.status == 0, "\(seeded.stderr)")
                try FileManager.default.moveItem(atPath: aside, toPath: definition)
            }
            var n = 1
            while true {
                let output = scratch.path + "/\(phase)-\(n)"
                if FileManager.default.fileExists(atPath: base) { try FileManager.default.copyItem(atPath: base, toPath: output) }
                let outcome = try run(date, output, killAt: n)
                var inspector = ArchiveInspector(root: output)
                let report = inspector.inspect()
                #expect(report.problems.isEmpty, "\(phase) archive, killed at rename \(n): \(report.problems.prefix(8))")
                // Before the switch: what was there; after it: every brief.
                let (before, all) = phase == "new" ? ([], firstIDs) : (firstIDs, dataset.ids)
                let published = report.dates.keys.sorted()
                #expect(published == before || published == all, "\(phase), rename \(n): \(published)")
                #expect(report.unpublished.allSatisfy { !published.contains($0) && all.contains($0) }, "\(phase), rename \(n): \(report.unpublished)")
                let state = published == all ? "switched" : report.unpublished.isEmpty ? "before" : "named, not switched"
                states["\(phase): \(state)", default: 0] += 1
                if outcome.status == 0 {
                    // The run reached its end: every rename has been cut short once.
                    #expect(published == all && report.dates.values.allSatisfy { $0.contains(date) })
                    #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")
                    #expect(n > outcome.renames && n >= 5, "\(phase): \(outcome.renames) renames")
                    break
                }
                // The next run repairs whatever the killed one left.
                let next = try BriefProcess.run(Self.arguments(dataset, date, output))
                #expect(next.status == 0, "\(phase), after rename \(n): \(next.stderr)")
                let repaired = inspector.inspect()
                #expect(repaired.problems.isEmpty && repaired.unpublished.isEmpty && repaired.dates.keys.sorted() == all,
                        "\(phase), after rename \(n): \(repaired.problems.prefix(8)) \(repaired.unpublished)")
                #expect(inspector.leftovers().isEmpty, "\(phase), after rename \(n): \(inspector.leftovers())")
                n += 1
                try #require(n < 40, "the run never ended")
            }
        }
        print("DailyCrashTests: killed at each rename: \(states.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" })")
        // The moment a new brief's public name exists before the switch was hit.
        #expect(states["joined: named, not switched", default: 0] >= 1 && states["new: named, not switched", default: 0] >= 1, "\(states)")
    }

    /// Each stored folder is written under a temporary name and renamed into
    /// place only after a flush (syncfs) that came after its last file was
    /// written: a crash never shows a stored name whose files the disk did
    /// not have. The folders are flushed together when the run publishes,
    /// not one by one (each flush is of the whole file system, and at a
    /// million records the 21 of a run held its workers 0.2 s): the run
    /// flushes twice, the stored folders, then the new generation.
    @Test func storedFoldersAreFlushedTogetherBeforeTheyAreRenamedIntoPlace() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let strace = URL(fileURLWithPath: "/usr/bin/strace")
        try #require(FileManager.default.isExecutableFile(atPath: strace.path), "strace (scripts/install-deps.sh --test installs it)")
        let log = scratch.path + "/strace.log", output = scratch.path + "/out"
        let traced = try RunningBrief(["-f", "-qq", "-s", "4096", "-o", log, "-e", "trace=openat,syncfs,rename",
                                       BriefProcess.executable.path] + Self.arguments(dataset, "2025-05-01", output), executable: strace).wait()
        try #require(traced.result.status == 0, "\(traced.result.stderr)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)

        // In the order the calls ended: a call another thread interrupted
        // ends on its "resumed" line.
        var lastWrite: [String: Int] = [:]   // staged folder → line of its last file opened for writing
        var flushes: [Int] = []              // lines where a syncfs ended, successfully
        var placed: [(folder: String, line: Int)] = []
        func quoted(_ line: String, after call: String) -> [String] {
            guard let start = line.range(of: call) else { return [] }
            return line[start.upperBound...].split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        for (number, line) in lines.enumerated() {
            if line.contains("openat("), line.contains("O_CREAT"), let path = quoted(line, after: "openat(").first,
               let range = path.range(of: "/.tmp-"), path.contains("/.store/") {
                let folder = String(path[..<(path[range.upperBound...].firstIndex(of: "/") ?? path.endIndex)])
                lastWrite[folder] = number
            } else if (line.contains("syncfs(") && !line.contains("unfinished")) || line.contains("<... syncfs resumed>") {
                if line.hasSuffix("= 0") { flushes.append(number) }
            } else if line.contains("rename("), !line.contains("unfinished"), let from = quoted(line, after: "rename(").first,
                      from.contains("/.store/"), from.contains("/.tmp-"), line.hasSuffix("= 0") {
                placed.append((from, number))
            }
        }
        // Three briefs, each stored once under a temporary name and placed.
        #expect(placed.count == 3 && Set(placed.map(\.folder)) == Set(lastWrite.keys), "\(placed) \(lastWrite.keys.sorted())")
        for (folder, renamed) in placed {
            let written = try #require(lastWrite[folder])
            #expect(flushes.contains { $0 > written && $0 < renamed }, "\(folder): written at line \(written), renamed at \(renamed), flushes \(flushes)")
        }
        #expect(flushes.count == 2, "the run flushed \(flushes.count) times: \(flushes)")
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty && report.dates.keys.sorted() == dataset.ids.sorted(), "\(report.problems.prefix(8))")
    }

    /// A run killed after it renamed its new generation into place but before
    /// it switched `current` leaves a complete `gen-N` that nothing points at;
    /// the next run must not trip over it. What it stored goes too.
    @Test func whatAKilledRunLeftDoesNotBlockTheNextRunAndIsCleared() throws {
        let inputs = try TemporaryFolder(), out = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = out.path + "/Output"
        let first = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        try #require(first.status == 0, "\(first.stderr)")
        let archive = output + "/.archive"
        let current = try FileManager.default.destinationOfSymbolicLink(atPath: archive + "/current")
        #expect(current == "gen-000001")
        // The state a kill leaves between the two renames of a second run.
        try FileManager.default.copyItem(atPath: archive + "/gen-000001", toPath: archive + "/gen-000002")

        let second = try BriefProcess.run(Self.arguments(dataset, "2025-05-02", output))
        #expect(second.status == 0, "\(second.stderr)")
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(report.dates.count == 3 && report.dates.values.allSatisfy { $0 == ["2025-05-01", "2025-05-02"] })
        #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")

        // A run killed after it stored a date, before it published it; the
        // next run has nothing to change, and clears it all the same.
        let published = FolderSnapshot(output)
        let brief = dataset.ids[0]
        let stored = try FileManager.default.contentsOfDirectory(atPath: output + "/.store/" + brief).sorted()
        try FileManager.default.copyItem(atPath: output + "/.store/" + brief + "/" + stored[0],
                                         toPath: output + "/.store/" + brief + "/2025-05-03-0123456789abcdef")
        let unchanged = try BriefProcess.run(Self.arguments(dataset, "2025-05-02", output))
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")
        #expect(FolderSnapshot(output) == published, "\(FolderSnapshot(output).differences(from: published))")
    }

    /// A run killed while it removed a stored date that no generation uses any
    /// more leaves that folder half-removed. If the same content comes back
    /// (a correction to the dataset, then reverted), the next run must write
    /// it again in full, not publish the remains.
    @Test func aStoredDateWhoseRemovalWasCutShortIsNotReused() throws {
        let inputs = try TemporaryFolder(), out = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        let output = out.path + "/Output"
        let brief = dataset.ids.first { $0.hasPrefix(FictionalDataset.states[0] + "-" + FictionalDataset.states[1]) }!
        let first = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        try #require(first.status == 0, "\(first.stderr)")
        let storeFolder = output + "/.store/" + brief
        let original = try FileManager.default.contentsOfDirectory(atPath: storeFolder)
        try #require(original.count == 1)
        let dateFolder = output + "/" + brief + "/2025-05-01"
        let originalFiles = FolderSnapshot(dateFolder)

        // A correction changes the brief of that date: its old folder goes.
        try dataset.amend()
        let amended = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        try #require(amended.status == 0, "\(amended.stderr)")
        try #require(try FileManager.default.contentsOfDirectory(atPath: storeFolder) != original)
        #expect(FolderSnapshot(dateFolder) != originalFiles)

        // The removal of the old folder, cut short: two of its files remain.
        let remains = storeFolder + "/" + original[0]
        try FileManager.default.createDirectory(atPath: remains, withIntermediateDirectories: false)
        for name in ["brief.md", "brief.html"] {
            guard case let .file(data)? = originalFiles.nodes[name] else { Issue.record("no \(name)"); continue }
            try data.write(to: URL(fileURLWithPath: remains + "/" + name))
        }

        // The correction is reverted: the original date comes back, whole.
        try dataset.removeAmendment()
        let reverted = try BriefProcess.run(Self.arguments(dataset, "2025-05-01", output))
        #expect(reverted.status == 0, "\(reverted.stderr)")
        let restored = FolderSnapshot(dateFolder)
        #expect(restored == originalFiles, "\(restored.differences(from: originalFiles))")
        var inspector = ArchiveInspector(root: output)
        #expect(inspector.inspect().problems.isEmpty)
        #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")
    }
}
