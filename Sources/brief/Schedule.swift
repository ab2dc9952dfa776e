import ArgumentParser
import BriefKit
import Foundation

/// `brief schedule`: a ready crontab line and a systemd service and timer for
/// `brief daily`, with absolute paths.
///
/// A zone other than the machine's gets a `CRON_TZ=` line, which cronie
/// honours; Debian's and Ubuntu's cron (vixie cron 3.0pl1) ignore it and read
/// the time in the machine's zone, so the output says so in a comment and
/// gives the machine-zone time. `brief daily --tz ZONE` makes "today" right
/// whatever the scheduler; the systemd timer takes the zone itself.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a crontab line and a systemd service+timer pair that run `brief daily` every morning.",
        discussion: """
            The log of each run is appended to <output>/brief-daily.log. `brief daily` exits 75 when another run holds \
            the lock on the archive (try later), 0 on success; see `brief daily --help` for the other codes.
            """
    )

    @Option(help: ArgumentHelp("The time of day, HH:MM, in --tz.", valueName: "HH:MM"))
    var at: String = "06:30"

    @Option(help: ArgumentHelp("The archive folder.", valueName: "DIR"))
    var output: String = "Output"

    @Option(help: ArgumentHelp("What to print: all, crontab, crond (an /etc/cron.d file, with the user), service or timer.", valueName: "PART"))
    var part: String = "all"

    @Option(help: ArgumentHelp("The user that runs the job, for an /etc/cron.d line and the systemd service (default: the current user).", valueName: "USER"))
    var user: String?

    @OptionGroup var zone: TimeZoneOption
    @OptionGroup var inputs: InputOptions
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        guard clock != nil else { throw ValidationError("--at takes HH:MM, 00:00 to 23:59") }
        guard ["all", "crontab", "crond", "service", "timer"].contains(part) else {
            throw ValidationError("--part takes all, crontab, crond, service or timer")
        }
        if let user, user.isEmpty || !user.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0)) }) {
            throw ValidationError("--user takes a login name")
        }
        // systemd's OnCalendar= and cronie's CRON_TZ= read the tz database
        // itself, so the zone must be one of its names (not "GMT+3").
        if !Self.inTimeZoneDatabase(zoneName) {
            throw ValidationError("the zone '\(zoneName)' is not in the tz database (\(Self.zoneinfo)); use an IANA name such as Asia/Baku")
        }
    }

    var clock: (hour: Int, minute: Int)? {
        let parts = at.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    /// The zone the briefs' "today" and the schedule are in: `--tz`, else the
    /// zone of this shell (`TZ` as written, else the machine's).
    var zoneName: String {
        if let tz = zone.tz { return tz }
        if var tz = ProcessInfo.processInfo.environment["TZ"] {
            if tz.hasPrefix(":") { tz.removeFirst() }
            if !tz.isEmpty, TimeZone(identifier: tz) != nil, Self.inTimeZoneDatabase(tz) { return tz }
        }
        return TimeZone.current.identifier
    }

    func run() throws {
        let (hour, minute) = clock!
        let here = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String {
            let joined = path.hasPrefix("/") ? path : InputPaths.join(here, path)
            return URL(fileURLWithPath: joined).standardizedFileURL.path
        }
        let zoneName = self.zoneName
        let output = absolute(self.output)
        // A schedule that points at no dataset would fail every morning.
        var folders = [(absolute(inputs.paths.briefs), "briefs folder"), (absolute(inputs.paths.data), "dataset folder")]
        if let templates = templateOptions.templates { folders.append((absolute(templates), "templates folder")) }
        for (path, what) in folders {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                Console.error("\(path): error: no such \(what)")
                throw ExitCode(ExitStatus.noInput)
            }
        }
        let log = InputPaths.join(output, "brief-daily.log")
        var arguments = [Self.binary, "daily", "--tz", zoneName, "--output", output,
                         "--briefs", absolute(inputs.paths.briefs), "--data", absolute(inputs.paths.data)]
        if let templates = templateOptions.templates { arguments += ["--templates", absolute(templates)] }
        let runAs = user ?? ProcessInfo.processInfo.environment["USER"] ?? NSUserName()

        // cron: `mkdir -p` first, since the shell opens the log before brief runs.
        let shellCommand = arguments.map(Self.shellQuote).joined(separator: " ")
        let cronCommand = Self.cronEscape("cd \(Self.shellQuote(here)) && mkdir -p \(Self.shellQuote(output)) && \(shellCommand) >>\(Self.shellQuote(log)) 2>&1")
        let machine = Self.machineZone()
        var cronZone = ""
        if let wanted = TimeZone(identifier: zoneName), !Self.sameClock(wanted, machine.zone, from: Date()) {
            let there = Self.machineTime(hour: hour, minute: minute, in: wanted, machine: machine.zone)
            cronZone = """
                # CRON_TZ is read by cronie (Fedora, RHEL, Arch). Debian's and Ubuntu's cron ignore it and read the
                # time below in the machine's zone (\(machine.name)): there, \(Self.two(hour)):\(Self.two(minute)) \(zoneName) is \
                `\(there.minute) \(there.hour) * * *` today
                # (daylight saving can move it), or use the systemd timer, which takes the zone.
                CRON_TZ=\(zoneName)

                """
        }

        var text = ""
        if part == "all" || part == "crontab" {
            if part == "all" { text += "# crontab (install with `crontab -e`, or `brief schedule --part crontab >>FILE; crontab FILE`):\n" }
            text += cronZone
            text += "\(minute) \(hour) * * * \(cronCommand)\n"
        }
        if part == "crond" {
            text += "# /etc/cron.d/brief-daily (owned by root, mode 0644, no dot in the name)\n"
            text += cronZone
            text += "\(minute) \(hour) * * * \(runAs) \(cronCommand)\n"
        }
        if part == "all" || part == "service" {
            if part == "all" { text += "\n# /etc/systemd/system/brief-daily.service\n" }
            text += """
                [Unit]
                Description=Morning briefs (brief daily)

                [Service]
                Type=oneshot
                User=\(runAs)
                WorkingDirectory=\(Self.systemdEscape(here))
                ExecStart=\(arguments.map(Self.systemdQuote).joined(separator: " "))

                """
        }
        if part == "all" || part == "timer" {
            if part == "all" { text += "\n# /etc/systemd/system/brief-daily.timer (then: systemctl daemon-reload && systemctl enable --now brief-daily.timer)\n" }
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

    /// This program, by its absolute path with symbolic links resolved.
    static var binary: String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if exe != "/proc/self/exe" { return exe }
        let argument = CommandLine.arguments[0]
        let path = argument.hasPrefix("/") ? argument : InputPaths.join(FileManager.default.currentDirectoryPath, argument)
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    // MARK: - Zones

    static var zoneinfo: String { ProcessInfo.processInfo.environment["TZDIR"] ?? "/usr/share/zoneinfo" }

    /// Whether `name` is a zone of the tz database; true when the database
    /// is not installed, as nothing can be checked then.
    static func inTimeZoneDatabase(_ name: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: zoneinfo, isDirectory: &isFolder), isFolder.boolValue else { return true }
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else { return false }
        return FileManager.default.fileExists(atPath: InputPaths.join(zoneinfo, name), isDirectory: &isFolder) && !isFolder.boolValue
    }

    /// The zone cron and systemd read their times in: /etc/localtime, which a
    /// `TZ` in this shell does not change.
    static func machineZone() -> (name: String, zone: TimeZone) {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/etc/localtime"),
           let range = link.range(of: "zoneinfo/") {
            let name = String(link[range.upperBound...])
            if let zone = TimeZone(identifier: name) { return (name, zone) }
        }
        if let text = try? String(contentsOfFile: "/etc/timezone", encoding: .utf8) {
            let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let zone = TimeZone(identifier: name) { return (name, zone) }
        }
        if !FileManager.default.fileExists(atPath: "/etc/localtime"), let utc = TimeZone(identifier: "UTC") { return ("UTC", utc) }
        return (TimeZone.current.identifier, TimeZone.current)
    }

    /// Whether two zones read every clock time the same for the next two
    /// years (UTC, Etc/UTC and GMT do; Europe/Kiev and Europe/Kyiv do).
    static func sameClock(_ a: TimeZone, _ b: TimeZone, from start: Date) -> Bool {
        if a.identifier == b.identifier { return true }
        let end = start.addingTimeInterval(2 * 366 * 86_400)
        var instant = start
        while true {
            guard a.secondsFromGMT(for: instant) == b.secondsFromGMT(for: instant) else { return false }
            let nextA = a.nextDaylightSavingTimeTransition(after: instant)
            let nextB = b.nextDaylightSavingTimeTransition(after: instant)
            guard nextA == nextB else { return false }
            guard let next = nextA, next < end else { return true }
            instant = next
        }
    }

    /// The machine-zone clock time of the next `hour:minute` in `zone`.
    static func machineTime(hour: Int, minute: Int, in zone: TimeZone, machine: TimeZone) -> (hour: Int, minute: Int) {
        var there = Calendar(identifier: .gregorian)
        there.timeZone = zone
        var here = Calendar(identifier: .gregorian)
        here.timeZone = machine
        guard let next = there.nextDate(after: Date(), matching: DateComponents(hour: hour, minute: minute), matchingPolicy: .nextTime) else {
            return (hour, minute)
        }
        let parts = here.dateComponents([.hour, .minute], from: next)
        return (parts.hour ?? hour, parts.minute ?? minute)
    }

    // MARK: - Quoting

    /// Shell-quotes a word only when it needs it.
    static func shellQuote(_ word: String) -> String {
        let safe = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "/._-+:,=@".unicodeScalars.contains($0)) }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// cron turns an unescaped `%` of a command into a newline.
    static func cronEscape(_ command: String) -> String {
        command.replacingOccurrences(of: "%", with: "\\%")
    }

    /// A value where systemd expands `%` specifiers.
    static func systemdEscape(_ value: String) -> String {
        value.replacingOccurrences(of: "%", with: "%%")
    }

    /// One word of a systemd `ExecStart=` line: specifiers and variables
    /// escaped, double quotes where the word has blanks or quotes.
    static func systemdQuote(_ word: String) -> String {
        var text = systemdEscape(word).replacingOccurrences(of: "$", with: "$$")
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 && !"\"'\\;".unicodeScalars.contains($0) }
        if plain { return text }
        text = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + text + "\""
    }
}
