import DatasetGenerator
import Foundation
import Testing
@testable import BriefKit

/// A brief that `DatasetChange` says a change cannot reach is the brief the
/// changed dataset gives, byte for byte: over generated datasets, each of
/// many single-file changes (a source's date moved across the day, a title
/// edited, a quote removed, a file copied under new ids, a file removed),
/// on several days. A brief kept that the change did alter would be stale.
@Suite struct DatasetChangeTests {
    /// One change of one file: the file's new text, nil to remove it; made
    /// to the generated dataset with `setup` written first.
    struct Mutation: CustomStringConvertible {
        var description: String
        var path: String
        var text: String?
        var setup: [(path: String, text: String)] = []
    }

    static func mutations(of files: [(path: String, text: String)], days: [Day]) -> [Mutation] {
        let data = files.filter { $0.path.hasPrefix("data/") && $0.text.contains("\nevents:") }
        var mutations: [Mutation] = []
        for (index, file) in data.enumerated() where index % max(1, data.count / 6) == 0 {
            let text = file.text
            // The file's first source published on, just before and just after each day.
            if let published = text.range(of: #"published: [0-9-]+"#, options: .regularExpression) {
                for day in days {
                    for shift in [-1, 1] {
                        let moved = day.adding(days: shift).iso
                        mutations.append(Mutation(description: "\(file.path): published \(moved)", path: file.path,
                                                  text: text.replacingCharacters(in: published, with: "published: \(moved)")))
                    }
                }
            }
            // The first event's title.
            if let title = text.range(of: #"(?m)^    title: .*$"#, options: .regularExpression, range: text.range(of: "\nevents:")!.upperBound..<text.endIndex) {
                mutations.append(Mutation(description: "\(file.path): an event's title", path: file.path,
                                          text: text.replacingCharacters(in: title, with: "    title: \"Retitled by the desk\"")))
            }
            // The first quote, removed where another follows: nothing names a quote.
            if let quotes = text.range(of: "\nquotes:\n"),
               let end = text.range(of: #"\n(  - |[a-z])"#, options: .regularExpression, range: text.index(quotes.upperBound, offsetBy: 4)..<text.endIndex),
               text[end].hasPrefix("\n  - ") {
                mutations.append(Mutation(description: "\(file.path): a quote removed", path: file.path,
                                          text: String(text[..<quotes.upperBound]) + String(text[text.index(after: end.lowerBound)...])))
            }
            // The whole file again, under new ids, as a new file; and that file removed.
            let copy = file.path.replacingOccurrences(of: ".yaml", with: "-copy.yaml")
            mutations.append(Mutation(description: "\(file.path): copied under new ids", path: copy, text: renamed(text)))
            mutations.append(Mutation(description: "\(copy): removed", path: copy, text: nil, setup: [(copy, renamed(text))]))
        }
        return mutations
    }

    /// `text` with every id it declares given a suffix, wherever it is named.
    static func renamed(_ text: String) -> String {
        let declared = text.matches(of: /(?m)^  - id: ([^\s]+)$/).map { String($0.1) }
        let result = NSMutableString(string: text)
        for id in declared {
            let pattern = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])\(NSRegularExpression.escapedPattern(for: id))(?![A-Za-z0-9-])")
            _ = pattern.replaceMatches(in: result, range: NSRange(location: 0, length: result.length),
                                   withTemplate: NSRegularExpression.escapedTemplate(for: id + "-copy"))
        }
        return result as String
    }

    static func load(_ root: String, cache: ParseCache) throws -> Inputs {
        try InputLoader.load(InputPaths(briefs: root, data: root + "/data"), cache: cache)
    }

    /// Each brief of `definitions` on `day`: its snapshot, and what it read.
    static func briefs(_ definitions: [BriefDefinition], of dataset: Dataset, on day: Day) throws -> [(text: String, read: [UInt64])] {
        let view = AsOfView(dataset: dataset, on: day)
        return try definitions.map { definition in
            let made = BriefAnalyzer.briefQuotePoolsAndReadSet(for: definition, in: view)
            return (try BriefSnapshot(made.brief).text, made.read.hashes)
        }
    }

    /// A generated dataset of `seed` on disk, and each of its mutations
    /// (those of `mutations(of:days:)`, then `more`) with the dataset loaded
    /// before and after it, the folder left with the mutation in place while
    /// `body` runs.
    static func forEachMutation(seed: UInt64, more: (_ files: [(path: String, text: String)]) -> [Mutation] = { _ in [] },
                                _ body: (_ mutation: Mutation, _ folder: String, _ cache: ParseCache, _ original: Inputs, _ changed: Inputs,
                                         _ days: [Day]) throws -> Void) throws -> Int {
        let files = try DatasetGenerator.render(GeneratorOptions(records: 2500, seed: seed, briefs: 4)).map { (path: $0.path, text: $0.text) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-change-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ path: String, _ text: String?) throws {
            let url = URL(fileURLWithPath: "\(folder)/\(path)")
            if let text {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        for file in files { try write(file.path, file.text) }
        let cache = try ParseCache(folder: "\(folder)/.cache")
        let generated = try Self.load(folder, cache: cache)
        try #require(generated.errors.isEmpty)
        let published = generated.dataset.sources.compactMap(\.published.latest).sorted()
        let days = [published[published.count / 2], published[published.count * 9 / 10]]
        let mutations = Self.mutations(of: files, days: days) + more(files)

        for mutation in mutations {
            for file in mutation.setup { try write(file.path, file.text) }
            let original = mutation.setup.isEmpty ? generated : try Self.load(folder, cache: cache)
            try #require(original.errors.isEmpty, "\(mutation), before: \(original.errors.prefix(3))")
            let old = mutation.setup.first { $0.path == mutation.path }?.text ?? files.first { $0.path == mutation.path }?.text
            try write(mutation.path, mutation.text)
            let changed = try Self.load(folder, cache: cache)
            try body(mutation, folder, cache, original, changed, days)
            try write(mutation.path, old)
            for file in mutation.setup where file.path != mutation.path { try write(file.path, nil) }
            if old != nil, mutation.setup.contains(where: { $0.path == mutation.path }) { try write(mutation.path, nil) }
        }
        return mutations.count
    }

    /// The run state of `original`'s run on `day`, with what each brief read.
    static func state(of original: Inputs, on day: Day) throws -> RunState {
        let definitions = original.definitions.sorted { $0.id < $1.id }
        let made = try briefs(definitions, of: original.dataset, on: day)
        return RunState(day: day, files: try #require(DatasetChange.stateFiles(original.files, dataset: original.dataset, day: day, previous: nil)),
                        briefs: zip(definitions, made).map { definition, made in
                            RunState.Brief(id: definition.id, parties: [], bluf: "", renderKey: "", context: [], readSet: made.read)
                        })
    }

    @Test(arguments: [UInt64(5), 6])
    func aBriefNoChangeReachesIsTheBriefOfTheChangedDataset(_ seed: UInt64) throws {
        var kept = 0, reachedAndAltered = 0
        let count = try Self.forEachMutation(seed: seed) { mutation, _, _, original, changed, days in
            try #require(changed.errors.isEmpty, "\(mutation): \(changed.errors.prefix(3))")
            let definitions = original.definitions.sorted { $0.id < $1.id }
            for day in days {
                let before = try Self.briefs(definitions, of: original.dataset, on: day)
                let state = try Self.state(of: original, on: day)
                let change = DatasetChange(since: state, files: changed.files, dataset: changed.dataset, definitions: definitions, day: day)
                let after = try Self.briefs(definitions, of: changed.dataset, on: day)
                for (index, brief) in state.briefs.enumerated() {
                    let same = before[index].text == after[index].text
                    if !change.reaches(brief) {
                        kept += 1
                        #expect(same, "\(brief.id) on \(day.iso), \(mutation): kept, but the change alters it")
                    } else if !same {
                        reachedAndAltered += 1
                    }
                }
            }
        }
        // Both kinds of outcome happen: briefs kept, and briefs the change alters.
        #expect(count >= 40)
        #expect(kept > 100)
        #expect(reachedAndAltered > 100)
    }
}
