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

/// Each file's bytes, read straight into an array, and its size as listed.
struct DatasetFileReadingTests {
    static let texts: [(String, [UInt8])] = [
        ("data/empty.yaml", []),
        ("data/one.yaml", [0x0A]),
        ("data/names.yaml", Array("names: [Bakı, Дамаск, دمشق]\n".utf8)),
        // Larger than the 64 KiB pieces a file that grew is read in.
        ("data/large.yaml", (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 251) }),
    ]

    @Test func theListingGivesEachFilesSizeAndReadingGivesItsBytes() throws {
        try TemporaryDataset.with(Self.texts) { folder in
            let listing = try DatasetFolder.files(in: folder.root + "/data", recursive: true)
            #expect(listing.yaml.map(folder.relative) == ["data/empty.yaml", "data/large.yaml", "data/names.yaml", "data/one.yaml"])
            for (relative, bytes) in Self.texts {
                let path = folder.root + "/" + relative
                #expect(listing.sizes[path] == bytes.count, "\(relative)")
                var problems: [Diagnostic] = []
                #expect(DatasetFolder.bytes(of: path, into: &problems) == bytes, "\(relative)")
                #expect(problems.isEmpty)
            }
        }
    }

    /// A file that grew between the listing and the reading is read to its
    /// end, not to the size it had; one that shrank, to its new end.
    @Test func aFileIsReadToItsEndWhateverSizeWasExpected() throws {
        try TemporaryDataset.with(Self.texts) { folder in
            let path = folder.root + "/data/large.yaml"
            let bytes = try #require(Self.texts.last?.1)
            for size in [0, 1, 4096, 65_535, 65_536, 199_999, 200_000, 300_000] {
                #expect(DatasetFolder.contents(of: path, size: size) == bytes, "expected \(size)")
            }
        }
    }

    /// A folder, or a path that names nothing, is a file that cannot be read.
    @Test func whatIsNotAFileCannotBeRead() throws {
        try TemporaryDataset.with(Self.texts) { folder in
            try FileManager.default.createDirectory(atPath: folder.root + "/data/folder.yaml", withIntermediateDirectories: true)
            for relative in ["data/folder.yaml", "data/missing.yaml"] {
                var problems: [Diagnostic] = []
                #expect(DatasetFolder.bytes(of: folder.root + "/" + relative, into: &problems) == [])
                #expect(folder.describe(problems) == ["\(relative):1:1: error: cannot read the file"])
            }
        }
    }
}
