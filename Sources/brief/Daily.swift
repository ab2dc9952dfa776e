import ArgumentParser
import BriefKit
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `brief daily`: the cron job. Every brief in its formats, what changed since
/// the previous date in the archive, the archive pages and feeds; all
/// published in one atomic switch, or nothing.
struct Daily: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The morning job: every brief, every format, the changes since the previous archived date, the archive pages and feeds.",
        discussion: """
            Exit 0; 64 wrong usage; 65 errors in the data; 66 a missing folder; 70 a template or output that fails its check; \
            73 cannot write; 75 another run holds the lock on the output folder (try later). Nothing in the archive changes unless the whole run succeeds.
            """
    )

    @Option(help: ArgumentHelp("The date of the briefs (default: today in --tz).", valueName: "DATE"))
    var date: CommandLineDate?

    @Option(help: ArgumentHelp("The archive folder.", valueName: "DIR"))
    var output: String = "Output"

    @Flag(help: "Log only warnings and errors.")
    var quiet = false

    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var inputs: InputOptions
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        // A file-size limit must fail a write (exit 73), not kill the process mid-way.
        signal(SIGXFSZ, SIG_IGN)
        let log = BriefLog.logger(quiet: quiet)
        let started = ContinuousClock.now

        let lock: ArchiveLock
        do {
            lock = try ArchiveLock(output: output)
        } catch {
            Console.error(error.description)
            if case .busy = error { throw ExitCode(ExitStatus.tryAgain) }
            throw ExitCode(ExitStatus.cannotCreate)
        }
        defer { withExtendedLifetime(lock) {} }
        // Started once the dataset is known valid; done before the run ends, however it ends.
        var preparation: BackgroundPreparation?
        defer { preparation?.wait() }

        let cache = inputs.openCache()
        let day = (date ?? CommandLineDate(argument: "today")!).resolve(in: zone.zone)
        // A brief the run state shows none of whose inputs changed since the
        // last run of the same day is kept as stored, without analysis.
        let statePath = cache.map { RunState.path(in: $0, archive: output) }
        let stored = statePath.flatMap { RunState.read(at: $0) }
        let state = stored?.day == day ? stored : nil

        // Only what changed is read: when the change reaches no brief, that
        // is all; otherwise the rest is decoded for the briefs it reaches,
        // not validated again. A state of another day (the desk's morning
        // after the run of the day before) proves as much about errors, and
        // reaches every brief.
        let attempt = (cache != nil && stored != nil) ? partialRun(paths: inputs.paths, cache: cache!, state: stored!, day: day) : nil
        if case let .allKept(partial, definitions, kept, publication) = attempt, let statePath {
            defer { publication.abandon() }
            let read = "; \(partial.readCount) of \(partial.paths.count) dataset file(s) read, the change reaching no brief"
            try finish(definitions, outcomes: kept.map { .success($0) }, keptCount: kept.count, publication: publication, day: day,
                       started: started, cache: cache, log: log, note: read) {
                Self.write(RunState(day: day, files: partial.stateFiles, briefs: kept.compactMap(\.state)),
                           previous: stored, at: statePath, log: log)
            }
            return
        }

        let loaded: Inputs, registry: RendererRegistry, publication: Archive.Publication
        var kept: [DoneBrief?]
        let early = EarlyView()
        if case let .reached(partialLoaded, partialRegistry, partialPublication, partialKept) = attempt {
            (loaded, registry, publication, kept) = (partialLoaded, partialRegistry, partialPublication, partialKept)
            preparation = OutputValidator.prepareInBackground()
        } else {
            // With no state of the day, no brief is kept: the view of the
            // day is made while the dataset is validated.
            var makeView: (@Sendable (Dataset) -> Void)?
            if state == nil {
                makeView = { [early, day] dataset in
                    let view = AsOfView(dataset: dataset, on: day)
                    early.view.withLock { $0 = view }
                }
            }
            loaded = try inputs.loadValid(cache: cache, alongside: makeView)
            preparation = OutputValidator.prepareInBackground()
            registry = try templateOptions.registry()
            do throws(WriteFailure) {
                publication = try Archive.Publication(Archive(root: output))
                for repair in publication.repairs { log.warning("\(repair)") }
            } catch {
                Console.error(error.description)
                log.error("the archive is unchanged")
                throw ExitCode(ExitStatus.cannotCreate)
            }
            kept = []
        }
        // Whatever ends the run before its switch: the folders it stored go.
        defer { publication.abandon() }
        let definitions = loaded.definitions.sorted { $0.id < $1.id }
        if definitions.isEmpty { Console.note(inputs.noBriefsWarning) }
        let progress = Progress(total: definitions.count)
        if kept.isEmpty {
            let change = state.map { DatasetChange(since: $0, files: loaded.files, dataset: loaded.dataset, definitions: definitions, day: day) }
            kept = Self.keep(definitions, state: state, change: change, registry: registry, publication: publication, day: day, reuse: !inputs.noCache)
        }
        let finished = Mutex(0)
        for (definition, done) in zip(definitions, kept) where done != nil {
            progress.show(finished.withLock { done in
                done += 1
                return done
            }, definition.id)
        }

        // Every other brief is analysed, rendered and stored at once, on all cores;
        // what is logged, and the first failure in the briefs' order, come
        // after, in that order, so a run says the same whatever the schedule.
        // No brief to analyse: no view of the day is made.
        let analysed = definitions.indices.filter { kept[$0] == nil }
        var outcomes = kept.map { $0.map { Result<DoneBrief, FailedBrief>.success($0) } }
        if !analysed.isEmpty {
            let view = early.view.withLock { $0.take() } ?? AsOfView(dataset: loaded.dataset, on: day)
            RenderedBrief.prepareForConcurrentRendering()
            let results = analysed.concurrentMap(cost: { BriefSelection.recordCount(of: definitions[$0], in: view) }) { index in
                let outcome = Self.brief(definitions[index], in: view, registry: registry, publication: publication, day: day,
                                         reuse: !inputs.noCache, readSet: cache != nil)
                progress.show(finished.withLock { done in
                    done += 1
                    return done
                }, definitions[index].id)
                return outcome
            }
            for (index, outcome) in zip(analysed, results) { outcomes[index] = outcome }
        }
        progress.finish()

        var note = ""
        if case .reached = attempt { note = "; the change checked on its own, the dataset not validated again" }
        try finish(definitions, outcomes: outcomes.map { $0! }, keptCount: kept.count { $0 != nil }, publication: publication, day: day,
                   started: started, cache: cache, log: log, note: note) {
            guard let statePath,
                  let files = DatasetChange.stateFiles(loaded.files, dataset: loaded.dataset, day: day, previous: stored) else { return }
            Self.write(RunState(day: day, files: files, briefs: outcomes.compactMap { try? $0!.get().state }), previous: stored,
                       at: statePath, log: log)
        }
    }

    /// Logs each brief and publishes the archive, then `writeState`; a brief
    /// that could not be rendered, or a write that failed, ends the run.
    func finish(_ definitions: [BriefDefinition], outcomes: [Result<DoneBrief, FailedBrief>], keptCount: Int,
                publication: Archive.Publication, day: Day, started: ContinuousClock.Instant, cache: ParseCache?, log: Logger,
                note: String = "", writeState: () -> Void) throws {
        // A brief that could not be rendered is told before a write that
        // failed, as when nothing was written before every brief was rendered.
        var entries: [Archive.StoredEntry] = []
        var writeFailure: WriteFailure?
        for (definition, outcome) in zip(definitions, outcomes) {
            switch outcome {
            case let .failure(failure):
                Console.error(failure.error.description)
                log.error("\(definition.id): \(failure.what) failed: nothing written")
                throw ExitCode(ExitStatus.software)
            case let .success(done):
                if let warning = done.warning { log.warning("\(definition.id): \(warning)") }
                switch done.stored {
                case let .success(entry): entries.append(entry)
                case let .failure(failure): writeFailure = writeFailure ?? failure
                }
                log.info("\(definition.id) \(day.iso): \(done.formats) formats, \(done.note), \(Self.seconds(done.duration))")
            }
        }

        do throws(WriteFailure) {
            if let writeFailure { throw writeFailure }
            let outcome = try publication.publish(entries)
            let what = outcome.changed.isEmpty ? "nothing changed" : "\(outcome.changed.count) brief date(s) written"
            let keptNote = keptCount == 0 ? "" : "; \(keptCount) brief(s) kept without analysis, their inputs unchanged"
            log.info("\(output): \(what), archive generation \(outcome.generation), \(Self.seconds(ContinuousClock.now - started))\(cache.map(Self.summary) ?? "")\(keptNote)\(note)")
            cache?.prune()
            writeState()
        } catch {
            Console.error(error.description)
            log.error("the archive is unchanged")
            throw ExitCode(ExitStatus.cannotCreate)
        }
    }

    /// What reading only what changed since a run state (`PartialLoader`) gave.
    enum PartialRun {
        /// The change reaches no brief: every brief is kept as stored.
        case allKept(PartialInputs, definitions: [BriefDefinition], kept: [DoneBrief], publication: Archive.Publication)
        /// It reaches some: the whole dataset, found free of errors by the
        /// partial load and read by its keys, and the briefs kept.
        case reached(Inputs, RendererRegistry, Archive.Publication, kept: [DoneBrief?])
    }

    /// A run after the one that wrote `state`: the change read alone,
    /// checked, and the briefs it cannot reach kept (`PartialLoader`; none
    /// when `state` is of another day). Nil when the
    /// dataset must be loaded and validated as usual: the change may bring
    /// an error, the templates or the archive need a look, a file changed
    /// while it was read.
    func partialRun(paths: InputPaths, cache: ParseCache, state: RunState, day: Day) -> PartialRun? {
        // What the attempt counted is forgotten when the whole dataset is loaded after it.
        guard case .loaded(var partial) = PartialLoader.load(paths, cache: cache, state: state, day: day),
              !partial.definitions.isEmpty,
              let registry = try? templateOptions.registry(),
              let publication = try? Archive.Publication(Archive(root: output))
        else {
            cache.resetStatistics()
            return nil
        }
        // An archive that needed repair is read in full, where the repairs are logged.
        guard publication.repairs.isEmpty else {
            publication.abandon()
            cache.resetStatistics()
            return nil
        }
        let definitions = partial.definitions.sorted { $0.id < $1.id }
        let kept = Self.keep(definitions, state: state, change: partial.change, registry: registry, publication: publication, day: day, reuse: true)
        if kept.allSatisfy({ $0 != nil }) {
            // The files not read are unchanged: counted as a whole load counts them.
            cache.countUnchanged(partial.paths.count - partial.readCount)
            let progress = Progress(total: definitions.count)
            for (position, definition) in definitions.enumerated() { progress.show(position + 1, definition.id) }
            progress.finish()
            return .allKept(partial, definitions: definitions, kept: kept.map { $0! }, publication: publication)
        }
        cache.resetStatistics()
        // The part read is let go before the whole is decoded: held, it
        // would add to the run's peak of memory.
        partial.dataset = Dataset()
        guard let loaded = InputLoader.load(checked: partial, cache: cache) else {
            publication.abandon()
            cache.resetStatistics()
            return nil
        }
        ProcessLifetime.keep(loaded)
        return .reached(loaded, registry, publication, kept: kept)
    }

    /// The briefs the run state lets this run keep as stored, without
    /// analysis: the same day, the same definition, templates, program and
    /// previous date, no record they read changed and none entered them
    /// (`DatasetChange`), and their stored folder still what its name says.
    static func keep(_ definitions: [BriefDefinition], state: RunState?, change: DatasetChange?, registry: RendererRegistry,
                     publication: Archive.Publication, day: Day, reuse: Bool) -> [DoneBrief?] {
        guard reuse, let state, let change, change.reachesEveryBrief == nil else { return definitions.map { _ in nil } }
        let entries = Dictionary(state.briefs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return definitions.concurrentMap { definition in
            let clock = ContinuousClock.now
            guard let entry = entries[definition.id], !change.reaches(entry) else { return nil }
            let renderers = Self.renderers(of: definition, in: registry)
            guard Self.context(of: definition, renderers: renderers, publication: publication, day: day) == entry.context,
                  let stored = publication.reuse(definition.id, title: definition.title, parties: entry.parties, on: day, bluf: entry.bluf,
                                                 renderedBy: entry.renderKey)
            else { return nil }
            return DoneBrief(stored: .success(stored), formats: renderers.count, note: "its inputs unchanged since the last run, not analysed again",
                             warning: nil, duration: ContinuousClock.now - clock, state: entry)
        }
    }

    /// The formats a brief is rendered in, its JSON snapshot always among them.
    static func renderers(of definition: BriefDefinition, in registry: RendererRegistry) -> [any Renderer] {
        var names = definition.defaultFormats
        if !names.contains("json") { names.append("json") }
        return names.compactMap(registry.renderer(named:))
    }

    /// `RunState.context` of a brief on `day`.
    static func context(of definition: BriefDefinition, renderers: [any Renderer], publication: Archive.Publication, day: Day) -> [UInt8]? {
        let previous = publication.dates(of: definition.id).last(where: { $0 < day })
        let folder = previous.flatMap { publication.storedFolder(of: definition.id, on: $0) }
        return RunState.context(definitionFile: definition.origin.file, renderers: renderers,
                                previous: previous.map { ($0, folder ?? "") })
    }

    /// Writes what this run knew for the next run of the day, once it has
    /// published; unless nothing changed. A state that cannot be written
    /// only costs the next run its analysis of every brief.
    static func write(_ state: RunState, previous: RunState?, at path: String, log: Logger) {
        guard state != previous else { return }
        do throws(WriteFailure) {
            try state.write(at: path)
        } catch {
            RunState.remove(at: path)
            log.warning("\(error.description); the next run analyses every brief")
        }
    }

    /// How much the parse cache saved, for the run's last log line.
    static func summary(_ cache: ParseCache) -> String {
        let use = cache.statistics
        var text = "; \(use.hits) dataset file(s) unchanged, \(use.parsed) parsed"
        if use.rejected > 0 { text += ", \(use.rejected) damaged cache entries rebuilt" }
        if use.unwritten > 0 { text += ", \(use.unwritten) could not be cached" }
        return text
    }

    /// One brief of the run, done on any core: where its files are stored, and what to log about it.
    struct DoneBrief: Sendable {
        /// The stored date, or why it could not be written.
        var stored: Result<Archive.StoredEntry, WriteFailure>
        var formats: Int
        /// How this date relates to the previous one in the archive.
        var note: String
        /// Logged as a warning before the brief's line: why there is no changes file.
        var warning: String?
        var duration: Duration
        /// What the run state keeps of it; nil where it cannot be kept.
        var state: RunState.Brief?
    }

    /// A brief that could not be rendered: nothing of the run is written.
    struct FailedBrief: Error {
        var error: RenderFailure
        /// "rendering", "rendering the changes".
        var what: String
    }

    /// Analyses and renders one brief, and what changed since the previous
    /// date in the archive, then stores its date folder at once: only the
    /// small `StoredEntry` outlives this call, not the files.
    /// With `reuse`, files stored for the same render key are kept rather than rendered again.
    static func brief(_ definition: BriefDefinition, in view: AsOfView, registry: RendererRegistry, publication: Archive.Publication,
                      day: Day, reuse: Bool, readSet: Bool) -> Result<DoneBrief, FailedBrief> {
        let clock = ContinuousClock.now
        // The read set only serves the run state, which a run without the cache does not write.
        let (brief, pools, read): (Brief, QuotePools, DayReadSet?)
        if readSet {
            (brief, pools, read) = BriefAnalyzer.briefQuotePoolsAndReadSet(for: definition, in: view)
        } else {
            (brief, pools) = BriefAnalyzer.briefAndQuotePools(for: definition, in: view)
            read = nil
        }
        let renderers = Self.renderers(of: definition, in: registry)
        let previous = publication.dates(of: definition.id).last(where: { $0 < day })
        // What the run state keeps of the brief, once it is stored.
        func state(_ key: String, _ stored: Result<Archive.StoredEntry, WriteFailure>) -> RunState.Brief? {
            guard let read, case .success = stored,
                  let context = Self.context(of: definition, renderers: renderers, publication: publication, day: day)
            else { return nil }
            return RunState.Brief(id: definition.id, parties: brief.parties, bluf: brief.bluf, renderKey: key,
                                  context: context, readSet: read.hashes)
        }

        let key: String, snapshot: BriefSnapshot
        var changes: BriefChanges?
        var note = "first date in the archive"
        var warning: String?
        do {
            // In a scope of its own: the previous snapshot (megabytes) and the
            // brief decoded from it are gone before the formats are rendered.
            let previousSnapshot = previous.flatMap { publication.file("brief.json", of: definition.id, on: $0) }

            // The same brief, previous snapshot, templates and program as the
            // files already stored for this date: they are what rendering would
            // give, so they are kept rather than rendered again.
            do throws(RenderFailure) {
                snapshot = try BriefSnapshot(brief)
                key = RenderKey.of(brief: snapshot.text, previous: previousSnapshot, renderers: renderers, quotePools: pools)
            } catch {
                return .failure(FailedBrief(error: error, what: "rendering"))
            }
            if reuse, let stored = publication.reuse(definition.id, title: definition.title, parties: brief.parties, on: day,
                                                     bluf: brief.bluf, renderedBy: key) {
                return .success(DoneBrief(stored: .success(stored), formats: renderers.count, note: "unchanged since the last run, not rendered again",
                                          warning: nil, duration: ContinuousClock.now - clock, state: state(key, .success(stored))))
            }
            if let previous {
                note = "no changes file: the \(previous.iso) snapshot is unreadable"
                // Where it is broken, for the warning: the place in its brief.json.
                var place = ""
                let old: Brief?
                do throws(Brief.ReadFailure) {
                    old = try previousSnapshot.map { (data: Data) throws(Brief.ReadFailure) in try Brief(snapshot: data) }
                } catch {
                    old = nil
                    place = " (\(definition.id)/\(previous.iso)/brief.json:\(error.line):\(error.column): \(error.message))"
                }
                if let old, let diff = try? BriefDiff(old: old, new: brief) {
                    let found = diff.changes(pools: pools)
                    note = found.hasChanges ? "changes since \(previous.iso)" : "no change since \(previous.iso)"
                    changes = found
                } else {
                    warning = note + place
                }
            }
        }

        var files: [String: String]
        do throws(RenderFailure) {
            files = try RenderedBrief.render(brief, formats: renderers, snapshot: snapshot).files
        } catch {
            return .failure(FailedBrief(error: error, what: "rendering"))
        }
        if let changes {
            for renderer in renderers {
                do throws(RenderFailure) {
                    if let text = try renderer.renderChanges(changes) {
                        files["changes.\(renderer.format.fileExtension)"] = text
                    }
                } catch {
                    return .failure(FailedBrief(error: error, what: "rendering the changes"))
                }
            }
        }
        let entry = Archive.Entry(brief: definition.id, title: definition.title, parties: brief.parties, date: day,
                                  bluf: brief.bluf, files: files, keepOtherFiles: false, renderedBy: key)
        files = [:]
        let stored = Result { () throws(WriteFailure) in try publication.store(entry) }
        return .success(DoneBrief(stored: stored, formats: renderers.count, note: note, warning: warning,
                                  duration: ContinuousClock.now - clock, state: state(key, stored)))
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(String(format: "%03d", Int(milliseconds % 1000))) s"
    }
}

/// The view of the day, made while the dataset is validated
/// (`InputLoader.load(_:alongside:)`), until the run takes it.
private final class EarlyView: Sendable {
    let view = Mutex<AsOfView?>(nil)
}
