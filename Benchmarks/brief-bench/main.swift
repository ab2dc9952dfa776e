import BriefKit
import CBriefSystem
import CYAML
import DatasetGenerator
import Foundation
import XMLSupport
import YAMLReader

// brief-bench load --records 10000,100000 --work DIR [--seed S] [--runs R]
//
// For each size: generates the dataset into DIR/records-N (brief-datagen's
// code), then re-runs itself as `brief-bench measure-load` in a child process,
// so that each size's peak memory is its own. The child times
// `InputLoader.load` (read + decode + validate, median of R runs), reads its
// peak resident memory, then times a libyaml-only scan of the same files (the
// C-speed floor: events parsed and thrown away). Prints a Markdown table.

let usage = """
    usage: brief-bench load --records N[,N...] --work DIR [--seed S] [--runs R]
           brief-bench scan --briefs DIR [--data DIR] [--runs R] [--tape 1]
           brief-bench stages --briefs DIR [--date YYYY-MM-DD] [--formats LIST]
           brief-bench inputs --briefs DIR
           brief-bench check-docbook --file BRIEF.xml [--runs R]
           brief-bench allocator

      --records   dataset sizes, comma-separated (default 10000,100000)
      --work      folder for the generated datasets (DIR/records-N); use a temporary folder
      --seed      generator seed (default 1)
      --runs      timed runs per size; the median is reported (default 3)

    `scan` prints the median seconds libyaml alone takes to scan every file of
    a dataset on one thread (the floor Benchmarks/suite.sh compares to), then
    the files, bytes and events. With `--tape 1`, each file is read into the
    loader's YAMLTape instead (libyaml's events and the tape built from them,
    what loading does before a record is decoded; the last figure is then the
    documents read).

    `stages` runs what `brief daily --no-cache` runs, one stage after the other
    (load, validate, as-of view, analysis, each format's rendering, each
    format's output check, writing the archive into a temporary folder), and prints each
    stage's seconds (wall, and CPU of every thread) and the peak memory. `--formats` names the formats to
    render (default markdown,html,docbook,json); `none` stops after the
    analysis, to measure the stages before rendering on their own.

    `check-docbook` times the check every DocBook output passes before it is
    written (parse, then the fast path's grammar; `OutputValidator.docbook`),
    and the same document against the official schema alone: milliseconds,
    median of R runs (default 3), the schemas compiled before the clock starts.
    Run it with mimalloc preloaded to time what `brief` does.

    `allocator` prints the malloc this process calls: "mimalloc" when it is
    preloaded (`brief` itself is linked with it), else "glibc".

    `inputs` prints, for each brief, how many records it reads (its
    `BriefInputs`: what it belongs to, and what that leads to) and from how
    many files, and how many briefs read each file.

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("brief-bench: \(message)\n".utf8))
    exit(64)
}

func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

// MARK: - Measuring

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// User + system CPU time of this process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
    return user + system
}

/// A field of /proc/self/status in KiB (`VmHWM`: peak resident set; `VmRSS`: current).
func statusKiB(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
    }
    return 0
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The files the loader reads: `*.yaml` under `data` (recursively) and in
/// `briefs` (not recursively), hidden ones skipped.
func yamlFiles(briefs: String, data: String) -> [String] {
    var files: [String] = []
    var pending = [(data, true), (briefs, false)]
    while let (folder, recursive) = pending.popLast() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                if recursive { pending.append((path, true)) }
            } else if name.hasSuffix(".yaml") {
                files.append(path)
            }
        }
    }
    return files
}

/// libyaml alone: every event parsed and discarded. Returns the event count.
func scan(_ bytes: UnsafeRawBufferPointer) -> Int {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return 0 }
    defer { yaml_parser_delete(&parser) }
    var empty: UInt8 = 0
    let base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) }
    withUnsafeMutablePointer(to: &empty) { fallback in
        yaml_parser_set_input_string(&parser, base ?? UnsafePointer(fallback), bytes.count)
    }
    var events = 0
    var event = yaml_event_t()
    while yaml_parser_parse(&parser, &event) == 1 {
        let done = event.type == YAML_STREAM_END_EVENT
        yaml_event_delete(&event)
        events += 1
        if done { break }
    }
    return events
}

/// Reads and scans every file once, on one thread. With `tape`, each file
/// is read into the loader's `YAMLTape` instead: libyaml's events and the
/// tape built from them, what the loader does before any record is decoded.
func scanAll(_ files: [String], tape: Bool = false) -> Int {
    var events = 0
    for path in files {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        if tape {
            events += YAMLTape.parse([UInt8](data)).documents.count
        } else {
            events += data.withUnsafeBytes { scan($0) }
        }
    }
    return events
}

/// `measure-load`: one size, in a process of its own. Prints one line of figures.
func measureLoad(briefs: String, data: String, runs: Int) {
    let baseline = statusKiB("VmRSS")
    var loadTimes: [Double] = []
    var cpuTimes: [Double] = []
    var records = 0, fileCount = 0, errors = 0, warnings = 0
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let cpuStart = cpuSeconds()
        let start = clock.now
        let inputs: Inputs
        do {
            inputs = try InputLoader.load(InputPaths(briefs: briefs, data: data))
        } catch {
            fail(error.description)
        }
        loadTimes.append(seconds(clock.now - start))
        cpuTimes.append(cpuSeconds() - cpuStart)
        records = inputs.dataset.recordCount
        fileCount = inputs.fileCount
        errors = inputs.errors.count
        warnings = inputs.diagnostics.count - errors
        if errors > 0 {
            for diagnostic in inputs.errors.prefix(5) { note(diagnostic.description) }
        }
    }
    let peak = statusKiB("VmHWM")

    let files = yamlFiles(briefs: briefs, data: data)
    let bytes = files.reduce(0) { total, path in
        total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
    var scanTimes: [Double] = []
    var events = 0
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        events = scanAll(files)
        scanTimes.append(seconds(clock.now - start))
    }
    let list = { (values: [Double]) in values.map { String($0) }.joined(separator: ",") }
    print("figures records=\(records) files=\(fileCount) yaml=\(files.count) bytes=\(bytes) errors=\(errors) warnings=\(warnings) "
        + "load=\(list(loadTimes)) cpu=\(list(cpuTimes)) baseline=\(baseline) peak=\(peak) scan=\(list(scanTimes)) events=\(events)")
}

// MARK: - Driving

struct Row {
    var requested: Int
    var figures: [String: String]

    func int(_ key: String) -> Int { Int(figures[key] ?? "") ?? 0 }
    func list(_ key: String) -> [Double] { (figures[key] ?? "").split(separator: ",").compactMap { Double($0) } }
}

func measureInChild(briefs: String, data: String, runs: Int, requested: Int) -> Row {
    let own: String
    do {
        own = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    } catch {
        own = CommandLine.arguments[0]
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: own)
    process.arguments = ["measure-load", "--briefs", briefs, "--data", data, "--runs", String(runs)]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        fail("cannot start \(own): \(error)")
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let line = output.split(separator: "\n").last(where: { $0.hasPrefix("figures ") }) else {
        fail("measure-load for \(requested) records failed (status \(process.terminationStatus))")
    }
    var figures: [String: String] = [:]
    for pair in line.dropFirst("figures ".count).split(separator: " ") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2 { figures[String(parts[0])] = String(parts[1]) }
    }
    return Row(requested: requested, figures: figures)
}

func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
        out.append(digit)
    }
    return out
}

func fixed(_ value: Double, _ places: Int) -> String {
    String(format: "%.\(places)f", value)
}

func table(_ rows: [Row], runs: Int) -> String {
    var lines = [
        "| Records | Files | YAML (MB) | Load, median of \(runs) (s) | Load CPU (s) | Records/s | MB/s | Peak RSS (MiB) | libyaml scan (s) | Load / scan | Load CPU / scan |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows {
        let load = median(row.list("load"))
        let cpu = median(row.list("cpu"))
        let scan = median(row.list("scan"))
        let megabytes = Double(row.int("bytes")) / 1e6
        lines.append("| \(grouped(row.int("records"))) | \(row.int("files")) | \(fixed(megabytes, 1)) | \(fixed(load, 2)) | \(fixed(cpu, 2)) | "
            + "\(grouped(Int((Double(row.int("records")) / load).rounded()))) | \(fixed(megabytes / load, 1)) | "
            + "\(fixed(Double(row.int("peak")) / 1024, 0)) | \(fixed(scan, 3)) | \(fixed(load / scan, 1))× | \(fixed(cpu / scan, 1))× |")
    }
    return lines.joined(separator: "\n")
}

func runLoadBenchmark(sizes: [Int], work: String, seed: UInt64, runs: Int) {
    var rows: [Row] = []
    for size in sizes {
        let folder = (work.hasSuffix("/") ? work : work + "/") + "records-\(size)"
        let options = GeneratorOptions(records: size, seed: seed)
        if DatasetGenerator.isGenerated(options, in: folder) {
            note("reusing \(grouped(size)) records in \(folder) (generated with the same options: the same bytes)")
        } else {
            note("generating \(grouped(size)) records into \(folder) ...")
            do {
                let summary = try DatasetGenerator.generate(options, into: folder)
                note("  \(summary.files) files, \(summary.bytes) bytes")
            } catch {
                fail(error.description)
            }
        }
        note("  measuring (\(runs) runs) ...")
        let row = measureInChild(briefs: folder, data: folder + "/data", runs: runs, requested: size)
        note("  load \(row.figures["load"] ?? "?") s, scan \(row.figures["scan"] ?? "?") s, peak \(row.int("peak")) KiB, "
            + "\(row.int("errors")) errors, \(row.int("warnings")) warnings")
        if row.int("errors") > 0 { fail("the generated dataset has errors: the figures would not be of a real load") }
        rows.append(row)
    }
    print(table(rows, runs: runs))
    print("")
    let baseline = rows.map { $0.int("baseline") }.max() ?? 0
    print("Load: `InputLoader.load` (read, decode, validate; \(ProcessInfo.processInfo.activeProcessorCount) cores used by its parallel read). "
        + "Scan: libyaml `yaml_parser_parse` over the same files on one thread, events discarded. "
        + "MB = 10^6 bytes of YAML. Peak RSS: VmHWM of a fresh process per size (about \(baseline / 1024) MiB before loading). "
        + "Generator seed \(seed); every dataset loaded with 0 errors.")
}

// MARK: - Stages

func runStages(briefs: String, day: Day, formats: [String]) {
    // Wall seconds, and the CPU seconds of every thread: a parallel stage
    // takes more CPU than wall time, and on a shared machine the CPU time
    // moves less than the wall time does.
    var rows: [(name: String, wall: Double, cpu: Double)] = []
    let clock = ContinuousClock()
    var cpuMark = cpuSeconds()
    func record(_ name: String, _ wall: Double) {
        let cpu = cpuSeconds()
        rows.append((name, wall, cpu - cpuMark))
        cpuMark = cpu
    }
    func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        cpuMark = cpuSeconds()
        defer { record(name, seconds(clock.now - start)) }
        return try body()
    }
    let inputs: Inputs
    do {
        inputs = try InputLoader.load(InputPaths(briefs: briefs)) { stage, took in record(stage, seconds(took)) }
    } catch {
        fail(error.description)
    }
    if inputs.hasErrors { fail("the dataset has errors") }
    let registry: RendererRegistry
    do {
        registry = try RendererRegistry(templates: try TemplateSearchPath.standard(templates: nil))
    } catch {
        fail("\(error)")
    }
    let definitions = inputs.definitions.sorted { $0.id < $1.id }
    let view = timed("as-of view of the day") { AsOfView(dataset: inputs.dataset, on: day) }
    let made = timed("analyse \(definitions.count) briefs (one core)") { definitions.map { BriefAnalyzer.brief(for: $0, in: view) } }
    var files: [[String: String]] = Array(repeating: [:], count: made.count)
    // The output checks' schemas are compiled once per process (DocBook's two
    // grammars take about 0.1 s): compiled here, so no format's row pays it.
    for validator in OutputValidator.allCases { _ = try? validator.problems(in: "<article/>") }
    for name in formats {
        guard let renderer = registry.renderer(named: name) else { fail("no \(name) renderer") }
        let file = "brief.\(renderer.format.fileExtension)"
        // A renderer checks what it renders; to give the check its own row,
        // it is run again on the same outputs and its time taken out of the
        // rendering's row (the two rows add up to what rendering took).
        let start = clock.now
        let cpuStart = cpuSeconds()
        for (index, brief) in made.enumerated() {
            do {
                files[index][file] = try renderer.render(brief)
            } catch {
                fail("\(error)")
            }
        }
        let (wall, cpu) = (seconds(clock.now - start), cpuSeconds() - cpuStart)
        guard let validator = renderer.format.validator else {
            rows.append(("render \(name) (one core; no output check)", wall, cpu))
            continue
        }
        // The faster of two runs: the check inside rendering ran with warm
        // caches too, and the machine's noise would otherwise leave rendering
        // a negative share.
        var (checkWall, checkCPU) = (Double.infinity, Double.infinity)
        for _ in 0..<2 {
            let checkStart = clock.now
            let checkCPUStart = cpuSeconds()
            for index in made.indices {
                do {
                    if let problem = try validator.problems(in: files[index][file] ?? "").first { fail("\(name): \(problem.message)") }
                } catch {
                    fail("\(error)")
                }
            }
            checkWall = min(checkWall, seconds(clock.now - checkStart))
            checkCPU = min(checkCPU, cpuSeconds() - checkCPUStart)
        }
        rows.append(("render \(name) (one core)", max(0, wall - checkWall), max(0, cpu - checkCPU)))
        rows.append(("check the \(name) output: \(checkName(validator)) (one core)", checkWall, checkCPU))
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("brief-stages-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    if !formats.isEmpty {
        timed("write the archive") {
            let entries = made.enumerated().map { index, brief in
                Archive.Entry(brief: brief.brief, title: brief.title, parties: brief.parties, date: day, bluf: brief.bluf,
                              files: files[index], keepOtherFiles: false)
            }
            do {
                try Archive(root: output).publish(entries)
            } catch {
                fail("\(error)")
            }
        }
    }
    let total = rows.reduce(0) { $0 + $1.wall }
    print("| stage | seconds | share | CPU seconds |")
    print("|---|---:|---:|---:|")
    for row in rows { print("| \(row.name) | \(fixed(row.wall, 3)) | \(fixed(100 * row.wall / total, 0)) % | \(fixed(row.cpu, 3)) |") }
    print("| total | \(fixed(total, 3)) | | \(fixed(rows.reduce(0) { $0 + $1.cpu }, 3)) |")
    print("")
    print("\(grouped(inputs.dataset.recordCount)) records, \(inputs.fileCount) files, \(definitions.count) briefs; peak RSS \(statusKiB("VmHWM") / 1024) MiB; allocator \(String(cString: brief_allocator())).")
}

/// How much of the dataset each brief reads (`BriefInputs`), and from how
/// many files: what an incremental run could leave unread when a file changes.
func runInputs(briefs: String) {
    let inputs: Inputs
    do {
        inputs = try InputLoader.load(InputPaths(briefs: briefs))
    } catch {
        fail(error.description)
    }
    if inputs.hasErrors { fail("the dataset has errors") }
    let dataset = inputs.dataset
    let records = dataset.recordCount - dataset.actors.count
    let clock = ContinuousClock()
    var readers: [String: Int] = [:]
    var total = 0
    print("| brief | records read | share of the records | files read from | share of the files | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    for definition in inputs.definitions.sorted(by: { $0.id < $1.id }) {
        let start = clock.now
        let read = BriefInputs(of: definition, in: dataset)
        let took = seconds(clock.now - start)
        var files = Set<String>()
        for position in read.events { files.insert(dataset.events[position].origin.file) }
        for position in read.quotes { files.insert(dataset.quotes[position].origin.file) }
        for position in read.commitments { files.insert(dataset.commitments[position].origin.file) }
        for position in read.updates { files.insert(dataset.updates[position].origin.file) }
        for position in read.sources { files.insert(dataset.sources[position].origin.file) }
        for file in files { readers[file, default: 0] += 1 }
        total += read.recordCount
        print("| \(definition.id) | \(grouped(read.recordCount)) | \(fixed(100 * Double(read.recordCount) / Double(max(records, 1)), 1)) % | \(grouped(files.count)) | \(fixed(100 * Double(files.count) / Double(max(inputs.fileCount, 1)), 1)) % | \(fixed(took, 3)) |")
    }
    let counts = readers.values.sorted()
    let median = counts.isEmpty ? 0 : counts[counts.count / 2]
    print("")
    print("\(grouped(records)) records besides actors, \(inputs.fileCount) files, \(inputs.definitions.count) briefs: the briefs read \(grouped(total)) records in all (\(fixed(Double(total) / Double(max(records, 1)), 2))× the dataset); a file is read by \(median) briefs (median), \(counts.last ?? 0) at most, and \(inputs.fileCount - counts.count) files by none.")
}

/// What each output check is, for the stage table.
func checkName(_ validator: OutputValidator) -> String {
    switch validator {
    case .xml: "well-formed XML"
    case .xhtml: "well-formed XHTML"
    case .docbook: "DocBook 5 RELAX NG"
    }
}

// MARK: - Arguments

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("a command is needed\n\(usage)") }
arguments.removeFirst()
var options: [String: String] = [:]
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    if flag == "-h" || flag == "--help" {
        print(usage, terminator: "")
        exit(0)
    }
    guard flag.hasPrefix("--"), !arguments.isEmpty else { fail("unexpected '\(flag)'\n\(usage)") }
    options[String(flag.dropFirst(2))] = arguments.removeFirst()
}
guard let runs = Int(options["runs"] ?? "3"), runs >= 1 else { fail("--runs takes a whole number from 1") }

switch command {
case "load":
    for key in options.keys where !["records", "work", "seed", "runs"].contains(key) { fail("unknown option '--\(key)'\n\(usage)") }
    let sizes = (options["records"] ?? "10000,100000").split(separator: ",").map { Int($0.replacingOccurrences(of: "_", with: "")) }
    guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else { fail("--records takes sizes such as 10000,100000") }
    guard let work = options["work"] else { fail("--work DIR is required (a temporary folder)\n\(usage)") }
    guard let seed = UInt64(options["seed"] ?? "1") else { fail("--seed takes a whole number") }
    runLoadBenchmark(sizes: sizes.map { $0! }, work: work, seed: seed, runs: runs)
case "measure-load":
    guard let briefs = options["briefs"], let data = options["data"] else { fail("measure-load needs --briefs and --data") }
    measureLoad(briefs: briefs, data: data, runs: runs)
case "scan":
    guard let briefs = options["briefs"] else { fail("scan needs --briefs") }
    for key in options.keys where !["briefs", "data", "runs", "tape"].contains(key) { fail("unknown option '--\(key)'\n\(usage)") }
    // A misspelt value must not time the other thing in silence.
    guard ["0", "1"].contains(options["tape"] ?? "0") else { fail("--tape takes 0 or 1") }
    let tape = options["tape"] == "1"
    let files = yamlFiles(briefs: briefs, data: options["data"] ?? briefs + "/data")
    let bytes = files.reduce(0) { total, path in
        total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
    }
    var times: [Double] = []
    var events = 0
    for _ in 0..<runs {
        let clock = ContinuousClock()
        let start = clock.now
        events = scanAll(files, tape: tape)
        times.append(seconds(clock.now - start))
    }
    print("\(median(times)) \(files.count) \(bytes) \(events)")
case "stages":
    guard let briefs = options["briefs"] else { fail("stages needs --briefs") }
    guard let day = Day(iso: options["date"] ?? "2025-06-01") else { fail("--date takes YYYY-MM-DD") }
    let formats = (options["formats"] ?? "markdown,html,docbook,json").split(separator: ",").map(String.init)
    runStages(briefs: briefs, day: day, formats: formats == ["none"] ? [] : formats)
case "check-docbook":
    guard let path = options["file"] else { fail("check-docbook needs --file") }
    for key in options.keys where !["file", "runs"].contains(key) { fail("unknown option '--\(key)'\n\(usage)") }
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        fail("cannot read \(path) as UTF-8 text")
    }
    let official: RelaxNGSchema
    do { official = try RelaxNGSchema(path: OutputValidator.docbookSchemaPath) } catch { fail("\(error)") }
    func time(_ check: () -> Int) -> (Double, Int) {
        var times: [Double] = []
        var problems = 0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            let start = clock.now
            problems = check()
            times.append(seconds(clock.now - start) * 1000)
        }
        return (median(times), problems)
    }
    _ = try? OutputValidator.docbook.problems(in: "<article/>")  // compiles the fast path
    let (fast, fastProblems) = time { (try? OutputValidator.docbook.problems(in: text).count) ?? -1 }
    let (full, fullProblems) = time { official.validate(text).count }
    print("\(path): \(data.count) bytes; the check brief runs \(fixed(fast, 1)) ms (\(fastProblems) problems), "
        + "the official schema alone \(fixed(full, 1)) ms (\(fullProblems) problems); median of \(runs)")
case "allocator":
    print(String(cString: brief_allocator()))
case "inputs":
    guard let briefs = options["briefs"] else { fail("inputs needs --briefs") }
    runInputs(briefs: briefs)
case "-h", "--help", "help":
    print(usage, terminator: "")
default:
    fail("unknown command '\(command)'\n\(usage)")
}
