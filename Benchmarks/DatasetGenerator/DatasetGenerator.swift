import Foundation

/// What to generate. The same options give the same bytes.
public struct GeneratorOptions: Sendable {
    /// Records in the dataset, counted as `brief check` counts them (actors,
    /// sources, events, quotes, commitments, updates).
    public var records: Int
    public var seed: UInt64
    /// Number of states; nil: chosen from `records`.
    public var states: Int?
    /// Number of brief definitions.
    public var briefs: Int

    public init(records: Int, seed: UInt64 = 1, states: Int? = nil, briefs: Int = 3) {
        self.records = records
        self.seed = seed
        self.states = states
        self.briefs = briefs
    }
}

/// What was written.
public struct GeneratorSummary: Sendable {
    public var records = 0
    public var actors = 0
    public var sources = 0
    public var events = 0
    public var quotes = 0
    public var commitments = 0
    public var updates = 0
    public var retracted = 0
    /// Dataset files, actors.yaml included.
    public var files = 0
    public var briefs = 0
    /// Bytes of every file written (dataset and definitions).
    public var bytes = 0
}

public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

public enum DatasetGenerator {
    /// The file, hidden from the loader, that marks a folder as this generator's output.
    public static let stampName = ".brief-datagen"

    /// Writes `folder/data/…` and `folder/<brief>.yaml`. A folder that already
    /// holds a dataset is replaced only when it is this generator's output.
    public static func generate(_ options: GeneratorOptions, into folder: String) throws(GeneratorError) -> GeneratorSummary {
        var generator = try Generator(options: options)
        let files = generator.run()
        try write(files, into: folder, stamp: stamp(options))
        var summary = generator.summary
        summary.bytes = files.reduce(0) { $0 + $1.text.utf8.count }
        return summary
    }

    /// What the stamp file of a folder generated with `options` says.
    public static func stamp(_ options: GeneratorOptions) -> String {
        "records=\(options.records) seed=\(options.seed) states=\(options.states.map { String($0) } ?? "auto") briefs=\(options.briefs) generator=1\n"
    }

    /// True when `folder` holds this generator's output for `options`: the
    /// same options give the same bytes, so the folder can be used as it is.
    public static func isGenerated(_ options: GeneratorOptions, in folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/" + stampName) else { return false }
        return String(decoding: data, as: UTF8.self) == stamp(options)
    }

    /// Generates in memory only: (relative path, text) pairs, for tests and
    /// for checking determinism.
    public static func render(_ options: GeneratorOptions) throws(GeneratorError) -> [(path: String, text: String)] {
        var generator = try Generator(options: options)
        return generator.run().map { ($0.path, $0.text) }
    }

    private static func write(_ files: [OutputFile], into folder: String, stamp: String) throws(GeneratorError) {
        let manager = FileManager.default
        let data = folder + "/data"
        let stampPath = folder + "/" + stampName
        if manager.fileExists(atPath: data) {
            guard manager.fileExists(atPath: stampPath) else {
                throw GeneratorError(description: "\(data) already exists and was not written by brief-datagen; choose an empty folder")
            }
            do {
                try manager.removeItem(atPath: data)
                for name in try manager.contentsOfDirectory(atPath: folder) where name.hasSuffix(".yaml") {
                    try manager.removeItem(atPath: folder + "/" + name)
                }
            } catch {
                throw GeneratorError(description: "cannot clear \(folder): \(error)")
            }
        }
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(stamp.utf8).write(to: URL(fileURLWithPath: stampPath))
            var made = Set<String>()
            for file in files {
                let path = folder + "/" + file.path
                let parent = String(path[..<path.lastIndex(of: "/")!])
                if made.insert(parent).inserted {
                    try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
                }
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path))
            }
        } catch {
            throw GeneratorError(description: "cannot write into \(folder): \(error)")
        }
    }
}

struct OutputFile {
    var path: String
    var text: String
}

// MARK: - The fictional world

struct World {
    struct State {
        var id: String
        var name: String
        var formal: String
        var code: String
        var capital: String
    }

    struct Organization {
        var id: String
        var name: String
        var of: String?
        var level: String?
        var note: String?
    }

    struct Role {
        var title: String
        var of: String
        var level: String
        var from: String?
        var to: String?
    }

    struct Person {
        var id: String
        var name: String
        var state: Int
        var aliases: [String]
        var roles: [Role]
    }

    struct Dyad {
        var a: Int
        var b: Int
        var related: [Int]
    }

    var states: [State] = []
    var organizations: [Organization] = []
    var persons: [Person] = []
    /// Per state: indices into `persons`, and ids of its organizations.
    var personsOf: [[Int]] = []
    var organizationsOf: [[String]] = []
    /// The pairs the brief definitions follow; most records concern them.
    var dyads: [Dyad] = []

    var actorCount: Int { states.count + organizations.count + persons.count }
}

// MARK: - Generation

struct Generator {
    static let firstDay = CivilCalendar.day(2000, 1, 1)
    static let lastDay = CivilCalendar.day(2026, 10, 31)
    /// Source documents are dated up to here, so `recorded` and `due` dates have room.
    static let lastFileDay = CivilCalendar.day(2026, 6, 30)

    let options: GeneratorOptions
    var rng: SplitMix64
    var world = World()
    var summary = GeneratorSummary()

    struct PlannedFile {
        var day: Int
        var number: Int
        var sources: [String]
        var records: Int
        var path: String { "data/\(CivilCalendar.yearText(day))/\(CivilCalendar.dayText(day))-\(number).yaml" }
    }

    var plan: [PlannedFile] = []
    /// Commitments written so far: id and the first day of `made`.
    var commitmentPool: [(id: String, made: Int)] = []
    var counters = (event: 0, quote: 0, commitment: 0, update: 0)

    init(options: GeneratorOptions) throws(GeneratorError) {
        guard options.records > 0 else { throw GeneratorError(description: "--records must be at least 1") }
        guard options.briefs >= 0 else { throw GeneratorError(description: "--briefs must not be negative") }
        self.options = options
        rng = SplitMix64(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 0x1234_5678)
        let stateCount = options.states ?? min(30, max(4, options.records / 60))
        guard (2...676).contains(stateCount) else { throw GeneratorError(description: "--states must be from 2 to 676") }
        guard options.briefs <= stateCount * (stateCount - 1) / 2 else {
            throw GeneratorError(description: "\(stateCount) states make only \(stateCount * (stateCount - 1) / 2) pairs for \(options.briefs) briefs")
        }
        makeWorld(states: stateCount, persons: max(2 * stateCount, min(options.records / 40, 20_000)))
        let remaining = options.records - world.actorCount
        guard remaining >= 1 else {
            throw GeneratorError(description: "\(options.records) records do not cover the \(world.actorCount) actors of \(stateCount) states; ask for more records or fewer states")
        }
        planFiles(records: remaining)
    }

    // MARK: World

    mutating func makeWorld(states count: Int, persons personCount: Int) {
        var names = Set<String>()
        for index in 0..<count {
            var name = ""
            repeat {
                name = rng.pick(Words.statePrefixes) + rng.pick(Words.stateMiddles) + rng.pick(Words.stateSuffixes)
            } while !names.insert(name).inserted
            let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            let code = "X" + String(letters[index / 26]) + String(letters[index % 26])
            let capital = rng.pick(Words.statePrefixes) + rng.pick(["grad", "polis", "haven", "burg", "abad", " City", "port"])
            world.states.append(.init(id: name.slug, name: name, formal: rng.pick(Words.stateForms) + name, code: code, capital: capital))
        }
        world.organizationsOf = Array(repeating: [], count: count)
        world.personsOf = Array(repeating: [], count: count)
        for (index, state) in world.states.enumerated() {
            let mfa = World.Organization(id: state.id + "-mfa", name: "Ministry of Foreign Affairs of \(state.name)", of: state.id,
                                         level: "minister", note: nil)
            let consular = World.Organization(id: state.id + "-mfa-consular", name: "Department of Consular Affairs", of: mfa.id,
                                              level: nil, note: "a department of the ministry")
            let agency = World.Organization(id: state.id + "-news", name: "\(state.name) Press Agency", of: state.id, level: "other",
                                            note: rng.chance(0.5) ? "state news agency" : "pro-government news agency")
            var made = [mfa, consular, agency]
            if rng.chance(0.5) {
                made.append(.init(id: state.id + "-energy", name: "Ministry of Energy of \(state.name)", of: state.id, level: "minister", note: nil))
            }
            world.organizations += made
            world.organizationsOf[index] = made.map(\.id)
        }
        world.organizations += [
            .init(id: "council-nine-seas", name: "Council of the Nine Seas", of: nil, level: nil, note: "regional organization"),
            .init(id: "northern-ports-union", name: "Union of Northern Ports & Harbours", of: nil, level: "other", note: nil),
            .init(id: "steppe-energy-forum", name: "Steppe Energy Forum", of: nil, level: nil, note: "annual conference"),
        ]
        for index in 0..<personCount {
            // Every state gets two persons first, then the rest at random.
            let state = index < 2 * count ? index % count : rng.below(count)
            let name = rng.pick(Words.firstNames) + " " + rng.pick(Words.lastNames)
            var aliases: [String] = []
            if rng.chance(0.3) { aliases.append(rng.pick(Words.foreignAliases)) }
            if rng.chance(0.1) { aliases.append(name.uppercased()) }
            let person = World.Person(id: "p-\(name.slug)-\(index + 1)", name: name, state: state, aliases: aliases,
                                      roles: makeRoles(state: state, head: index < count))
            world.personsOf[state].append(world.persons.count)
            world.persons.append(person)
        }
        var pairs: [(Int, Int)] = [(0, 1)]
        while pairs.count < options.briefs {
            let a = rng.below(count), b = rng.below(count)
            if a != b && !pairs.contains(where: { ($0.0 == a && $0.1 == b) || ($0.0 == b && $0.1 == a) }) { pairs.append((a, b)) }
        }
        for (a, b) in pairs.prefix(max(1, options.briefs)) {
            let related = rng.distinct(rng.int(in: 1...3), below: count, excluding: [a, b])
            world.dyads.append(.init(a: a, b: b, related: related))
        }
    }

    /// One to three roles in a row, dated at mixed precision; the first may
    /// have no start, the last no end.
    mutating func makeRoles(state: Int, head: Bool) -> [World.Role] {
        let s = world.states[state]
        let orgs = world.organizationsOf[state]
        var choices: [(String, String, String)] = [
            ("Minister of Foreign Affairs", orgs[0], "minister"),
            ("Deputy Minister of Foreign Affairs", orgs[0], "official"),
            ("Spokesperson of the Ministry of Foreign Affairs", orgs[0], "official"),
            ("Ambassador-at-large", orgs[0], "official"),
            ("Head of Consular Affairs", orgs[1], "official"),
            ("Member of Parliament", s.id, "other"),
            ("Prime Minister", s.id, "head"),
            ("Editor-in-chief", orgs[2], "other"),
        ]
        if orgs.count > 3 { choices.append(("Minister of Energy", orgs[3], "minister")) }
        let count = rng.int(in: 1...3)
        var bounds = rng.distinct(count + 1, below: Self.lastFileDay - Self.firstDay).map { $0 + Self.firstDay }
        bounds.sort()
        var roles: [World.Role] = []
        for i in 0..<count {
            let (title, of, level) = head && i == count - 1 ? (rng.pick(["President", "Interim President", "Prime Minister"]), s.id, "head")
                                                            : rng.pick(choices)
            let from: String? = i == 0 && rng.chance(0.4) ? nil : coarseStart(bounds[i])
            let to: String? = i == count - 1 && rng.chance(0.6) ? nil : coarseEnd(bounds[i + 1] - 1)
            roles.append(.init(title: title, of: of, level: level, from: from, to: to))
        }
        // Listed newest first, as desks tend to.
        return rng.chance(0.5) ? roles.reversed() : roles
    }

    /// A date whose first day is on or before `day`.
    mutating func coarseStart(_ day: Int) -> String {
        switch rng.below(10) {
        case 0: return CivilCalendar.yearText(day)
        case 1, 2: return CivilCalendar.monthText(day)
        default: return CivilCalendar.dayText(day)
        }
    }

    /// A date whose last day is on or after `day`.
    mutating func coarseEnd(_ day: Int) -> String {
        switch rng.below(10) {
        case 0: return CivilCalendar.yearText(day)
        case 1, 2: return CivilCalendar.monthText(day)
        default: return CivilCalendar.dayText(day)
        }
    }

    // MARK: Plan

    /// Spreads the records over files of about 120, one per source document, dated 2000–2026.
    mutating func planFiles(records: Int) {
        let fileCount = max(1, Int((Double(records) / 120).rounded()))
        var days = (0..<fileCount).map { _ in Self.firstDay + rng.below(Self.lastFileDay - Self.firstDay + 1) }
        days.sort()
        var perDay: [Int: Int] = [:]
        for (index, day) in days.enumerated() {
            let number = (perDay[day] ?? 0) + 1
            perDay[day] = number
            let count = records / fileCount + (index < records % fileCount ? 1 : 0)
            let base = "src-\(CivilCalendar.dayText(day))-\(number)"
            let sources = count >= 10 && rng.chance(0.2) ? [base, base + "-b"] : [base]
            plan.append(.init(day: day, number: number, sources: sources, records: count))
        }
    }

    // MARK: Run

    mutating func run() -> [OutputFile] {
        var files = [OutputFile(path: "data/actors.yaml", text: actorsFile())]
        for index in plan.indices {
            files.append(OutputFile(path: plan[index].path, text: sourceFile(index)))
        }
        summary.files = files.count
        summary.actors = world.actorCount
        for dyad in world.dyads.prefix(options.briefs) {
            let (id, text) = briefFile(dyad)
            files.append(OutputFile(path: id + ".yaml", text: text))
            summary.briefs += 1
        }
        summary.records = summary.actors + summary.sources + summary.events + summary.quotes + summary.commitments + summary.updates
        return files
    }

    // MARK: actors.yaml

    func actorsFile() -> String {
        var w = YAMLWriter()
        w.line("# Actors of a fictional region, written by brief-datagen (seed \(options.seed)).")
        w.line("# States carry user-assigned X.. codes: none of them exists.")
        w.line("x-desk:")
        w.line("  maintainer: Regional desk <desk@example.org>")
        w.line("  reviewed: 2026-01-05")
        w.line("actors:")
        for state in world.states {
            w.line("  - id: \(state.id)")
            w.field(4, "kind", "state")
            w.field(4, "name", state.formal)
            w.field(4, "code", state.code)
            let alias = Words.stateAliasScripts[state.code.utf8.last.map { Int($0) % Words.stateAliasScripts.count } ?? 0] + state.name
            w.field(4, "aliases", raw: YAMLWriter.flowList([state.name, alias]))
            w.field(4, "note", "Capital: \(state.capital)")
        }
        for org in world.organizations {
            w.line("  - id: \(org.id)")
            w.field(4, "kind", "organization")
            w.field(4, "name", org.name)
            if let of = org.of { w.field(4, "of", of) }
            if let level = org.level { w.field(4, "level", level) }
            if let note = org.note { w.field(4, "note", note) }
        }
        for person in world.persons {
            w.line("  - id: \(person.id)")
            w.field(4, "kind", "person")
            w.field(4, "name", person.name)
            if !person.aliases.isEmpty { w.field(4, "aliases", raw: YAMLWriter.flowList(person.aliases)) }
            w.line("    roles:")
            for role in person.roles {
                w.field(6, "- title", role.title)
                w.field(8, "of", role.of)
                if let from = role.from { w.field(8, "from", raw: from) }
                if let to = role.to { w.field(8, "to", raw: to) }
                w.field(8, "level", role.level)
            }
        }
        w.line("vocabulary:")
        w.line("  - type: border-commission")
        w.line("    label: Border commission session")
        w.line("    weight: 2.5")
        w.line("    cameo: \"046\"")
        w.line("    milestone: false")
        w.line("    x-added-by: regional desk")
        return w.text
    }

    // MARK: Dated files

    mutating func sourceFile(_ index: Int) -> String {
        let file = plan[index]
        var w = YAMLWriter()
        let dyad = pickStates()
        let a = world.states[dyad.a], b = world.states[dyad.b]
        w.line("# One source document, as read by the desk on \(CivilCalendar.dayText(file.day)).")
        w.line("sources:")
        for (position, id) in file.sources.enumerated() {
            var title = fill(rng.pick(Words.sourceTitles), a: dyad.a, b: dyad.b)
            if rng.chance(0.04) { title += " " + rng.pick(Words.hostile) }
            w.line("  - id: \(id)")
            w.field(4, "title", title, style: rng.chance(0.1) ? .single : .auto)
            // A secondary source may be an older report, published earlier that month.
            let published = position == 0 ? CivilCalendar.dayText(file.day)
                                           : (rng.chance(0.5) ? CivilCalendar.monthText(file.day) : CivilCalendar.dayText(file.day))
            w.field(4, "published", raw: rng.chance(0.15) ? "\"\(published)\"" : published)
            let outlet = rng.pick(Words.outlets)
            w.field(4, "publisher", outlet)
            if rng.chance(0.85) {
                let url = "https://\(outlet.slug).example.org/\(CivilCalendar.yearText(file.day))/\(id)"
                w.field(4, "url", rng.chance(0.2) ? url + "?lang=en&ref=desk" : url)
            }
            w.field(4, "kind", rng.weighted([("article", 10), ("statement", 3), ("press-briefing", 2), ("speech", 1),
                                              ("transcript", 1), ("report", 1), ("other", 1)]))
            if rng.chance(0.7) { w.field(4, "reliability", rng.pick(["A", "B", "B", "C", "C", "D", "F"])) }
            if rng.chance(0.5) { w.field(4, "credibility", raw: String(rng.int(in: 1...6))) }
            if rng.chance(0.1) { w.field(4, "note", "Read in translation; \(a.name) and \(b.name) versions differ.") }
            summary.sources += 1
        }
        var kinds = (0..<(file.records - file.sources.count)).map { _ in rng.weighted([(0, 42), (1, 40), (2, 10), (3, 8)]) }
        // Updates need a commitment: an earlier file's, or one this file makes first.
        if commitmentPool.isEmpty && !kinds.contains(2) { kinds = kinds.map { $0 == 3 ? 0 : $0 } }
        var events: [String] = []
        var section = YAMLWriter()
        for kind in 0..<4 {
            let count = kinds.filter { $0 == kind }.count
            guard count > 0 else { continue }
            section.line(["events:", "quotes:", "commitments:", "updates:"][kind])
            for _ in 0..<count {
                switch kind {
                case 0: events.append(event(into: &section, file: index))
                case 1: quote(into: &section, file: index, events: events)
                case 2: commitment(into: &section, file: index, events: events)
                default: update(into: &section, file: index, events: events)
                }
            }
        }
        if rng.chance(0.05) {
            section.line("x-reading-notes: |")
            section.line("  Skimmed on the train; re-check the figures.")
            section.line("  Second line of the note.")
        }
        return w.text + section.text
    }

    /// The states a record is about: a brief's pair mostly, sometimes a third party.
    mutating func pickStates() -> (a: Int, b: Int, third: Int?) {
        let count = world.states.count
        var a: Int, b: Int, third: Int? = nil
        if rng.chance(0.65) {
            let dyad = rng.pick(world.dyads)
            (a, b) = rng.chance(0.5) ? (dyad.a, dyad.b) : (dyad.b, dyad.a)
            if rng.chance(0.25) { third = rng.chance(0.8) && !dyad.related.isEmpty ? rng.pick(dyad.related) : rng.below(count) }
        } else {
            a = rng.below(count)
            repeat { b = rng.below(count) } while b == a
            if rng.chance(0.15) { third = rng.below(count) }
        }
        if third == a || third == b { third = nil }
        return (a, b, third)
    }

    func fill(_ template: String, a: Int, b: Int, topic: String = "energy", quantity: String = "") -> String {
        template.replacingOccurrences(of: "{A}", with: world.states[a].name)
            .replacingOccurrences(of: "{B}", with: world.states[b].name)
            .replacingOccurrences(of: "{city}", with: world.states[b].capital)
            .replacingOccurrences(of: "{topic}", with: topic)
            .replacingOccurrences(of: "{quantity}", with: quantity)
    }

    mutating func person(of state: Int) -> String {
        world.persons[rng.pick(world.personsOf[state])].id
    }

    /// A person most of the time; the state or one of its organizations for institutional acts.
    mutating func speaker(of state: Int) -> String {
        switch rng.below(10) {
        case 0: return world.states[state].id
        case 1: return rng.pick(world.organizationsOf[state])
        default: return person(of: state)
        }
    }

    static func pad(_ n: Int) -> String { CivilCalendar.pad(n, 6) }

    // MARK: Dates

    /// A date on or before the publication day: mostly a day, with every form of the grammar.
    mutating func eventDate(before publication: Int) -> String {
        let back = rng.chance(0.85) ? rng.below(21) : rng.below(3650)
        let day = max(Self.firstDay + 40, publication - back)
        let text: String
        switch rng.below(100) {
        case 0..<70: text = CivilCalendar.dayText(day)
        case 70..<78: text = CivilCalendar.monthText(day)
        case 78..<81: text = CivilCalendar.yearText(day)
        case 81..<84: text = CivilCalendar.dayText(day) + rng.pick(["~", "?", "%"])
        case 84..<87: text = (rng.chance(0.5) ? CivilCalendar.monthText(day) : CivilCalendar.yearText(day)) + rng.pick(["~", "?"])
        case 87..<94: text = CivilCalendar.dayText(day - rng.int(in: 1...10)) + "/" + CivilCalendar.dayText(day)
        case 94..<96: text = CivilCalendar.monthText(day - 40) + "~/" + CivilCalendar.monthText(day)
        case 96..<98: text = "../" + CivilCalendar.dayText(day)
        default: text = CivilCalendar.dayText(day) + "/.."
        }
        // Analysts quote some dates and not others; `%` must be quoted in any case.
        if text.contains("%") || rng.chance(0.1) { return rng.chance(0.5) ? "\"\(text)\"" : "'\(text)'" }
        return text
    }

    mutating func citations(_ w: inout YAMLWriter, file: Int) {
        let sources = plan[file].sources
        switch rng.below(10) {
        case 0..<7:
            w.field(4, "sources", raw: "[" + sources.joined(separator: ", ") + "]")
        case 7, 8:
            w.line("    sources:")
            for id in sources {
                w.line("      - {source: \(id), locator: \(YAMLWriter.scalar(rng.pick(["p. 2", "para. 4", "00:12:30", "§ 3", "line 12-14"]), style: .double))}")
            }
        default:
            w.line("    sources:")
            for id in sources {
                w.line("      - source: \(id)")
                w.field(8, "locator", "paragraph \(rng.int(in: 1...20))")
                w.field(8, "credibility", raw: String(rng.int(in: 1...6)))
            }
        }
    }

    /// `recorded`, `retracted` and `x-` fields, shared by every dated record.
    mutating func tail(_ w: inout YAMLWriter, file: Int, date: Int) {
        if rng.chance(0.03) {
            w.field(4, "recorded", raw: CivilCalendar.dayText(min(Self.lastDay, plan[file].day + rng.int(in: 1...400))))
        }
        if rng.chance(0.015) {
            let later = min(plan.count - 1, file + rng.int(in: 0...40))
            w.line("    retracted:")
            w.field(6, "date", raw: CivilCalendar.dayText(max(date, plan[later].day)))
            w.field(6, "note", rng.pick(Words.retractionNotes))
            w.field(6, "sources", raw: "[\(plan[later].sources[0])]")
            summary.retracted += 1
        }
        if rng.chance(0.05) {
            switch rng.below(3) {
            case 0: w.field(4, "x-confidence", rng.pick(["low", "medium", "high"]))
            case 1: w.field(4, "x-tags", raw: YAMLWriter.flowList(["follow-up", rng.pick(Words.topics)]))
            default:
                w.line("    x-review:")
                w.field(6, "by", rng.pick(Words.firstNames))
                w.field(6, "on", raw: CivilCalendar.dayText(plan[file].day))
            }
        }
    }

    mutating func topics(_ w: inout YAMLWriter) -> String {
        let topic = rng.pick(Words.topics)
        if rng.chance(0.7) {
            w.field(4, "topics", raw: YAMLWriter.flowList(rng.chance(0.3) ? [topic, rng.pick(Words.topics)] : [topic]))
        }
        return topic
    }

    // MARK: Records

    mutating func event(into w: inout YAMLWriter, file: Int) -> String {
        counters.event += 1
        summary.events += 1
        let id = "ev-" + Self.pad(counters.event)
        let (a, b, third) = pickStates()
        let type = rng.weighted(Words.eventTypes)
        let date = eventDate(before: plan[file].day)
        w.line("  - id: \(id)")
        w.field(4, "date", raw: date)
        w.field(4, "type", type)
        var title: String
        if let verb = Words.verbs[type] {
            title = "\(world.states[a].name) \(verb) \(world.states[b].name)"
        } else {
            title = "\(world.states[a].name) and \(world.states[b].name): \(type.replacingOccurrences(of: "-", with: " "))"
        }
        if rng.chance(0.03) { title += " — " + rng.pick(Words.hostile) }
        w.field(4, "title", title, style: rng.chance(0.05) ? .single : .auto)
        citations(&w, file: file)
        var participants = [person(of: a), person(of: b)]
        if let third { participants.append(speaker(of: third)) }
        if rng.chance(0.2) { participants.append(rng.pick(world.organizationsOf[a])) }
        var unique: [String] = []
        for p in participants where !unique.contains(p) { unique.append(p) }
        w.field(4, "participants", raw: "[" + unique.joined(separator: ", ") + "]")
        if Words.directed.contains(type) {
            w.field(4, "by", raw: "[\(rng.chance(0.5) ? world.states[a].id : unique[0])]")
            w.field(4, "to", raw: "[\(world.states[b].id)]")
        }
        if rng.chance(0.5) {
            w.field(4, "parties", raw: "[" + ([a, b] + (third.map { [$0] } ?? [])).map { world.states[$0].id }.joined(separator: ", ") + "]")
        }
        if rng.chance(0.7) { w.field(4, "location", rng.chance(0.5) ? world.states[a].capital : world.states[b].capital) }
        if rng.chance(0.15) { w.field(4, "venue", "\(world.states[rng.chance(0.5) ? a : b].capital) \(rng.pick(Words.venues))") }
        let topic = topics(&w)
        if rng.chance(0.6) {
            var summaryText = "The two sides discussed \(topic) and agreed to stay in contact."
            if rng.chance(0.3) { summaryText += " Officials in \(world.states[b].capital) gave no details." }
            if rng.chance(0.05) { summaryText += " " + rng.pick(Words.hostile) }
            w.field(4, "summary", summaryText)
        }
        tail(&w, file: file, date: plan[file].day)
        return id
    }

    mutating func quote(into w: inout YAMLWriter, file: Int, events: [String]) {
        counters.quote += 1
        summary.quotes += 1
        let (a, b, third) = pickStates()
        let topic = rng.pick(Words.topics)
        let indirect = rng.chance(0.25)
        w.line("  - id: q-" + Self.pad(counters.quote))
        w.field(4, "speaker", speaker(of: a))
        var language: String? = nil
        var translated = false
        let roll = rng.below(100)
        if !indirect && roll < 8 {
            let foreign = rng.pick(Words.foreignQuotes)
            language = foreign.language
            w.field(4, "text", foreign.text, style: rng.chance(0.5) ? .double : .auto)
        } else if !indirect && roll < 18 {
            // A multi-line statement, as a block scalar.
            var lines = [fill(rng.pick(Words.englishQuotes), a: a, b: b, topic: topic)]
            lines.append(fill(rng.pick(Words.englishQuotes), a: a, b: b, topic: rng.pick(Words.topics)))
            if rng.chance(0.3) { lines.append("") ; lines.append("And I repeat: \(rng.pick(Words.hostile))") }
            w.block(4, "text", lines: lines)
            language = "en"
        } else {
            var text = fill(rng.pick(indirect ? Words.indirectQuotes : Words.englishQuotes), a: a, b: b, topic: topic)
            if rng.chance(0.05) { text += " " + rng.pick(Words.hostile) }
            w.field(4, "text", text, style: rng.chance(0.1) ? .single : .auto)
            if rng.chance(0.3) { language = "en" }
            translated = rng.chance(0.12)
        }
        let day = max(Self.firstDay, plan[file].day - (rng.chance(0.9) ? rng.below(5) : rng.below(400)))
        let date = rng.chance(0.92) ? CivilCalendar.dayText(day) : (rng.chance(0.5) ? CivilCalendar.monthText(day) : CivilCalendar.dayText(day) + "~")
        w.field(4, "date", raw: date)
        citations(&w, file: file)
        if !events.isEmpty && rng.chance(0.3) { w.field(4, "event", rng.pick(events)) }
        if rng.chance(0.8) {
            w.field(4, "about", raw: "[" + ([b] + (third.map { [$0] } ?? [])).map { world.states[$0].id }.joined(separator: ", ") + "]")
        }
        _ = topics(&w)
        if let language { w.field(4, "language", language) }
        if translated { w.field(4, "translated", raw: "true") } else if rng.chance(0.05) { w.field(4, "translated", raw: "false") }
        if indirect { w.field(4, "form", "indirect") } else if rng.chance(0.05) { w.field(4, "form", "direct") }
        if rng.chance(indirect ? 0.02 : 0.06) { w.field(4, "priority", "key") }
        tail(&w, file: file, date: day)
    }

    mutating func commitment(into w: inout YAMLWriter, file: Int, events: [String]) {
        counters.commitment += 1
        summary.commitments += 1
        let id = "c-" + Self.pad(counters.commitment)
        let (a, b, _) = pickStates()
        let day = max(Self.firstDay, plan[file].day - rng.below(60))
        let monthOnly = rng.chance(0.15)
        let quantity = rng.pick(Words.quantities)
        w.line("  - id: \(id)")
        w.field(4, "by", raw: "[\(rng.chance(0.6) ? world.states[a].id : person(of: a))]")
        let kind = rng.weighted([("agreement", 4), ("pledge", 3), ("offer", 2), ("invitation", 2)])
        w.field(4, "kind", kind)
        let text = fill(rng.pick(Words.commitmentTexts), a: a, b: b, topic: rng.pick(Words.topics), quantity: quantity)
        w.field(4, "text", (kind == "invitation" ? "Invitation " : "Commitment ") + text)
        w.field(4, "made", raw: monthOnly ? CivilCalendar.monthText(day) : CivilCalendar.dayText(day))
        citations(&w, file: file)
        w.field(4, "to", raw: "[\(world.states[b].id)]")
        if !events.isEmpty && rng.chance(0.3) { w.field(4, "event", rng.pick(events)) }
        if rng.chance(0.5) {
            let due = min(Self.lastDay, day + rng.int(in: 30...1500))
            w.field(4, "due", raw: rng.chance(0.6) ? CivilCalendar.dayText(due) : (rng.chance(0.5) ? CivilCalendar.monthText(due) : CivilCalendar.yearText(due)))
        }
        if rng.chance(0.3) { w.field(4, "quantity", quantity) }
        _ = topics(&w)
        tail(&w, file: file, date: day)
        commitmentPool.append((id, monthOnly ? CivilCalendar.monthStart(day) : day))
    }

    mutating func update(into w: inout YAMLWriter, file: Int, events: [String]) {
        counters.update += 1
        summary.updates += 1
        let target = rng.chance(0.6) ? commitmentPool[max(0, commitmentPool.count - 1 - rng.below(100))] : rng.pick(commitmentPool)
        let low = max(target.made, plan[file].day - 400)
        let day = low + rng.below(max(1, plan[file].day - low + 1))
        w.line("  - id: u-" + Self.pad(counters.update))
        w.field(4, "commitment", target.id)
        w.field(4, "date", raw: rng.chance(0.9) ? CivilCalendar.dayText(day) : CivilCalendar.monthText(day))
        w.field(4, "status", rng.weighted([("in-progress", 5), ("partially-fulfilled", 3), ("fulfilled", 3), ("lapsed", 1),
                                           ("withdrawn", 1), ("superseded", 1), ("unknown", 1), ("open", 1)]))
        citations(&w, file: file)
        if rng.chance(0.5) { w.field(4, "note", rng.pick(Words.updateNotes)) }
        if !events.isEmpty && rng.chance(0.3) { w.field(4, "evidence", rng.pick(events)) }
        tail(&w, file: file, date: day)
    }

    // MARK: Brief definitions

    func briefFile(_ dyad: World.Dyad) -> (String, String) {
        let a = world.states[dyad.a], b = world.states[dyad.b]
        var w = YAMLWriter()
        w.field(0, "title", "\(a.name) – \(b.name) relations")
        w.field(0, "parties", raw: "[\(a.id), \(b.id)]")
        if !dyad.related.isEmpty {
            w.field(0, "related", raw: "[" + dyad.related.map { world.states[$0].id }.joined(separator: ", ") + "]")
        }
        w.field(0, "window", raw: "30")
        w.field(0, "quotes", raw: "5")
        w.field(0, "formats", raw: "[markdown, html, docbook]")
        w.field(0, "audience", "Regional desk & partners <restricted>")
        w.field(0, "note", "Generated by brief-datagen (seed \(options.seed)); every name is fictional.")
        return (a.id + "-" + b.id, w.text)
    }
}
