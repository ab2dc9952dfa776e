import CBriefSystem
import Foundation
import Synchronization

/// Everything a run reads: the dataset, the brief definitions, and every
/// problem found in them, sorted. Loading never stops at the first problem.
public struct Inputs: Sendable {
    public var dataset: Dataset
    public var definitions: [BriefDefinition]
    public var diagnostics: [Diagnostic]
    /// How many dataset files were read.
    public var fileCount: Int
    /// Each dataset file in path order, with where its records lie in the
    /// dataset's lists: what a run state (`RunState`) is made of.
    public var files: [LoadedFile] = []

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}

/// A folder or file the command was pointed at does not exist (exit 66).
public struct MissingInput: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var what: String

    public var description: String { "\(path): error: no such \(what)" }
}

/// Where the inputs are: `--briefs` (default `./Briefs`) and `--data`
/// (default `<briefs>/data`).
public struct InputPaths: Sendable, Hashable {
    public var briefs: String
    public var data: String

    public init(briefs: String? = nil, data: String? = nil) {
        let briefs = briefs ?? "Briefs"
        self.briefs = briefs
        self.data = data ?? InputPaths.join(briefs, "data")
    }

    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

public enum InputLoader {
    /// The built-in formats, known before any template folder is read.
    public static let builtInFormats = Set(BriefDefinition.builtInFormats)

    /// Loads and validates the dataset and every brief definition; with a
    /// `cache`, files unchanged since a run that used it are not parsed again.
    /// `stages`, when given, hears how long each step took (for `brief-bench stages`).
    ///
    /// `alongside`, where given, is called with the dataset once it is read,
    /// on another thread while the dataset is validated, and has returned
    /// when this does: work on the dataset that would otherwise wait for the
    /// validation, done while it leaves a core idle. Its result must not be
    /// used unless the inputs have no errors.
    public static func load(_ paths: InputPaths, knownFormats: Set<String> = builtInFormats, cache: ParseCache? = nil,
                            stages: ((_ stage: String, _ took: Duration) -> Void)? = nil,
                            alongside: (@Sendable (Dataset) -> Void)? = nil) throws(MissingInput) -> Inputs {
        let clock = ContinuousClock()
        var lap = clock.now
        func stage(_ name: String) {
            let now = clock.now
            stages?(name, now - lap)
            lap = now
        }
        let dataFiles = try DatasetFolder.files(in: paths.data, recursive: true)
        let briefFiles = try DatasetFolder.files(in: paths.briefs, recursive: false)

        var diagnostics = (dataFiles.ignored + briefFiles.ignored).map {
            Diagnostic.warning(SourceLocation(file: $0, line: 1, column: 1), "not read: dataset files end in '.yaml'")
        } + dataFiles.problems + briefFiles.problems
        // `alongside` starts as soon as the dataset has its lookups, while
        // the table of declared ids is still being built: that table took a
        // tenth of a second longer than the lookups at 1,000,000 records,
        // with one core idle.
        let beside = DispatchGroup()
        var indexed: ((Dataset) -> Void)?
        if let alongside {
            indexed = { (dataset: Dataset) in
                DispatchQueue.global(qos: .userInitiated).async(group: beside) { alongside(dataset) }
            }
        }
        let loaded = loadDataset(files: dataFiles.yaml, sizes: dataFiles.sizes, cache: cache, declaring: true, indexed: indexed)
        let dataset = loaded.dataset
        var uses = loaded.uses
        diagnostics += loaded.diagnostics
        stage("read, decode and merge the dataset files (parallel)")

        let (definitions, definitionUses) = readDefinitions(briefFiles.yaml, into: &diagnostics)
        uses += definitionUses
        diagnostics += DatasetValidator.validate(dataset, declared: loaded.declared, ids: loaded.ids, uses: uses, definitions: definitions,
                                                 knownFormats: knownFormats)
        beside.wait()
        stage("read the brief definitions, validate across files")
        releaseFreedMemory()
        return Inputs(dataset: dataset, definitions: definitions, diagnostics: diagnostics.sorted(), fileCount: dataFiles.yaml.count,
                      files: loaded.files)
    }

    /// The whole dataset a partial load (`PartialLoader`) found free of
    /// errors, read by the keys it took (from the cache, not from the files)
    /// and not validated again. Nil when a file is no longer the one its key
    /// names: its bytes changed since, and the dataset must be loaded and
    /// validated as usual.
    public static func load(checked partial: PartialInputs, cache: ParseCache) -> Inputs? {
        let loaded = loadDataset(files: partial.paths, sizes: partial.sizes, cache: cache, keys: partial.keys)
        guard loaded.files.map(\.key) == partial.keys.map(Optional.some) else { return nil }
        releaseFreedMemory()
        return Inputs(dataset: loaded.dataset, definitions: partial.definitions, diagnostics: loaded.diagnostics.sorted(),
                      fileCount: loaded.files.count, files: loaded.files)
    }

    /// The brief definitions in `paths` (one file per brief, named by its
    /// id), with the references they make; their problems go to `diagnostics`.
    static func readDefinitions(_ paths: [String], into diagnostics: inout [Diagnostic]) -> ([BriefDefinition], [ReferenceUse]) {
        var definitions: [BriefDefinition] = []
        var uses: [ReferenceUse] = []
        for path in paths {
            let id = String(path.split(separator: "/").last!.dropLast(".yaml".count))
            let (definition, problems, definitionUses) = BriefDefinitionFile.read(bytes: DatasetFolder.bytes(of: path, into: &diagnostics), path: path, id: id)
            diagnostics += problems
            uses += definitionUses
            if let definition { definitions.append(definition) }
        }
        return (definitions, uses)
    }

    /// Gives back to the system the memory loading freed: the files' tapes
    /// and records (read on several threads, each with its own malloc arena),
    /// the declarations and lookups of validation. glibc keeps freed memory
    /// for reuse, in pieces that the as-of view and the briefs, made next, do
    /// not fit in; without this a run holds it to the end, on top of theirs.
    private static func releaseFreedMemory() {
        brief_release_freed_memory()
    }

    /// Files read in parallel before their records are merged: enough to keep
    /// every core busy between merges, few enough that a large dataset is never
    /// held twice (once per file, once merged) at the peak of memory.
    static let batchSize = 64

    /// Reads the files (in parallel, a batch at a time) and merges them, in
    /// path order, with the shipped vocabulary. Merging is one thread's work:
    /// each batch is merged while the next one is read, so that it overlaps
    /// the reading instead of leaving the other cores idle after every batch.
    /// At most one batch waits to be merged while another is read.
    ///
    /// With `keys` (and a cache), the file at each path is the one whose
    /// bytes had that key: its cache entry, without reading the file, or the
    /// file parsed if its bytes still have the key. A file whose bytes no
    /// longer have it is read as it is now, under its new key.
    /// `sizes` (bytes, by path), where known, picks the files read first
    /// (`readFirst`). With `declaring`, the table of declared ids the
    /// validator needs is built too, beside the dataset's own lookups.
    /// `indexed` is given the merged dataset as soon as its lookups are
    /// built, before that table is done.
    static func loadDataset(files: [String], sizes: [String: Int] = [:], cache: ParseCache? = nil,
                            keys known: [SHA256.Digest]? = nil, declaring: Bool = false,
                            indexed: ((Dataset) -> Void)? = nil) -> MergedDataset {
        let stage = MergeStage()
        stage.merger.withLock { $0.add(ShippedVocabulary.file, key: nil, listed: false) }
        // The file at `index`, decoded (from the cache where it can be), with its key.
        let readFile: @Sendable (Int) -> (DatasetFile, SHA256.Digest?) = { index in
            let path = files[index]
            // The ids references name are shared here, on every core, rather
            // than on the merging thread: as they are read, or as they come
            // from the cache.
            if let known, let cache, let file = cache.file(path: path, key: known[index], sharing: stage.referencedIDs) {
                return (file, known[index])
            }
            var readProblems: [Diagnostic] = []
            let bytes = DatasetFolder.bytes(of: path, into: &readProblems)
            // A file that could not be read is not cached: its error is not in its bytes.
            if let cache, readProblems.isEmpty {
                return cache.file(path: path, bytes: bytes, sharing: stage.referencedIDs)
            }
            var file = DatasetFile.read(bytes: bytes, path: path, sharing: stage.referencedIDs)
            file.diagnostics += readProblems
            return (file, nil)
        }
        // The largest files start at once, beside the batches, and wait for
        // their turn to be merged.
        let first = readFirst(files, sizes: sizes)
        let readEarly = Mutex<[Int: (DatasetFile, SHA256.Digest?)]>([:])
        // One group each, so that a batch waits for its own large files only.
        let early = Dictionary(uniqueKeysWithValues: first.map { ($0, DispatchGroup()) })
        for index in first {
            DispatchQueue.global(qos: .userInitiated).async(group: early[index]) {
                let result = readFile(index)
                readEarly.withLock { $0[index] = result }
            }
        }
        let merging = DispatchQueue(label: "brief.merge")
        let pending = DispatchGroup()
        // Each batch's files are asked of the disk while the batch before
        // is read (the first two at once). Files named by their keys are
        // mostly read from the cache's entries instead.
        let readAhead = known == nil ? ReadAhead(files) : nil
        for start in stride(from: 0, to: files.count, by: batchSize) {
            let batch = start..<min(start + batchSize, files.count)
            readAhead?.reading(upTo: batch.upperBound + batchSize)
            let results = Mutex<[DatasetFile?]>(Array(repeating: nil, count: batch.count))
            let keys = Mutex<[SHA256.Digest?]>(Array(repeating: nil, count: batch.count))
            DispatchQueue.concurrentPerform(iterations: batch.count) { offset in
                guard !first.contains(batch.lowerBound + offset) else { return }
                let (file, key) = readFile(batch.lowerBound + offset)
                keys.withLock { $0[offset] = key }
                results.withLock { $0[offset] = file }
            }
            for index in first where batch.contains(index) {
                early[index]?.wait()
                // Read by now; were it not, it is read here rather than left out.
                let (file, key) = readEarly.withLock { $0.removeValue(forKey: index) } ?? readFile(index)
                keys.withLock { $0[index - batch.lowerBound] = key }
                results.withLock { $0[index - batch.lowerBound] = file }
            }
            // Taken out of the lock, so that each file is freed once merged.
            let read = results.withLock { files in
                defer { files = [] }
                return files
            }
            // The previous batch's merge is over before this one is handed on.
            pending.wait()
            // Handed over through the stage, not captured: a batch the
            // closure captured would be held by it while being merged, and
            // every file's records, shared by two owners, would be copied
            // (a retain of each field) rather than moved into the dataset.
            stage.handOver(read)
            let batchKeys = keys.withLock { $0 }
            // After the first batch, the lists are made room for the whole
            // dataset, by the bytes read so far against all of them: grown
            // by doubling instead, each list was moved whole a dozen times.
            let scale = start == 0 && batch.upperBound < files.count ? Self.growth(files, readUpTo: batch.upperBound, sizes: sizes) : nil
            merging.async(group: pending) {
                var read = stage.takeBatch()
                stage.merger.withLock { merger in
                    for offset in read.indices {
                        if let file = read[offset].take() { merger.add(file, key: batchKeys[offset]) }
                    }
                    if let scale { merger.reserve(scale: scale) }
                }
            }
        }
        pending.wait()
        return stage.merger.withLock { merger in
            let merged = merger
            merger = DatasetMerger()
            return merged.finish(declaring: declaring, indexed: indexed)
        }
    }


    /// How many times the records of the files before `end` all the files
    /// will hold, by their sizes, with a tenth to spare; nil without sizes.
    static func growth(_ files: [String], readUpTo end: Int, sizes: [String: Int]) -> Double? {
        let read = files[..<end].reduce(0) { $0 + (sizes[$1] ?? 0) }
        let all = files.reduce(0) { $0 + (sizes[$1] ?? 0) }
        guard read > 0, all > read else { return nil }
        return 1.1 * Double(all) / Double(read)
    }

    /// The files much larger than the others (four times the mean size, and
    /// 64 KiB at least; an actors' file, a long transcript), largest first.
    /// Read in its batch, such a file kept one core busy long after the
    /// other had read the rest of the batch: at a million records, the
    /// actors' file alone took a third of a second, on one core, at the end.
    static func readFirst(_ files: [String], sizes: [String: Int]) -> [Int] {
        guard !sizes.isEmpty, files.count > 1 else { return [] }
        let total = files.reduce(0) { $0 + (sizes[$1] ?? 0) }
        let threshold = max(4 * total / files.count, 64 * 1024)
        return files.indices.filter { (sizes[files[$0]] ?? 0) >= threshold }
            .sorted { (sizes[files[$0]] ?? 0, $1) > (sizes[files[$1]] ?? 0, $0) }
    }
}

/// The merger, handed from the reading thread to the merging one.
private final class MergeStage: Sendable {
    let merger = Mutex(DatasetMerger())
    let referencedIDs = ReferencedIDs()
    /// The batch read last, until the merging thread takes it.
    private let batch = Mutex<[DatasetFile?]>([])

    func handOver(_ files: consuming [DatasetFile?]) {
        batch.withLock { $0 = files }
    }

    /// The batch, left to its caller alone.
    func takeBatch() -> [DatasetFile?] {
        batch.withLock { files in
            defer { files = [] }
            return files
        }
    }
}

/// Gathers the files' records, declarations, references and diagnostics into
/// one dataset, a file at a time, in the order given (path order): the result
/// does not depend on the order the folder listed them in.
struct DatasetMerger {
    private var dataset = Dataset()
    private var declared: [DeclaredID] = []
    private var uses: [ReferenceUse] = []
    private var diagnostics: [Diagnostic] = []
    private var files: [LoadedFile] = []
    private static let location = SourceLocation(file: "", line: 0, column: 0)
    private static let date = EDTFDate(day: Day(year: 2000, month: 1, day: 1)!)
    private static let reference = Reference("", at: location)

    /// Moves the file's records to the end of the dataset's lists
    /// (`appendMoving`): copying them cost a retain of every field of every
    /// record, and a release of each when the file was freed.
    mutating func add(_ file: consuming DatasetFile, key: SHA256.Digest?, listed: Bool = true) {
        let (location, date, reference) = (Self.location, Self.date, Self.reference)
        if listed {
            files.append(LoadedFile(path: file.path, key: key, start: LoadedFile.Counts(of: dataset),
                                    declaresShared: !file.actors.isEmpty || !file.vocabulary.isEmpty || !file.extensions.isEmpty))
        }
        dataset.actors += file.actors
        dataset.sources.appendMoving(&file.sources, filler: Source(id: "", title: "", published: date, origin: location))
        dataset.events.appendMoving(&file.events, filler: Event(id: "", date: date, type: "", title: "", sources: [], origin: location))
        dataset.quotes.appendMoving(&file.quotes, filler: Quote(id: "", speaker: reference, text: "", date: date, sources: [], origin: location))
        dataset.commitments.appendMoving(&file.commitments,
                                         filler: Commitment(id: "", by: [], kind: .pledge, text: "", made: date, sources: [], origin: location))
        dataset.updates.appendMoving(&file.updates,
                                     filler: Update(id: "", commitment: reference, date: date, status: .open, sources: [], origin: location))
        dataset.vocabulary += file.vocabulary
        if !file.extensions.isEmpty { dataset.extensions[file.path] = file.extensions }
        declared.appendMoving(&file.declared, filler: DeclaredID(id: "", kind: .event, location: location))
        uses += file.uses
        diagnostics += file.diagnostics
        if listed { files[files.count - 1].end = LoadedFile.Counts(of: dataset) }
    }

    /// Makes room in every list for `scale` times what it holds.
    mutating func reserve(scale: Double) {
        func room<Element>(_ list: inout [Element]) {
            list.reserveCapacity(Int((Double(list.count) * scale).rounded(.up)))
        }
        room(&dataset.actors)
        room(&dataset.sources)
        room(&dataset.events)
        room(&dataset.quotes)
        room(&dataset.commitments)
        room(&dataset.updates)
        room(&declared)
        room(&files)
    }

    /// The dataset with its lookups; with `declaring`, the table of declared
    /// ids, built at the same time on another core: both are a pass over
    /// every id, each on one core. `indexed` is given the dataset once its
    /// lookups are built, while the table may still be in the making.
    consuming func finish(declaring: Bool = false, indexed: ((Dataset) -> Void)? = nil) -> MergedDataset {
        var ids: DeclaredIDs?
        if declaring {
            let (declared, actors, sources) = (self.declared, dataset.actors, dataset.sources)
            let built = Mutex<DeclaredIDs?>(nil)
            let group = DispatchGroup()
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                let table = DeclaredIDs(declared, actors: actors, sources: sources)
                built.withLock { $0 = table }
            }
            dataset.reindex()
            indexed?(dataset)
            group.wait()
            ids = built.withLock { $0 }
        } else {
            dataset.reindex()
            indexed?(dataset)
        }
        return MergedDataset(dataset: dataset, declared: declared, uses: uses, diagnostics: diagnostics, files: files, ids: ids)
    }
}

/// What `InputLoader.loadDataset` read: the merged dataset, every id its
/// records declared, every reference they make, the files' problems, and
/// where each file's records are.
struct MergedDataset: Sendable {
    var dataset: Dataset
    var declared: [DeclaredID]
    var uses: [ReferenceUse]
    var diagnostics: [Diagnostic]
    var files: [LoadedFile]
    /// The table of `declared`, when the load was asked to build it.
    var ids: DeclaredIDs?
}

extension Array {
    /// Appends the elements of `other`, moved rather than copied, and empties
    /// it. Each moved place in `other` is given a copy of `filler` before it
    /// is freed: a value of empty fields, which costs no reference count.
    mutating func appendMoving(_ other: inout [Element], filler: Element) {
        // Unique here: were it not, this would move from a copy, and the original would stay whole.
        other.withUnsafeMutableBufferPointer { part in
            guard let base = part.baseAddress, !part.isEmpty else { return }
            append(contentsOf: MovedElements(base: base, count: part.count, filler: filler))
        }
        other = []
    }
}

/// The elements at `base`, moved out as they are appended to a list: the
/// list copies its new elements through `_copyContents`, which here moves
/// them in one go into the room the list made for `underestimatedCount`;
/// any that did not fit are moved one by one through the iterator.
private struct MovedElements<Element>: Sequence {
    let base: UnsafeMutablePointer<Element>
    let count: Int
    let filler: Element

    struct Iterator: IteratorProtocol {
        var position: Int
        let count: Int
        let base: UnsafeMutablePointer<Element>
        let filler: Element

        mutating func next() -> Element? {
            guard position < count else { return nil }
            let element = (base + position).move()
            (base + position).initialize(to: filler)
            position += 1
            return element
        }
    }

    var underestimatedCount: Int { count }

    func makeIterator() -> Iterator {
        Iterator(position: 0, count: count, base: base, filler: filler)
    }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (Iterator, Int) {
        let moved = Swift.min(buffer.count, count)
        if moved > 0, let to = buffer.baseAddress {
            to.moveInitialize(from: base, count: moved)
            base.initialize(repeating: filler, count: moved)
        }
        return (Iterator(position: moved, count: count, base: base, filler: filler), moved)
    }
}
