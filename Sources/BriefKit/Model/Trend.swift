/// The cooperation–conflict trend of the dyad: the Goldstein weights of its
/// bilateral events, summed by period.
public struct Trend: Sendable, Hashable, Codable {
    public enum Granularity: String, Sendable, Hashable, Codable {
        case year, month
    }

    /// Where the relationship is heading, from the last twelve months against the twelve before.
    public enum Direction: String, Sendable, Hashable, Codable {
        case improving, deteriorating, steady
        /// No bilateral event in the last twelve months.
        case quiet
    }

    public var granularity: Granularity
    public var points: [TrendPoint]
    public var direction: Direction
    /// Sum of weights over the last twelve months, and over the twelve before.
    public var recentScore: Double
    public var previousScore: Double
    /// Bilateral events whose dates are too vague to place in one period.
    public var unplaced: Int
}

public struct TrendPoint: Sendable, Hashable, Codable {
    /// "2025" or "2025-04".
    public var period: String
    /// "2025" or "April 2025".
    public var label: String
    public var score: Double
    public var events: Int
}
