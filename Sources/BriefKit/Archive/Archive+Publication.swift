import Foundation
import Synchronization

extension Archive {
    /// One run's update of the archive, begun under the lock. Each brief's
    /// date is stored (`store`) as soon as it is rendered, by whichever
    /// thread rendered it, so that no run holds every brief's files until
    /// its end: its files are written into a folder under a temporary name,
    /// handed to the disk without waiting, and only the small `StoredEntry`
    /// is kept. `publish` flushes those folders, renames them to their
    /// content-addressed names, in the briefs' order, then writes the next
    /// generation and switches to it.
    ///
    /// Until that switch nothing the archive shows has changed: no generation
    /// points at what was stored. A run that does not publish calls `abandon`,
    /// which removes every folder it created; a run killed before either
    /// leaves temporary or unreferenced folders that the next run removes.
    public final class Publication: Sendable {
        public let archive: Archive
        /// The current generation's manifest when the run began: what every
        /// brief's date is compared with, and what is read for reuse.
        let old: ArchiveManifest
        /// What was found damaged in the archive's bookkeeping and read back
        /// another way (`Archive.currentGeneration`), one sentence each: for the run's log.
        public let repairs: [String]
        /// Paths this run created, in order; removed, last first, by
        /// `abandon`, and forgotten once the new generation is current.
        private let created = Mutex<[String]>([])

        /// Creates the archive's folders if need be and clears what a run
        /// that died left behind. The caller holds the lock.
        public init(_ archive: Archive) throws(WriteFailure) {
            self.archive = archive
            do { try FileManager.default.createDirectory(atPath: archive.root, withIntermediateDirectories: true) } catch {
                throw WriteFailure(path: archive.root, reason: "cannot create the folder")
            }
            var made: [String] = []
            do throws(WriteFailure) {
                try archive.makeFolder(archive.archiveFolder, created: &made)
                try archive.makeFolder(archive.storeFolder, created: &made)
            } catch {
                for path in made.reversed() { try? FileManager.default.removeItem(atPath: path) }
                throw error
            }
            created.withLock { $0 = made }
            let current: CurrentGeneration
            do throws(WriteFailure) { current = try archive.currentGeneration() } catch {
                for path in made.reversed() { try? FileManager.default.removeItem(atPath: path) }
                throw error
            }
            archive.removeLeftovers()
            old = current.manifest
            repairs = current.repairs
        }

        // MARK: - Reading what is published

        /// The dates stored for a brief, oldest first.
        public func dates(of brief: String) -> [Day] {
            (old.briefs[brief]?.dates.keys.compactMap(Day.init(iso:)) ?? []).sorted()
        }

        /// The folder under `.store/<brief>/` a brief's date is stored in,
        /// named by its content; nil when the date is not in the archive.
        public func storedFolder(of brief: String, on day: Day) -> String? {
            old.briefs[brief]?.dates[day.iso]?.store
        }

        /// A stored file of a brief on a date (`brief.json`), if there is one.
        public func file(_ name: String, of brief: String, on day: Day) -> Data? {
            guard let entry = old.briefs[brief]?.dates[day.iso] else { return nil }
            return FileManager.default.contents(atPath: InputPaths.join(archive.briefStore(brief, entry.store), name))
        }

        /// The date as it is stored, if the current generation says its files
        /// were rendered from `key` and its folder still holds what its name
        /// says (each file read a piece at a time, never held): what rendering
        /// again would give, kept instead. Nil otherwise.
        public func reuse(_ brief: String, title: String, parties: [String], on day: Day, bluf: String,
                          renderedBy key: String) -> StoredEntry? {
            guard let entry = old.briefs[brief]?.dates[day.iso], entry.renderedBy == key else { return nil }
            let folder = archive.briefStore(brief, entry.store)
            var hash = ContentHash()
            for name in entry.files.sorted() {
                hash.add(name.utf8)
                guard hash.addFile(at: InputPaths.join(folder, name)) else { return nil }
            }
            // The folder is named by its content: a file changed since is not
            // reused. (One named by the hash before, FNV-1a, was rendered by
            // another program, so its render key never matches.)
            guard entry.store == "\(day.iso)-\(hash.hex)" else { return nil }
            return StoredEntry(brief: brief, title: title, parties: parties, date: day, bluf: bluf, store: entry.store,
                               files: entry.files.sorted(), renderedBy: key, changed: false)
        }

        // MARK: - Storing

        /// Writes a brief's date into the store under a temporary name, unless
        /// a folder of the same content is there already, and returns what
        /// publishing it needs. Safe to call from several threads at once for
        /// different briefs. The entry's files are not kept: once this
        /// returns, the caller's copy is the last one.
        public func store(_ entry: Entry) throws(WriteFailure) -> StoredEntry {
            let previous = old.briefs[entry.brief]?.dates[entry.date.iso]
            let briefStore = InputPaths.join(archive.storeFolder, entry.brief)
            var content = entry.files
            var kept: [String: String] = [:]
            if entry.keepOtherFiles, let previous {
                for name in previous.files where content[name] == nil {
                    let path = InputPaths.join(InputPaths.join(briefStore, previous.store), name)
                    if let data = FileManager.default.contents(atPath: path) {
                        content[name] = String(decoding: data, as: UTF8.self)
                        kept[name] = path
                    }
                }
            }
            var store = "\(entry.date.iso)-\(ContentHash.of(content))"
            if let previous, previous.store != store, previous.store == "\(entry.date.iso)-\(ContentHash.of(content, .fnv1a))" {
                // The same files, stored before folders were named by this
                // hash: kept under their name, and the date unchanged.
                store = previous.store
            }
            let target = InputPaths.join(briefStore, store)
            var changed = false
            var staged: StoredEntry.Staged?
            if previous?.store != store {
                try created.withLock { (paths) throws(WriteFailure) in try archive.makeFolder(briefStore, created: &paths) }
                // The same files stored by a run that died before publishing them are kept as they are.
                if !Archive.folder(target, holdsExactly: content) {
                    staged = StoredEntry.Staged(path: try stage(content, linking: kept, beside: target), isNew: true)
                }
                changed = true
            } else if kept.isEmpty, !Archive.folder(target, holdsExactly: content) {
                // The stored folder no longer holds what its name says (a file
                // edited or damaged since): written again, under the same name,
                // with what was just rendered. Not undone if the run fails once
                // it is in place: it is right either way, and the old contents were wrong.
                staged = StoredEntry.Staged(path: try stage(content, linking: [:], beside: target), isNew: false)
                changed = true
            }
            return StoredEntry(brief: entry.brief, title: entry.title, parties: entry.parties, date: entry.date, bluf: entry.bluf,
                               store: store, files: content.keys.sorted(), renderedBy: kept.isEmpty ? entry.renderedBy : nil,
                               changed: changed, staged: staged)
        }

        /// `Archive.stage`, noted so that `abandon` removes the folder.
        private func stage(_ content: [String: String], linking kept: [String: String], beside target: String) throws(WriteFailure) -> String {
            let staging = try archive.stage(content, linking: kept, beside: target)
            created.withLock { $0.append(staging) }
            return staging
        }

        // MARK: - Publishing

        /// Renames the folders `store` wrote to their stored names, writes
        /// the next generation over `entries` (every date this run stored or
        /// reused) and switches to it in one rename. If it fails, everything
        /// the run created is removed.
        @discardableResult
        public func publish(_ entries: [StoredEntry]) throws(WriteFailure) -> Outcome {
            do throws(WriteFailure) {
                let outcome = try switchToNewGeneration(entries)
                created.withLock { $0 = [] }
                return outcome
            } catch {
                abandon()
                throw error
            }
        }

        /// Removes every folder and public name this run created, last first:
        /// the archive as the run found it. Nothing once `publish` succeeded.
        public func abandon() {
            let paths = created.withLock { paths in
                defer { paths = [] }
                return paths
            }
            for path in paths.reversed() {
                let parent = (path as NSString).deletingLastPathComponent
                if (parent as NSString).deletingLastPathComponent == archive.storeFolder,
                   !(path as NSString).lastPathComponent.hasPrefix(".tmp-") {
                    // A stored date is renamed aside first: a removal cut short
                    // never leaves half a folder under a name a later run could take for whole.
                    archive.discard(path)
                } else {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
        }

        private func switchToNewGeneration(_ entries: [StoredEntry]) throws(WriteFailure) -> Outcome {
            let entries = entries.sorted(by: { ($0.brief, $0.date) < ($1.brief, $1.date) })
            // Every stored folder is flushed, then renamed into place here, in
            // the briefs' order and on one thread, as the steps after it are: a
            // run makes its changes in the same order whatever the schedule of
            // its workers.
            try archive.flush(staged: entries.compactMap { $0.staged?.path })
            for entry in entries {
                guard let staged = entry.staged else { continue }
                let target = archive.briefStore(entry.brief, entry.store)
                try archive.place(staged.path, at: target)
                created.withLock { paths in
                    paths.removeAll { $0 == staged.path }
                    if staged.isNew { paths.append(target) }
                }
            }
            var manifest = old
            var changed: [String] = []
            for entry in entries {
                var brief = manifest.briefs[entry.brief] ?? ArchiveManifest.BriefEntry(title: entry.title, parties: entry.parties, dates: [:])
                brief.title = entry.title
                brief.parties = entry.parties
                brief.dates[entry.date.iso] = ArchiveManifest.DateEntry(store: entry.store, bluf: entry.bluf, files: entry.files,
                                                                        renderedBy: entry.renderedBy)
                manifest.briefs[entry.brief] = brief
                if entry.changed { changed.append("\(entry.brief)/\(entry.date.iso)") }
            }
            // A repaired archive always gets a new generation: its manifest
            // and its `current` link are then whole again.
            if manifest.briefs == old.briefs, old.generation > 0, repairs.isEmpty {
                // Nothing to publish; still clear what a run that died stored and never published.
                archive.removeUnreferenced(old)
                return Outcome(changed: [], generation: old.generation)
            }
            manifest.generation = old.generation + 1
            try archive.writeGeneration(manifest, previous: old)
            let generation = InputPaths.join(archive.archiveFolder, Archive.generationName(manifest.generation))
            created.withLock { $0.append(generation) }
            try created.withLock { (paths) throws(WriteFailure) in try archive.switchTo(manifest, created: &paths) }
            archive.removeUnreferenced(manifest)
            return Outcome(changed: changed, generation: manifest.generation)
        }
    }
}
