import ArgumentParser
import BriefKit

@main
struct Brief: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Turns a dataset of bilateral relations into analyst briefings.",
        subcommands: [Check.self, Generate.self, Formats.self]
    )
}
