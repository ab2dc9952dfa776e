import ArgumentParser
import BriefKit
import Foundation

/// A date as typed on the command line: `YYYY-MM-DD`, `today` or `yesterday`
/// (in the zone of `--tz`).
struct CommandLineDate: ExpressibleByArgument {
    enum Value { case day(Day), today, yesterday }
    let value: Value

    init?(argument: String) {
        switch argument {
        case "today": value = .today
        case "yesterday": value = .yesterday
        default:
            guard let day = Day(iso: argument) else { return nil }
            value = .day(day)
        }
    }

    func resolve(in zone: TimeZone) -> Day {
        switch value {
        case let .day(day): return day
        case .today: return Day.today(in: zone)
        case .yesterday: return Day.today(in: zone).adding(days: -1)
        }
    }

    static var defaultValueDescription: String { "YYYY-MM-DD, today or yesterday" }
}

/// `--tz ZONE`: an IANA time zone name; default the system's.
struct TimeZoneOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The time zone that decides what 'today' is (default: the system zone).", valueName: "ZONE"))
    var tz: String?

    func validate() throws {
        if let tz, TimeZone(identifier: tz) == nil { throw ValidationError("unknown time zone '\(tz)'; use an IANA name such as Asia/Baku") }
    }

    var zone: TimeZone { tz.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current }
}

/// `--templates DIR`, shared by the commands that render.
struct TemplateOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A folder of templates that override the built-in ones, file by file.", valueName: "DIR"))
    var templates: String?

    func registry() throws -> RendererRegistry {
        let path = try ExitStatus.run { () throws(MissingInput) in try TemplateSearchPath.standard(templates: templates) }
        do {
            return try RendererRegistry(templates: path)
        } catch {
            Console.report(error.diagnostics)
            throw ExitCode(ExitStatus.software)
        }
    }
}
