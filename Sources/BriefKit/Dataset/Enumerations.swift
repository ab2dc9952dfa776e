/// A closed set of words from the contract (a kind, a level, a status).
public protocol ContractEnumeration: RawRepresentable, CaseIterable, Sendable, Hashable, Codable where RawValue == String {
    /// What the field is called in messages ("level", "status").
    static var fieldName: String { get }
}

extension ContractEnumeration {
    /// "head, minister, official or other"
    public static var choices: String {
        let words = allCases.map { "'\($0.rawValue)'" }
        guard words.count > 1 else { return words.joined() }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

public enum ActorKind: String, ContractEnumeration {
    case state, person, organization
    public static let fieldName = "kind"
}

/// The rank that orders speakers, highest first.
public enum Level: String, ContractEnumeration, Comparable {
    case head, minister, official, other
    public static let fieldName = "level"

    public var rank: Int { Level.allCases.firstIndex(of: self)! }
    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
}

public enum SourceKind: String, ContractEnumeration {
    case article, statement, pressBriefing = "press-briefing", speech, transcript, report, other
    public static let fieldName = "kind"
}

/// NATO/Admiralty source reliability, A (completely reliable) to F (cannot be judged).
public enum Reliability: String, ContractEnumeration {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"
    public static let fieldName = "reliability"
}

/// NATO/Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).
public enum Credibility: String, ContractEnumeration, Comparable {
    case one = "1", two = "2", three = "3", four = "4", five = "5", six = "6"
    public static let fieldName = "credibility"

    public var grade: Int { Int(rawValue)! }
    public static func < (a: Credibility, b: Credibility) -> Bool { a.grade < b.grade }
}

public enum QuoteForm: String, ContractEnumeration {
    case direct, indirect
    public static let fieldName = "form"
}

public enum Priority: String, ContractEnumeration {
    case key, normal
    public static let fieldName = "priority"
}

public enum CommitmentKind: String, ContractEnumeration {
    case agreement, pledge, offer, invitation
    public static let fieldName = "kind"
}

public enum CommitmentStatus: String, ContractEnumeration {
    case open
    case inProgress = "in-progress"
    case partiallyFulfilled = "partially-fulfilled"
    case fulfilled, lapsed, withdrawn, superseded, unknown
    public static let fieldName = "status"

    /// Where a commitment with this status is listed in a brief.
    public var standing: Standing {
        switch self {
        case .open, .inProgress, .partiallyFulfilled: return .outstanding
        case .unknown: return .unknown
        case .fulfilled, .lapsed, .withdrawn, .superseded: return .closed
        }
    }

    public enum Standing: String, Sendable, Hashable, Codable {
        case outstanding, unknown, closed
    }
}
