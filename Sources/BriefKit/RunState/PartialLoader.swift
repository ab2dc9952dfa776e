import Foundation
import Synchronization

/// What a run reads when a run state says what the dataset was: the files
/// that changed, and only the unchanged ones the change needs
/// (docs/performance.md, "Reading only what changed").
public struct PartialInputs: Sendable {
    /// Every actor and the vocabulary (the files that declare them), the
    /// changed and new files, and the unchanged files the change needs.
    public var dataset: Dataset
    public var definitions: [BriefDefinition]
    /// Which briefs the change reaches.
    public var change: DatasetChange
    /// The run state's entries of the whole dataset as it is now, in path
    /// order; empty when the state is of another day (every brief is then
    /// analysed, and the state made from the whole dataset).
    public var stateFiles: [RunState.File]
    /// The dataset's files in path order, and the key of each as it was read.
    public var paths: [String]
    public var keys: [[UInt8]]
    /// The size of each file as listed: the whole load reads the largest
    /// first and makes room for every record after its first batch, as a
    /// load from the listing does.
    public var sizes: [String: Int]
    /// How many of the files were read.
    public var readCount: Int
}

/// Reads what changed since a run state, proves that the change adds no
/// error to a dataset the state's run found free of them, and works out
/// which briefs it reaches, without decoding the rest.
///
/// The state exists only after a run that published, so the dataset it
/// describes had no error. Whether a dataset has errors does not depend on
/// the day, so this holds for a state of any day, the desk's run of the day
/// before among them; only which briefs the change reaches does, and a
/// state of another day reaches every brief (`DatasetChange`). A change can only bring one where the changed
/// files declare or name records, or where a record they removed was named.
/// Every such place is either checked exactly, with the records involved
/// read from their files, or makes the run load the whole dataset
/// (`fallback`), whose validation then gives a full run's messages:
///
/// - the changed files are read and checked on their own, as always;
/// - every id they declare is looked for, under every kind, among the hashes
///   of the records the other files declare; a file that may declare it is
///   read, and the ids are checked for repeats exactly;
/// - every record they name (actors aside: the files that declare actors are
///   always read) is looked for the same way and its file read, and every
///   reference is checked exactly as the whole validation checks it; a name
///   no file may declare falls back;
/// - a record the old versions declared and the new ones do not, that
///   another file names, falls back;
/// - every update read is checked against its commitment's date, and the
///   files naming a changed commitment are read for that;
/// - actors, vocabulary, top-level `x-` keys, brief definitions, or a folder
///   that cannot be listed: any change falls back.
///
/// What the validation warns about is not checked: `daily`, the only caller,
/// reports the data's problems only when there are errors.
public enum PartialLoader {
    public enum Outcome: Sendable {
        case loaded(PartialInputs)
        /// Why the whole dataset must be loaded instead.
        case fallback(String)
    }

    /// More changed files than this: the whole dataset is loaded.
    public static let maximumChanged = 256

    public static func load(_ paths: InputPaths, knownFormats: Set<String> = InputLoader.builtInFormats, cache: ParseCache,
                            state: RunState, day: Day, maximumChanged: Int = maximumChanged) -> Outcome {
        guard let dataFiles = try? DatasetFolder.files(in: paths.data, recursive: true),
              let briefFiles = try? DatasetFolder.files(in: paths.briefs, recursive: false),
              !(dataFiles.problems + briefFiles.problems).contains(where: \.isError)
        else { return .fallback("a folder cannot be read") }
        let listed = dataFiles.yaml

        // Every file's key, on all cores; the bytes only of what is read.
        var statePosition: [String: Int] = [:]
        for (position, file) in state.files.enumerated() { statePosition[file.path] = position }
        let keys = keys(of: listed, cache: cache)
        var changed: [Int] = [], unchanged: [Int: Int] = [:]
        for (index, key) in keys.enumerated() {
            guard let key else { return .fallback("a file cannot be read") }
            if let position = statePosition[listed[index]], state.files[position].key == key {
                unchanged[index] = position
            } else {
                changed.append(index)
            }
        }
        let keptPositions = Set(unchanged.values)
        // The old versions of the changed files, and the removed files.
        let gone = state.files.indices.filter { !keptPositions.contains($0) }.map { state.files[$0] }
        guard !gone.contains(where: \.declaresShared) else { return .fallback("actors, vocabulary or x- keys changed") }
        guard changed.count <= maximumChanged else { return .fallback("\(changed.count) files changed") }

        // The changed files, and those that declare actors and vocabulary.
        var read: [Int: DatasetFile] = [:]
        let shared = unchanged.filter { state.files[$0.value].declaresShared }.map(\.key)
        guard let first = decode(changed + shared, of: listed, keys: keys, cache: cache) else { return .fallback("a file changed while read") }
        for (index, file) in first { read[index] = file }
        for index in changed {
            let file = read[index]!
            if !file.actors.isEmpty || !file.vocabulary.isEmpty || !file.extensions.isEmpty {
                return .fallback("actors, vocabulary or x- keys changed")
            }
            if !file.uses.isEmpty || file.diagnostics.contains(where: \.isError) { return .fallback("a changed file has errors") }
        }

        // What the changed files declare and name.
        let others = unchanged.map { (index: $0.key, position: $0.value) }.sorted { $0.index < $1.index }
        var declaredNow = Set<UInt64>(), everyKind: [UInt64] = [], named = Set<UInt64>(), namedBy: [UInt64] = []
        for index in changed {
            let file = read[index]!
            for declaration in file.declared {
                declaredNow.insert(RecordHash.of(declaration.kind, declaration.id))
                for kind in RecordKind.allCases where kind != .actor { everyKind.append(RecordHash.of(kind, declaration.id)) }
            }
            file.visitReferences { _, reference, rule in
                if rule.kind != .actor { named.insert(RecordHash.of(rule.kind, reference.id)) }
            }
            // Who names a source or a commitment of theirs: a source may
            // have become known to records elsewhere, an update elsewhere
            // must not be dated before its commitment.
            for source in file.sources { namedBy.append(RecordHash.of(.source, source.id)) }
            for commitment in file.commitments { namedBy.append(RecordHash.of(.commitment, commitment.id)) }
        }
        var dropped: [UInt64] = []
        for file in gone {
            for id in file.ids where !declaredNow.contains(id) { dropped.append(id) }
        }
        if !Search.naming(RecordHash.sortedUnique(dropped), in: state, among: others).isEmpty {
            return .fallback("a record another file names was removed")
        }
        let lookedFor = RecordHash.sortedUnique(everyKind + named.filter { !declaredNow.contains($0) })
        let declaring = Search.declaring(lookedFor, in: state, among: others)
        if !named.subtracting(declaredNow).isSubset(of: declaring.found) {
            return .fallback("a changed file names a record no file declares")
        }
        let fetch = declaring.files.union(Search.naming(RecordHash.sortedUnique(namedBy), in: state, among: others))
        guard let fetched = decode(fetch.subtracting(read.keys).sorted(), of: listed, keys: keys, cache: cache) else {
            return .fallback("a file changed while read")
        }
        for (index, file) in fetched { read[index] = file }

        // A record elsewhere (in a file read, as every one is that names
        // them) that cites a source of the changed files may now be known
        // on the day: what it names is needed to tell which briefs it enters.
        let changedSources = Set(changed.flatMap { read[$0]!.sources.map(\.id) })
        var namedByCiting = Set<UInt64>()
        for file in read.values {
            file.visitReferences(citing: changedSources) { _, reference, rule in
                if rule.kind != .actor { namedByCiting.insert(RecordHash.of(rule.kind, reference.id)) }
            }
        }
        let more = Search.declaring(RecordHash.sortedUnique(Array(namedByCiting)), in: state, among: others).files.subtracting(read.keys)
        guard let last = decode(more.sorted(), of: listed, keys: keys, cache: cache) else { return .fallback("a file changed while read") }
        for (index, file) in last { read[index] = file }

        // Merged in path order, as a whole load would.
        var merger = DatasetMerger()
        merger.add(ShippedVocabulary.file, key: nil, listed: false)
        for index in read.keys.sorted() { merger.add(read[index]!, key: keys[index]) }
        let merged = merger.finish()
        let (dataset, declared, fileDiagnostics, loaded) = (merged.dataset, merged.declared, merged.diagnostics, merged.files)
        let changedPaths = Set(changed.map { listed[$0] })

        var diagnostics = fileDiagnostics
        let (definitions, uses) = InputLoader.readDefinitions(briefFiles.yaml, into: &diagnostics)
        diagnostics += DatasetValidator.validate(change: loaded.filter { changedPaths.contains($0.path) }, of: dataset, declared: declared,
                                                 uses: uses, definitions: definitions, knownFormats: knownFormats)
        guard !diagnostics.contains(where: \.isError) else { return .fallback("the change brings errors") }

        let change = DatasetChange(since: state, changed: loaded.filter { changedPaths.contains($0.path) }, gone: gone, dataset: dataset,
                                   definitions: definitions, day: day)
        guard let made = DatasetChange.stateFiles(loaded, dataset: dataset, day: day, previous: state) else {
            return .fallback("a file has no key")
        }
        var entries: [String: RunState.File] = [:]
        for entry in made { entries[entry.path] = entry }
        // The files not read keep their entries only on the state's day: the
        // sources they know of move with the day.
        let stateFiles = state.day != day ? [] : listed.indices.map { index in entries[listed[index]] ?? state.files[unchanged[index]!] }
        return .loaded(PartialInputs(dataset: dataset, definitions: definitions, change: change, stateFiles: stateFiles,
                                     paths: listed, keys: keys.map { $0! }, sizes: dataFiles.sizes,
                                     readCount: read.count))
    }

    /// The parse cache's key of each file's bytes, on all cores; nil for a
    /// file that cannot be read.
    static func keys(of paths: [String], cache: ParseCache) -> [SHA256.Digest?] {
        let parts = ParallelParts.ranges(count: paths.count, size: 32)
        // Every file is read: the next parts are asked of the disk while
        // these are hashed (`ReadAhead`), the first two at once.
        let readAhead = ReadAhead(paths)
        return Array(ParallelParts.map(parts.count) { part in
            readAhead.reading(upTo: parts[part].upperBound + 32)
            var buffer: [UInt8] = []
            return parts[part].map { index -> SHA256.Digest? in cache.key(ofFileAt: paths[index], buffer: &buffer) }
        }.joined())
    }

    /// The files at `indices` of `paths`, from the cache or parsed, on all
    /// cores. Nil when a file's bytes are no longer those of its key in
    /// `keys`: it changed after its key was taken, and what was worked out
    /// from the keys no longer holds.
    static func decode(_ indices: [Int], of paths: [String], keys: [SHA256.Digest?], cache: ParseCache) -> [(Int, DatasetFile)]? {
        let files = ParallelParts.map(indices.count) { position -> (Int, DatasetFile)? in
            let index = indices[position]
            var problems: [Diagnostic] = []
            let bytes = DatasetFolder.bytes(of: paths[index], into: &problems)
            guard problems.isEmpty else { return nil }
            let (file, key) = cache.file(path: paths[index], bytes: bytes)
            return key == keys[index] ? (index, file) : nil
        }
        return files.contains { $0 == nil } ? nil : files.map { $0! }
    }

    /// Searches of the run state's unchanged files by record hashes.
    enum Search {
        typealias Files = [(index: Int, position: Int)]

        /// The unchanged `files` (each its index in the listing and its
        /// position in the state) that may declare one of `hashes` (sorted),
        /// by listed index, and which of the hashes they declare.
        static func declaring(_ hashes: [UInt64], in state: RunState, among files: Files) -> (files: Set<Int>, found: Set<UInt64>) {
            let hits = matching(hashes, in: state, among: files, \.ids)
            return (Set(hits.map(\.index)), Set(hits.flatMap(\.found)))
        }

        /// The unchanged `files`, by listed index, whose records name one of `hashes` (sorted).
        static func naming(_ hashes: [UInt64], in state: RunState, among files: Files) -> Set<Int> {
            Set(matching(hashes, in: state, among: files, \.references).map(\.index))
        }

        private static func matching(_ hashes: [UInt64], in state: RunState, among files: Files,
                                     _ list: KeyPath<RunState.File, [UInt64]> & Sendable) -> [(index: Int, found: [UInt64])] {
            guard !hashes.isEmpty else { return [] }
            let parts = ParallelParts.ranges(count: files.count, size: 256)
            return Array(ParallelParts.map(parts.count) { part in
                parts[part].compactMap { offset -> (index: Int, found: [UInt64])? in
                    let found = common(state.files[files[offset].position][keyPath: list], hashes)
                    return found.isEmpty ? nil : (files[offset].index, found)
                }
            }.joined())
        }

        /// The hashes two sorted lists hold in common: each element of the
        /// shorter looked for in the longer.
        static func common(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
            let (short, long) = a.count <= b.count ? (a, b) : (b, a)
            return short.filter { RecordHash.contains(long, $0) }
        }
    }
}

extension DatasetFile {
    /// Each reference its records keep, actors aside (a file with actors is
    /// read whole whatever changed).
    func visitReferences(_ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        for event in events { event.visitReferences(visit) }
        for quote in quotes { quote.visitReferences(visit) }
        for commitment in commitments { commitment.visitReferences(visit) }
        for update in updates { update.visitReferences(visit) }
    }

    /// The same, of the records that cite one of `sources` (in their
    /// citations or their retraction's).
    func visitReferences(citing sources: Set<String>, _ visit: (_ field: String, _ reference: Reference, _ rule: ReferenceRule) -> Void) {
        guard !sources.isEmpty else { return }
        func each<Record: DatedRecord & ReferencingRecord>(_ records: [Record]) {
            for record in records where record.cites(any: sources) { record.visitReferences(visit) }
        }
        each(events)
        each(quotes)
        each(commitments)
        each(updates)
    }
}

extension DatasetValidator {
    /// The rules of `validate` that a change of `files` (their records at
    /// the places `LoadedFile` gives) can break in a dataset that had no
    /// error, over the part of it a partial load read: ids repeated among
    /// the records read, the references of the changed files' records,
    /// every update read against its commitment's date, the vocabulary, the
    /// actors and the brief definitions (`PartialLoader`). Warnings are
    /// not all found: only errors count here.
    static func validate(change files: [LoadedFile], of dataset: Dataset, declared: [DeclaredID], uses: [ReferenceUse],
                         definitions: [BriefDefinition], knownFormats: Set<String>) -> [Diagnostic] {
        var validator = DatasetValidator(dataset: dataset, declared: declared)
        validator.checkUniqueIDs()
        for use in uses { validator.check(use) }
        var part = PartChecker(dataset: dataset, ids: validator.ids)
        for file in files {
            part.checkReferences(of: dataset.events, in: file.start.events..<file.end.events)
            part.checkReferences(of: dataset.quotes, in: file.start.quotes..<file.end.quotes)
            part.checkReferences(of: dataset.commitments, in: file.start.commitments..<file.end.commitments)
            part.checkReferences(of: dataset.updates, in: file.start.updates..<file.end.updates)
        }
        part.checkUpdates(in: dataset.updates.indices)
        validator.diagnostics += part.findings.references + part.findings.updates
        validator.checkVocabulary()
        validator.checkActors()
        for definition in definitions {
            validator.check(definition, knownFormats: knownFormats)
        }
        return validator.diagnostics
    }
}
