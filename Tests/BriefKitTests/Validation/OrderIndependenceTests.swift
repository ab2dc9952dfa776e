import Foundation
import Testing
@testable import BriefKit

/// Records of every kind, each a self-contained block of YAML list items, with
/// a few problems that do not depend on where they are written: a dangling
/// reference, a type missing from the vocabulary, a source never cited, an
/// update before its commitment, a missing required field.
private enum Blocks {
    static let actors = [
        "  - id: aze\n    kind: state\n    name: Azerbaijan\n    code: AZE\n",
        "  - id: tur\n    kind: state\n    name: Türkiye\n",
        "  - id: aliyev\n    kind: person\n    name: Ilham Aliyev\n    roles:\n      - title: President\n        of: aze\n        from: 2003-10-31\n        level: head\n",
        "  - id: fidan\n    kind: person\n    name: Hakan Fidan\n    roles:\n      - title: Foreign Minister\n        of: tur\n        from: 2023-06-04\n",
        "  - id: mfa\n    kind: organization\n    name: MFA\n    of: aze\n",
        "  - id: broken-actor\n    kind: person\n",
    ]
    static let sources = [
        "  - id: src1\n    title: One\n    published: 2025-04-12\n",
        "  - id: src2\n    title: Two\n    published: 2025-04\n",
        "  - id: src-unused\n    title: Unused\n    published: 2025\n",
    ]
    static let events = [
        "  - id: ev1\n    date: 2025-04-11\n    type: meeting\n    title: A meeting\n    sources: [src1]\n    participants: [aliyev, fidan]\n",
        "  - id: ev2\n    date: 2025-04\n    type: summitry\n    title: Something\n    sources: [src2]\n",
        "  - id: ev3\n    date: 2025-04-12\n    type: visit\n    title: A visit\n    sources: [src1, src-missing]\n",
    ]
    static let quotes = [
        "  - id: q1\n    speaker: aliyev\n    text: Words.\n    date: 2025-04-11\n    sources: [src1]\n    event: ev1\n",
        "  - id: q2\n    speaker: fidan\n    text: More words.\n    date: 2025-04-11\n    sources: [src2]\n    about: [aze, ghost]\n",
    ]
    static let commitments = [
        "  - id: c1\n    by: [aze]\n    to: [tur]\n    kind: invitation\n    text: Visit\n    made: 2025-04-11\n    sources: [src1]\n",
    ]
    static let updates = [
        "  - id: u1\n    commitment: c1\n    date: 2025-04-20\n    status: fulfilled\n    sources: [src1]\n    evidence: ev3\n",
        "  - id: u2\n    commitment: c1\n    date: 2025-03\n    status: open\n    sources: [src1]\n",
    ]

    static let all: [(String, [String])] = [
        ("actors", actors), ("sources", sources), ("events", events), ("quotes", quotes),
        ("commitments", commitments), ("updates", updates),
    ]

    /// A file holding the given blocks, grouped under their keys in the order given.
    static func file(_ parts: [(String, [String])]) -> String {
        parts.filter { !$0.1.isEmpty }.map { key, blocks in "\(key):\n" + blocks.joined() }.joined()
    }
}

/// What must not depend on file names, file creation order or record order.
private struct Outcome: Equatable, CustomStringConvertible {
    var ids: [RecordKind: Set<String>]
    /// Sorted messages with their severity, without the place (places move with the records).
    var messages: [String]

    init(_ loaded: LoadedDataset) {
        let dataset = loaded.dataset
        ids = [
            .actor: Set(dataset.actors.map(\.id)), .source: Set(dataset.sources.map(\.id)),
            .event: Set(dataset.events.map(\.id)), .quote: Set(dataset.quotes.map(\.id)),
            .commitment: Set(dataset.commitments.map(\.id)), .update: Set(dataset.updates.map(\.id)),
        ]
        messages = loaded.inputs.diagnostics.map { "\($0.severity.rawValue): \($0.message)" }.sorted()
    }

    var description: String { "\(ids.mapValues { $0.sorted() })\n\(messages.joined(separator: "\n"))" }
}

@Suite("Validation: order independence")
struct OrderIndependenceTests {
    static let expectedMessages = [
        "error: actor 'broken-actor': missing required field 'name'",
        "error: event 'ev3': 'sources' names 'src-missing', which is not in the dataset",
        "error: quote 'q2': 'about' names 'ghost', which is not in the dataset",
        "error: update 'u2': dated 2025-03, wholly before its commitment 'c1' was made (2025-04-11)",
        "warning: event 'ev2': type 'summitry' is not in the vocabulary; it counts 0 in the trend and is never a milestone",
        "warning: source 'src-unused' is never cited",
    ]

    @Test("one file, or the records spread over files in any order, give the same dataset and the same problems")
    func spreadAndReordered() throws {
        let single = try TemporaryDataset.load([("data/all.yaml", Blocks.file(Blocks.all))])
        let reference = Outcome(single)
        #expect(reference.messages == Self.expectedMessages)
        #expect(reference.ids[.actor] == ["aze", "tur", "aliyev", "fidan", "mfa"])
        #expect(reference.ids[.event] == ["ev1", "ev2", "ev3"])
        #expect(reference.ids[.update] == ["u1", "u2"])

        // Every kind reversed, within one file, keys in reverse order.
        let reversed = try TemporaryDataset.load([
            ("data/all.yaml", Blocks.file(Blocks.all.reversed().map { ($0.0, $0.1.reversed()) })),
        ])
        #expect(Outcome(reversed) == reference)

        // One file per record, named against the grain and created in a shuffled order.
        var perRecord: [(String, String)] = []
        var counter = 0
        for (key, blocks) in Blocks.all {
            for block in blocks {
                counter += 1
                perRecord.append(("data/\(String(format: "%03d", 100 - counter))-\(key).yaml", "\(key):\n" + block))
            }
        }
        var generator = OrderTestGenerator(seed: 7)
        for _ in 0..<3 {
            perRecord.shuffle(using: &generator)
            #expect(Outcome(try TemporaryDataset.load(perRecord)) == reference)
        }

        // Kinds split across sub-folders, each file mixing kinds.
        let mixed: [(String, String)] = [
            ("data/z/late.yaml", Blocks.file([("updates", Blocks.updates), ("actors", Array(Blocks.actors.prefix(3)))])),
            ("data/a.yaml", Blocks.file([("quotes", Blocks.quotes.reversed()), ("sources", Blocks.sources)])),
            ("data/m/n/o.yaml", Blocks.file([("events", Blocks.events), ("actors", Array(Blocks.actors.dropFirst(3)))])),
            ("data/B.yaml", Blocks.file([("commitments", Blocks.commitments)])),
        ]
        #expect(Outcome(try TemporaryDataset.load(mixed)) == reference)
        #expect(Outcome(try TemporaryDataset.load(mixed.reversed())) == reference)
    }

    @Test("the same files created in different orders give identical diagnostics, places included, and identical record order",
          arguments: 0..<4)
    func creationOrder(seed: UInt64) throws {
        let files: [(String, String)] = [
            ("data/actors.yaml", Blocks.file([("actors", Blocks.actors)])),
            ("data/2025/04/sources.yaml", Blocks.file([("sources", Blocks.sources)])),
            ("data/2025/events.yaml", Blocks.file([("events", Blocks.events), ("quotes", Blocks.quotes)])),
            ("data/commitments.yaml", Blocks.file([("commitments", Blocks.commitments), ("updates", Blocks.updates)])),
            // The same id in two files: which one is "first" must not depend on creation order.
            ("data/dup-b.yaml", "sources:\n  - id: dup\n    title: B\n    published: 2025\n"),
            ("data/dup-a.yaml", "events:\n  - id: dup\n    date: 2025\n    type: meeting\n    title: A\n    sources: [dup]\n"),
            ("az-tr.yaml", "title: T\nparties: [aze, tur]\nrelated: [dup]\n"),
        ]
        var generator = OrderTestGenerator(seed: seed)
        let baseline = try TemporaryDataset.load(files)
        let shuffled = try TemporaryDataset.load(files.shuffled(using: &generator))
        #expect(shuffled.lines == baseline.lines)
        #expect(baseline.lines.contains(
            "data/dup-b.yaml:2:9: error: duplicate id 'dup': a source here and an event at data/dup-a.yaml:2:9"))
        #expect(baseline.lines.contains("az-tr.yaml:3:11: error: brief 'az-tr': 'related' names 'dup', which is an event, not a state"))
        #expect(shuffled.dataset.actors.map(\.id) == baseline.dataset.actors.map(\.id))
        #expect(shuffled.dataset.events.map(\.id) == baseline.dataset.events.map(\.id))
        #expect(shuffled.dataset.sources.map(\.id) == baseline.dataset.sources.map(\.id))
        #expect(shuffled.dataset.quotes.map(\.id) == baseline.dataset.quotes.map(\.id))
        #expect(shuffled.dataset.updates.map(\.id) == baseline.dataset.updates.map(\.id))
        #expect(shuffled.inputs.definitions.map(\.id) == baseline.inputs.definitions.map(\.id))
        #expect(shuffled.dataset.vocabulary.map(\.type) == baseline.dataset.vocabulary.map(\.type))
    }

    @Test("loading the same folder twice gives the same result (parallel reading is deterministic)")
    func repeatable() throws {
        let files = Blocks.all.map { key, blocks in ("data/\(key).yaml", Blocks.file([(key, blocks)])) }
        try TemporaryDataset.with(files) { folder in
            let first = try folder.load()
            for _ in 0..<10 {
                let again = try folder.load()
                #expect(again.diagnostics == first.diagnostics)
                #expect(again.dataset.events.map(\.id) == first.dataset.events.map(\.id))
                #expect(again.dataset.actors == first.dataset.actors)
            }
        }
    }
}

/// A small deterministic generator, so a shuffled order can be replayed.
private struct OrderTestGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
