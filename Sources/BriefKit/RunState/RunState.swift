import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the last `daily` that published knew of its inputs, so that a run
/// on the same day can keep a brief none of whose inputs changed without
/// analysing it again (docs/performance.md, "The run state"): each dataset
/// file with the key of its bytes and the hashes of the records it declares,
/// and each brief with what it read on its day and where it was stored.
///
/// It is kept in the parse cache's folder, one per archive (named by the
/// SHA-256 of the archive's real path), so that the archive itself holds the
/// same bytes whether a run used the cache or not; `--no-cache` neither reads
/// nor writes it. It is written whole under a temporary name and renamed
/// into place after a run published, and checked (magic word, version, the
/// program that wrote it, a SHA-256 of its contents) before it is trusted. A
/// state that fails any check is ignored: every brief is then analysed, as in
/// a run without one. Unused for as long as a cache entry, it is pruned like one.
public struct RunState: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var path: String
        /// `ParseCache`'s key of its bytes at its path.
        public var key: [UInt8]
        /// It declares actors, vocabulary entries or top-level `x-` keys.
        public var declaresShared: Bool
        /// `RecordHash` of every record it declares, actors aside; ascending.
        public var ids: [UInt64]
        /// The `RecordContent` of each, two numbers per id, in the same order.
        public var contents: [UInt64]
        /// Of those, the sources known on the state's day; sorted.
        public var knownSources: [UInt64]
        /// `RecordHash` of every record its records name, actors aside, as
        /// the kind each reference must name; sorted.
        public var references: [UInt64]

        public init(path: String, key: [UInt8], declaresShared: Bool, ids: [UInt64], contents: [UInt64], knownSources: [UInt64],
                    references: [UInt64]) {
            self.path = path
            self.key = key
            self.declaresShared = declaresShared
            self.ids = ids
            self.contents = contents
            self.knownSources = knownSources
            self.references = references
        }

        /// Each record: its id's hash and its content.
        var records: some Sequence<(id: UInt64, content: RecordContent.Digest)> {
            ids.indices.lazy.map { (ids[$0], (contents[2 * $0], contents[2 * $0 + 1])) }
        }
    }

    public struct Brief: Sendable, Equatable {
        public var id: String
        /// What the archive's entry for the day was published with (the
        /// title is the definition's, which `context` covers).
        public var parties: [String]
        public var bluf: String
        /// The `RenderKey` its files were stored under.
        public var renderKey: String
        /// SHA-256 of what else the brief was made from: the program, its
        /// definition file, its formats' templates, the previous date's stored folder.
        public var context: [UInt8]
        /// `DayReadSet.hashes`.
        public var readSet: [UInt64]

        public init(id: String, parties: [String], bluf: String, renderKey: String, context: [UInt8], readSet: [UInt64]) {
            self.id = id
            self.parties = parties
            self.bluf = bluf
            self.renderKey = renderKey
            self.context = context
            self.readSet = readSet
        }
    }

    /// The executable that wrote it (`ParseCache.programIdentity`).
    public var program: [UInt8]
    public var day: Day
    /// In path order.
    public var files: [File]
    /// In id order.
    public var briefs: [Brief]

    public init(program: [UInt8] = ParseCache.programIdentity, day: Day, files: [File], briefs: [Brief]) {
        self.program = program
        self.day = day
        self.files = files
        self.briefs = briefs
    }

    /// Where the state of the archive at `root` is kept in `cache`.
    public static func path(in cache: ParseCache, archive root: String) -> String {
        let real = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
        return "\(cache.folder)/v\(ParseCache.formatVersion)/runs/\(SHA256.hex(SHA256.hash(Array(real.utf8))))"
    }

    /// `Brief.context`: SHA-256 of what a brief is made from besides the
    /// dataset. Nil when the definition file cannot be read.
    public static func context(definitionFile path: String, renderers: [any Renderer], previous: (day: Day, store: String)?,
                               program: [UInt8] = ParseCache.programIdentity) -> [UInt8]? {
        guard let bytes = FileManager.default.contents(atPath: path) else { return nil }
        var hasher = SHA256()
        hasher.update(program)
        hasher.update(field: "definition \(path) \(bytes.count)")
        bytes.withUnsafeBytes { hasher.update($0) }
        hasher.update(renderers: renderers)
        if let previous {
            hasher.update(field: "previous \(previous.day.iso) \(previous.store)")
        } else {
            hasher.update(field: "no previous date")
        }
        return hasher.finish()
    }

    // MARK: - Reading and writing

    static let magic = Array("brief run state\n".utf8)
    /// 2: each file's references.
    static let formatVersion: UInt64 = 2

    /// The state at `path`, or nil when there is none usable: missing,
    /// damaged, of another layout or written by another program.
    public static func read(at path: String, program: [UInt8] = ParseCache.programIdentity) -> RunState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let state = data.withUnsafeBytes { buffer in try? decode(buffer) }
        guard let state, state.program == program else { return nil }
        return state
    }

    /// Writes the state whole under a temporary name and renames it into place.
    public func write(at path: String) throws(WriteFailure) {
        let folder = String(path[..<path.lastIndex(of: "/")!])
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw DurableFile.failure(folder) }
        // The prefix `ParseCache.prune` removes after a day, should a run die here.
        let temporary = "\(folder)/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do throws(WriteFailure) {
            try DurableFile.write(Data(encoded()), to: temporary, sync: false)
            try DurableFile.rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Removes the state at `path`: what it says no longer holds.
    public static func remove(at path: String) {
        unlink(path)
    }

    func encoded() -> [UInt8] {
        var out = BinaryWriter(capacity: 1 << 16)
        out.write(raw: program)
        out.write(day.rawValue)
        out.write(files) { out, file in
            out.write(file.path)
            out.write(raw: file.key)
            out.write(file.declaresShared)
            Self.write(sorted: file.ids, to: &out)
            for number in file.contents { out.write(fixed: number) }
            Self.write(sorted: file.knownSources, to: &out)
            Self.write(sorted: file.references, to: &out)
        }
        out.write(briefs) { out, brief in
            out.write(brief.id)
            out.write(brief.parties)
            out.write(brief.bluf)
            out.write(brief.renderKey)
            out.write(raw: brief.context)
            Self.write(sorted: brief.readSet, to: &out)
        }
        let payload = out.bytes
        var whole = BinaryWriter(capacity: payload.count + 64)
        whole.write(raw: Self.magic)
        whole.write(Self.formatVersion)
        whole.write(checked: payload)
        return whole.bytes
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) throws(CacheCorruption) -> RunState {
        var reader = BinaryReader(buffer)
        guard try reader.raw(magic.count) == magic else { throw CacheCorruption(description: "not a run state") }
        guard try reader.unsigned() == formatVersion else { throw CacheCorruption(description: "another layout") }
        let payload = try reader.checkedPayload()
        var body = BinaryReader(payload)
        let program = try body.raw(32)
        let day = Day(rawValue: try body.integer())
        let files = try body.array { (reader: inout BinaryReader) throws(CacheCorruption) in
            let path = try reader.string(), key = try reader.raw(32), shared = try reader.bool()
            let ids = try readSorted(&reader, strictly: false)
            var contents: [UInt64] = []
            contents.reserveCapacity(2 * ids.count)
            for _ in 0..<(2 * ids.count) { contents.append(try reader.fixed()) }
            return File(path: path, key: key, declaresShared: shared, ids: ids, contents: contents, knownSources: try readSorted(&reader),
                        references: try readSorted(&reader))
        }
        let briefs = try body.array { (reader: inout BinaryReader) throws(CacheCorruption) in
            Brief(id: try reader.string(), parties: try reader.strings(), bluf: try reader.string(),
                  renderKey: try reader.string(), context: try reader.raw(32), readSet: try readSorted(&reader))
        }
        guard body.isAtEnd else { throw CacheCorruption(description: "bytes after the end") }
        return RunState(program: program, day: day, files: files, briefs: briefs)
    }

    /// A sorted list as its count and the differences between neighbours.
    private static func write(sorted hashes: [UInt64], to out: inout BinaryWriter) {
        out.write(UInt64(hashes.count))
        var previous: UInt64 = 0
        for hash in hashes {
            out.write(hash &- previous)
            previous = hash
        }
    }

    /// `strictly`: each greater than the one before; otherwise equal ones may repeat.
    private static func readSorted(_ reader: inout BinaryReader, strictly: Bool = true) throws(CacheCorruption) -> [UInt64] {
        let count = try reader.count()
        var hashes: [UInt64] = []
        hashes.reserveCapacity(count)
        var previous: UInt64 = 0
        for _ in 0..<count {
            let (next, overflow) = previous.addingReportingOverflow(try reader.unsigned())
            guard overflow == false, hashes.isEmpty || next > previous || (!strictly && next == previous) else {
                throw CacheCorruption(description: "a list out of order")
            }
            hashes.append(next)
            previous = next
        }
        return hashes
    }
}
