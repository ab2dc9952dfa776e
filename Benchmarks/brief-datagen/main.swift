import DatasetGenerator
import Foundation

// brief-datagen --records N --out DIR [--seed S] [--states K] [--briefs B]
//
// Writes a deterministic, fictional dataset that `brief check` accepts:
// DIR/data/actors.yaml, DIR/data/<year>/<yyyy-mm-dd>-<n>.yaml (one file per
// source document, about 120 records each) and DIR/<brief-id>.yaml.

let usage = """
    usage: brief-datagen --records N --out DIR [--seed S] [--states K] [--briefs B]

      --records N   records in the dataset (actors, sources, events, quotes, commitments, updates)
      --out DIR     folder to write: DIR/data/ and DIR/<brief>.yaml
      --seed S      seed of the generator (default 1): the same seed gives the same bytes
      --states K    number of fictional states (default: from N, 4 to 30)
      --briefs B    number of brief definitions (default 3)

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("brief-datagen: \(message)\n".utf8))
    exit(64)
}

var records: Int?
var out: String?
var seed: UInt64 = 1
var states: Int?
var briefs = 3
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "-h" || flag == "--help" {
        print(usage, terminator: "")
        exit(0)
    }
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value\n\(usage)") }
    switch flag {
    case "--records": records = Int(value.replacingOccurrences(of: "_", with: ""))
        if records == nil { fail("--records takes a whole number, not '\(value)'") }
    case "--out": out = value
    case "--seed": guard let s = UInt64(value) else { fail("--seed takes a whole number, not '\(value)'") }; seed = s
    case "--states": guard let k = Int(value) else { fail("--states takes a whole number, not '\(value)'") }; states = k
    case "--briefs": guard let b = Int(value) else { fail("--briefs takes a whole number, not '\(value)'") }; briefs = b
    default: fail("unknown option '\(flag)'\n\(usage)")
    }
}
guard let records, let out else { fail("--records and --out are required\n\(usage)") }

do {
    let summary = try DatasetGenerator.generate(GeneratorOptions(records: records, seed: seed, states: states, briefs: briefs), into: out)
    print("""
        \(out): \(summary.files) dataset files, \(summary.briefs) brief definitions, \(summary.bytes) bytes
        \(summary.records) records: \(summary.actors) actors, \(summary.sources) sources, \(summary.events) events, \
        \(summary.quotes) quotes, \(summary.commitments) commitments, \(summary.updates) updates (\(summary.retracted) retracted)
        """)
} catch {
    fail(error.description)
}
