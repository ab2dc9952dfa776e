import Foundation
import Synchronization
import CBriefSystem
#if canImport(Glibc)
import Glibc
#endif

/// What dataset files decoded to, kept between runs so that a file read once
/// is not parsed again while it is unchanged.
///
/// An entry is named by the SHA-256 of the program that wrote it (the running
/// executable, which embeds the shipped vocabulary and every rule), the
/// file's path (messages carry it) and the file's bytes: a changed file, a
/// new build of `brief` or a new vocabulary simply finds no entry. Only what
/// one file decodes to on its own is kept; everything that looks across files
/// (merging, references, duplicate ids, vocabulary, chains) is done again on
/// every run.
///
/// Never trusted blindly: each entry carries its own key and a SHA-256 of its
/// contents, both checked before use. A short, damaged or foreign entry is
/// ignored, the file parsed from its YAML and the entry written again. Entries
/// are written to a temporary file and renamed into place, so a crash or two
/// runs sharing the folder leave either no entry or a whole one; two runs
/// writing the same entry write the same bytes.
public final class ParseCache: Sendable {
    /// The folder holding the entries.
    public let folder: String
    private let program: SHA256.Digest
    private let counters = Mutex(Statistics())
    /// The keys of the files this process parsed and stored: found again
    /// (a run that read part of the dataset, then loads it whole), they
    /// still count as parsed, not as unchanged.
    private let parsedInRun = Mutex(Set<SHA256.Digest>())

    /// Bumped when the layout of entries, or what they hold, changes (2: a
    /// file's `uses` are only those of what was not kept).
    public static let formatVersion: UInt32 = 2
    static let magic = Array("BRIEFDC\n".utf8)
    /// Entries unused for this long are removed by `prune`.
    public static let retention: TimeInterval = 30 * 24 * 3600

    public struct Statistics: Sendable, Equatable {
        /// Files found in the cache.
        public var hits = 0
        /// Files parsed: not in the cache, or its entry was unusable.
        public var parsed = 0
        /// Entries found damaged, truncated or written by something else: not used, rewritten.
        public var rejected = 0
        /// Entries that could not be written (a full disk, a read-only folder): the run goes on.
        public var unwritten = 0
    }

    public var statistics: Statistics { counters.withLock { $0 } }

    /// Opens (and creates) the cache folder. Fails when it cannot be created.
    public init(folder: String, program: [UInt8] = ParseCache.programIdentity) throws(WriteFailure) {
        self.folder = folder
        self.program = program
        let entries = InputPaths.join(folder, "v\(Self.formatVersion)")
        do {
            try FileManager.default.createDirectory(atPath: entries, withIntermediateDirectories: true)
        } catch {
            throw WriteFailure(path: entries, reason: "cannot create the folder")
        }
        var status = stat()
        guard stat(entries, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, access(entries, W_OK) == 0 else {
            throw WriteFailure(path: entries, reason: "not a writable folder")
        }
    }

    /// Names the running program: any rebuild, and so any change of rules,
    /// templates or shipped vocabulary, starts a new cache and new render keys.
    ///
    /// The SHA-256 of the linker's build ID (`programBuildID`), which the
    /// linker computes from the whole executable it writes: read from the
    /// program's headers in memory, where hashing the executable itself read
    /// and hashed some 18 MB on every run (docs/decisions.md). A program
    /// linked without a build ID is named by the SHA-256 of its executable,
    /// as before.
    public static let programIdentity: [UInt8] = {
        var hasher = SHA256()
        var field = "brief parse cache \(formatVersion)"
        hasher.update(field: field)
        if let buildID = programBuildID {
            hasher.update(field: "gnu build id")
            buildID.withUnsafeBytes { hasher.update($0) }
        } else if let data = FileManager.default.contents(atPath: "/proc/self/exe") {
            data.withUnsafeBytes { hasher.update($0) }
        } else {
            // No executable to read: a per-process identity, so nothing is shared.
            field = "pid \(getpid()) \(Date().timeIntervalSince1970)"
            hasher.update(field: field)
        }
        return hasher.finish()
    }()

    /// The GNU build ID of the running program (its `NT_GNU_BUILD_ID` note);
    /// nil when it was linked without one.
    public static let programBuildID: [UInt8]? = {
        var bytes = [UInt8](repeating: 0, count: 64)
        let length = bytes.withUnsafeMutableBufferPointer { brief_program_build_id($0.baseAddress, UInt($0.count)) }
        // A linker's hash is 8 bytes (lld's `fast`), 16 (`md5`, `uuid`) or 20
        // (`sha1`, gold's and BFD ld's default): anything shorter was typed by hand.
        guard length >= 8 else { return nil }
        return Array(bytes.prefix(Int(length)))
    }()

    /// The decoded file, from the cache when an entry is usable, parsed (and
    /// stored) otherwise. Always what `DatasetFile.read` gives for these bytes;
    /// with the key it is cached under, which names these bytes at this path.
    ///
    /// With `sharing`, the ids its references name are the run's shared
    /// strings (`ReferencedIDs`), from an entry or from the file.
    func file(path: String, bytes: [UInt8], sharing: ReferencedIDs? = nil) -> (DatasetFile, key: SHA256.Digest) {
        let key = key(path: path, bytes: bytes)
        let entry = entryPath(key)
        switch load(entry, key: key, path: path) {
        case var .found(file):
            countFound(key)
            if let sharing { file.shareReferenceIDs(with: sharing) }
            return (file, key)
        case .missing, .rejected:
            let file = DatasetFile.read(bytes: bytes, path: path, sharing: sharing)
            let stored = store(file, key: key, at: entry)
            counters.withLock {
                $0.parsed += 1
                if !stored { $0.unwritten += 1 }
            }
            if stored { parsedInRun.withLock { _ = $0.insert(key) } }
            return (file, key)
        }
    }

    /// The decoded file whose bytes had `key` at `path`, from its entry
    /// without reading the file; parsed from the file when there is no
    /// usable entry, if its bytes still have that key. Nil when they do not.
    func file(path: String, key: SHA256.Digest, sharing: ReferencedIDs? = nil) -> DatasetFile? {
        if case var .found(file) = load(entryPath(key), key: key, path: path) {
            countFound(key)
            if let sharing { file.shareReferenceIDs(with: sharing) }
            return file
        }
        var problems: [Diagnostic] = []
        let bytes = DatasetFolder.bytes(of: path, into: &problems)
        guard problems.isEmpty, self.key(path: path, bytes: bytes) == key else { return nil }
        return file(path: path, bytes: bytes, sharing: sharing).0
    }

    /// An entry found: unchanged, unless this process parsed it.
    private func countFound(_ key: SHA256.Digest) {
        let parsedBefore = parsedInRun.withLock { $0.contains(key) }
        counters.withLock {
            if parsedBefore { $0.parsed += 1 } else { $0.hits += 1 }
        }
    }

    func key(path: String, bytes: [UInt8]) -> SHA256.Digest {
        bytes.withUnsafeBytes { key(path: path, bytes: $0) }
    }

    func key(path: String, bytes: UnsafeRawBufferPointer) -> SHA256.Digest {
        var hasher = keyHasher(path: path, length: bytes.count)
        hasher.update(bytes)
        return hasher.finish()
    }

    private func keyHasher(path: String, length: Int) -> SHA256 {
        var hasher = SHA256()
        hasher.update(program)
        hasher.update(field: path)
        var length = UInt64(length).littleEndian
        withUnsafeBytes(of: &length) { hasher.update($0) }
        return hasher
    }

    /// The key of the file at `path` as it is now, read a piece at a time
    /// into `buffer` (reused from file to file: a run that only needs the
    /// keys does not hold, or fault in, memory for every file's bytes).
    /// Nil when it cannot be read, or its size changed while it was read.
    func key(ofFileAt path: String, buffer: inout [UInt8]) -> SHA256.Digest? {
        var hasher: SHA256?
        let read = DurableFile.readPieces(of: path, buffer: &buffer, size: { size in
            hasher = keyHasher(path: path, length: size)
            return true
        }) { piece in
            hasher!.update(piece)
            return true
        }
        guard read, let hasher else { return nil }
        return hasher.finish()
    }

    /// Counts files known unchanged without being read from the cache: a
    /// run that reads only what changed (`PartialLoader`) says how many it
    /// found unchanged, as a run that decoded them would.
    public func countUnchanged(_ files: Int) {
        counters.withLock { $0.hits += files }
    }

    /// Forgets what was counted: a run that read part of the dataset, then
    /// loads it whole, counts the whole load only (what it parsed first
    /// still counts as parsed).
    public func resetStatistics() {
        counters.withLock { $0 = Statistics() }
    }

    func entryPath(_ key: SHA256.Digest) -> String {
        let hex = SHA256.hex(key)
        return "\(folder)/v\(Self.formatVersion)/\(hex.prefix(2))/\(hex.dropFirst(2))"
    }

    enum Lookup {
        case found(DatasetFile)
        case missing
        /// Unusable (damaged, truncated, foreign): counted, then parsed and rewritten.
        case rejected
    }

    /// Reads and checks one entry: magic, version, key, length, checksum, then the records.
    func load(_ entry: String, key: SHA256.Digest, path: String) -> Lookup {
        guard let data = FileManager.default.contents(atPath: entry) else { return .missing }
        let result: Result<DatasetFile, CacheCorruption> = data.withUnsafeBytes { buffer in
            do throws(CacheCorruption) {
                return .success(try Self.decode(buffer, key: key, path: path))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case let .success(file):
            touch(entry)
            return .found(file)
        case .failure:
            counters.withLock { $0.rejected += 1 }
            return .rejected
        }
    }

    static func decode(_ buffer: UnsafeRawBufferPointer, key: SHA256.Digest, path: String) throws(CacheCorruption) -> DatasetFile {
        var reader = BinaryReader(buffer)
        guard try reader.raw(magic.count) == magic else { throw CacheCorruption(description: "not a brief cache entry") }
        let version = try reader.raw(4)
        guard version == withUnsafeBytes(of: formatVersion.littleEndian, Array.init) else {
            throw CacheCorruption(description: "written by another version of the cache")
        }
        guard try reader.raw(32) == key else { throw CacheCorruption(description: "the entry is for other contents") }
        let payload = try reader.checkedPayload()
        return try DatasetFile.cacheDecoded(payload, path: path)
    }

    static func encode(_ file: DatasetFile, key: SHA256.Digest) -> [UInt8] {
        let payload = file.cacheEncoded()
        var out = BinaryWriter(capacity: payload.count + 96)
        out.write(raw: magic)
        out.write(raw: withUnsafeBytes(of: formatVersion.littleEndian, Array.init))
        out.write(raw: key)
        out.write(checked: payload)
        return out.bytes
    }

    /// Writes an entry whole or not at all; false when it could not be written.
    @discardableResult
    func store(_ file: DatasetFile, key: SHA256.Digest, at entry: String) -> Bool {
        let folder = String(entry[..<entry.lastIndex(of: "/")!])
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { return false }
        // Unique per process and thread: runs sharing the folder never write the same temporary file.
        let temporary = "\(folder)/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let bytes = Self.encode(file, key: key)
        do throws(WriteFailure) {
            try DurableFile.write(Data(bytes), to: temporary, sync: false)
            try DurableFile.rename(temporary, to: entry)
            return true
        } catch {
            unlink(temporary)
            return false
        }
    }

    /// Marks an entry as used (at most once a day), for `prune`.
    private func touch(_ entry: String) {
        var status = stat()
        guard stat(entry, &status) == 0 else { return }
        if Date().timeIntervalSince1970 - TimeInterval(status.st_mtim.tv_sec) > 24 * 3600 {
            utimes(entry, nil)
        }
    }

    /// Removes entries unused for `retention`, and temporary files a crashed
    /// run left (older than a day). Returns how many files were removed.
    @discardableResult
    public func prune(now: Date = Date()) -> Int {
        let root = "\(folder)/v\(Self.formatVersion)"
        guard let buckets = try? FileManager.default.contentsOfDirectory(atPath: root) else { return 0 }
        var removed = 0
        for bucket in buckets {
            let path = "\(root)/\(bucket)"
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            for name in names {
                let entry = "\(path)/\(name)"
                var status = stat()
                guard lstat(entry, &status) == 0 else { continue }
                let age = now.timeIntervalSince1970 - TimeInterval(status.st_mtim.tv_sec)
                if age > (name.hasPrefix(".tmp-") ? 24 * 3600 : Self.retention), unlink(entry) == 0 { removed += 1 }
            }
        }
        return removed
    }
}
