import Foundation
import Testing
@testable import BriefKit

/// The parse cache gives exactly what parsing gives, and never trusts an
/// entry it cannot verify.
@Suite struct ParseCacheTests {
    /// Every YAML file of the fixtures and the seed dataset, with errors or without.
    static var yamlFiles: [String] {
        var files: [String] = []
        for root in [Fixtures.folder.path, Fixtures.packageRoot.appendingPathComponent("Briefs").path] {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let name = enumerator?.nextObject() as? String {
                if name.hasSuffix(".yaml"), name.contains("data/") { files.append(root + "/" + name) }
            }
        }
        return files.sorted()
    }

    /// A file full of mistakes, so that diagnostics, partial records and
    /// places in other files round-trip too.
    static let broken = """
        events:
          - id: e1
            date: 2025-13-01
            type: meet
            title: "A meeting"
            sources: [nowhere]
            parties: [ruritania, 12]
            x-desk: {a: [1, two, null], b: ~}
          - id: e1
            date: ../2025-04
            type: not-a-type
            tittle: typo
        quotes:
          - id: Bad Id
            speaker: someone
            text: |
              two
              lines
            date: 2025-04?
            sources: [{source: s1, locator: p. 3, credibility: "2"}]
            form: maybe
        x-top: [1, {k: v}]
        """

    static func assertSame(_ a: DatasetFile, _ b: DatasetFile, _ comment: Comment? = nil) {
        #expect(a.path == b.path, comment)
        #expect(a.actors == b.actors, comment)
        #expect(a.sources == b.sources, comment)
        #expect(a.events == b.events, comment)
        #expect(a.quotes == b.quotes, comment)
        #expect(a.commitments == b.commitments, comment)
        #expect(a.updates == b.updates, comment)
        #expect(a.vocabulary == b.vocabulary, comment)
        #expect(a.extensions == b.extensions, comment)
        #expect(a.declared == b.declared, comment)
        #expect(a.uses == b.uses, comment)
        #expect(a.diagnostics == b.diagnostics, comment)
    }

    static func roundTrip(_ file: DatasetFile) throws -> DatasetFile {
        let bytes = file.cacheEncoded()
        return try bytes.withUnsafeBytes { buffer in try DatasetFile.cacheDecoded(buffer, path: file.path) }
    }

    @Test func everyFixtureFileReadsBackEqual() throws {
        let files = Self.yamlFiles
        try #require(files.count >= 5, "found \(files)")
        var records = 0
        for path in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let file = DatasetFile.read(bytes: bytes, path: path)
            records += file.events.count + file.quotes.count + file.commitments.count + file.updates.count + file.actors.count
            Self.assertSame(try Self.roundTrip(file), file, "\(path)")
        }
        #expect(records > 50)
    }

    @Test func aFileWithErrorsReadsBackWithItsDiagnostics() throws {
        let file = DatasetFile.read(bytes: Array(Self.broken.utf8), path: "desk/broken.yaml")
        try #require(file.diagnostics.count >= 4, "\(file.diagnostics)")
        Self.assertSame(try Self.roundTrip(file), file)
    }

    /// A guard for whoever adds a field to a record: the cache layout must
    /// write it too (see `DatasetFile+Cache.swift`), or cached runs would lose it.
    @Test func theCacheLayoutKnowsEveryStoredProperty() throws {
        let inputs = try Fixtures.load(Fixtures.freedonia)
        let dataset = inputs.dataset
        let counts: [(String, Any?, Int)] = [
            ("Actor", dataset.actors.first, 12), ("Role", dataset.actors.first { !$0.roles.isEmpty }?.roles.first, 6),
            ("Source", dataset.sources.first, 12), ("Event", dataset.events.first, 18), ("Quote", dataset.quotes.first, 17),
            ("Commitment", dataset.commitments.first, 16), ("Update", dataset.updates.first, 12),
            ("VocabularyEntry", dataset.vocabulary.first, 8), ("Citation", dataset.events.first?.sources.first, 3),
            ("DatasetFile", DatasetFile(path: "x"), 12), ("ReferenceUse", ReferenceUse(subject: "", field: "", reference: Reference("a", at: SourceLocation(file: "", line: 1, column: 1)), expectation: .anyActor), 4),
            ("EDTFPoint", EDTFPoint(year: 1), 4), ("SourceLocation", SourceLocation(file: "", line: 1, column: 1), 3),
        ]
        // What a file holds only while it is read, empty after.
        let transient: Set = ["settling", "ids"]
        for (name, value, expected) in counts {
            let value = try #require(value, "the fixture has no \(name)")
            let stored = Mirror(reflecting: value).children.filter { !transient.contains($0.label ?? "") }.count
            #expect(stored == expected, "\(name) has \(stored) stored properties; update DatasetFile+Cache.swift and this count")
        }
    }

    @Test func aSecondLoadComesFromTheCacheAndIsTheSame() throws {
        let folder = try TemporaryCacheFolder()
        let uncached = try InputLoader.load(Fixtures.freedonia)
        let first = try ParseCache(folder: folder.path)
        let cold = try InputLoader.load(Fixtures.freedonia, cache: first)
        #expect(first.statistics.hits == 0)
        #expect(first.statistics.parsed == uncached.fileCount)
        let second = try ParseCache(folder: folder.path)
        let warm = try InputLoader.load(Fixtures.freedonia, cache: second)
        #expect(second.statistics == ParseCache.Statistics(hits: uncached.fileCount, parsed: 0, rejected: 0, unwritten: 0))
        for loaded in [cold, warm] { try Self.assertSame(loaded, uncached) }
    }

    static func assertSame(_ a: Inputs, _ b: Inputs) throws {
        #expect(a.dataset.actors == b.dataset.actors)
        #expect(a.dataset.sources == b.dataset.sources)
        #expect(a.dataset.events == b.dataset.events)
        #expect(a.dataset.quotes == b.dataset.quotes)
        #expect(a.dataset.commitments == b.dataset.commitments)
        #expect(a.dataset.updates == b.dataset.updates)
        #expect(a.dataset.vocabulary == b.dataset.vocabulary)
        #expect(a.diagnostics == b.diagnostics)
        #expect(a.definitions.map(\.id) == b.definitions.map(\.id))
    }

    /// A copy of the Freedonia dataset the test can change.
    static func copyOfFreedonia(in folder: TemporaryCacheFolder) throws -> InputPaths {
        let target = folder.path + "/freedonia"
        try FileManager.default.copyItem(atPath: Fixtures.folder.appendingPathComponent("freedonia").path, toPath: target)
        return InputPaths(briefs: target)
    }

    static func entries(in folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var entries: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                entries.append(folder + "/" + name)
            }
        }
        return entries.sorted()
    }

    enum Damage: CaseIterable { case flippedByte, truncated, empty, otherFormatVersion, swapped }

    @Test(arguments: Damage.allCases)
    func aDamagedEntryIsRejectedAndRebuilt(_ damage: Damage) throws {
        let folder = try TemporaryCacheFolder()
        let cachePath = folder.path + "/cache"
        let uncached = try InputLoader.load(Fixtures.freedonia)
        _ = try InputLoader.load(Fixtures.freedonia, cache: try ParseCache(folder: cachePath))
        let entries = Self.entries(in: cachePath)
        try #require(entries.count == uncached.fileCount && entries.count >= 2)
        let victim = entries[0]
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: victim)))
        switch damage {
        case .flippedByte: bytes[bytes.count / 2] ^= 0x20
        case .truncated: bytes.removeLast(bytes.count / 3)
        case .empty: bytes = []
        case .otherFormatVersion: bytes[ParseCache.magic.count] &+= 1
        case .swapped: bytes = Array(try Data(contentsOf: URL(fileURLWithPath: entries[1])))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: victim))

        let cache = try ParseCache(folder: cachePath)
        let loaded = try InputLoader.load(Fixtures.freedonia, cache: cache)
        try Self.assertSame(loaded, uncached)
        #expect(cache.statistics == ParseCache.Statistics(hits: uncached.fileCount - 1, parsed: 1, rejected: 1, unwritten: 0))
        // Rewritten: the next run finds every entry usable.
        let again = try ParseCache(folder: cachePath)
        _ = try InputLoader.load(Fixtures.freedonia, cache: again)
        #expect(again.statistics == ParseCache.Statistics(hits: uncached.fileCount, parsed: 0, rejected: 0, unwritten: 0))
    }

    /// A run that only needs the files' keys reads each a piece at a time
    /// into one buffer: the key must be the one of the whole file's bytes,
    /// whatever its size against the piece's, and the buffer's leftovers
    /// from a larger file must not leak into a smaller one's.
    @Test func aKeyReadInPiecesIsTheKeyOfTheWholeFile() throws {
        let folder = try TemporaryCacheFolder()
        let cache = try ParseCache(folder: folder.path + "/cache", program: Array(repeating: 7, count: 32))
        var buffer: [UInt8] = []
        let piece = 1 << 20
        for size in [3 * piece + 17, 0, 1, 100, piece - 1, piece, piece + 1, 2 * piece, 5] {
            // Bytes that differ from piece to piece, so a piece hashed twice or skipped changes the key.
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 0x9E37_79B1) >> 13) }
            let path = folder.path + "/file-\(size).yaml"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let expected = cache.key(path: path, bytes: bytes)
            #expect(cache.key(ofFileAt: path, buffer: &buffer) == expected, "\(size) bytes")
            // Another path or another program: another key.
            #expect(cache.key(ofFileAt: path, buffer: &buffer) != cache.key(path: path + "x", bytes: bytes))
        }
        #expect(cache.key(ofFileAt: folder.path + "/missing.yaml", buffer: &buffer) == nil)
        #expect(cache.key(ofFileAt: folder.path, buffer: &buffer) == nil, "a folder has no key")
    }

    /// The three readers of a file in pieces (a cache key, a stored folder's
    /// name, a stored file compared with what was rendered) share one loop:
    /// each gives what the whole bytes give, whatever the file's size against
    /// the piece's, and refuses a folder or a missing file.
    @Test func filesReadInPiecesGiveWhatTheirWholeBytesGive() throws {
        let folder = try TemporaryCacheFolder()
        let piece = DurableFile.pieceSize
        for size in [2 * piece + 3, 0, 1, piece - 1, piece, piece + 1] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 0x9E37_79B1) >> 11) }
            let path = folder.path + "/file-\(size)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var whole = ContentHash(), pieces = ContentHash()
            whole.add(bytes)
            let read = pieces.addFile(at: path)
            #expect(read)
            #expect(pieces.value == whole.value, "\(size) bytes")
            let ascii = String(repeating: "a", count: size)
            try ascii.write(toFile: path, atomically: false, encoding: .utf8)
            #expect(DurableFile.file(path, holds: ascii))
            #expect(!DurableFile.file(path, holds: ascii + "a"))
            if size > 0 { #expect(!DurableFile.file(path, holds: String(ascii.dropLast()) + "b"), "the last byte differs") }
        }
        var hash = ContentHash()
        let before = hash.value
        let missing = hash.addFile(at: folder.path + "/missing"), aFolder = hash.addFile(at: folder.path)
        #expect(!missing)
        #expect(!aFolder, "a folder")
        #expect(hash.value == before, "nothing folded from a file not read")
        #expect(!DurableFile.file(folder.path, holds: ""))
    }

    @Test func anotherProgramsEntriesAreNotUsed() throws {
        let folder = try TemporaryCacheFolder()
        let uncached = try InputLoader.load(Fixtures.freedonia)
        _ = try InputLoader.load(Fixtures.freedonia, cache: try ParseCache(folder: folder.path, program: Array(repeating: 1, count: 32)))
        let other = try ParseCache(folder: folder.path, program: Array(repeating: 2, count: 32))
        let loaded = try InputLoader.load(Fixtures.freedonia, cache: other)
        #expect(other.statistics.hits == 0)
        #expect(other.statistics.parsed == uncached.fileCount)
        try Self.assertSame(loaded, uncached)
    }

    /// The program is named by its linker's build ID, read from its headers
    /// in memory: the same bytes as the note in the executable's file, read
    /// here from the file's own program headers.
    @Test func theProgramIsNamedByTheBuildIDOfItsExecutable() throws {
        let file = try #require(FileManager.default.contents(atPath: "/proc/self/exe"))
        let inFile = Self.buildID(inELF: [UInt8](file))
        #expect(ParseCache.programBuildID == inFile)
        let buildID = try #require(ParseCache.programBuildID, "swiftc links with --build-id")
        #expect(buildID.count >= 8)
        var hasher = SHA256()
        hasher.update(field: "brief parse cache \(ParseCache.formatVersion)")
        hasher.update(field: "gnu build id")
        buildID.withUnsafeBytes { hasher.update($0) }
        let expected = hasher.finish()
        #expect(ParseCache.programIdentity == expected)
    }

    /// The `NT_GNU_BUILD_ID` note of a 64-bit little-endian ELF file, found
    /// through its program headers' `PT_NOTE` segments.
    static func buildID(inELF bytes: [UInt8]) -> [UInt8]? {
        func integer(_ offset: Int, _ size: Int) -> Int {
            (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        guard bytes.count > 64, bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else { return nil }
        let headers = integer(0x20, 8), headerSize = integer(0x36, 2), headerCount = integer(0x38, 2)
        for index in 0..<headerCount {
            let header = headers + index * headerSize
            guard integer(header, 4) == 4 else { continue }  // PT_NOTE
            let start = integer(header + 8, 8), size = integer(header + 32, 8), alignment = integer(header + 48, 8) == 8 ? 8 : 4
            var note = start
            while note + 12 <= start + size {
                let nameSize = integer(note, 4), descriptionSize = integer(note + 4, 4), type = integer(note + 8, 4)
                let name = note + 12, description = name + (nameSize + alignment - 1) / alignment * alignment
                if type == 3, nameSize == 4, Array(bytes[name ..< name + 4]) == Array("GNU\0".utf8) {
                    return Array(bytes[description ..< description + descriptionSize])
                }
                note = description + (descriptionSize + alignment - 1) / alignment * alignment
            }
        }
        return nil
    }

    @Test func aChangedFileIsParsedAgainAndTheOthersAreNot() throws {
        let folder = try TemporaryCacheFolder()
        let paths = try Self.copyOfFreedonia(in: folder)
        let cachePath = folder.path + "/cache"
        _ = try InputLoader.load(paths, cache: try ParseCache(folder: cachePath))
        let data = try DatasetFolder.files(in: paths.data, recursive: true).yaml
        let changed = try #require(data.last)
        var text = try String(contentsOfFile: changed, encoding: .utf8)
        text = text.replacingOccurrences(of: "title: ", with: "title: Changed ", options: [], range: text.range(of: "title: "))
        try text.write(toFile: changed, atomically: true, encoding: .utf8)

        let cache = try ParseCache(folder: cachePath)
        let loaded = try InputLoader.load(paths, cache: cache)
        #expect(cache.statistics == ParseCache.Statistics(hits: data.count - 1, parsed: 1, rejected: 0, unwritten: 0))
        try Self.assertSame(loaded, try InputLoader.load(paths))
        #expect(loaded.dataset.events.contains { $0.title.hasPrefix("Changed ") } || loaded.dataset.sources.contains { $0.title.hasPrefix("Changed ") }
            || loaded.dataset.actors.contains { $0.roles.contains { $0.title.hasPrefix("Changed ") } })
    }

    /// Runs sharing one folder at once, some writing while others read: each
    /// gets exactly what parsing gives.
    @Test func concurrentLoadsSharingACacheAreCorrect() throws {
        let folder = try TemporaryCacheFolder()
        let uncached = try InputLoader.load(Fixtures.adversarialPaths)
        let results = ConcurrentResults(count: 6)
        let cachePath = folder.path
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            let loaded = try? InputLoader.load(Fixtures.adversarialPaths, cache: try ParseCache(folder: cachePath))
            results.set(index, loaded)
        }
        for loaded in results.all {
            try Self.assertSame(try #require(loaded), uncached)
        }
        #expect(Self.entries(in: folder.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func oldEntriesAndLeftoverTemporaryFilesArePruned() throws {
        let folder = try TemporaryCacheFolder()
        let cache = try ParseCache(folder: folder.path)
        _ = try InputLoader.load(Fixtures.freedonia, cache: cache)
        let entries = Self.entries(in: folder.path)
        let bucket = (entries[0] as NSString).deletingLastPathComponent
        let leftover = bucket + "/.tmp-1-2"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: leftover))
        #expect(cache.prune() == 0, "nothing is old yet")
        let later = Date().addingTimeInterval(ParseCache.retention + 3600)
        #expect(cache.prune(now: later) == entries.count + 1)
        #expect(Self.entries(in: folder.path).isEmpty)
    }

    @Test func aFolderThatCannotBeCreatedIsAnError() throws {
        let folder = try TemporaryCacheFolder()
        let file = folder.path + "/plain-file"
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(throws: WriteFailure.self) { try ParseCache(folder: file + "/cache") }
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryCacheFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("brief-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Results written by concurrent iterations, each at its own index.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Inputs?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Inputs?) { lock.withLock { values[index] = value } }

    var all: [Inputs?] { lock.withLock { values } }
}

extension Fixtures {
    static var adversarialPaths: InputPaths { InputPaths(briefs: folder.appendingPathComponent("adversarial").path) }
}
