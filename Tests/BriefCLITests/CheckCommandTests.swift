import Foundation
import Testing

/// `brief check` as a user runs it: exit codes and the located messages.
@Suite struct CheckCommandTests {
    @Test func theBundledDatasetChecksClean() throws {
        let result = try BriefProcess.run(["check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"))
        #expect(result.stderr.contains("1 brief definition: 0 errors"))
        #expect(result.stdout.isEmpty)
    }

    @Test func brokenFilesListEveryErrorAndExit65() throws {
        let folder = try TemporaryFolder()
        try folder.write("pair.yaml", "title: Pair\nparties: [beta, gamma]\n")
        try folder.write("data/actors.yaml", """
            actors:
              - {id: alpha, kind: state, name: Alpha}
              - {id: beta, kind: country, name: Beta}
            """)
        try folder.write("data/events.yaml", """
            events:
              - id: e1
                date: 2025-02-30
                type: meeting
                title: A meeting
                sources: [nowhere]
            """)
        let result = try BriefProcess.run(["check", "--briefs", folder.path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
        let prefix = folder.path + "/"
        #expect(lines.map { $0.replacingOccurrences(of: prefix, with: "") } == [
            "data/actors.yaml:3:22: error: actor 'beta': 'kind' must be 'state', 'person' or 'organization', not 'country'",
            // The column points at the impossible day.
            "data/events.yaml:3:19: error: event 'e1': 'date': '2025-02-30' is not a valid date: February 2025 has 28 days",
            // A record with one error still has its references checked.
            "data/events.yaml:6:15: error: event 'e1': 'sources' names 'nowhere', which is not in the dataset",
            "pair.yaml:2:17: error: brief 'pair': 'parties' names 'gamma', which is not in the dataset",
        ])
    }

    @Test func aMissingFolderExits66() throws {
        let result = try BriefProcess.run(["check", "--briefs", "/nonexistent/brief-folder"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/brief-folder/data: error: no such folder") ||
                result.stderr.contains("/nonexistent/brief-folder: error: no such folder"))
    }

    @Test func theOutputIsTheSameWhateverTheOrderOfFilesOnDisk() throws {
        let files = [
            ("data/b.yaml", "events:\n  - {id: e2, date: 2025, type: meeting, title: B, sources: [missing-b]}\n"),
            ("data/a.yaml", "events:\n  - {id: e1, date: 2025, type: meeting, title: A, sources: [missing-a]}\n"),
            ("data/sub/c.yaml", "events:\n  - {id: e3, date: 2025-13, type: meeting, title: C, sources: [missing-c]}\n"),
            ("pair.yaml", "title: P\nparties: [x, y]\n"),
        ]
        let forward = try TemporaryFolder()
        for (path, text) in files { try forward.write(path, text) }
        let backward = try TemporaryFolder()
        for (path, text) in files.reversed() { try backward.write(path, text) }
        let one = try BriefProcess.run(["check", "--briefs", "."], in: forward.url)
        let two = try BriefProcess.run(["check", "--briefs", "."], in: backward.url)
        #expect(one.status == 65)
        #expect(one.stderr == two.stderr)
        #expect(one.stderr.contains("./data/a.yaml"))
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        let result = try BriefProcess.run(["check", "--colour"])
        #expect(result.status == 64)
    }
}
