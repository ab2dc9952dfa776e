import Foundation

/// Runs Python 3 as the test machine has it (with the packages
/// `scripts/install-deps.sh --test` installs), in the test's own environment:
/// unlike `ExternalTool.run`, it keeps `HOME`, which a Python managed by
/// pyenv needs to find its packages.
enum Python {
    /// `python3 ARGUMENTS`: its exit status, and its standard output and
    /// error together, in the order written.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
