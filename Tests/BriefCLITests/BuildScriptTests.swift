import Foundation
import Testing

/// `scripts/build-release.sh`, which `scripts/run.sh` and the benchmarks build
/// through: link-time optimization only where SwiftPM offers it. Run against a
/// stand-in `swift` on `PATH` that prints a help text and records the build it
/// is asked for, so the choice is tested without building anything.
@Suite struct BuildScriptTests {
    static let script = BriefProcess.packageRoot.appendingPathComponent("scripts/build-release.sh").path

    /// A `swift` whose `build --help-hidden` lists the LTO option or not, after
    /// and before some 200 KB of other lines (more than a pipe holds), and
    /// which writes the arguments of any other call to `$FAKE_LOG`, one a line.
    static let fakeSwift = """
        #!/bin/sh
        if [ "$1" = build ] && [ "$2" = --help-hidden ]; then
            i=0; while [ $i -lt 2000 ]; do echo "  --option-$i    an option of the stand-in swift, padded to fill the pipe ......."; i=$((i+1)); done
            if [ -n "$FAKE_LTO" ]; then echo "  --experimental-lto-mode <experimental-lto-mode>"; fi
            i=0; while [ $i -lt 2000 ]; do echo "  --more-$i    an option of the stand-in swift, padded to fill the pipe ........."; i=$((i+1)); done
            exit 0
        fi
        printf '%s\\n' "$@" > "$FAKE_LOG"
        """

    struct Outcome {
        var status: Int32
        var arguments: [String]
        var stderr: String
    }

    static func run(offeringLTO: Bool) throws -> Outcome {
        let scratch = try TemporaryFolder()
        try scratch.write("bin/swift", fakeSwift)
        let fake = scratch.url.appendingPathComponent("bin/swift").path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let log = scratch.url.appendingPathComponent("swift-arguments").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "--scratch-path", ".build-elsewhere", "--product", "brief"]
        var environment = ["PATH": scratch.url.appendingPathComponent("bin").path + ":/usr/bin:/bin", "FAKE_LOG": log]
        if offeringLTO { environment["FAKE_LTO"] = "1" }
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus,
                       arguments: logged.split(separator: "\n").map(String.init),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func aSwiftPMThatOffersLTOBuildsWithThinLTO() throws {
        let outcome = try Self.run(offeringLTO: true)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.arguments == ["build", "-c", "release", "--experimental-lto-mode=thin",
                                      "--scratch-path", ".build-elsewhere", "--product", "brief"])
        #expect(!outcome.stderr.contains("without link-time optimization"))
    }

    @Test func aSwiftPMWithoutTheOptionBuildsTheSameProgramWithoutItAndSaysSo() throws {
        let outcome = try Self.run(offeringLTO: false)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.arguments == ["build", "-c", "release", "--scratch-path", ".build-elsewhere", "--product", "brief"])
        #expect(outcome.stderr.contains("building without link-time optimization"))
    }
}
