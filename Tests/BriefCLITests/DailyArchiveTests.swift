import Foundation
import Testing

/// The archive `brief daily` keeps: the same date twice gives the same bytes,
/// a past date regenerates exactly, the pages hold together, and the Atom
/// feeds read cleanly in a real feed parser.
@Suite struct DailyArchiveTests {
    static func arguments(_ dataset: FictionalDataset, _ date: String, _ output: String) -> [String] {
        ["daily", "--date", date, "--briefs", dataset.folder, "--output", output]
    }

    @Test func theSameDateTwiceAndAPastDateAgainChangeNoByte() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = scratch.path + "/Output"
        func run(_ date: String, in root: String = output, environment: [String: String]? = nil) throws {
            let result = try RunningBrief(Self.arguments(dataset, date, root), environment: environment).wait().result
            try #require(result.status == 0, "\(result.stderr)")
        }

        try run("2025-05-01")
        let once = FolderSnapshot(output)
        try run("2025-05-01")
        #expect(FolderSnapshot(output) == once, "\(FolderSnapshot(output).differences(from: once))")

        try run("2025-05-03")
        let later = FolderSnapshot(output)
        #expect(later != once)
        // Regenerating the past date rewrites nothing: its files are the same bytes.
        try run("2025-05-01")
        #expect(FolderSnapshot(output) == later, "\(FolderSnapshot(output).differences(from: later))")

        // A date added between two others gets its changes against the earlier
        // one; the later date is then regenerated against it, and comes out
        // exactly as a run that saw the dates in order.
        try run("2025-05-02")
        try run("2025-05-03")
        let inOrder = scratch.path + "/in-order"
        for date in ["2025-05-01", "2025-05-02", "2025-05-03"] {
            try run(date, in: inOrder, environment: ["PATH": "/usr/bin:/bin", "LANG": "C", "TZ": "Pacific/Kiritimati", "HOME": scratch.path])
        }
        for id in dataset.ids {
            for date in ["2025-05-01", "2025-05-02", "2025-05-03"] {
                let ours = FolderSnapshot(output + "/" + id + "/" + date), theirs = FolderSnapshot(inOrder + "/" + id + "/" + date)
                #expect(!ours.nodes.isEmpty)
                #expect(ours == theirs, "\(id)/\(date): \(ours.differences(from: theirs))")
            }
            #expect(FolderSnapshot(output + "/" + id) == FolderSnapshot(inOrder + "/" + id), "\(id): the pages differ")
        }
        let changes = try String(contentsOfFile: output + "/" + dataset.ids[0] + "/2025-05-03/changes.md", encoding: .utf8)
        #expect(changes.contains("2025-05-02") || changes.contains("2 May 2025"), "\(changes.prefix(300))")

        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(report.dates.count == 3 && report.dates.values.allSatisfy { $0 == ["2025-05-01", "2025-05-02", "2025-05-03"] })
        #expect(inspector.leftovers().isEmpty, "\(inspector.leftovers())")
    }

    /// Every generation lists every date of every brief, and a desk's archive
    /// gains a date per brief a day: a date the previous generation links
    /// already is linked to again (a hard link to the same symbolic link, the
    /// same inode), not made anew, so that a morning's run does not allocate
    /// an inode per date of the archive's history. A previous link that no
    /// longer says what the manifest says is not copied.
    @Test func aNewGenerationReusesTheDateLinksOfThePreviousOne() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 2)
        let output = scratch.path + "/Output"
        func run(_ date: String) throws {
            let result = try RunningBrief(Self.arguments(dataset, date, output)).wait().result
            try #require(result.status == 0, "\(result.stderr)")
        }
        func inode(_ path: String) throws -> UInt64 {
            var status = stat()
            try #require(lstat(path, &status) == 0, "\(path)")
            try #require(status.st_mode & S_IFMT == S_IFLNK, "\(path) is a link")
            return UInt64(status.st_ino)
        }
        let (first, second) = (dataset.ids[0], dataset.ids[1])
        try run("2025-05-01")
        try run("2025-05-02")
        let links = try [first, second].map { try inode("\(output)/.archive/current/\($0)/2025-05-01") }
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: "\(output)/.archive/current/\(second)/2025-05-01")

        // The second brief's link in the current generation is made to point
        // elsewhere (its inode is shared with no other generation by now).
        let tampered = "\(output)/.archive/current/\(second)/2025-05-01"
        try FileManager.default.removeItem(atPath: tampered)
        try FileManager.default.createSymbolicLink(atPath: tampered, withDestinationPath: "../../../.store/nowhere")

        try run("2025-05-03")
        #expect(try inode("\(output)/.archive/current/\(first)/2025-05-01") == links[0], "the same link, not a new one")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(output)/.archive/current/\(second)/2025-05-01") == target,
                "made again from the manifest")
        #expect(try inode("\(output)/.archive/current/\(second)/2025-05-01") != links[1])
        let page = try String(contentsOfFile: "\(output)/\(first)/2025-05-01/brief.md", encoding: .utf8)
        #expect(!page.isEmpty)
        var inspector = ArchiveInspector(root: output)
        let report = inspector.inspect()
        #expect(report.problems.isEmpty, "\(report.problems.prefix(8))")
        #expect(report.dates.values.allSatisfy { $0 == ["2025-05-01", "2025-05-02", "2025-05-03"] })
    }

    /// What Python's feedparser reads in a feed.
    struct ParsedFeed: Decodable {
        struct Entry: Decodable, Equatable {
            var id: String
            var updated: String
            var link: String
            var title: String
            var summary: String
        }

        var bozo: Int
        var bozoException: String
        var version: String
        var id: String
        var updated: String
        var entries: [Entry]
    }

    static let feedReader = """
        import feedparser, json, sys, time
        feed = feedparser.parse(sys.argv[1])
        print(json.dumps({
            "bozo": int(feed.bozo),
            "bozoException": str(feed.get("bozo_exception", "")),
            "version": feed.version,
            "id": feed.feed.get("id", ""),
            "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", feed.feed.updated_parsed) if feed.feed.get("updated_parsed") else "",
            "entries": [{
                "id": e.get("id", ""),
                "updated": time.strftime("%Y-%m-%dT%H:%M:%SZ", e.updated_parsed) if e.get("updated_parsed") else "",
                "link": e.get("link", ""),
                "title": e.get("title", ""),
                "summary": e.get("summary", ""),
            } for e in feed.entries],
        }))
        """

    static func parseFeed(_ path: String) throws -> ParsedFeed {
        let run = try RunningBrief(["python3", "-c", feedReader, path], executable: URL(fileURLWithPath: "/usr/bin/env")).wait()
        try #require(run.result.status == 0, "feedparser (scripts/install-deps.sh --test installs it): \(run.result.stderr)")
        return try JSONDecoder().decode(ParsedFeed.self, from: Data(run.result.stdout.utf8))
    }

    @Test func theFeedsReadCleanlyInFeedparserWithStableIdsAndTheBriefsDates() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let output = scratch.path + "/Output"
        var earlier: [String: ParsedFeed] = [:]
        for (pass, date) in ["2025-05-04", "2025-05-01"].enumerated() {
            let run = try BriefProcess.run(Self.arguments(dataset, date, output))
            try #require(run.status == 0, "\(run.stderr)")
            for id in dataset.ids {
                let feed = try Self.parseFeed(output + "/" + id + "/feed.atom")
                #expect(feed.bozo == 0, "\(id): \(feed.bozoException)")
                #expect(feed.version == "atom10")
                #expect(feed.id == "tag:brief.invalid,2025:\(id)")
                // Dated by the newest brief, not by the clock.
                #expect(feed.updated == "2025-05-04T00:00:00Z")
                let dates = pass == 0 ? ["2025-05-04"] : ["2025-05-04", "2025-05-01"]
                #expect(feed.entries.map(\.id) == dates.map { "tag:brief.invalid,2025:\(id)/\($0)" })
                #expect(feed.entries.map(\.updated) == dates.map { "\($0)T00:00:00Z" })
                for entry in feed.entries {
                    #expect(!entry.title.isEmpty && !entry.summary.isEmpty)
                    let date = String(entry.id.suffix(10))
                    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/" + id + "/" + date + "/brief.json"))) as? [String: Any]
                    #expect(entry.summary == json?["bluf"] as? String, "\(id)/\(date): the summary is the brief's BLUF")
                    // The link, relative to the feed, names a file that exists.
                    let link = entry.link.hasPrefix("file:") ? URL(string: entry.link)!.path : output + "/" + id + "/" + entry.link
                    #expect(FileManager.default.fileExists(atPath: link), "\(id): \(entry.link)")
                    #expect(entry.link.hasSuffix("\(date)/brief.html"), "\(entry.link)")
                }
                // An entry keeps its id and its dates when the feed grows.
                if let before = earlier[id] {
                    #expect(feed.entries.first == before.entries.first, "\(id): the 2025-05-04 entry changed")
                }
                earlier[id] = feed
            }
        }
    }
}
