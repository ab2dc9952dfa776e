import Foundation
import Testing

/// The adversarial fixture (hostile text in every field) through the program:
/// it checks clean, and `brief generate` writes every format of it.
@Suite struct AdversarialFixtureCommandTests {
    static let briefs = BriefProcess.packageRoot.appendingPathComponent("Tests/BriefKitTests/Fixtures/adversarial").path

    @Test func theFixtureChecksClean() throws {
        let result = try BriefProcess.run(["check", "--briefs", Self.briefs])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
        #expect(result.stderr.contains("1 brief definition: 0 errors"), "\(result.stderr)")
    }

    @Test func generateWritesEveryFormat() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("Output")
        let result = try BriefProcess.run(["generate", "zembla-graustark", "--briefs", Self.briefs, "--as-of", "2025-06-01",
                                           "--output", output.path], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let day = output.appendingPathComponent("zembla-graustark/2025-06-01")
        for name in ["brief.md", "brief.html", "brief.xml", "brief.json", "trend.svg"] {
            let data = FileManager.default.contents(atPath: day.appendingPathComponent(name).path) ?? Data()
            #expect(data.count > 1000, "\(name) is missing or nearly empty")
            // Written as valid UTF-8, with NUL nowhere but escaped in JSON.
            #expect(String(data: data, encoding: .utf8) != nil && !data.contains(0), "\(name) holds a raw NUL or is not UTF-8")
        }
    }
}
