import ArgumentParser
import BriefKit
import Foundation

/// `brief diff`: what changed in a brief, between two dates or two snapshots.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what changed in a brief between two dates, or between two stored snapshots.",
        usage: """
            brief diff BRIEF --from DATE --to DATE [--format LIST]
            brief diff OLD.json NEW.json [--format LIST]
            """,
        discussion: "Exit 0 when nothing changed, 1 when something did (like diff(1)); 64 wrong usage, 65 errors in the data, 66 a missing input."
    )

    @Argument(help: "A brief id (with --from and --to), or two brief.json snapshots.")
    var inputs: [String] = []

    @Option(help: ArgumentHelp("The earlier date.", valueName: "DATE"))
    var from: CommandLineDate?

    @Option(help: ArgumentHelp("The later date.", valueName: "DATE"))
    var to: CommandLineDate?

    @Option(help: ArgumentHelp("Formats, comma-separated (default: markdown).", valueName: "LIST"))
    var format: String = "markdown"

    @Option(help: ArgumentHelp("Write changes.<ext> files into this folder instead of standard output.", valueName: "DIR"))
    var output: String?

    @Flag(help: "Print nothing; only the exit status tells whether something changed.")
    var quiet = false

    @OptionGroup var inputOptions: InputOptions
    @OptionGroup var templateOptions: TemplateOptions
    @OptionGroup var zone: TimeZoneOption

    var snapshotMode: Bool { inputs.count == 2 }

    func validate() throws {
        if snapshotMode {
            if from != nil || to != nil { throw ValidationError("--from and --to compare dates of a brief; two snapshots need neither") }
        } else if inputs.count == 1 {
            if from == nil || to == nil { throw ValidationError("give --from DATE and --to DATE") }
        } else {
            throw ValidationError("give a brief id with --from and --to, or two brief.json snapshots")
        }
    }

    func run() throws {
        let (old, new, pools) = try snapshotMode ? readSnapshots() : computeBriefs()
        let changes: BriefChanges
        do {
            changes = try BriefDiff(old: old, new: new).changes(pools: pools)
        } catch {
            Console.error(error.description)
            throw ExitCode(ExitStatus.dataError)
        }
        if !quiet {
            let registry = try templateOptions.registry()
            let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            var outputs: [(String, String)] = []
            for name in names {
                guard let renderer = registry.renderer(named: name) else {
                    Console.error("error: unknown format '\(name)'; `brief formats` lists: \(registry.names.joined(separator: ", "))")
                    throw ExitCode(ExitStatus.usage)
                }
                do {
                    guard let text = try renderer.renderChanges(changes) else {
                        Console.error("error: format '\(name)' has no changes template")
                        throw ExitCode(ExitStatus.usage)
                    }
                    outputs.append(("changes.\(renderer.format.fileExtension)", text))
                } catch let failure as RenderFailure {
                    Console.error(failure.description)
                    throw ExitCode(ExitStatus.software)
                }
            }
            if let output {
                do {
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                    for (name, text) in outputs {
                        try Data(text.utf8).write(to: URL(fileURLWithPath: InputPaths.join(output, name)), options: .atomic)
                    }
                } catch {
                    Console.error("\(output): error: cannot write: \(error.localizedDescription)")
                    throw ExitCode(ExitStatus.cannotCreate)
                }
            } else {
                guard outputs.count == 1 else {
                    Console.error("error: standard output takes one format; give --output DIR for several")
                    throw ExitCode(ExitStatus.usage)
                }
                Console.output(outputs[0].1)
            }
        }
        if changes.hasChanges { throw ExitCode(ExitStatus.differences) }
    }

    /// Two snapshots; the quotes their lists were ranked from are not in them.
    func readSnapshots() throws -> (Brief, Brief, QuotePools?) {
        func read(_ path: String) throws -> Brief {
            guard let data = FileManager.default.contents(atPath: path) else {
                Console.error("\(path): error: no such file")
                throw ExitCode(ExitStatus.noInput)
            }
            let version: (brief: String?, schemaVersion: Int?)
            do throws(Brief.ReadFailure) {
                version = try Brief.snapshotVersion(of: data)
            } catch {
                Console.error("\(path):\(error.line):\(error.column): error: not a brief snapshot (brief.json): \(error.message)")
                throw ExitCode(ExitStatus.dataError)
            }
            guard version.brief != nil else {
                Console.error("\(path): error: not a brief snapshot (brief.json): it has no field 'brief'")
                throw ExitCode(ExitStatus.dataError)
            }
            guard version.schemaVersion == Brief.currentSchemaVersion else {
                Console.error("\(path): error: snapshot model version \(version.schemaVersion.map(String.init) ?? "missing"); this brief reads version \(Brief.currentSchemaVersion)")
                throw ExitCode(ExitStatus.dataError)
            }
            do throws(Brief.ReadFailure) {
                return try Brief(snapshot: data)
            } catch {
                Console.error("\(path):\(error.line):\(error.column): error: not a readable brief snapshot: \(error.message)")
                throw ExitCode(ExitStatus.dataError)
            }
        }
        return (try read(inputs[0]), try read(inputs[1]), nil)
    }

    /// The brief on both dates, and the quotes the later one's lists were ranked from.
    func computeBriefs() throws -> (Brief, Brief, QuotePools?) {
        let loaded = try inputOptions.loadValid(cache: inputOptions.openCache())
        guard let definition = loaded.definitions.first(where: { $0.id == inputs[0] }) else {
            Console.error("error: no brief named '\(inputs[0])'; the briefs are: \(loaded.definitions.map(\.id).sorted().joined(separator: ", "))")
            throw ExitCode(ExitStatus.usage)
        }
        let start = from!.resolve(in: zone.zone), end = to!.resolve(in: zone.zone)
        let (later, pools) = BriefAnalyzer.briefAndQuotePools(for: definition, in: AsOfView(dataset: loaded.dataset, on: end))
        return (BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: start), later, pools)
    }
}
