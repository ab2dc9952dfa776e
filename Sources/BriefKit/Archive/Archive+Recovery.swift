import Foundation

/// Reading what the archive holds when its own bookkeeping is damaged.
///
/// A run publishes the next generation from the current one's manifest, then
/// removes every stored date the new generation does not name. So a manifest
/// read as empty (unreadable, cut short, edited by hand) or a `current` link
/// that is gone would make that run delete the archive's whole history, and
/// exit 0. Neither is trusted: the generation is read back from what it is
/// made of, its date links and the stored dates' snapshots, and when that
/// cannot be done either the run stops before it changes anything
/// (docs/decisions.md, "A damaged archive is read back, never emptied").
extension Archive {
    /// What the current generation holds, and what had to be repaired to read it.
    struct CurrentGeneration {
        var manifest: ArchiveManifest
        /// One sentence per repair, for the run's log; empty when nothing was damaged.
        var repairs: [String]
    }

    /// The generation numbered by a folder name `gen-NNNNNN`; nil for any other name.
    static func generationNumber(_ name: String) -> Int? {
        guard name.hasPrefix("gen-") else { return nil }
        let digits = name.dropFirst(4)
        guard digits.count >= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 else { return nil }
        return generationName(number) == name ? number : nil
    }

    /// The name of the generation the archive shows: the one `current` names
    /// when that folder exists; otherwise the newest generation there is (one
    /// a first run renamed into place and died before it switched to, or a
    /// link lost by other hands), taken as current rather than removed as a
    /// leftover. Nil for an archive without any generation.
    func currentGenerationName() -> String? {
        let files = FileManager.default
        if let target = try? files.destinationOfSymbolicLink(atPath: currentLink), Self.generationNumber(target) != nil,
           Self.isRealFolder(InputPaths.join(archiveFolder, target)) {
            return target
        }
        let names = (try? files.contentsOfDirectory(atPath: archiveFolder)) ?? []
        return names.compactMap { name in Self.generationNumber(name).map { (number: $0, name: name) } }
            .filter { Self.isRealFolder(InputPaths.join(archiveFolder, $0.name)) }
            .max { $0.number < $1.number }?.name
    }

    /// The current generation's manifest. One that cannot be read, or that
    /// names another generation than the folder it is in, is rebuilt from the
    /// generation itself (`rebuiltManifest`). Throws when that fails too.
    func currentGeneration() throws(WriteFailure) -> CurrentGeneration {
        guard let name = currentGenerationName(), let number = Self.generationNumber(name) else {
            let manifest = try storedDatesWithoutGeneration()
            let count = manifest.briefs.values.reduce(0) { $0 + $1.dates.count }
            return CurrentGeneration(manifest: manifest, repairs: count == 0 ? [] : [
                "\(archiveFolder) holds no generation; the \(count) stored date(s) under \(storeFolder) that have a snapshot were read back from it",
            ])
        }
        var repairs: [String] = []
        let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: currentLink)
        if linked != name {
            let found = linked.map { "points at \($0), " + (Self.generationNumber($0) == nil ? "which is not a generation" : "which is not there") }
            repairs.append("\(currentLink) " + (found ?? "is missing")
                           + "; \(name), the newest generation, is taken as the current one")
        }
        let path = InputPaths.join(InputPaths.join(archiveFolder, name), ArchiveManifest.fileName)
        let problem: String
        if let data = FileManager.default.contents(atPath: path) {
            let bytes = [UInt8](data)
            do throws(JSONReader.Failure) {
                let manifest = try ArchiveManifest(json: bytes)
                if manifest.generation == number { return CurrentGeneration(manifest: manifest, repairs: repairs) }
                problem = "it names generation \(manifest.generation)"
            } catch {
                let (line, column) = error.position(in: bytes)
                problem = "it is not a manifest: \(line):\(column): \(error.message)"
            }
        } else {
            problem = "it is missing or cannot be read"
        }
        let manifest = try rebuiltManifest(of: name, number: number, because: "\(path) cannot be trusted: \(problem)")
        let count = manifest.briefs.values.reduce(0) { $0 + $1.dates.count }
        repairs.append("\(path) cannot be trusted (\(problem)); the generation was read back from its \(count) date link(s) and their stored snapshots")
        return CurrentGeneration(manifest: manifest, repairs: repairs)
    }

    /// The manifest of generation `name` as its folder shows it: per brief
    /// folder, each date link's stored folder, the files in it, and the
    /// summary, title and parties of its snapshot (`brief.json`); no render
    /// keys, so each date is rendered again the next time it is asked for.
    /// Throws, naming the first thing that cannot be read, when any date
    /// cannot be: a generation read back in part would lose the rest.
    func rebuiltManifest(of name: String, number: Int, because cause: String) throws(WriteFailure) -> ArchiveManifest {
        let files = FileManager.default
        let generation = InputPaths.join(archiveFolder, name)
        func failure(_ path: String, _ what: String) -> WriteFailure {
            WriteFailure(path: path, reason: "\(cause), and the generation cannot be read back: \(what); the archive is left as it is")
        }
        guard let ids = try? files.contentsOfDirectory(atPath: generation) else {
            throw failure(generation, "the folder cannot be listed")
        }
        var briefs: [String: ArchiveManifest.BriefEntry] = [:]
        for id in ids.sorted() where Self.isRealFolder(InputPaths.join(generation, id)) {
            let folder = InputPaths.join(generation, id)
            guard let names = try? files.contentsOfDirectory(atPath: folder) else { throw failure(folder, "the folder cannot be listed") }
            var brief = BriefReadBack()
            for date in names.sorted() where Day(iso: date) != nil {
                let link = InputPaths.join(folder, date)
                let prefix = "../../../.store/\(id)/"
                guard let target = try? files.destinationOfSymbolicLink(atPath: link), target.hasPrefix(prefix),
                      case let store = String(target.dropFirst(prefix.count)), store.hasPrefix(date + "-"), !store.contains("/")
                else { throw failure(link, "it is not a link to a stored date of \(id)") }
                do throws(StoredDateFailure) { try brief.add(date, readingBack: store, in: briefStore(id, store)) } catch {
                    throw failure(error.path, error.what)
                }
            }
            briefs[id] = brief.entry
        }
        return ArchiveManifest(generation: number, briefs: briefs)
    }

    /// The stored dates of an archive without any generation, as a manifest
    /// of generation 0. Stored dates exist without one when a first run died
    /// after it renamed them into place and before it renamed its generation
    /// (complete, as anything renamed into place is), or when the
    /// generations were lost: either way they are read back, each from its
    /// snapshot, rather than removed as nothing's. A stored folder without a
    /// readable snapshot cannot say what it holds, and is left to be removed
    /// as before. Two folders for one brief's date cannot both be its date,
    /// and which one is cannot be told: the run stops.
    func storedDatesWithoutGeneration() throws(WriteFailure) -> ArchiveManifest {
        let files = FileManager.default
        var briefs: [String: ArchiveManifest.BriefEntry] = [:]
        for id in ((try? files.contentsOfDirectory(atPath: storeFolder)) ?? []).sorted() where !id.hasPrefix(".") {
            let folder = InputPaths.join(storeFolder, id)
            var brief = BriefReadBack()
            for store in ((try? files.contentsOfDirectory(atPath: folder)) ?? []).sorted() where !store.hasPrefix(".") {
                let date = String(store.prefix(10))
                guard Day(iso: date) != nil, store.count == 27, store.dropFirst(10).first == "-",
                      store.dropFirst(11).allSatisfy(\.isHexDigit) else { continue }
                let other = brief.dates[date]
                // One without a snapshot of this brief cannot say what it holds.
                guard (try? brief.add(date, readingBack: store, in: InputPaths.join(folder, store), of: id)) != nil else { continue }
                if let other {
                    throw WriteFailure(path: folder, reason: "\(archiveFolder) holds no generation, and the stored dates cannot be read back: "
                                       + "\(other.store) and \(store) are both \(id) on \(date); the archive is left as it is")
                }
            }
            briefs[id] = brief.entry
        }
        return ArchiveManifest(generation: 0, briefs: briefs)
    }

    /// Why a stored date cannot be read back: the path, and what is wrong with it.
    struct StoredDateFailure: Error {
        var path: String
        var what: String
    }

    /// A brief's dates as they are read back, one stored folder at a time.
    struct BriefReadBack {
        private(set) var dates: [String: ArchiveManifest.DateEntry] = [:]
        private var newest: (date: String, snapshot: Brief)?

        /// Reads back the stored date `store` in `folder`: the files in it,
        /// and its snapshot's summary (the title and parties of the newest
        /// date stand for the brief's). With `id`, a snapshot of another
        /// brief is refused. No render key: the date is rendered again the
        /// next time it is asked for.
        mutating func add(_ date: String, readingBack store: String, in folder: String, of id: String? = nil) throws(StoredDateFailure) {
            let files = FileManager.default
            guard let listed = try? files.contentsOfDirectory(atPath: folder) else {
                throw StoredDateFailure(path: folder, what: "the stored date is missing")
            }
            let path = InputPaths.join(folder, "brief.json")
            guard let data = files.contents(atPath: path) else { throw StoredDateFailure(path: path, what: "the snapshot is missing") }
            let snapshot: Brief
            do throws(Brief.ReadFailure) { snapshot = try Brief(snapshot: data) } catch {
                throw StoredDateFailure(path: path, what: "the snapshot cannot be read (\(error.description))")
            }
            if let id, snapshot.brief != id { throw StoredDateFailure(path: path, what: "the snapshot is of \(snapshot.brief)") }
            dates[date] = ArchiveManifest.DateEntry(store: store, bluf: snapshot.bluf,
                                                    files: listed.filter { !$0.hasPrefix(".") }.sorted(), renderedBy: nil)
            if newest.map({ $0.date < date }) ?? true { newest = (date, snapshot) }
        }

        /// The brief's entry; nil when no date was read back.
        var entry: ArchiveManifest.BriefEntry? {
            newest.map { ArchiveManifest.BriefEntry(title: $0.snapshot.title, parties: $0.snapshot.parties, dates: dates) }
        }
    }

    /// A folder, not a link to one.
    static func isRealFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
