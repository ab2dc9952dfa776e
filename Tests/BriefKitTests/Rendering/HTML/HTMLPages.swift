import Foundation
import Testing
@testable import BriefKit

/// The HTML pages the HTML tests look at: the seed brief on the day the
/// article is known and on the day before it (an almost empty brief), and the
/// fictional brief on dates that show open, overdue, closed and retracted
/// records. Rendered once per test process with the built-in templates, the
/// ones an installed `brief` uses.
struct HTMLPage: Sendable, CustomTestStringConvertible {
    /// A file-name-safe name: "seed-2025-05-01".
    let name: String
    let brief: Brief
    let html: String

    var testDescription: String { name }
}

enum HTMLPages {
    /// Which dataset, as of which day; `linked` gives every source a web
    /// address and the first key quote markup characters and a line break,
    /// which the fixtures do not have.
    struct Case: Sendable, Hashable, CustomTestStringConvertible {
        let dataset: String
        let asOf: String
        var linked = false

        var name: String { "\(dataset)-\(asOf)\(linked ? "-linked" : "")" }
        var testDescription: String { name }

        var paths: InputPaths { dataset == "seed" ? Fixtures.seed : Fixtures.freedonia }
    }

    /// What changed in a brief between two of the cases.
    struct ChangeCase: Sendable, CustomTestStringConvertible {
        let from: Case
        let to: Case

        var name: String { "changes-\(from.name)-to-\(to.asOf)" }
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(dataset: "seed", asOf: "2025-05-01"),
        Case(dataset: "seed", asOf: "2025-04-10"),
        Case(dataset: "freedonia", asOf: "2025-03-10"),
        Case(dataset: "freedonia", asOf: "2025-06-01"),
        Case(dataset: "freedonia", asOf: "2025-07-15"),
        Case(dataset: "freedonia", asOf: "2025-07-15", linked: true),
    ]

    static let changeCases: [ChangeCase] = [
        ChangeCase(from: cases[1], to: cases[0]),
        ChangeCase(from: cases[2], to: cases[3]),
        ChangeCase(from: cases[3], to: cases[4]),
        ChangeCase(from: Case(dataset: "freedonia", asOf: "2025-03-10", linked: true), to: cases[5]),
    ]

    private struct Rendered: Sendable {
        var pages: [HTMLPage]
        var changes: [HTMLPage]
    }

    /// Every case rendered, or why they could not be.
    private static let rendered: Result<Rendered, RenderingProblem> = {
        do {
            let registry = try RendererRegistry(templates: TemplateSearchPath(layers: [.builtIn]))
            guard let renderer = registry.renderer(named: "html") else { throw RenderingProblem(message: "no html renderer is registered") }
            var inputs: [String: Inputs] = [:]
            func analysed(_ item: Case) throws -> Brief {
                let loaded = try inputs[item.dataset] ?? Fixtures.load(item.paths)
                inputs[item.dataset] = loaded
                guard let definition = loaded.definitions.first else { throw RenderingProblem(message: "\(item.dataset) has no brief definition") }
                var brief = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day(item.asOf))
                if item.linked { link(&brief) }
                return brief
            }
            let pages = try cases.map { item in
                let brief = try analysed(item)
                return HTMLPage(name: item.name, brief: brief, html: try renderer.render(brief))
            }
            let changes = try changeCases.map { item in
                let new = try analysed(item.to)
                let changes = try BriefDiff(old: try analysed(item.from), new: new).changes()
                guard let html = try renderer.renderChanges(changes) else { throw RenderingProblem(message: "the html format has no changes page") }
                return HTMLPage(name: item.name, brief: new, html: html)
            }
            return .success(Rendered(pages: pages, changes: changes))
        } catch let problem as RenderingProblem {
            return .failure(problem)
        } catch {
            return .failure(RenderingProblem(message: "\(error)"))
        }
    }()

    static func link(_ brief: inout Brief) {
        for index in brief.sources.indices {
            brief.sources[index].url = "https://example.org/\(brief.sources[index].id)?from=brief&format=html#top"
        }
        if !brief.keyQuotes.isEmpty {
            brief.keyQuotes[0].text = "Ties are <strong> & \"growing\"; it's\nso, said 'A' > 'B'."
        }
    }

    struct RenderingProblem: Error, CustomStringConvertible {
        let message: String
        var description: String { "cannot render the HTML test pages: \(message)" }
    }

    /// The brief pages, one per case.
    static func all() throws -> [HTMLPage] {
        try rendered.get().pages
    }

    /// The pages of what changed, one per change case; `brief` is the newer brief.
    static func changes() throws -> [HTMLPage] {
        try rendered.get().changes
    }

    static func page(_ item: Case) throws -> HTMLPage {
        try #require(try all().first { $0.name == item.name })
    }

    static func page(_ item: ChangeCase) throws -> HTMLPage {
        try #require(try changes().first { $0.name == item.name })
    }

    /// The archive's index pages (of all briefs, and of each brief), from an
    /// archive under `root` that holds the brief pages and the changes pages.
    static func archivePages(under root: URL) throws -> [(name: String, html: String)] {
        let archive = Archive(root: root.path)
        var entries: [Archive.Entry] = []
        for (item, page) in zip(cases, try all()) where !item.linked {
            var files = ["brief.html": page.html]
            if let change = zip(changeCases, try changes()).first(where: { $0.0.to == item }) { files["changes.html"] = change.1.html }
            entries.append(Archive.Entry(brief: page.brief.brief, title: page.brief.title, parties: page.brief.parties,
                                         date: Fixtures.day(page.brief.asOf), bluf: page.brief.bluf, files: files, keepOtherFiles: false))
        }
        try archive.publish(entries)
        var pages = [(name: "archive-index", html: try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8))]
        for id in Set(entries.map(\.brief)).sorted() {
            pages.append((name: "archive-\(id)-index", html: try String(contentsOf: root.appendingPathComponent("\(id)/index.html"), encoding: .utf8)))
        }
        return pages
    }
}

/// A scratch folder under the system's temporary folder, removed when the test ends.
final class HTMLScratchFolder {
    let url: URL

    /// A short name: Chromium's socket paths under it must stay within 107 bytes.
    init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("brief-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }
}

/// The programs the HTML tests drive (the Nu HTML Checker through Python and
/// Java, headless Chromium), found on PATH and run under a time limit.
enum HTMLTestTool {
    static let installHint = "run scripts/install-deps.sh --test"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// `timeout` stopped the program.
        var timedOut: Bool { status == 124 || status == 137 }
    }

    /// The program `name` on PATH, if any.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `program` under coreutils `timeout`, which stops it and every
    /// process it started once `seconds` have passed. Output goes to files in
    /// `scratch`, not pipes, so a helper process that outlives the program
    /// (Chromium starts some) cannot keep the test waiting.
    static func run(_ program: URL, _ arguments: [String], seconds: Int, scratch: HTMLScratchFolder,
                    environment: [String: String]? = nil) throws -> Output {
        let timeout = try #require(find("timeout"), "coreutils 'timeout' is not on PATH")
        let id = UUID().uuidString
        let outURL = try scratch.write("run-\(id).out", "")
        let errURL = try scratch.write("run-\(id).err", "")
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = timeout
        process.arguments = ["--kill-after=10", "\(seconds)", program.path] + arguments
        process.currentDirectoryURL = scratch.url
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        // `timeout` leads its own process group: end what is left of it, so a
        // straggler cannot write into the scratch folder once it is removed.
        kill(-process.processIdentifier, SIGKILL)
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }
}
