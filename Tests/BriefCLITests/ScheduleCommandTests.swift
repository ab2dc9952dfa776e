import Foundation
import Testing

/// `brief schedule`: the crontab line and the systemd units it prints.
@Suite struct ScheduleCommandTests {
    /// The machine's zone, as cron and systemd read it: /etc/localtime, not `TZ`.
    static let machineZone: String = {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/etc/localtime"),
           let range = link.range(of: "zoneinfo/") {
            return String(link[range.upperBound...])
        }
        if let text = try? String(contentsOfFile: "/etc/timezone", encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "UTC"
    }()

    /// A zone whose clock is not the machine's today.
    static let otherZone: String = {
        let machine = TimeZone(identifier: machineZone) ?? TimeZone(identifier: "UTC")!
        return ["Asia/Baku", "Pacific/Chatham"].first {
            TimeZone(identifier: $0)!.secondsFromGMT() != machine.secondsFromGMT()
        }!
    }()

    static func environment(tz: String) -> [String: String] { ["PATH": "/usr/bin:/bin", "TZ": tz] }

    static let root = BriefProcess.packageRoot.path
    static let binary = BriefProcess.executable.resolvingSymlinksInPath().path

    /// The lines of the output that are not comments or blank.
    static func activeLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    @Test func theCrontabLineHasAbsolutePathsAndAppendsToALogFile() throws {
        let scratch = try TemporaryFolder()
        let here = scratch.url.resolvingSymlinksInPath().path
        let result = try BriefProcess.run(["schedule", "--part", "crontab", "--at", "07:05", "--output", "out", "--briefs", Self.root + "/Briefs"],
                                          in: scratch.url, environment: Self.environment(tz: Self.machineZone))
        #expect(result.status == 0, "\(result.stderr)")
        let plain = [here, Self.root, Self.binary].allSatisfy { path in
            path.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-+".unicodeScalars.contains($0)) }
        }
        try #require(plain, "this test expects paths that need no shell quoting")
        let expected = "5 7 * * * cd \(here) && mkdir -p \(here)/out && \(Self.binary) daily --tz \(Self.machineZone) --output \(here)/out"
            + " --briefs \(Self.root)/Briefs --data \(Self.root)/Briefs/data >>\(here)/out/brief-daily.log 2>&1"
        #expect(Self.activeLines(result.stdout) == [expected])
        #expect(result.stdout.hasSuffix("2>&1\n"))
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary))
    }

    @Test func anEtcCronDLineNamesTheUser() throws {
        let result = try BriefProcess.run(["schedule", "--part", "crond", "--user", "briefs", "--at", "23:59"],
                                          environment: Self.environment(tz: Self.machineZone))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.activeLines(result.stdout)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("59 23 * * * briefs cd \(Self.root) && ") == true, "\(result.stdout)")
    }

    @Test func noCronTZLineInTheMachinesOwnZone() throws {
        for arguments in [["schedule", "--part", "crontab"], ["schedule", "--part", "crontab", "--tz", Self.machineZone]] {
            let result = try BriefProcess.run(arguments, environment: Self.environment(tz: Self.machineZone))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("CRON_TZ"), "\(result.stdout)")
            #expect(result.stdout.contains(" daily --tz \(Self.machineZone) "), "\(result.stdout)")
        }
    }

    @Test func anotherZoneGetsCronTZAndSaysWhatDebiansCronDoes() throws {
        let zone = Self.otherZone
        let result = try BriefProcess.run(["schedule", "--part", "crontab", "--at", "06:30", "--tz", zone],
                                          environment: Self.environment(tz: Self.machineZone))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let tzLine = try #require(lines.firstIndex(of: "CRON_TZ=\(zone)"), "\(result.stdout)")
        #expect(tzLine + 1 < lines.count && lines[tzLine + 1].hasPrefix("30 6 * * * cd "), "CRON_TZ goes right before its line")
        #expect(lines.last?.contains(" daily --tz \(zone) --output ") == true)
        // The comment gives the machine-zone time that Debian's cron needs.
        var there = Calendar(identifier: .gregorian)
        there.timeZone = TimeZone(identifier: zone)!
        var here = Calendar(identifier: .gregorian)
        here.timeZone = TimeZone(identifier: Self.machineZone)!
        let next = there.nextDate(after: Date(), matching: DateComponents(hour: 6, minute: 30), matchingPolicy: .nextTime)!
        let local = here.dateComponents([.hour, .minute], from: next)
        let comments = lines.filter { $0.hasPrefix("#") }.joined(separator: "\n")
        #expect(comments.contains("Debian's and Ubuntu's cron ignore it"), "\(comments)")
        #expect(comments.contains("machine's zone (\(Self.machineZone))"), "\(comments)")
        #expect(comments.contains("`\(local.minute!) \(local.hour!) * * *`"), "\(comments)")
        #expect(comments.contains("systemd timer"))
    }

    @Test func theShellsZoneIsTheDefault() throws {
        let zone = Self.otherZone
        let result = try BriefProcess.run(["schedule", "--part", "crontab"], environment: Self.environment(tz: zone))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.activeLines(result.stdout).first == "CRON_TZ=\(zone)", "\(result.stdout)")
        #expect(result.stdout.contains(" daily --tz \(zone) --output "))
    }

    @Test func percentSignsAndQuotesSurviveCronAndSystemd() throws {
        let result = try BriefProcess.run(["schedule", "--output", "/tmp/it's 100%", "--tz", "Asia/Baku"],
                                          environment: Self.environment(tz: Self.machineZone))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" --output '/tmp/it'\\''s 100\\%' "), "cron needs \\% and the shell its quotes:\n\(result.stdout)")
        #expect(result.stdout.contains(">>'/tmp/it'\\''s 100\\%/brief-daily.log' 2>&1\n"))
        #expect(result.stdout.contains(" --output \"/tmp/it's 100%%\" "), "systemd needs %% and double quotes:\n\(result.stdout)")
    }

    @Test func theServiceAndTimerUnits() throws {
        let units = try Self.units(at: "06:30", zone: "Asia/Baku")
        Self.checkKeys(service: units.service, timer: units.timer, zone: "Asia/Baku")
        let all = try BriefProcess.run(["schedule", "--at", "06:30", "--tz", "Asia/Baku"], environment: Self.environment(tz: Self.machineZone))
        #expect(all.status == 0)
        #expect(all.stdout.contains(units.service) && all.stdout.contains(units.timer), "--part all prints both units")
        #expect(all.stdout.contains("\n30 6 * * * cd \(Self.root) && "), "--part all prints the crontab line")
    }

    /// `systemd-analyze verify` where it runs; where it cannot, the keys are
    /// checked here and the test says why on standard error.
    @Test func theUnitsPassSystemdAnalyzeVerify() throws {
        let units = try Self.units(at: "06:30", zone: "Asia/Baku")
        let folder = try TemporaryFolder()
        try folder.write("brief-daily.service", units.service)
        try folder.write("brief-daily.timer", units.timer)

        guard let analyze = SystemCommand.find("systemd-analyze") else {
            FileHandle.standardError.write(Data("systemd-analyze cannot run here: it is not installed (the systemd package); checked the unit keys instead\n".utf8))
            Self.checkKeys(service: units.service, timer: units.timer, zone: "Asia/Baku")
            return
        }
        // First a pair known to be good: if that fails, the tool cannot work here.
        let control = try TemporaryFolder()
        try control.write("control-e2e.service", "[Unit]\nDescription=control\n\n[Service]\nType=oneshot\nExecStart=/bin/true\n")
        try control.write("control-e2e.timer", "[Unit]\nDescription=control\n\n[Timer]\nOnCalendar=*-*-* 06:30:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n")
        let baseline = try SystemCommand.run(analyze, ["verify", "--man=no", control.path + "/control-e2e.service", control.path + "/control-e2e.timer"])
        guard baseline.status == 0 else {
            let reason = baseline.stderr.split(separator: "\n").first.map(String.init) ?? "exit \(baseline.status)"
            FileHandle.standardError.write(Data("systemd-analyze cannot run here: \(reason); checked the unit keys instead\n".utf8))
            Self.checkKeys(service: units.service, timer: units.timer, zone: "Asia/Baku")
            return
        }
        let result = try SystemCommand.run(analyze, ["verify", "--man=no", folder.path + "/brief-daily.service", folder.path + "/brief-daily.timer"])
        #expect(result.status == 0, "systemd-analyze verify: \(result.stderr)")
        // Unknown keys and settings it ignores are warnings with exit 0.
        let complaints = result.stderr.split(separator: "\n").filter { $0.contains("brief-daily") }
        #expect(complaints.isEmpty, "systemd-analyze verify:\n\(result.stderr)")
        // The tool does reject a bad unit: a zone it does not know.
        try folder.write("brief-daily.timer", units.timer.replacingOccurrences(of: "Asia/Baku", with: "Mars/Olympus_Mons"))
        let broken = try SystemCommand.run(analyze, ["verify", "--man=no", folder.path + "/brief-daily.service", folder.path + "/brief-daily.timer"])
        #expect(broken.status != 0, "a timer with an unknown zone should fail verification")
    }

    @Test(arguments: [
        (["schedule", "--at", "25:00"], Int32(64)),
        (["schedule", "--at", "6:30"], Int32(64)),
        (["schedule", "--at", "06:60"], Int32(64)),
        (["schedule", "--at", "06:30:00"], Int32(64)),
        (["schedule", "--part", "cron"], Int32(64)),
        (["schedule", "--tz", "Mars/Olympus_Mons"], Int32(64)),
        (["schedule", "--tz", "GMT+3"], Int32(64)),
        (["schedule", "--briefs", "/nonexistent/Briefs"], Int32(66)),
        (["schedule", "--templates", "/nonexistent/Templates"], Int32(66)),
    ])
    func wrongUsageAndMissingFoldersExitWithTheirCodes(arguments: [String], status: Int32) throws {
        let result = try BriefProcess.run(arguments, environment: Self.environment(tz: Self.machineZone))
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }

    // MARK: - Units

    static func units(at time: String, zone: String) throws -> (service: String, timer: String) {
        var texts: [String] = []
        for part in ["service", "timer"] {
            let result = try BriefProcess.run(["schedule", "--part", part, "--at", time, "--tz", zone],
                                              environment: environment(tz: machineZone))
            try #require(result.status == 0, "\(result.stderr)")
            texts.append(result.stdout)
        }
        return (texts[0], texts[1])
    }

    /// A unit file as sections of key-value pairs, in order.
    static func parse(_ unit: String) -> [(section: String, entries: [(key: String, value: String)])] {
        var sections: [(section: String, entries: [(key: String, value: String)])] = []
        for raw in unit.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                sections.append((String(line.dropFirst().dropLast()), []))
            } else if let equals = line.firstIndex(of: "="), !sections.isEmpty {
                sections[sections.count - 1].entries.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
            } else {
                sections.append(("<not a unit line: \(line)>", []))
            }
        }
        return sections
    }

    static func value(_ key: String, in section: String, of unit: [(section: String, entries: [(key: String, value: String)])]) -> [String] {
        unit.filter { $0.section == section }.flatMap(\.entries).filter { $0.key == key }.map(\.value)
    }

    static func checkKeys(service: String, timer: String, zone: String) {
        let serviceUnit = parse(service)
        #expect(serviceUnit.map(\.section) == ["Unit", "Service"])
        #expect(value("Type", in: "Service", of: serviceUnit) == ["oneshot"])
        #expect(value("WorkingDirectory", in: "Service", of: serviceUnit) == [root])
        let exec = value("ExecStart", in: "Service", of: serviceUnit)
        #expect(exec.count == 1)
        let words = exec.first?.split(separator: " ").map(String.init) ?? []
        #expect(words.first == binary, "ExecStart must start with the absolute path of brief")
        #expect(Array(words.dropFirst().prefix(3)) == ["daily", "--tz", zone])
        #expect(words.contains("--output") && words.contains(root + "/Output"))
        #expect(words.allSatisfy { !$0.hasPrefix("--") || ["--tz", "--output", "--briefs", "--data", "--templates"].contains($0) })
        for flag in ["--output", "--briefs", "--data"] {
            if let index = words.firstIndex(of: flag), index + 1 < words.count {
                #expect(words[index + 1].hasPrefix("/"), "\(flag) takes an absolute path")
            } else {
                Issue.record("ExecStart lacks \(flag)")
            }
        }
        #expect(value("User", in: "Service", of: serviceUnit).count == 1)

        let timerUnit = parse(timer)
        #expect(timerUnit.map(\.section) == ["Unit", "Timer", "Install"])
        #expect(value("OnCalendar", in: "Timer", of: timerUnit) == ["*-*-* 06:30:00 \(zone)"])
        #expect(value("Persistent", in: "Timer", of: timerUnit) == ["true"])
        #expect(value("WantedBy", in: "Install", of: timerUnit) == ["timers.target"])
    }
}
