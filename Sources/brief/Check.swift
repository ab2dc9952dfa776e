import ArgumentParser
import BriefKit

/// `brief check`: validates the dataset and the brief definitions.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the dataset and the brief definitions.",
        discussion: "Prints every problem as FILE:LINE:COLUMN: error: MESSAGE. Exit 0 when there are no errors, 65 when there are, 66 when a folder does not exist."
    )

    @OptionGroup var inputs: InputOptions

    func run() throws {
        let loaded = try ExitStatus.run { () throws(MissingInput) in try InputLoader.load(inputs.paths) }
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

    var paths: InputPaths { InputPaths(briefs: briefs, data: data) }

    /// The inputs, or the documented exit: 66 for a missing folder, 65 (with
    /// every diagnostic printed) for data with errors. Nothing is written then.
    func loadValid() throws -> Inputs {
        let loaded = try ExitStatus.run { () throws(MissingInput) in try InputLoader.load(paths) }
        guard !loaded.hasErrors else {
            Console.report(loaded.diagnostics)
            Console.note("nothing written: the data has \(loaded.errors.count) error(s)")
            throw ExitCode(ExitStatus.dataError)
        }
        return loaded
    }
}
