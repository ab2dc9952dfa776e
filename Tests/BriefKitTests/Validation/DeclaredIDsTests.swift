import Testing
@testable import BriefKit

/// `DeclaredIDs` answers, for any id, what the plain table of first
/// declarations answers: the kind of the first declaration by place, the
/// kind of the first actor with the id, the first source with it; for ids
/// declared twice, across kinds, by records that were not kept, and never.
@Suite struct DeclaredIDsTests {
    /// Beside the base dataset: an event that reuses the id of a state, a
    /// source declared twice, a quote with an error (declared, not kept),
    /// and an organization declared after an event of the same id.
    static let files = [
        ("data/base.yaml", TemporaryDataset.base),
        ("data/t.yaml", """
            events:
              - id: tur
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src1]
              - id: same
                date: 2025-04-11
                type: meeting
                title: T
                sources: [src2]
            sources:
              - id: src2
                title: S
                published: 2025-04-11
              - id: src2
                title: S again
                published: 2025-04-12
            quotes:
              - id: broken
                speaker: aliyev
            actors:
              - id: same
                kind: organization
                name: O
                of: aze
            """),
    ]

    @Test func everyIdIsAnsweredAsTheTableOfFirstDeclarationsAnswersIt() throws {
        try TemporaryDataset.with(Self.files) { folder in
            let files = try DatasetFolder.files(in: folder.root + "/data", recursive: true)
            let loaded = InputLoader.loadDataset(files: files.yaml, declaring: true)
            let (dataset, declared) = (loaded.dataset, loaded.declared)
            let ids = DeclaredIDs(declared, in: dataset)

            // The plain table: each id's first declaration by place.
            var first: [String: DeclaredID] = [:]
            for declaration in declared where first[declaration.id].map({ declaration.location < $0.location }) ?? true {
                first[declaration.id] = declaration
            }
            #expect(Set(ids.repeated.keys) == ["tur", "src2", "same"])
            let probes = Set(declared.map(\.id)).union(["nothing", "Tur", "src2 "])
            for id in probes {
                for kind in RecordKind.allCases {
                    let entry = ids.entry(id, expecting: kind)
                    #expect(entry?.kind == first[id]?.kind, "\(id) expecting \(kind)")
                    #expect(entry.map { Int($0.first) } == first[id].flatMap { declaration in declared.firstIndex { $0 == declaration } })
                    let actorKind = first[id]?.kind == .actor ? dataset.actorsByID[id]?.kind : nil
                    #expect(entry?.actorKind == actorKind, "\(id)")
                    if let entry { #expect(entry.source == dataset.sourcePosition(id).map(Int32.init) ?? -1, "\(id)") }
                }
            }
            // The table the load built beside the dataset's lookups answers the same.
            let built = try #require(loaded.ids)
            for id in probes {
                for kind in RecordKind.allCases {
                    let (a, b) = (built.entry(id, expecting: kind), ids.entry(id, expecting: kind))
                    #expect(a?.first == b?.first && a?.kind == b?.kind && a?.actorKind == b?.actorKind && a?.source == b?.source,
                            "\(id) expecting \(kind)")
                }
            }
            #expect(built.repeated == ids.repeated)
            #expect(InputLoader.loadDataset(files: files.yaml).ids == nil)
            #expect(ids.entry("broken", expecting: .quote)?.kind == .quote)
            #expect(dataset.quotesByID["broken"] == nil)
            #expect(ids.entry("same", expecting: .actor)?.kind == .event)
        }
    }
}
