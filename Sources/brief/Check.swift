import ArgumentParser
import BriefKit
import Foundation

/// `brief check`: validates the dataset and the brief definitions.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the dataset and the brief definitions.",
        discussion: "Prints every problem as FILE:LINE:COLUMN: error: MESSAGE. Exit 0 when there are no errors, 65 when there are, 66 when a folder does not exist."
    )

    @OptionGroup var inputs: InputOptions

    func run() throws {
        let cache = inputs.openCache()
        let loaded = try ExitStatus.run { () throws(MissingInput) in try InputLoader.load(inputs.paths, cache: cache) }
        ProcessLifetime.keep(loaded)
        Console.report(loaded.diagnostics)
        let errors = loaded.errors.count
        let warnings = loaded.diagnostics.count - errors
        let summary = "\(loaded.fileCount) dataset file\(loaded.fileCount == 1 ? "" : "s"), \(loaded.dataset.recordCount) records, "
            + "\(loaded.definitions.count) brief definition\(loaded.definitions.count == 1 ? "" : "s"): "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        Console.note(summary)
        if errors > 0 { throw ExitCode(ExitStatus.dataError) }
    }
}

/// Where the inputs are read from, shared by every command.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder of brief definitions.", valueName: "DIR"))
    var briefs: String?

    @Option(name: .long, help: ArgumentHelp("The dataset folder (default: <briefs>/data).", valueName: "DIR"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "The parse cache: dataset files unchanged since a run that used it are not parsed again (default: $XDG_CACHE_HOME/brief, else ~/.cache/brief).",
        valueName: "DIR"))
    var cache: String?

    @Flag(name: .customLong("no-cache"), help: "Parse every dataset file and (daily) render every brief: no parse cache is read or written, no stored brief reused.")
    var noCache = false

    var paths: InputPaths { InputPaths(briefs: briefs, data: data) }

    /// The parse cache to use: `--cache`, else the user's cache folder (the
    /// XDG convention); none with `--no-cache`. A cache that cannot be opened
    /// is a warning, not a failure: the run parses every file, as it would
    /// without one.
    func openCache() -> ParseCache? {
        guard !noCache, let folder = cache ?? Self.userCacheFolder() else { return nil }
        do throws(WriteFailure) {
            return try ParseCache(folder: folder)
        } catch {
            Console.note("\(error.path): warning: the parse cache is not used: \(error.reason)")
            return nil
        }
    }

    /// `$XDG_CACHE_HOME/brief`, else `$HOME/.cache/brief`; nil with neither
    /// (cron always sets HOME).
    static func userCacheFolder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/brief" }
        if let home = environment["HOME"], home.hasPrefix("/") { return (home.hasSuffix("/") ? home : home + "/") + ".cache/brief" }
        return nil
    }

    /// The inputs, or the documented exit: 66 for a missing folder, 65 (with
    /// every diagnostic printed) for data with errors. Nothing is written then.
    func loadValid(cache: ParseCache? = nil, alongside: (@Sendable (Dataset) -> Void)? = nil) throws -> Inputs {
        let loaded = try ExitStatus.run { () throws(MissingInput) in try InputLoader.load(paths, cache: cache, alongside: alongside) }
        ProcessLifetime.keep(loaded)
        guard !loaded.hasErrors else {
            Console.report(loaded.diagnostics)
            Console.note("nothing written: the data has \(loaded.errors.count) error(s)")
            throw ExitCode(ExitStatus.dataError)
        }
        return loaded
    }

    /// Said when a run that renders every brief finds none: a cron job pointed
    /// at the wrong folder would otherwise succeed every morning, writing nothing.
    var noBriefsWarning: String {
        "\(paths.briefs): warning: no brief definitions (one .yaml file per brief, beside the data folder): nothing to render"
    }
}
