import DatasetGenerator
import Foundation
import Testing
@testable import BriefKit

/// A run that reads only what changed (`PartialLoader`) must come
/// to what a run that loads the whole dataset comes to: over generated
/// datasets and the changes of `DatasetChangeTests`, with changes that bring
/// errors besides, it never accepts a dataset with an error, and when it
/// accepts one, it finds the briefs reached that the whole dataset finds and
/// writes the run state the whole dataset gives.
@Suite struct PartialLoaderTests {
    /// Changes that bring an error a changed file alone does not show.
    static func errors(of files: [(path: String, text: String)]) -> [DatasetChangeTests.Mutation] {
        let data = files.filter { $0.path.hasPrefix("data/") && $0.text.contains("\nevents:") }
        var mutations: [DatasetChangeTests.Mutation] = []
        for (index, file) in data.enumerated() where index % max(1, data.count / 4) == 1 {
            let text = file.text
            mutations.append(.init(description: "\(file.path): copied with its ids", path: file.path.replacingOccurrences(of: ".yaml", with: "-twin.yaml"),
                                   text: text))
            mutations.append(.init(description: "\(file.path): removed", path: file.path, text: nil))
            if let event = text.range(of: #"(?m)^    event: [^\s]+$"#, options: .regularExpression) {
                mutations.append(.init(description: "\(file.path): a record names a missing event", path: file.path,
                                       text: text.replacingCharacters(in: event, with: "    event: no-such-event")))
            }
            if let updates = text.range(of: "\nupdates:\n"),
               let date = text.range(of: #"(?m)^    date: .*$"#, options: .regularExpression, range: updates.upperBound..<text.endIndex) {
                mutations.append(.init(description: "\(file.path): an update dated 1990", path: file.path,
                                       text: text.replacingCharacters(in: date, with: "    date: 1990-01-01")))
            }
            if let made = text.range(of: #"(?m)^    made: .*$"#, options: .regularExpression) {
                mutations.append(.init(description: "\(file.path): a commitment made in 2099", path: file.path,
                                       text: text.replacingCharacters(in: made, with: "    made: 2099-01-01")))
            }
            if let source = text.range(of: #"(?m)^  - id: ([^\s]+)$"#, options: .regularExpression, range: text.range(of: "\nevents:")!.upperBound..<text.endIndex) {
                // An event's id made a source's id that another file declares.
                let other = data[(index + 1) % data.count].text
                if let sourceID = other.firstMatch(of: /(?m)^  - id: ([^\s]+)\n    title:/)?.1, other.hasPrefix("sources:") {
                    mutations.append(.init(description: "\(file.path): an event takes a source's id", path: file.path,
                                           text: text.replacingCharacters(in: source, with: "  - id: \(sourceID)")))
                }
            }
        }
        return mutations
    }

    @Test(arguments: [UInt64(5), 6])
    func aPartialLoadComesToWhatTheWholeDatasetComesTo(_ seed: UInt64) throws {
        var loaded = 0, valid = 0, invalid = 0
        var reasons: [String: Int] = [:]
        var checkedAChangeAfterTheKeys = false
        _ = try DatasetChangeTests.forEachMutation(seed: seed, more: Self.errors) { mutation, folder, cache, original, changed, days in
            let definitions = changed.definitions.sorted { $0.id < $1.id }
            for day in days {
                let state = try DatasetChangeTests.state(of: original, on: day)
                let outcome = PartialLoader.load(InputPaths(briefs: folder, data: folder + "/data"), cache: cache, state: state, day: day)
                // The next morning, with the state of this day: errors are
                // found the same way, and every brief is reached.
                let nextDay = day.adding(days: 1)
                switch PartialLoader.load(InputPaths(briefs: folder, data: folder + "/data"), cache: cache, state: state, day: nextDay) {
                case let .loaded(partial):
                    #expect(!changed.hasErrors, "\(mutation) on \(nextDay.iso): accepted, but the dataset has errors")
                    #expect(partial.change.reachesEveryBrief != nil, "\(mutation) on \(nextDay.iso)")
                    #expect(partial.stateFiles.isEmpty, "the state is made from the whole dataset on another day")
                    if case let .loaded(sameDay) = outcome { #expect(partial.readCount == sameDay.readCount, "\(mutation)") }
                case .fallback:
                    if case .loaded = outcome { Issue.record("\(mutation): read alone on \(day.iso), not on \(nextDay.iso)") }
                }
                if changed.hasErrors {
                    invalid += 1
                    guard case let .fallback(reason) = outcome else {
                        Issue.record("\(mutation) on \(day.iso): accepted, but the dataset has errors: \(changed.errors.prefix(2))")
                        continue
                    }
                    reasons[reason, default: 0] += 1
                    continue
                }
                valid += 1
                guard case let .loaded(partial) = outcome else { continue }
                loaded += 1
                let whole = DatasetChange(since: state, files: changed.files, dataset: changed.dataset, definitions: definitions, day: day)
                for brief in state.briefs {
                    #expect(partial.change.reaches(brief) == whole.reaches(brief), "\(brief.id) on \(day.iso), \(mutation)")
                }
                #expect(partial.stateFiles == DatasetChange.stateFiles(changed.files, dataset: changed.dataset, day: day, previous: state),
                        "\(mutation) on \(day.iso)")
                #expect(partial.paths.count == changed.fileCount)
                // Sizes as listed, for the whole load's order and room.
                for path in partial.paths {
                    #expect(partial.sizes[path] == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int), "\(path)")
                }
                // The whole dataset read by the partial load's keys is the one a whole load reads.
                let decoded = try #require(InputLoader.load(checked: partial, cache: cache))
                #expect(DatasetChange.stateFiles(decoded.files, dataset: decoded.dataset, day: day, previous: nil)
                        == DatasetChange.stateFiles(changed.files, dataset: changed.dataset, day: day, previous: nil), "\(mutation)")
                if !checkedAChangeAfterTheKeys {
                    // A file changed after its key was taken, its entry gone: not read as if it were the same.
                    checkedAChangeAfterTheKeys = true
                    let path = partial.paths[partial.paths.count / 2]
                    let text = try String(contentsOfFile: path, encoding: .utf8)
                    try FileManager.default.removeItem(atPath: cache.entryPath(partial.keys[partial.paths.count / 2]))
                    try (text + "# edited\n").write(toFile: path, atomically: true, encoding: .utf8)
                    #expect(InputLoader.load(checked: partial, cache: cache) == nil)
                    try text.write(toFile: path, atomically: true, encoding: .utf8)
                }
                #expect(partial.readCount < changed.fileCount, "\(mutation): \(partial.readCount) of \(changed.fileCount) files read")
            }
        }
        // Nearly every valid change is read alone; errors are found by the
        // partial validation itself, not only by falling back before it.
        #expect(loaded * 10 >= valid * 9, "\(loaded) of \(valid) read alone")
        #expect(invalid >= 12, "\(reasons)")
        #expect(reasons["the change brings errors", default: 0] >= 4, "\(reasons)")
        #expect(reasons["a record another file names was removed", default: 0] >= 2, "\(reasons)")
        #expect(checkedAChangeAfterTheKeys)
    }
}
