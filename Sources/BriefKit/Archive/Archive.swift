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

    var archiveFolder: String { InputPaths.join(root, ".archive") }
    var storeFolder: String { InputPaths.join(root, ".store") }
    var currentLink: String { InputPaths.join(archiveFolder, "current") }

    /// What the current generation holds; empty for a new archive.
    func manifest() -> ArchiveManifest {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: currentLink),
              let data = FileManager.default.contents(atPath: InputPaths.join(InputPaths.join(archiveFolder, target), ArchiveManifest.fileName)),
              let manifest = try? JSONDecoder().decode(ArchiveManifest.self, from: data)
        else { return ArchiveManifest(generation: 0, briefs: [:]) }
        return manifest
    }

    /// The dates stored for a brief, oldest first.
    public func dates(of brief: String) -> [Day] {
        (manifest().briefs[brief]?.dates.keys.compactMap(Day.init(iso:)) ?? []).sorted()
    }

    /// A stored file of a brief on a date (`brief.json`), if there is one.
    public func file(_ name: String, of brief: String, on day: Day) -> Data? {
        guard let entry = manifest().briefs[brief]?.dates[day.iso] else { return nil }
        return FileManager.default.contents(atPath: InputPaths.join(InputPaths.join(InputPaths.join(storeFolder, brief), entry.store), name))
    }

    // MARK: - Publishing

    /// One brief on one date, to be published.
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

        public init(brief: String, title: String, parties: [String], date: Day, bluf: String, files: [String: String], keepOtherFiles: Bool) {
            self.brief = brief
            self.title = title
            self.parties = parties
            self.date = date
            self.bluf = bluf
            self.files = files
            self.keepOtherFiles = keepOtherFiles
        }
    }

    /// What a publication did.
    public struct Outcome: Sendable, Hashable {
        /// "<brief>/<date>" of every date whose files changed.
        public var changed: [String]
        public var generation: Int
    }

    /// Publishes `entries` in one switch. The caller holds the lock.
    @discardableResult
    public func publish(_ entries: [Entry]) throws(WriteFailure) -> Outcome {
        let files = FileManager.default
        for folder in [root, archiveFolder, storeFolder] {
            do { try files.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw WriteFailure(path: folder, reason: "cannot create the folder")
            }
        }
        removeLeftovers()
        let old = manifest()
        var manifest = old
        var changed: [String] = []

        for entry in entries.sorted(by: { ($0.brief, $0.date) < ($1.brief, $1.date) }) {
            var brief = manifest.briefs[entry.brief] ?? ArchiveManifest.BriefEntry(title: entry.title, parties: entry.parties, dates: [:])
            brief.title = entry.title
            brief.parties = entry.parties
            let previous = brief.dates[entry.date.iso]
            let briefStore = InputPaths.join(storeFolder, entry.brief)
            var content = entry.files
            var kept: [String: String] = [:]
            if entry.keepOtherFiles, let previous {
                for name in previous.files where content[name] == nil {
                    let path = InputPaths.join(InputPaths.join(briefStore, previous.store), name)
                    if let data = files.contents(atPath: path) {
                        content[name] = String(decoding: data, as: UTF8.self)
                        kept[name] = path
                    }
                }
            }
            let store = "\(entry.date.iso)-\(ContentHash.of(content))"
            if previous?.store != store {
                try writeStore(content, linking: kept, to: InputPaths.join(briefStore, store))
                changed.append("\(entry.brief)/\(entry.date.iso)")
            }
            brief.dates[entry.date.iso] = ArchiveManifest.DateEntry(store: store, bluf: entry.bluf, files: content.keys.sorted())
            manifest.briefs[entry.brief] = brief
        }
        if manifest.briefs == old.briefs, old.generation > 0 {
            return Outcome(changed: [], generation: old.generation)
        }
        manifest.generation = old.generation + 1
        try writeGeneration(manifest)
        try switchTo(manifest)
        removeUnreferenced(manifest)
        return Outcome(changed: changed, generation: manifest.generation)
    }

    static func generationName(_ number: Int) -> String {
        let digits = String(number)
        return "gen-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Writes a stored date folder under a temporary name, then renames it into place.
    func writeStore(_ content: [String: String], linking kept: [String: String], to target: String) throws(WriteFailure) {
        let parent = (target as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw WriteFailure(path: parent, reason: "cannot create the folder")
        }
        if FileManager.default.fileExists(atPath: target) { return }
        let staging = InputPaths.join(parent, ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try DurableFile.makeFolder(staging)
        var done = false
        defer { if !done { try? FileManager.default.removeItem(atPath: staging) } }
        for (name, text) in content.sorted(by: { $0.key < $1.key }) {
            let path = InputPaths.join(staging, name)
            if let source = kept[name], link(source, path) == 0 { continue }
            try DurableFile.write(Data(text.utf8), to: path)
        }
        DurableFile.syncFolder(staging)
        try DurableFile.rename(staging, to: target)
        done = true
        DurableFile.syncFolder(parent)
    }

    /// Stages the whole next generation: per brief its date links, `latest`,
    /// archive page and feed; the index of all briefs; the manifest.
    func writeGeneration(_ manifest: ArchiveManifest) throws(WriteFailure) {
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
            for date in dates {
                try DurableFile.symlink(InputPaths.join("../../../.store/\(id)", brief.dates[date]!.store), at: InputPaths.join(folder, date))
            }
            if let newest = dates.last { try DurableFile.symlink(newest, at: InputPaths.join(folder, "latest")) }
            try DurableFile.write(Data(pages.briefIndex(id).utf8), to: InputPaths.join(folder, "index.html"))
            try DurableFile.write(Data(pages.feed(id).utf8), to: InputPaths.join(folder, "feed.atom"))
            DurableFile.syncFolder(folder)
        }
        try DurableFile.write(Data(pages.index().utf8), to: InputPaths.join(staging, "index.html"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(manifest) } catch { throw WriteFailure(path: staging, reason: "cannot encode the manifest") }
        try DurableFile.write(data, to: InputPaths.join(staging, ArchiveManifest.fileName))
        DurableFile.syncFolder(staging)
        try DurableFile.rename(staging, to: InputPaths.join(archiveFolder, Self.generationName(manifest.generation)))
        done = true
        DurableFile.syncFolder(archiveFolder)
    }

    /// The public names point into `current`; `current` moves in one rename.
    func switchTo(_ manifest: ArchiveManifest) throws(WriteFailure) {
        // A brief seen for the first time gets its public name before the
        // switch: until then it points at nothing and no page lists it.
        for id in manifest.briefs.keys.sorted() {
            try DurableFile.ensureSymlink(".archive/current/\(id)", at: InputPaths.join(root, id))
        }
        try DurableFile.ensureSymlink(".archive/current/index.html", at: InputPaths.join(root, "index.html"))
        let next = InputPaths.join(archiveFolder, ".current-\(getpid())")
        try? FileManager.default.removeItem(atPath: next)
        try DurableFile.symlink(Self.generationName(manifest.generation), at: next)
        try DurableFile.rename(next, to: currentLink)
        DurableFile.syncFolder(archiveFolder)
        DurableFile.syncFolder(root)
    }

    /// Old generations and stored dates nothing points at any more.
    func removeUnreferenced(_ manifest: ArchiveManifest) {
        let files = FileManager.default
        let current = Self.generationName(manifest.generation)
        for name in (try? files.contentsOfDirectory(atPath: archiveFolder)) ?? [] where name.hasPrefix("gen-") && name != current {
            try? files.removeItem(atPath: InputPaths.join(archiveFolder, name))
        }
        for brief in (try? files.contentsOfDirectory(atPath: storeFolder)) ?? [] {
            let used = Set(manifest.briefs[brief]?.dates.values.map(\.store) ?? [])
            let folder = InputPaths.join(storeFolder, brief)
            for name in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where !used.contains(name) && !name.hasPrefix(".") {
                try? files.removeItem(atPath: InputPaths.join(folder, name))
            }
        }
    }

    /// Staging folders of a run that died: safe to remove under the lock.
    func removeLeftovers() {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: archiveFolder)) ?? [] where name.hasPrefix(".tmp-") || name.hasPrefix(".current-") {
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
