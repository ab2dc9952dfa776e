import ArgumentParser
import BriefKit

/// `brief formats`: every renderer, built in or template-defined.
struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the output formats: built in and defined by templates.")

    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        let registry = try templateOptions.registry()
        var rows = [["name", "extension", "media type", "validator", "templates", "description"]]
        for renderer in registry.renderers {
            let format = renderer.format
            rows.append([format.name, format.fileExtension, format.mediaType, format.validator?.rawValue ?? "-", format.origin, format.summary])
        }
        let widths = (0..<rows[0].count - 1).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                line += column < widths.count ? cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0) : cell
            }
            text += line + "\n"
        }
        Console.output(text)
    }
}
