import Foundation
import Testing

/// `brief generate` as a user runs it.
@Suite struct GenerateCommandTests {
    @Test func writesEveryFormatAndTheChartIntoTheDateFolder() throws {
        let out = try TemporaryFolder()
        let result = try BriefProcess.run(["generate", "azerbaijan-syria", "--as-of", "2025-05-01", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let folder = out.url.appendingPathComponent("azerbaijan-syria/2025-05-01")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["brief.html", "brief.json", "brief.md", "brief.xml", "trend.svg"])
        // The archive layout, and no staging folder left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.url.appendingPathComponent("azerbaijan-syria").path).sorted()
            == ["2025-05-01", "feed.atom", "index.html", "latest"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.url.appendingPathComponent("azerbaijan-syria/latest").path) == "2025-05-01")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("brief.json"))) as? [String: Any]
        #expect(json?["asOf"] as? String == "2025-05-01")
        #expect(json?["schemaVersion"] as? Int == 1)
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let one = try TemporaryFolder(), two = try TemporaryFolder()
        for out in [one, two] {
            let result = try BriefProcess.run(["generate", "--all", "--as-of", "2025-05-01", "--output", out.path],
                                              environment: ["PATH": "/usr/bin:/bin", "LANG": "C", "TZ": out === one ? "UTC" : "Asia/Tokyo"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for name in ["brief.html", "brief.json", "brief.md", "brief.xml", "trend.svg"] {
            let a = try Data(contentsOf: one.url.appendingPathComponent("azerbaijan-syria/2025-05-01/\(name)"))
            let b = try Data(contentsOf: two.url.appendingPathComponent("azerbaijan-syria/2025-05-01/\(name)"))
            #expect(a == b, "\(name) differs between runs")
        }
    }

    /// A cron job pointed at a folder without brief definitions (the wrong
    /// `--briefs`, definitions moved away) still succeeds, but says so on
    /// standard error every morning rather than writing nothing in silence.
    @Test(arguments: [["daily", "--date", "2025-05-01"], ["generate", "--all", "--as-of", "2025-05-01"]])
    func aRunOfEveryBriefWithNoneToRenderSaysSo(_ command: [String]) throws {
        let folder = try TemporaryFolder()
        let data = BriefProcess.packageRoot.appendingPathComponent("Briefs/data").path
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Briefs"), withIntermediateDirectories: true)
        let briefs = folder.url.appendingPathComponent("Briefs").path
        let result = try BriefProcess.run(command + ["--briefs", briefs, "--data", data, "--output", folder.url.appendingPathComponent("Output").path, "--no-cache"],
                                          in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").first == Substring(briefs + ": warning: no brief definitions (one .yaml file per brief, beside the data folder): nothing to render"),
                "\(result.stderr)")
    }

    @Test func oneFormatToStandardOutput() throws {
        let result = try BriefProcess.run(["generate", "azerbaijan-syria", "--as-of", "2025-05-01", "--format", "json", "--output", "-"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["brief"] as? String == "azerbaijan-syria")
        let keyQuotes = json?["keyQuotes"] as? [[String: Any]]
        #expect(keyQuotes?.isEmpty == false)
        #expect(keyQuotes?.allSatisfy { $0["scope"] as? String == "bilateral" || $0["scope"] as? String == "context" } == true)
    }

    @Test func regeneratingAFormatKeepsTheOtherFiles() throws {
        let out = try TemporaryFolder()
        _ = try BriefProcess.run(["generate", "azerbaijan-syria", "--as-of", "2025-05-01", "--output", out.path])
        let folder = out.url.appendingPathComponent("azerbaijan-syria/2025-05-01")
        let html = try Data(contentsOf: folder.appendingPathComponent("brief.html"))
        let result = try BriefProcess.run(["generate", "azerbaijan-syria", "--as-of", "2025-05-01", "--format", "markdown", "--output", out.path])
        #expect(result.status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("brief.html")) == html)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 5)
    }

    @Test(arguments: [
        (["generate"], Int32(64)),
        (["generate", "nonexistent-brief", "--as-of", "2025-05-01"], Int32(64)),
        (["generate", "azerbaijan-syria", "--as-of", "2025-02-30"], Int32(64)),
        (["generate", "azerbaijan-syria", "--format", "pdf"], Int32(64)),
        (["generate", "--all", "--format", "markdown,json", "--output", "-"], Int32(64)),
        (["generate", "--all", "--tz", "Mars/Olympus"], Int32(64)),
        (["generate", "--all", "--briefs", "/nonexistent/folder"], Int32(66)),
        (["generate", "--all", "--templates", "/nonexistent/templates"], Int32(66)),
    ])
    func wrongUsageAndMissingInputsExitWithTheirCodes(arguments: [String], status: Int32) throws {
        let out = try TemporaryFolder()
        let result = try BriefProcess.run(arguments + (arguments.contains("--output") ? [] : ["--output", out.path]))
        #expect(result.status == status, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != ".lock" }.isEmpty)
    }

    @Test func aDatasetWithErrorsWritesNothingAndExits65() throws {
        let input = try TemporaryFolder(), out = try TemporaryFolder()
        try input.write("pair.yaml", "title: Pair\nparties: [a, b]\n")
        try input.write("data/actors.yaml", "actors:\n  - {id: a, kind: state, name: A}\n")
        let result = try BriefProcess.run(["generate", "--all", "--as-of", "2025-05-01", "--briefs", input.path, "--output", out.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("pair.yaml:2:14: error: brief 'pair': 'parties' names 'b', which is not in the dataset"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func formatsListsBuiltInAndTemplateDefinedFormats() throws {
        let result = try BriefProcess.run(["formats"])
        #expect(result.status == 0)
        let names = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["markdown", "html", "docbook", "json", "text"])
        #expect(result.stdout.contains("docbook   xml"))
    }
}
