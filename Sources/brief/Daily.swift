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

        let cache = inputs.openCache()
        let loaded = try inputs.loadValid(cache: cache)
        let registry = try templateOptions.registry()
        let day = (date ?? CommandLineDate(argument: "today")!).resolve(in: zone.zone)
        let definitions = loaded.definitions.sorted { $0.id < $1.id }
        if definitions.isEmpty { Console.note(inputs.noBriefsWarning) }
        let progress = Progress(total: definitions.count)
        let publication: Archive.Publication
        do throws(WriteFailure) {
            publication = try Archive.Publication(Archive(root: output))
        } catch {
            Console.error(error.description)
            log.error("the archive is unchanged")
            throw ExitCode(ExitStatus.cannotCreate)
        }
        // Whatever ends the run before its switch: the folders it stored go.
        defer { publication.abandon() }

        // Every brief is analysed, rendered and stored at once, on all cores;
        // what is logged, and the first failure in the briefs' order, come
        // after, in that order, so a run says the same whatever the schedule.
        let view = AsOfView(dataset: loaded.dataset, on: day)
        RenderedBrief.prepareForConcurrentRendering()
        let finished = Mutex(0)
        let outcomes = definitions.concurrentMap { definition in
            let outcome = Self.brief(definition, in: view, registry: registry, publication: publication, day: day, reuse: !inputs.noCache)
            progress.show(finished.withLock { done in
                done += 1
                return done
            }, definition.id)
            return outcome
        }
        progress.finish()

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
            log.info("\(output): \(what), archive generation \(outcome.generation), \(Self.seconds(ContinuousClock.now - started))\(cache.map(Self.summary) ?? "")")
            cache?.prune()
        } catch {
            Console.error(error.description)
            log.error("the archive is unchanged")
            throw ExitCode(ExitStatus.cannotCreate)
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
                      day: Day, reuse: Bool) -> Result<DoneBrief, FailedBrief> {
        let clock = ContinuousClock.now
        let (brief, pools) = BriefAnalyzer.briefAndQuotePools(for: definition, in: view)
        var names = definition.defaultFormats
        if !names.contains("json") { names.append("json") }
        let renderers = names.compactMap(registry.renderer(named:))
        let previous = publication.dates(of: definition.id).last(where: { $0 < day })

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
                                          warning: nil, duration: ContinuousClock.now - clock))
            }
            if let previous {
                note = "no changes file: the \(previous.iso) snapshot is unreadable"
                if let data = previousSnapshot,
                   let old = try? JSONDecoder().decode(Brief.self, from: data),
                   let diff = try? BriefDiff(old: old, new: brief) {
                    let found = diff.changes(pools: pools)
                    note = found.hasChanges ? "changes since \(previous.iso)" : "no change since \(previous.iso)"
                    changes = found
                } else {
                    warning = note
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
                                  duration: ContinuousClock.now - clock))
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return "\(milliseconds / 1000).\(String(format: "%03d", Int(milliseconds % 1000))) s"
    }
}
