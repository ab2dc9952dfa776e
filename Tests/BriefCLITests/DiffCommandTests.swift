import Foundation
import Testing

/// `brief diff` as a user runs it.
@Suite struct DiffCommandTests {
    @Test func seedBeforeAndAfterTheArticle() throws {
        let result = try BriefProcess.run(["diff", "azerbaijan-syria", "--from", "2025-04-10", "--to", "2025-05-01", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [String: Any])
        let appeared = (events["appeared"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(appeared.contains("aliyev-al-sharaa-meeting-2025-04-11"))
        #expect(appeared.contains("aze-embassy-damascus-reopened-2025-03"))
        let keyQuotes = try #require(json["keyQuotes"] as? [String: Any])
        #expect((keyQuotes["entered"] as? [Any])?.count == 5)
        let commitments = try #require(json["commitments"] as? [String: Any])
        let made = commitments["made"] as? [[String: Any]] ?? []
        #expect(Set(made.compactMap { $0["id"] as? String }).isSuperset(of: ["c-aze-syr-mutual-visits-2025", "c-aliyev-invites-al-sharaa-2025"]))
        #expect(made.filter { $0["id"] as? String == "c-aze-syr-mutual-visits-2025" }.first?["status"] as? String == "open")
    }

    @Test func theSameDateOnBothSidesIsQuietAndExitsZero() throws {
        let result = try BriefProcess.run(["diff", "azerbaijan-syria", "--from", "2025-05-01", "--to", "2025-05-01", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        let changed = try BriefProcess.run(["diff", "azerbaijan-syria", "--from", "2025-04-10", "--to", "2025-05-01", "--quiet"])
        #expect(changed.status == 1)
        #expect(changed.stdout.isEmpty)
    }

    @Test func diffOfTwoArchivedSnapshotsEqualsDiffOfTheDates() throws {
        let out = try TemporaryFolder()
        for date in ["2025-04-10", "2025-05-01"] {
            let result = try BriefProcess.run(["daily", "--date", date, "--output", out.path, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let old = out.url.appendingPathComponent("azerbaijan-syria/2025-04-10/brief.json").path
        let new = out.url.appendingPathComponent("azerbaijan-syria/2025-05-01/brief.json").path
        for format in ["json", "markdown", "html", "docbook"] {
            let fromSnapshots = try BriefProcess.run(["diff", old, new, "--format", format])
            let fromDates = try BriefProcess.run(["diff", "azerbaijan-syria", "--from", "2025-04-10", "--to", "2025-05-01", "--format", format])
            #expect(fromSnapshots.status == 1)
            #expect(fromSnapshots.stdout == fromDates.stdout, "\(format) differs")
        }
        // And daily wrote the same changes beside the later brief.
        let written = try String(contentsOfFile: out.url.appendingPathComponent("azerbaijan-syria/2025-05-01/changes.json").path, encoding: .utf8)
        let fromDates = try BriefProcess.run(["diff", "azerbaijan-syria", "--from", "2025-04-10", "--to", "2025-05-01", "--format", "json"])
        #expect(written == fromDates.stdout)
    }

    @Test func snapshotsOfDifferentBriefsOrAnUnknownVersionAreRefused() throws {
        let folder = try TemporaryFolder()
        let snapshot = try BriefProcess.run(["generate", "azerbaijan-syria", "--as-of", "2025-05-01", "--format", "json", "--output", "-"])
        try folder.write("a.json", snapshot.stdout)
        try folder.write("b.json", snapshot.stdout.replacingOccurrences(of: "\"brief\" : \"azerbaijan-syria\"", with: "\"brief\" : \"other-pair\""))
        try folder.write("v2.json", snapshot.stdout.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 2"))
        try folder.write("junk.json", "{\"hello\": 1}")
        let different = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/b.json"])
        #expect(different.status == 65)
        #expect(different.stderr.contains("different briefs: 'azerbaijan-syria' and 'other-pair'"))
        let version = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/v2.json"])
        #expect(version.status == 65)
        #expect(version.stderr.contains("v2.json: error: snapshot model version 2"))
        let junk = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/junk.json"])
        #expect(junk.status == 65)
        let missing = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/none.json"])
        #expect(missing.status == 66)
        let same = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/a.json"])
        #expect(same.status == 0)
    }

    /// `daily` on the next date, with the previous date's snapshot broken:
    /// the new date is published without a changes file, and the warning
    /// says where the snapshot is broken.
    @Test func dailyWarnsWhereThePreviousSnapshotIsBroken() throws {
        let out = try TemporaryFolder()
        let first = try BriefProcess.run(["daily", "--date", "2025-05-01", "--output", out.path, "--quiet", "--no-cache"])
        #expect(first.status == 0, "\(first.stderr)")
        let snapshot = out.url.appendingPathComponent("azerbaijan-syria/2025-05-01/brief.json").resolvingSymlinksInPath().path
        try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: snapshot)
        try Data("{\n  \"brief\" : \"azerbaijan-syria\",\n  \"window\" : \"30\"\n}\n".utf8).write(to: URL(fileURLWithPath: snapshot))
        let next = try BriefProcess.run(["daily", "--date", "2025-05-02", "--output", out.path, "--no-cache"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("warning: azerbaijan-syria: no changes file: the 2025-05-01 snapshot is unreadable "
            + "(azerbaijan-syria/2025-05-01/brief.json:3:14: expected a whole number, found a string)"), "\(next.stderr)")
        let written = out.url.appendingPathComponent("azerbaijan-syria/2025-05-02")
        #expect(FileManager.default.fileExists(atPath: written.appendingPathComponent("brief.json").path))
        #expect(!FileManager.default.fileExists(atPath: written.appendingPathComponent("changes.json").path))
    }

    /// A snapshot edited by hand, or cut short: refused with the place of the
    /// problem, as the dataset's errors are.
    @Test func aBrokenSnapshotIsRefusedAtItsPlace() throws {
        let folder = try TemporaryFolder()
        let snapshot = try BriefProcess.run(["generate", "azerbaijan-syria", "--as-of", "2025-05-01", "--format", "json", "--output", "-"])
        try folder.write("a.json", snapshot.stdout)
        let lines = snapshot.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let windowLine = try #require(lines.firstIndex { $0.hasPrefix("  \"window\" : ") }) + 1
        try folder.write("broken.json", snapshot.stdout.replacingOccurrences(of: "\"window\" : 30", with: "\"window\" : \"30\""))
        try folder.write("cut.json", String(snapshot.stdout.prefix(200)))
        try folder.write("junk.json", "{\"hello\": 1}")

        let broken = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/broken.json"])
        #expect(broken.status == 65)
        #expect(broken.stderr == "\(folder.path)/broken.json:\(windowLine):14: error: not a readable brief snapshot: expected a whole number, found a string\n")
        let cut = try BriefProcess.run(["diff", folder.path + "/cut.json", folder.path + "/a.json"])
        #expect(cut.status == 65)
        #expect(cut.stderr.hasPrefix("\(folder.path)/cut.json:"))
        #expect(cut.stderr.contains(": error: not a brief snapshot (brief.json): "))
        let junk = try BriefProcess.run(["diff", folder.path + "/a.json", folder.path + "/junk.json"])
        #expect(junk.status == 65)
        #expect(junk.stderr == "\(folder.path)/junk.json: error: not a brief snapshot (brief.json): it has no field 'brief'\n")
    }

    @Test(arguments: [
        ["diff"],
        ["diff", "azerbaijan-syria"],
        ["diff", "azerbaijan-syria", "--from", "2025-04-10"],
        ["diff", "azerbaijan-syria", "--from", "2025-04-31", "--to", "2025-05-01"],
        ["diff", "no-such-brief", "--from", "2025-04-10", "--to", "2025-05-01"],
        ["diff", "azerbaijan-syria", "--from", "2025-04-10", "--to", "2025-05-01", "--format", "markdown,html"],
    ])
    func wrongUsageExits64(arguments: [String]) throws {
        let result = try BriefProcess.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
    }

    @Test func renderedChangesPassTheirValidators() throws {
        let out = try TemporaryFolder()
        let result = try BriefProcess.run(["diff", "azerbaijan-syria", "--from", "2025-04-10", "--to", "2025-05-01",
                                           "--format", "markdown,html,docbook,json", "--output", out.path])
        #expect(result.status == 1, "\(result.stderr)")
        let docbook = out.url.appendingPathComponent("changes.xml").path
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        lint.arguments = ["--noout", "--relaxng", "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng", docbook]
        lint.standardError = FileHandle.nullDevice
        try lint.run()
        lint.waitUntilExit()
        #expect(lint.terminationStatus == 0)
        let wellFormed = Process()
        wellFormed.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        wellFormed.arguments = ["--noout", out.url.appendingPathComponent("changes.html").path]
        try wellFormed.run()
        wellFormed.waitUntilExit()
        #expect(wellFormed.terminationStatus == 0)
        // The Markdown parses with cmark-gfm into the sections the changes have.
        let cmark = Process()
        cmark.executableURL = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        cmark.arguments = ["-e", "table", "-t", "xml", out.url.appendingPathComponent("changes.md").path]
        let pipe = Pipe()
        cmark.standardOutput = pipe
        try cmark.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        cmark.waitUntilExit()
        #expect(cmark.terminationStatus == 0)
        #expect(xml.components(separatedBy: "<heading level=\"2\">").count - 1 == 7)
        #expect(!xml.contains("<html_block>"))
    }
}
