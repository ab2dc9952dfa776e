/// A commitment as known on a day: its status after the updates in effect,
/// how long it has been open, and whether it is overdue.
public struct CommitmentState: Sendable, Hashable {
    public let commitment: Commitment
    /// The updates in effect on the day, in order of date, then id.
    public let updates: [Update]
    public let status: CommitmentStatus
    /// Outstanding or of unknown status, with the last day of `due` before the day.
    public let overdue: Bool
    /// Days from the last day of `made` (its first where the end is open) to the day.
    public let ageDays: Int

    public init(commitment: Commitment, updates: [Update], on day: Day) {
        let facts = Facts(made: commitment.made, due: commitment.due, lastStatus: updates.last?.status, on: day)
        self.init(commitment: commitment, updates: updates, facts: facts)
    }

    init(commitment: Commitment, updates: [Update], facts: Facts) {
        self.commitment = commitment
        self.updates = updates
        status = facts.status
        overdue = facts.overdue
        ageDays = facts.ageDays
    }

    /// What the state says of a commitment on a day, without the records:
    /// what the as-of view keeps for each commitment.
    struct Facts: Sendable, Hashable {
        let status: CommitmentStatus
        let overdue: Bool
        let ageDays: Int

        /// The facts of a commitment `made` and `due`, whose last update in
        /// effect has `lastStatus`.
        init(made: EDTFDate, due: EDTFDate?, lastStatus: CommitmentStatus?, on day: Day) {
            status = lastStatus ?? .open
            let pending = status.standing != .closed
            if pending, let due = due?.latest { overdue = due < day } else { overdue = false }
            ageDays = day - made.referenceDay
        }
    }

    public var standing: CommitmentStatus.Standing { status.standing }
    public var lastUpdate: Update? { updates.last }
}
