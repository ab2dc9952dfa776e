import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The archive of briefs under an output folder, laid out as PRODUCT.md says
/// (`<brief>/<date>/brief.html`, `<brief>/latest`, `<brief>/index.html`,
/// `<brief>/feed.atom`, `index.html`) and updated so that a reader, or a crash
/// at any instant, sees the whole old archive or the whole new one:
///
/// ```
/// Output/
///   index.html -> .archive/current/index.html
///   <brief>    -> .archive/current/<brief>
///   .archive/current -> gen-000007          the one switch, an atomic rename
///   .archive/gen-000007/<brief>/<date> -> ../../../.store/<brief>/<date>-<hash>
///   .store/<brief>/<date>-<hash>/brief.md …  written once, never changed
/// ```
///
/// Every run stages a new generation beside the current one and switches
/// `current` in one step; stored dates are immutable folders named by their
/// content, so running twice for the same date changes nothing.
public struct Archive: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The names the archive gives its own files beside the briefs' folders
    /// (`Output/index.html`, the generation's manifest): no brief may be
    /// called so, or its folder and the file would take each other's place.
    static let ownNames: Set<String> = [indexPage, ArchiveManifest.fileName]
    static let indexPage = "index.html"

    var archiveFolder: String { InputPaths.join(root, ".archive") }
    var storeFolder: String { InputPaths.join(root, ".store") }
    var currentLink: String { InputPaths.join(archiveFolder, "current") }

    /// A stored date's folder: `.store/<brief>/<date>-<hash>`.
    func briefStore(_ brief: String, _ store: String) -> String {
        InputPaths.join(InputPaths.join(storeFolder, brief), store)
    }

    /// What the current generation holds; empty for a new archive, or one
    /// whose generation cannot be read (`currentGeneration` says why).
    func manifest() -> ArchiveManifest {
        (try? currentGeneration().manifest) ?? ArchiveManifest(generation: 0, briefs: [:])
    }

    /// The dates stored for a brief, oldest first.
    public func dates(of brief: String) -> [Day] {
        (manifest().briefs[brief]?.dates.keys.compactMap(Day.init(iso:)) ?? []).sorted()
    }

    /// A stored file of a brief on a date (`brief.json`), if there is one.
    public func file(_ name: String, of brief: String, on day: Day) -> Data? {
        guard let entry = manifest().briefs[brief]?.dates[day.iso] else { return nil }
        return FileManager.default.contents(atPath: InputPaths.join(briefStore(brief, entry.store), name))
    }

    // MARK: - Publishing

    /// One brief on one date, rendered, to be stored.
    public struct Entry: Sendable {
        public var brief: String
        public var title: String
        public var parties: [String]
        public var date: Day
        public var bluf: String
        public var files: [String: String]
        /// Keep the stored files of that date that `files` does not replace
        /// (`generate` of one format); `daily` replaces the whole date.
        public var keepOtherFiles: Bool
        /// What `files` were rendered from (see `Publication.reuse`); nil when unknown.
        public var renderedBy: String?

        public init(brief: String, title: String, parties: [String], date: Day, bluf: String, files: [String: String],
                    keepOtherFiles: Bool, renderedBy: String? = nil) {
            self.renderedBy = renderedBy
            self.brief = brief
            self.title = title
            self.parties = parties
            self.date = date
            self.bluf = bluf
            self.files = files
            self.keepOtherFiles = keepOtherFiles
        }
    }

    /// A brief's date once its folder is in the store: what the pages and
    /// the manifest need, without the files themselves (megabytes per brief,
    /// which a run no longer holds until its end).
    public struct StoredEntry: Sendable, Hashable {
        public var brief: String
        public var title: String
        public var parties: [String]
        public var date: Day
        public var bluf: String
        /// The folder under `.store/<brief>/`: `<date>-<ContentHash>`.
        public var store: String
        /// The names of the files it holds, sorted.
        public var files: [String]
        public var renderedBy: String?
        /// The date's files differ from what the current generation shows
        /// (or its folder was found altered and written again).
        public var changed: Bool
        /// The folder written for this date under a temporary name, renamed
        /// to `store` when the run publishes; nil when the store holds it already.
        var staged: Staged?

        struct Staged: Sendable, Hashable {
            var path: String
            /// The stored folder is new to this run (removed if the run fails
            /// after placing it), not one written again because it was altered.
            var isNew: Bool
        }
    }

    /// What a publication did.
    public struct Outcome: Sendable, Hashable {
        /// "<brief>/<date>" of every date whose files changed.
        public var changed: [String]
        public var generation: Int
    }

    /// Stores and publishes `entries` in one switch, one after the other. The
    /// caller holds the lock. A run that fails removes what it created (stored
    /// dates, folders, the public names of new briefs), so the archive is left
    /// as it found it.
    @discardableResult
    public func publish(_ entries: [Entry]) throws(WriteFailure) -> Outcome {
        let publication = try Publication(self)
        do throws(WriteFailure) {
            var stored: [StoredEntry] = []
            for entry in entries { stored.append(try publication.store(entry)) }
            return try publication.publish(stored)
        } catch {
            publication.abandon()
            throw error
        }
    }

    /// Creates `folder` if it is missing, and notes it in `created`.
    func makeFolder(_ folder: String, created: inout [String]) throws(WriteFailure) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder, !FileManager.default.fileExists(atPath: parent) { try makeFolder(parent, created: &created) }
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw DurableFile.failure(folder) }
        created.append(folder)
    }

    static func generationName(_ number: Int) -> String {
        let digits = String(number)
        return "gen-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Writes a stored date's files into a new folder under a temporary name
    /// beside `target` (`.store/<brief>/.tmp-…`) and returns its path: `place`
    /// renames it into place when the run publishes, after `flush`. Each
    /// file is handed to the disk as it is written, without waiting for it;
    /// a large one is written straight to the disk where the file system
    /// allows (direct I/O): the run never reads it again, and copying it into
    /// the system's page cache cost more than the disk's own writing
    /// (docs/performance.md, "The archive written past the page cache").
    /// `kept` files are hard-linked from where they are stored.
    func stage(_ content: [String: String], linking kept: [String: String], beside target: String) throws(WriteFailure) -> String {
        let parent = (target as NSString).deletingLastPathComponent
        let staging = InputPaths.join(parent, ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try DurableFile.makeFolder(staging)
        var done = false
        defer { if !done { try? FileManager.default.removeItem(atPath: staging) } }
        for (name, text) in content.sorted(by: { $0.key < $1.key }) {
            let path = InputPaths.join(staging, name)
            if let source = kept[name], link(source, path) == 0 { continue }
            try DurableFile.write(text, to: path, sync: false, startWriteback: true, direct: true)
        }
        done = true
        return staging
    }

    /// Makes the folders `stage` wrote durable, files and entries, before a
    /// rename can make any of them visible: one flush (syncfs) of each file
    /// system holding them, however many folders.
    ///
    /// Each brief's folder was flushed as soon as it was written until this
    /// was done once for all: at a million records the 21 flushes of a run
    /// held its workers 0.2 s in all, a core idle each time, where the disk
    /// has by now taken most of what each folder's writes began.
    func flush(staged folders: [String]) throws(WriteFailure) {
        var flushed = Set<UInt64>()
        for folder in folders {
            var info = stat()
            // A folder that cannot be examined is flushed on its own: its own
            // flush reports what is wrong with it.
            if stat(folder, &info) == 0, !flushed.insert(UInt64(info.st_dev)).inserted { continue }
            try DurableFile.syncAll(under: folder)
        }
    }

    /// Renames a folder `stage` wrote to its stored name. A folder already
    /// there does not hold what its name says (the remains of a removal cut
    /// short by a crash, or files altered since): it is set aside first.
    func place(_ staging: String, at target: String) throws(WriteFailure) {
        if FileManager.default.fileExists(atPath: target) { discard(target) }
        try DurableFile.rename(staging, to: target)
        DurableFile.syncFolder((target as NSString).deletingLastPathComponent)
    }

    /// Whether a stored folder holds these files and nothing else, byte for byte.
    static func folder(_ path: String, holdsExactly content: [String: String]) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path), Set(names) == Set(content.keys) else { return false }
        return content.allSatisfy { name, text in DurableFile.file(InputPaths.join(path, name), holds: text) }
    }

    /// Removes a folder that no generation uses: renamed to a staging name
    /// first, so that a removal cut short leaves only a name `removeLeftovers`
    /// clears, never a half-empty folder under a name a run could reuse.
    func discard(_ path: String) {
        let parent = (path as NSString).deletingLastPathComponent
        let aside = InputPaths.join(parent, ".tmp-gone-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        if rename(path, aside) == 0 {
            try? FileManager.default.removeItem(atPath: aside)
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Stages the whole next generation: per brief its date links, `latest`,
    /// archive page and feed; the index of all briefs; the manifest. A date
    /// link the `previous` generation holds already is linked to rather than
    /// made again: a desk's archive gains a date per brief a day, and every
    /// generation lists them all.
    func writeGeneration(_ manifest: ArchiveManifest, previous: ArchiveManifest) throws(WriteFailure) {
        let staging = InputPaths.join(archiveFolder, ".tmp-\(Self.generationName(manifest.generation))-\(getpid())")
        try? FileManager.default.removeItem(atPath: staging)
        try DurableFile.makeFolder(staging)
        var done = false
        defer { if !done { try? FileManager.default.removeItem(atPath: staging) } }
        let pages = ArchivePages(manifest: manifest)
        for (id, brief) in manifest.briefs.sorted(by: { $0.key < $1.key }) {
            let folder = InputPaths.join(staging, id)
            try DurableFile.makeFolder(folder)
            let dates = brief.dates.keys.sorted()
            let before = previous.generation > 0 ? previous.briefs[id] : nil
            let previousFolder = InputPaths.join(InputPaths.join(archiveFolder, Self.generationName(previous.generation)), id)
            for date in dates {
                let store = brief.dates[date]!.store
                let target = InputPaths.join("../../../.store/\(id)", store)
                if before?.dates[date]?.store == store {
                    try DurableFile.symlink(target, at: InputPaths.join(folder, date), sameAs: InputPaths.join(previousFolder, date))
                } else {
                    try DurableFile.symlink(target, at: InputPaths.join(folder, date))
                }
            }
            if let newest = dates.last { try DurableFile.symlink(newest, at: InputPaths.join(folder, "latest")) }
            try DurableFile.write(pages.briefIndex(id), to: InputPaths.join(folder, "index.html"), sync: false)
            try DurableFile.write(pages.feed(id), to: InputPaths.join(folder, "feed.atom"), sync: false)
        }
        try DurableFile.write(pages.index(), to: InputPaths.join(staging, Self.indexPage), sync: false)
        try DurableFile.write(Data(manifest.jsonText()), to: InputPaths.join(staging, ArchiveManifest.fileName), sync: false)
        // The whole generation (files, links, folders) flushed at once, before its rename.
        try DurableFile.syncAll(under: staging)
        try DurableFile.rename(staging, to: InputPaths.join(archiveFolder, Self.generationName(manifest.generation)))
        done = true
        DurableFile.syncFolder(archiveFolder)
    }

    /// The public names point into `current`; `current` moves in one rename.
    func switchTo(_ manifest: ArchiveManifest, created: inout [String]) throws(WriteFailure) {
        // A brief seen for the first time gets its public name before the
        // switch: until then it points at nothing and no page lists it.
        for id in manifest.briefs.keys.sorted() {
            try publicName(id, target: ".archive/current/\(id)", created: &created)
        }
        try publicName(Self.indexPage, target: ".archive/current/" + Self.indexPage, created: &created)
        let next = InputPaths.join(archiveFolder, ".current-\(getpid())")
        try? FileManager.default.removeItem(atPath: next)
        try DurableFile.symlink(Self.generationName(manifest.generation), at: next)
        try DurableFile.rename(next, to: currentLink)
        DurableFile.syncFolder(archiveFolder)
        DurableFile.syncFolder(root)
    }

    /// Makes `<root>/<name>` a symbolic link to `target`. The link is staged
    /// under `.archive/` (where `removeLeftovers` finds it if the run dies), so
    /// no stray name ever shows in the output folder.
    func publicName(_ name: String, target: String, created: inout [String]) throws(WriteFailure) {
        let path = InputPaths.join(root, name)
        let existing = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
        if existing == target { return }
        if existing == nil, FileManager.default.fileExists(atPath: path) {
            throw WriteFailure(path: path, reason: "exists and is not part of a brief archive; move it away")
        }
        let staging = InputPaths.join(archiveFolder, ".tmp-link-\(getpid())")
        unlink(staging)
        try DurableFile.symlink(target, at: staging)
        do throws(WriteFailure) { try DurableFile.rename(staging, to: path) } catch {
            unlink(staging)
            throw error
        }
        if existing == nil { created.append(path) }
    }

    /// Old generations and stored dates nothing points at any more.
    func removeUnreferenced(_ manifest: ArchiveManifest) {
        let files = FileManager.default
        let current = Self.generationName(manifest.generation)
        for name in (try? files.contentsOfDirectory(atPath: archiveFolder)) ?? [] where name.hasPrefix("gen-") && name != current {
            discard(InputPaths.join(archiveFolder, name))
        }
        for brief in (try? files.contentsOfDirectory(atPath: storeFolder)) ?? [] {
            let used = Set(manifest.briefs[brief]?.dates.values.map(\.store) ?? [])
            let folder = InputPaths.join(storeFolder, brief)
            for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where !used.contains(name) && !name.hasPrefix(".") {
                discard(InputPaths.join(folder, name))
            }
        }
    }

    /// What a run that died left: staging folders and links, and a generation
    /// it renamed into place but did not switch to (its number is the next
    /// run's, and would block it). Safe to remove under the lock.
    func removeLeftovers() {
        let files = FileManager.default
        let current = currentGenerationName()
        for name in (try? files.contentsOfDirectory(atPath: archiveFolder)) ?? []
        where name.hasPrefix(".tmp-") || name.hasPrefix(".current-") || (name.hasPrefix("gen-") && name != current) {
            try? files.removeItem(atPath: InputPaths.join(archiveFolder, name))
        }
        for brief in (try? files.contentsOfDirectory(atPath: storeFolder)) ?? [] {
            let folder = InputPaths.join(storeFolder, brief)
            for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".tmp-") {
                try? files.removeItem(atPath: InputPaths.join(folder, name))
            }
        }
    }
}
