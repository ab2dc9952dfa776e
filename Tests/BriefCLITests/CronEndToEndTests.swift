import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A crontab entry that `brief schedule` prints, run by a real cron daemon
/// (Debian's `cron`, which scripts/install-deps.sh --test installs): the
/// entry goes into /etc/cron.d for the coming minute, cron runs `brief daily`
/// in its own bare environment, and the test finds the complete archive.
///
/// Needs root (to write /etc/cron.d and start cron), as in CI. The test starts
/// cron when no cron is running and stops it afterwards; it removes its
/// /etc/cron.d file in every case and writes nothing else outside /tmp.
@Suite struct CronEndToEndTests {
    /// The environment cron gives a job, and the one the test starts cron in:
    /// no `TZ`, so times are read in the machine's zone, as cron reads them.
    static let bareEnvironment = ["PATH": "/usr/bin:/bin", "LANG": "C"]

    @Test(.timeLimit(.minutes(4)))
    func cronRunsTheScheduledDailyIntoATemporaryArchive() async throws {
        try #require(getuid() == 0, "this test writes /etc/cron.d and starts cron: run it as root (as CI does)")
        let cronBinary = try #require(SystemCommand.find("cron", also: ["/usr/sbin", "/sbin"]),
                                      "Debian's cron is not installed: run scripts/install-deps.sh --test")

        // The coming minute, by the machine's clock, with at least 15 s to spare
        // so that cron has read the file before that minute starts.
        let now = try Self.machineNow()
        let target = now - now % 60 + (now % 60 > 45 ? 120 : 60)
        let at = try Self.machineDate(target, format: "+%H:%M")
        let day = try Self.machineDate(target, format: "+%F")

        let scratch = try TemporaryFolder()
        // A space and a percent sign: cron turns an unescaped % into a newline.
        let archive = scratch.url.appendingPathComponent("morning 100%")
        let briefs = BriefProcess.packageRoot.appendingPathComponent("Briefs")
        let scheduled = try BriefProcess.run(["schedule", "--part", "crond", "--user", "root", "--at", at,
                                              "--output", archive.path, "--briefs", briefs.path],
                                             environment: Self.bareEnvironment)
        try #require(scheduled.status == 0, "brief schedule failed: \(scheduled.stderr)")
        let entry = scheduled.stdout
        #expect(entry.hasSuffix("\n"), "cron ignores a last line without a newline")
        #expect(!entry.contains("CRON_TZ"), "the machine's own zone needs no CRON_TZ:\n\(entry)")
        let jobs = entry.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        let fields = at.split(separator: ":").map { String(Int($0)!) }
        try #require(jobs.count == 1, "one job line expected:\n\(entry)")
        #expect(jobs[0].hasPrefix("\(fields[1]) \(fields[0]) * * * root cd /"), "\(jobs[0])")

        // /etc/cron.d wants root's file, not group- or world-writable, with no dot in its name.
        let name = "brief-e2e-" + UUID().uuidString.lowercased()
        let cronFile = "/etc/cron.d/" + name
        defer { try? FileManager.default.removeItem(atPath: cronFile) }
        // The job's parse cache in the scratch folder, not root's ~/.cache: an
        // environment line cron.d files allow, ahead of the entry as printed.
        let cacheLine = "XDG_CACHE_HOME=\(scratch.url.appendingPathComponent("cache").path)\n"
        try #require(FileManager.default.createFile(atPath: cronFile, contents: Data((cacheLine + entry).utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644, .ownerAccountID: 0, .groupOwnerAccountID: 0], ofItemAtPath: cronFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: cronFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect((attributes[.ownerAccountID] as? Int) == 0)

        // Start cron after the file is in place, so a fresh cron reads it at
        // start; a running cron rereads /etc/cron.d when its mtime changes.
        let cronLog = scratch.url.appendingPathComponent("cron.err").path
        var cron = Self.cronIsRunning() ? nil : try CronDaemon(binary: cronBinary, log: cronLog)
        defer { cron?.stop() }
        if let started = cron {
            try await Task.sleep(for: .milliseconds(500))
            #expect(started.isRunning, "cron exited at once: \(Self.text(URL(fileURLWithPath: cronLog)))")
        }

        // Wait for the run to finish: its last log line names the archive generation.
        let log = archive.appendingPathComponent("brief-daily.log")
        let deadline = Date(timeIntervalSince1970: TimeInterval(target + 90))
        var firstSeen: Date?
        while Date() < deadline {
            if firstSeen == nil, FileManager.default.fileExists(atPath: archive.path) { firstSeen = Date() }
            if Self.text(log).contains("archive generation") { break }
            if cron == nil, !Self.cronIsRunning() {
                // Whoever ran cron stopped it: run our own until the test ends.
                cron = try CronDaemon(binary: cronBinary, log: cronLog)
            }
            try await Task.sleep(for: .seconds(1))
        }

        let logText = Self.text(log)
        try #require(logText.contains("archive generation"), """
            cron did not run `brief daily` by \(at) + 90 s (file \(cronFile), cron \(cron == nil ? "already running" : "started by the test")).
            entry: \(entry)
            log: \(logText)
            cron stderr: \(Self.text(URL(fileURLWithPath: cronLog)))
            """)
        if let firstSeen {
            #expect(firstSeen.timeIntervalSince1970 >= TimeInterval(target) - 1, "the archive appeared before the scheduled minute")
        }
        let errors = logText.split(separator: "\n").filter { $0.lowercased().contains("error") }
        #expect(errors.isEmpty, "the log has errors:\n\(logText)")

        // The job found the cache folder cron's environment named (whatever
        // the version of the cache's format inside it).
        #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("cache/brief").path),
                "the job did not use XDG_CACHE_HOME from the cron.d file:\n\(logText)")

        // The complete archive: every brief, every format, its pages and feed, the index.
        let ids = try FileManager.default.contentsOfDirectory(atPath: briefs.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        try #require(!ids.isEmpty)
        #expect(FileManager.default.fileExists(atPath: archive.appendingPathComponent("index.html").path))
        for id in ids {
            let folder = archive.appendingPathComponent(id)
            for file in ["index.html", "feed.atom"] {
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(id)/\(file) is missing")
            }
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("latest").path)) == day,
                    "\(id)/latest should point at \(day), the machine's date when cron ran the job")
            for file in ["brief.md", "brief.html", "brief.xml", "brief.json", "trend.svg"] {
                let path = folder.appendingPathComponent("latest").appendingPathComponent(file).path
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                #expect(size > 0, "\(id)/latest/\(file) is missing or empty")
            }
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("latest/brief.json"))) as? [String: Any]
            #expect(json?["asOf"] as? String == day)
            #expect(json?["brief"] as? String == id)
        }
    }

    // MARK: - The machine's clock and cron

    /// Seconds since 1970 by `date`, in cron's environment.
    static func machineNow() throws -> Int {
        let result = try SystemCommand.run("/bin/date", ["+%s"], environment: bareEnvironment)
        return try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// An instant on the machine's clock (its zone, as cron reads it).
    static func machineDate(_ seconds: Int, format: String) throws -> String {
        let result = try SystemCommand.run("/bin/date", ["-d", "@\(seconds)", format], environment: bareEnvironment)
        try #require(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether a cron daemon is running (its process is named `cron`; the
    /// copies that run jobs are named `CRON`).
    static func cronIsRunning() -> Bool {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { pid in
            pid.allSatisfy(\.isNumber) && text(URL(fileURLWithPath: "/proc/\(pid)/comm")) == "cron\n"
        }
    }

    static func text(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}

/// cron in the foreground, as the test's child, so that the test stops exactly
/// the daemon it started. Spawned with no signal blocked: a child of `Process`
/// inherits the blocked signals of the test's thread, and a cron that blocks
/// SIGTERM and SIGCHLD can neither be stopped nor reap its jobs.
final class CronDaemon {
    let pid: pid_t
    private var exited = false

    init(binary: String, log: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let words = [binary, "-f"] + [nil]
        let environment = CronEndToEndTests.bareEnvironment.map { "\($0.key)=\($0.value)" } + [nil]
        let argv = words.map { $0.flatMap { strdup($0) } }
        let envp = environment.map { $0.flatMap { strdup($0) } }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        guard code == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(binary): \(String(cString: strerror(code)))"]) }
        self.pid = pid
    }

    var isRunning: Bool {
        if exited { return false }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid || (result < 0 && errno == ECHILD) { exited = true }
        return !exited
    }

    /// SIGTERM, then SIGKILL if cron has not gone within five seconds.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        for _ in 0..<50 where isRunning { usleep(100_000) }
        if isRunning {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            exited = true
        }
    }
}

/// Runs a program other than `brief` (cron, date, systemd-analyze) and captures what it says.
enum SystemCommand {
    static func find(_ name: String, also extra: [String] = []) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + extra + ["/usr/bin", "/bin"] {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    in folder: URL? = nil) throws -> BriefProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return BriefProcess.Result(status: process.terminationStatus,
                                   stdout: String(decoding: outData, as: UTF8.self),
                                   stderr: String(decoding: errData, as: UTF8.self))
    }
}
