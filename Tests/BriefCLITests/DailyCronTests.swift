import Foundation
import Testing

/// `brief daily` as cron runs it: a bare environment, no terminal, standard
/// input from /dev/null. Silent on standard output; one log line per brief on
/// standard error (cron mails it), none with --quiet; non-zero on any failure.
@Suite struct DailyCronTests {
    static func cron(_ home: String) -> [String: String] {
        // No LANG, no TZ, no TERM: what cron gives a job.
        ["PATH": "/usr/bin:/bin", "HOME": home, "SHELL": "/bin/sh", "LOGNAME": "root"]
    }

    static func run(_ arguments: [String], home: String) throws -> BriefProcess.Result {
        try RunningBrief(arguments, environment: cron(home)).wait().result
    }

    @Test func silentOnStandardOutputOneLinePerBriefOnStandardError() throws {
        let inputs = try TemporaryFolder(), home = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = home.path + "/Output"
        let result = try Self.run(["daily", "--date", "2025-05-01", "--briefs", dataset.folder, "--output", output], home: home.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        // Plain lines: no terminal control characters, no progress display.
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"), "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(result.stderr.hasSuffix("\n"))
        #expect(lines.allSatisfy { $0.hasPrefix("brief: ") }, "\(lines)")
        for id in dataset.ids {
            #expect(lines.filter { $0.hasPrefix("brief: \(id) 2025-05-01:") }.count == 1, "\(id): \(lines)")
        }
        // One line per brief, and the summary.
        #expect(lines.count == dataset.ids.count + 1, "\(lines)")
        #expect(lines.last?.contains(output) == true, "\(lines)")
        var inspector = ArchiveInspector(root: output)
        #expect(inspector.inspect().problems.isEmpty)

        let quiet = try Self.run(["daily", "--date", "2025-05-02", "--quiet", "--briefs", dataset.folder, "--output", output], home: home.path)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
        let report = inspector.inspect()
        #expect(report.problems.isEmpty && report.dates.values.allSatisfy { $0 == ["2025-05-01", "2025-05-02"] })
    }

    @Test func everyFailureExitsNonZeroAndSaysWhyEvenWithQuiet() throws {
        let inputs = try TemporaryFolder(), home = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        let broken = try FictionalDataset(in: inputs, name: "broken", briefs: 2)
        try broken.breakIt()
        try home.write("not-a-folder", "a file where the output folder should be\n")
        let cases: [(String, [String], Int32)] = [
            ("bad date", ["--date", "2025-02-30", "--briefs", dataset.folder, "--output", home.path + "/Output"], 64),
            ("unknown option", ["--date", "2025-05-01", "--colour", "--briefs", dataset.folder, "--output", home.path + "/Output"], 64),
            ("invalid dataset", ["--date", "2025-05-01", "--briefs", broken.folder, "--output", home.path + "/Output"], 65),
            ("missing definitions", ["--date", "2025-05-01", "--briefs", home.path + "/nowhere", "--output", home.path + "/Output"], 66),
            ("unwritable output", ["--date", "2025-05-01", "--briefs", dataset.folder, "--output", home.path + "/not-a-folder/Output"], 73),
        ]
        for (what, arguments, status) in cases {
            for quiet in [false, true] {
                let result = try Self.run(["daily"] + arguments + (quiet ? ["--quiet"] : []), home: home.path)
                #expect(result.status == status, "\(what): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(what): \(result.stdout)")
                #expect(result.stderr.lowercased().contains("error"), "\(what)\(quiet ? " (quiet)" : ""): says nothing: \(result.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: home.path + "/Output/index.html"))
    }
}
