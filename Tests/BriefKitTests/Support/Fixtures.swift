import Foundation
@testable import BriefKit

/// Paths of the test fixtures and of the project's own bundled dataset.
enum Fixtures {
    /// The package's root folder, found from this file's place.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let folder = packageRoot.appendingPathComponent("Tests/BriefKitTests/Fixtures")

    /// The fictional Freedonia–Sylvania dataset.
    static var freedonia: InputPaths { InputPaths(briefs: folder.appendingPathComponent("freedonia").path) }

    /// The seed dataset shipped in `Briefs/`.
    static var seed: InputPaths { InputPaths(briefs: packageRoot.appendingPathComponent("Briefs").path) }

    static func load(_ paths: InputPaths) throws -> Inputs {
        try InputLoader.load(paths)
    }

    static func day(_ iso: String) -> Day {
        guard let day = Day(iso: iso) else { fatalError("bad test date \(iso)") }
        return day
    }
}
