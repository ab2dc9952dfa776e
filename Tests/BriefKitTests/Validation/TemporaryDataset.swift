import Foundation
import Testing
@testable import BriefKit

/// A throwaway `Briefs/` folder, with a `data/` folder inside, built from
/// relative paths and file contents, written in the order given. It lives in a
/// fresh folder under the system's temporary directory and is removed by
/// `with(_:_:)` when the body returns.
struct TemporaryDataset {
    /// The `Briefs/` folder (`--briefs`); the dataset is `root/data`.
    let root: String

    /// Writes `files` (relative path → contents) into a fresh folder, runs
    /// `body`, and removes the folder whatever happens.
    static func with<T>(_ files: [(String, [UInt8])], _ body: (TemporaryDataset) throws -> T) throws -> T {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("brief-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let dataset = TemporaryDataset(root: base.path)
        try FileManager.default.createDirectory(atPath: dataset.root + "/data", withIntermediateDirectories: true)
        for (relative, contents) in files {
            let url = base.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents).write(to: url)
        }
        return try body(dataset)
    }

    static func with<T>(_ files: [(String, String)], _ body: (TemporaryDataset) throws -> T) throws -> T {
        try with(files.map { ($0.0, Array($0.1.utf8)) }, body)
    }

    var paths: InputPaths { InputPaths(briefs: root, data: root + "/data") }

    func load() throws -> Inputs {
        try InputLoader.load(paths)
    }

    /// `path` with this folder's prefix removed: `data/a.yaml`.
    func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    /// The diagnostics as printed, with this folder's prefix removed wherever it
    /// appears (a duplicate id names the other place in its message too).
    func describe(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { $0.description.replacingOccurrences(of: root + "/", with: "") }
    }
}

/// What loading a temporary dataset gave: the inputs, and the diagnostics as
/// printed with the temporary prefix removed.
struct LoadedDataset {
    var inputs: Inputs
    var lines: [String]
    var dataset: Dataset { inputs.dataset }
}

extension TemporaryDataset {
    static func load(_ files: [(String, String)]) throws -> LoadedDataset {
        try load(bytes: files.map { ($0.0, Array($0.1.utf8)) })
    }

    static func load(bytes files: [(String, [UInt8])]) throws -> LoadedDataset {
        try with(files) { folder in
            let inputs = try folder.load()
            return LoadedDataset(inputs: inputs, lines: folder.describe(inputs.diagnostics))
        }
    }

    /// The diagnostics of `files`, as printed, prefix removed.
    static func diagnostics(_ files: [(String, String)]) throws -> [String] {
        try load(files).lines
    }

    /// The diagnostics of one dataset file (`data/t.yaml` unless told) loaded beside `base`.
    static func diagnostics(of text: String, path: String = "data/t.yaml") throws -> [String] {
        try diagnostics([("data/base.yaml", base), (path, text)])
    }
}

extension TemporaryDataset {
    /// `anchors` top-level `x-` keys, each `levels` lists deep around an alias of the one
    /// before: the last expands to `anchors × levels` levels of nesting.
    static func deepAliasChain(anchors: Int, levels: Int) -> String {
        (0..<anchors).map { k in
            "x-a\(k): &a\(k) " + String(repeating: "[", count: levels) + (k == 0 ? "x" : "*a\(k - 1)")
                + String(repeating: "]", count: levels) + "\n"
        }.joined()
    }
}

/// A small dataset that loads without a single diagnostic, for other files to refer to.
extension TemporaryDataset {
    /// Ids: states `aze`, `tur`, `geo`; person `aliyev`; organizations `mfa-aze`,
    /// `trend`; source `src1`; event `ev1`; quote `q1`; commitment `c1`; update `u1`.
    static let base = """
        actors:
          - id: aze
            kind: state
            name: Azerbaijan
            code: AZE
          - id: tur
            kind: state
            name: Türkiye
            code: TUR
          - id: geo
            kind: state
            name: Georgia
          - id: aliyev
            kind: person
            name: Ilham Aliyev
            roles:
              - title: President
                of: aze
                from: 2003-10-31
                level: head
          - id: mfa-aze
            kind: organization
            name: Ministry of Foreign Affairs of Azerbaijan
            of: aze
            level: minister
          - id: trend
            kind: organization
            name: Trend
            of: mfa-aze
        sources:
          - id: src1
            title: An article
            published: 2025-04-12
        events:
          - id: ev1
            date: 2025-04-11
            type: meeting
            title: A meeting
            sources: [src1]
            participants: [aliyev, tur]
        quotes:
          - id: q1
            speaker: aliyev
            text: We are brothers.
            date: 2025-04-11
            sources: [src1]
            event: ev1
        commitments:
          - id: c1
            by: [aze]
            to: [tur]
            kind: invitation
            text: An invitation to visit
            made: 2025-04-11
            sources: [src1]
        updates:
          - id: u1
            commitment: c1
            date: 2025-04-20
            status: fulfilled
            sources: [src1]
            evidence: ev1

        """
}

/// Expects exactly `expected`, in order; on a mismatch, says which lines are
/// missing and which were not expected, in full.
func expectLines(_ actual: [String], _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let missing = expected.filter { !actual.contains($0) }
    let unexpected = actual.filter { !expected.contains($0) }
    Issue.record("""
        diagnostics differ
        got:
        \(actual.map { "  " + $0 }.joined(separator: "\n"))
        missing:
        \(missing.map { "  " + $0 }.joined(separator: "\n"))
        unexpected:
        \(unexpected.map { "  " + $0 }.joined(separator: "\n"))
        """, sourceLocation: sourceLocation)
}
