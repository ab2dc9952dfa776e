import ArgumentParser
import BriefKit
import Foundation

/// `brief schedule`: a ready crontab line and a systemd service and timer for
/// `brief daily`, with absolute paths.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a crontab line and a systemd service+timer pair that run `brief daily` every morning."
    )

    @Option(help: ArgumentHelp("The time of day, HH:MM (default 06:30).", valueName: "HH:MM"))
    var at: String = "06:30"

    @Option(help: ArgumentHelp("The archive folder.", valueName: "DIR"))
    var output: String = "Output"

    @Option(help: ArgumentHelp("What to print: all, crontab, crond (an /etc/cron.d file, with the user), service or timer.", valueName: "PART"))
    var part: String = "all"

    @Option(help: ArgumentHelp("The user for an /etc/cron.d line (default: the current user).", valueName: "USER"))
    var user: String?

    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var inputs: InputOptions

    func validate() throws {
        guard clock != nil else { throw ValidationError("--at takes HH:MM, 00:00 to 23:59") }
        guard ["all", "crontab", "crond", "service", "timer"].contains(part) else {
            throw ValidationError("--part takes all, crontab, crond, service or timer")
        }
    }

    var clock: (hour: Int, minute: Int)? {
        let parts = at.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    func run() throws {
        let (hour, minute) = clock!
        let here = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : InputPaths.join(here, path) }
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let zoneName = zone.tz ?? TimeZone.current.identifier
        let output = absolute(self.output)
        let log = InputPaths.join(output, "brief-daily.log")
        var command = "\(binary) daily --tz \(zoneName) --output \(Self.quote(output))"
        command += " --briefs \(Self.quote(absolute(inputs.paths.briefs))) --data \(Self.quote(absolute(inputs.paths.data)))"
        let workingDirectory = Self.quote(here)
        let differs = zoneName != TimeZone.current.identifier
        let runAs = user ?? ProcessInfo.processInfo.environment["USER"] ?? NSUserName()

        var text = ""
        if part == "all" || part == "crontab" {
            if part == "all" { text += "# crontab (install with `crontab -e`, or `crontab FILE`):\n" }
            if differs { text += "CRON_TZ=\(zoneName)\n" }
            text += "\(minute) \(hour) * * * cd \(workingDirectory) && \(command) >>\(Self.quote(log)) 2>&1\n"
        }
        if part == "crond" {
            if differs { text += "CRON_TZ=\(zoneName)\n" }
            text += "\(minute) \(hour) * * * \(runAs) cd \(workingDirectory) && \(command) >>\(Self.quote(log)) 2>&1\n"
        }
        if part == "all" || part == "service" {
            if part == "all" { text += "\n# /etc/systemd/system/brief-daily.service\n" }
            text += """
                [Unit]
                Description=Morning briefs (brief daily)

                [Service]
                Type=oneshot
                WorkingDirectory=\(here)
                ExecStart=\(command)

                """
        }
        if part == "all" || part == "timer" {
            if part == "all" { text += "\n# /etc/systemd/system/brief-daily.timer (then: systemctl enable --now brief-daily.timer)\n" }
            text += """
                [Unit]
                Description=Run brief daily every morning

                [Timer]
                OnCalendar=*-*-* \(Self.two(hour)):\(Self.two(minute)):00 \(zoneName)
                Persistent=true

                [Install]
                WantedBy=timers.target

                """
        }
        Console.output(text)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Shell-quotes a path only when it needs it.
    static func quote(_ path: String) -> String {
        let safe = path.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "/._-+".unicodeScalars.contains($0)) }
        return safe ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
