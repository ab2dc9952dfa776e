import Foundation
import Testing

/// Every byte of the archives that `daily` and `generate` write (the stored
/// files and their folders' names, the date links, `latest`, the pages, the
/// feeds, the manifest) against `Golden/archive.txt`: one line per path with
/// what it is and, for a file, its size and hash. The file was first written
/// by the `brief` that held every brief's files until the end of the run, so
/// storing each brief as soon as it is rendered is shown to change nothing.
///
/// A deliberate change of layout or of what is stored: `scripts/update-golden.sh`
/// (`BRIEF_UPDATE_GOLDEN=1`) rewrites the file from the current code; review it
/// with `git diff`. Never edit it by hand.
@Suite struct ArchiveGoldenFileTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/archive.txt")

    static var updating: Bool { ProcessInfo.processInfo.environment["BRIEF_UPDATE_GOLDEN"] == "1" }

    /// FNV-1a, 64 bits: enough to tell two files apart in a listing a person reads.
    static func hash(_ data: Data) -> String {
        var value: UInt64 = 0xcbf29ce484222325
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x100000001b3
        }
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The manifest names the program each date was rendered by (its render
    /// key hashes the executable): the same layout from another build differs there only.
    static func withoutProgram(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        return Data(text.replacingOccurrences(of: #""renderedBy" : "[0-9a-f]{64}""#, with: #""renderedBy" : "<key>""#,
                                              options: .regularExpression).utf8)
    }

    /// One line per path under `root`, sorted, prefixed with `label`.
    static func listing(_ label: String, _ root: String) -> [String] {
        FolderSnapshot(root).nodes.sorted { $0.key < $1.key }.map { path, node in
            switch node {
            case .folder: return "\(label)/\(path)/"
            case let .link(target): return "\(label)/\(path) -> \(target)"
            case let .file(data):
                let bytes = path.hasSuffix("/manifest.json") ? withoutProgram(data) : data
                return "\(label)/\(path) \(bytes.count) \(hash(bytes))"
            }
        }
    }

    static func run(_ arguments: [String]) throws {
        let result = try BriefProcess.run(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }

    @Test func dailyAndGenerateWriteTheGoldenArchives() throws {
        let inputs = try TemporaryFolder(), scratch = try TemporaryFolder()
        let dataset = try FictionalDataset(in: inputs, briefs: 3)
        let dailyRoot = scratch.path + "/daily", generateRoot = scratch.path + "/generate"
        func daily(_ date: String) throws {
            try Self.run(["daily", "--date", date, "--briefs", dataset.folder, "--output", dailyRoot, "--no-cache"])
        }

        // Two dates (the second with its changes files), then the second
        // again after a correction to the data: one brief's date is replaced.
        try daily("2025-05-01")
        try daily("2025-05-02")
        try dataset.amend()
        try daily("2025-05-02")

        // Every brief, then one format of one brief again from a restyled
        // layout: its other files are kept from the stored date.
        let templates = scratch.path + "/templates"
        let markdown = try String(contentsOf: BriefProcess.packageRoot.appendingPathComponent("Templates/markdown/brief.mustache"), encoding: .utf8)
        try scratch.write("templates/markdown/brief.mustache", markdown + "\nRestyled by the desk.\n")
        try Self.run(["generate", "--all", "--as-of", "2025-05-01", "--briefs", dataset.folder, "--output", generateRoot, "--no-cache"])
        try Self.run(["generate", dataset.ids[1], "--as-of", "2025-05-01", "--format", "markdown", "--briefs", dataset.folder,
                      "--output", generateRoot, "--no-cache", "--templates", templates])

        let lines = Self.listing("daily", dailyRoot) + Self.listing("generate", generateRoot)
        // What the listing must hold for the comparison to mean anything.
        #expect(lines.contains { $0.hasPrefix("daily/.store/") && $0.contains("/2025-05-02-") && $0.contains("/changes.md ") })
        #expect(lines.contains { $0.hasPrefix("generate/.store/\(dataset.ids[1])/2025-05-01-") && $0.contains("/brief.md ") })
        let text = lines.joined(separator: "\n") + "\n"
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: Self.golden)
            return
        }
        let expected = try #require(try? String(contentsOf: Self.golden, encoding: .utf8), "no \(Self.golden.path): run scripts/update-golden.sh")
        let golden = expected.split(separator: "\n").map(String.init)
        let missing = Set(golden).subtracting(lines), extra = Set(lines).subtracting(golden)
        #expect(lines == golden, """
            the archives differ from Golden/archive.txt; if the change is meant, run scripts/update-golden.sh and review the diff
            expected, not written: \(missing.sorted().prefix(10))
            written, not expected: \(extra.sorted().prefix(10))
            """)
    }
}
