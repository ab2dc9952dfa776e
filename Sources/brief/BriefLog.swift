import Foundation
import Logging

/// Log lines for people and cron mail: `brief: <message>` on standard error,
/// one line each, no colours; `--quiet` keeps only warnings and errors.
struct BriefLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix = event.level >= .warning ? "brief: \(event.level): " : "brief: "
        FileHandle.standardError.write(Data((prefix + "\(event.message)\n").utf8))
    }

    static func make(quiet: Bool) -> Logger {
        var handler = BriefLogHandler()
        handler.logLevel = quiet ? .warning : .info
        return Logger(label: "brief", factory: { _ in handler })
    }
}

/// A one-line progress display, only when standard error is a terminal.
struct Progress {
    let total: Int
    let enabled: Bool = isatty(2) == 1

    func show(_ done: Int, _ label: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(label)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

enum BriefLog {
    static func logger(quiet: Bool) -> Logger { BriefLogHandler.make(quiet: quiet) }
}
