import ArgumentParser
import BriefKit

@main
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Turns a dataset of bilateral relations into analyst briefings.",
        subcommands: [Check.self, Generate.self, Daily.self, Diff.self, Formats.self, Schedule.self]
    )
}
