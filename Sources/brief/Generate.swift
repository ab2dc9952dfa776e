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
        let registry = try templateOptions.registry()
        let day = (asOf ?? CommandLineDate(argument: "today")!).resolve(in: zone.zone)

        let definitions = try chosenDefinitions(loaded.definitions)
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

        // Render everything first, every brief at once on all cores: a failure
        // anywhere writes nothing, and the first in the briefs' order is the one told.
        let view = AsOfView(dataset: loaded.dataset, on: day)
        let work = definitions.map { (definition: $0, renderers: renderers(for: $0)) }
        RenderedBrief.prepareForConcurrentRendering()
        let outcomes = work.concurrentMap { item in
            Result { () throws(RenderFailure) -> RenderedBrief in
                try RenderedBrief.render(BriefAnalyzer.brief(for: item.definition, in: view), formats: item.renderers)
            }
        }
        var rendered: [RenderedBrief] = []
        for outcome in outcomes {
            switch outcome {
            case let .success(item):
                rendered.append(item)
            case let .failure(error):
                Console.error(error.description)
                Console.note("nothing written")
                throw ExitCode(ExitStatus.software)
            }
        }
        do throws(ArchiveError) {
            let lock = try ArchiveLock(output: output)
            let archive = Archive(root: output)
            let entries = rendered.map { item in
                Archive.Entry(brief: item.brief.brief, title: item.brief.title, parties: item.brief.parties, date: day,
                              bluf: item.brief.bluf, files: item.files, keepOtherFiles: true)
            }
            do {
                try archive.publish(entries)
            } catch {
                throw ArchiveError.write(error)
            }
            withExtendedLifetime(lock) {}
        } catch {
            Console.error(error.description)
            if case .busy = error { throw ExitCode(ExitStatus.tryAgain) }
            throw ExitCode(ExitStatus.cannotCreate)
        }
        for item in rendered {
            Console.note("wrote \(InputPaths.join(InputPaths.join(output, item.brief.brief), day.iso)): \(item.files.keys.sorted().joined(separator: ", "))")
        }
    }

    func chosenDefinitions(_ definitions: [BriefDefinition]) throws -> [BriefDefinition] {
        if all { return definitions.sorted { $0.id < $1.id } }
        var chosen: [BriefDefinition] = []
        for id in briefs {
            guard let definition = definitions.first(where: { $0.id == id }) else {
                Console.error("error: no brief named '\(id)'; the briefs are: \(definitions.map(\.id).sorted().joined(separator: ", "))")
                throw ExitCode(ExitStatus.usage)
            }
            chosen.append(definition)
        }
        return chosen
    }
}
