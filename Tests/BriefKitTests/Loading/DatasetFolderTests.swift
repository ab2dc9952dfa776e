import Foundation
import Testing
@testable import BriefKit

/// How the dataset folder is walked: links are followed, every folder is
/// read once, and nothing that should be read is passed over in silence.
struct DatasetFolderTests {
    static let event = """
        events:
          - id: e-linked
            date: 2025-04-11
            type: meeting
            title: Read once
            sources: [s1]
            parties: [aze, tur]
        sources:
          - id: s1
            title: A source
            published: 2025-04-12

        """

    /// A link back up the tree (`data/2025/up -> ..`) would list every file
    /// again and again until the path grew too long; a second link to a
    /// folder already read would read its files twice.
    @Test func aLinkToAFolderAlreadyReadIsNotFollowedAndSaysSo() throws {
        let loaded = try TemporaryDataset.with([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/2025/linked.yaml", Self.event),
        ]) { folder in
            let manager = FileManager.default
            try manager.createSymbolicLink(atPath: folder.root + "/data/2025/up", withDestinationPath: "..")
            try manager.createSymbolicLink(atPath: folder.root + "/data/same-2025", withDestinationPath: "2025")
            let inputs = try folder.load()
            return (inputs, folder.describe(inputs.diagnostics))
        }
        #expect(loaded.0.fileCount == 2)
        #expect(loaded.0.dataset.events.map(\.id).filter { $0 == "e-linked" }.count == 1)
        #expect(loaded.1 == [
            "data/2025/up:1:1: warning: not read: a link to a folder that is already read",
            "data/same-2025:1:1: warning: not read: a link to a folder that is already read",
        ])
        #expect(!loaded.0.hasErrors)
    }

    /// Of two links to one folder, the first in byte order is read and the
    /// other is the one named, whatever order the system lists them in.
    @Test func whichOfTwoLinksIsReadDependsOnlyOnTheirNames() throws {
        let lines = try TemporaryDataset.with([
            ("data/base.yaml", TemporaryDataset.base),
            ("shared/linked.yaml", Self.event),
        ]) { folder in
            let manager = FileManager.default
            try manager.createSymbolicLink(atPath: folder.root + "/data/b-shared", withDestinationPath: "../shared")
            try manager.createSymbolicLink(atPath: folder.root + "/data/a-shared", withDestinationPath: "../shared")
            let forward = try DatasetFolder.files(in: folder.root + "/data", recursive: true)
            let backward = try DatasetFolder.files(in: folder.root + "/data", recursive: true) { DatasetFolder.names(in: $0)?.reversed() }
            #expect(forward.yaml == backward.yaml)
            #expect(forward.problems == backward.problems)
            return (forward.yaml.map(folder.relative), folder.describe(forward.problems))
        }
        #expect(lines.0 == ["data/a-shared/linked.yaml", "data/base.yaml"])
        #expect(lines.1 == ["data/b-shared:1:1: warning: not read: a link to a folder that is already read"])
    }

    /// A `.yaml` link that leads nowhere is a data file that cannot be read:
    /// an error, as for a file without read permission, not a file passed over.
    @Test func aBrokenLinkNamedYAMLIsAnErrorAtItsPath() throws {
        let loaded = try TemporaryDataset.with([("data/base.yaml", TemporaryDataset.base)]) { folder in
            try FileManager.default.createSymbolicLink(atPath: folder.root + "/data/gone.yaml", withDestinationPath: "moved-away.yaml")
            try FileManager.default.createSymbolicLink(atPath: folder.root + "/data/gone.txt", withDestinationPath: "moved-away.txt")
            let inputs = try folder.load()
            return (inputs, folder.describe(inputs.diagnostics))
        }
        #expect(loaded.1 == ["data/gone.yaml:1:1: error: cannot read the file"])
        #expect(loaded.0.hasErrors)
    }

    /// A folder that cannot be listed would leave its records out of every
    /// brief without a word: an error. (Run as root, the tests cannot make a
    /// folder unreadable, so the listing is refused here.)
    @Test func aFolderThatCannotBeListedIsAnError() throws {
        let lines = try TemporaryDataset.with([
            ("data/base.yaml", TemporaryDataset.base),
            ("data/locked/hidden.yaml", Self.event),
        ]) { folder in
            let listing = try DatasetFolder.files(in: folder.root + "/data", recursive: true) { path in
                path.hasSuffix("/locked") ? nil : DatasetFolder.names(in: path)
            }
            return (listing.yaml.map(folder.relative), folder.describe(listing.problems))
        }
        #expect(lines.0 == ["data/base.yaml"])
        #expect(lines.1 == ["data/locked:1:1: error: cannot read the folder: its files are not read"])
    }
}
