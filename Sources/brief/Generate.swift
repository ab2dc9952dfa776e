import ArgumentParser
import BriefKit
import Foundation

/// `brief generate`: renders briefs as of a date into Output/ or to stdout.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render briefs as of a date.",
        discussion: """
            Writes Output/<brief>/<date>/brief.<ext> for each format, and trend.svg, atomically. \
            With --output -, writes one brief in one format to standard output. \
            Exit 0; 64 wrong usage; 65 errors in the data; 66 a missing folder; 70 a template or output that fails its check; 73 cannot write.
            """
    )

    @Argument(help: "The briefs to render, by id (the file names in Briefs/).")
    var briefs: [String] = []

    @Flag(help: "Render every brief.")
    var all = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date the brief is as of (default: today).", valueName: "DATE"))
    var asOf: CommandLineDate?

    @Option(help: ArgumentHelp("Formats, comma-separated, by the names `brief formats` lists (default: each brief's own, else all built-in).", valueName: "LIST"))
    var format: String?

    @Option(help: ArgumentHelp("The output folder, or - for standard output.", valueName: "DIR"))
    var output: String = "Output"

    @OptionGroup var inputs: InputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var zone: TimeZoneOption

    func validate() throws {
        if all && !briefs.isEmpty { throw ValidationError("give brief ids or --all, not both") }
        if !all && briefs.isEmpty { throw ValidationError("name the briefs to render, or give --all") }
    }

    func run() throws {
        let loaded = try inputs.loadValid(cache: inputs.openCache())
        let preparation = OutputValidator.prepareInBackground()
        // However the run ends: the preparation uses libxml2, torn down at exit.
        defer { preparation.wait() }
        let registry = try templateOptions.registry()
        let day = (asOf ?? CommandLineDate(argument: "today")!).resolve(in: zone.zone)

        let definitions = try chosenDefinitions(loaded.definitions)
        if all && definitions.isEmpty { Console.note(inputs.noBriefsWarning) }
        let requested = format.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        if let requested {
            for name in requested where registry.renderer(named: name) == nil {
                Console.error("error: unknown format '\(name)'; `brief formats` lists: \(registry.names.joined(separator: ", "))")
                throw ExitCode(ExitStatus.usage)
            }
        }
        func renderers(for definition: BriefDefinition) -> [any Renderer] {
            let names = requested ?? definition.defaultFormats
            return names.compactMap(registry.renderer(named:))
        }

        if output == "-" {
            guard definitions.count == 1, let definition = definitions.first, renderers(for: definition).count == 1,
                  let renderer = renderers(for: definition).first else {
                Console.error("error: --output - writes one brief in one format: name one brief and one --format")
                throw ExitCode(ExitStatus.usage)
            }
            let brief = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: day)
            do throws(RenderFailure) {
                Console.output(try renderer.render(brief))
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.software)
            }
            return
        }

        // Every brief at once on all cores, each stored as soon as it is
        // rendered (no run holds every brief's files until its end). The lock
        // is taken when the first brief is ready, so a run whose briefs all
        // fail leaves the folder untouched. A failure anywhere removes what
        // was stored; the first in the briefs' order is the one told, a brief
        // that could not be rendered before a write that failed.
        let view = AsOfView(dataset: loaded.dataset, on: day)
        let work = definitions.map { (definition: $0, renderers: renderers(for: $0)) }
        let archive = DeferredPublication(output: output)
        defer { archive.abandon() }
        RenderedBrief.prepareForConcurrentRendering()
        let outcomes = work.concurrentMap(cost: { BriefSelection.recordCount(of: $0.definition, in: view) }) { item -> Result<(entry: Archive.StoredEntry, rendered: [String]), GenerateFailure> in
            let rendered: RenderedBrief
            do throws(RenderFailure) {
                rendered = try RenderedBrief.render(BriefAnalyzer.brief(for: item.definition, in: view), formats: item.renderers)
            } catch {
                return .failure(.render(error))
            }
            let names = rendered.files.keys.sorted()
            do throws(ArchiveError) {
                let entry = Archive.Entry(brief: rendered.brief.brief, title: rendered.brief.title, parties: rendered.brief.parties,
                                          date: day, bluf: rendered.brief.bluf, files: rendered.files, keepOtherFiles: true)
                return .success((try archive.store(entry), names))
            } catch {
                return .failure(.archive(error))
            }
        }
        var stored: [(entry: Archive.StoredEntry, rendered: [String])] = []
        var archiveFailure: ArchiveError?
        for outcome in outcomes {
            switch outcome {
            case let .success(item):
                stored.append(item)
            case let .failure(.render(error)):
                Console.error(error.description)
                Console.note("nothing written")
                throw ExitCode(ExitStatus.software)
            case let .failure(.archive(error)):
                archiveFailure = archiveFailure ?? error
            }
        }
        do throws(ArchiveError) {
            if let archiveFailure { throw archiveFailure }
            try archive.publish(stored.map(\.entry))
        } catch {
            Console.error(error.description)
            if case .busy = error { throw ExitCode(ExitStatus.tryAgain) }
            throw ExitCode(ExitStatus.cannotCreate)
        }
        for item in stored {
            Console.note("wrote \(InputPaths.join(InputPaths.join(output, item.entry.brief), day.iso)): \(item.rendered.joined(separator: ", "))")
        }
    }

    /// Why a brief of `generate` was not stored.
    enum GenerateFailure: Error {
        case render(RenderFailure)
        case archive(ArchiveError)
    }

    func chosenDefinitions(_ definitions: [BriefDefinition]) throws -> [BriefDefinition] {
        if all { return definitions.sorted { $0.id < $1.id } }
        var chosen: [BriefDefinition] = []
        // A brief named twice is rendered and stored once.
        for id in briefs where !chosen.contains(where: { $0.id == id }) {
            guard let definition = definitions.first(where: { $0.id == id }) else {
                Console.error("error: no brief named '\(id)'; the briefs are: \(definitions.map(\.id).sorted().joined(separator: ", "))")
                throw ExitCode(ExitStatus.usage)
            }
            chosen.append(definition)
        }
        return chosen
    }
}
