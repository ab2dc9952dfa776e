/// What one generation of the archive holds, so that the next run need not
/// read every stored brief again: per brief, its dates and where each is stored.
///
/// The program writes and reads it with its own JSON code
/// (`ArchiveManifest+JSON.swift`). `Codable` stays as the reference that code
/// is held to: `ArchiveManifestJSONTests` compares its bytes with
/// `JSONEncoder`'s, as manifests were written before.
struct ArchiveManifest: Sendable, Hashable, Codable {
    struct BriefEntry: Sendable, Hashable, Codable {
        var title: String
        var parties: [String]
        var dates: [String: DateEntry]
    }

    struct DateEntry: Sendable, Hashable, Codable {
        /// The folder under `.store/<brief>/`.
        var store: String
        var bluf: String
        var files: [String]
        /// What the files were rendered from (`RenderKey`), when a whole date
        /// was rendered: a later run with the same key reuses them instead of
        /// rendering again. Absent in archives written before it existed.
        var renderedBy: String?
    }

    var generation: Int
    var briefs: [String: BriefEntry]

    static let fileName = "manifest.json"
}
