/// The records of one kind an as-of view keeps, in its order: positions in
/// the dataset's array, each record read from there when it is asked for,
/// citing only the sources published by the view's day. The view holds no
/// copy of a record: at a million records the copies were a quarter of a
/// run's memory and most of the time to make the view.
public struct AsOfRecords<Record: DatedRecord>: RandomAccessCollection, Sendable {
    /// Every record of the kind, as the dataset holds them.
    let all: [Record]
    /// The positions in `all` of the records kept, in the view's order.
    let positions: [Int32]
    let knowledge: Knowledge
    let day: Day

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }

    /// The record at `place` as known on the day: a copy whose sources are
    /// those it could cite then.
    public subscript(place: Int) -> Record {
        var record = all[position(at: place)]
        if knowledge.citesLater(record.sources, than: day) {
            record.sources = record.sources.filter { knowledge.knownDay(of: $0) <= day.rawValue }
        }
        return record
    }

    /// Where the record at `place` is in the dataset's array: the analysis
    /// reads the fields it needs there instead of copying the record.
    func position(at place: Int) -> Int {
        Int(positions[place])
    }
}

extension AsOfRecords: Equatable {
    public static func == (a: AsOfRecords, b: AsOfRecords) -> Bool {
        a.elementsEqual(b)
    }
}

/// The commitments an as-of view keeps, each with its state on the day,
/// made when it is asked for from what the view keeps: the commitment's
/// position, its status and age, and the positions of its updates.
public struct AsOfCommitments: RandomAccessCollection, Sendable {
    let records: AsOfRecords<Commitment>
    /// The updates in effect on the day, in order of date, then id.
    let updates: AsOfRecords<Update>
    /// For each commitment, by place: its status, age and whether it is overdue.
    let facts: [CommitmentState.Facts]
    /// For each commitment, by place, the places in `updates` of its updates:
    /// `updatePlaces[updateStarts[place]..<updateStarts[place + 1]]`.
    let updateStarts: [Int32]
    let updatePlaces: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(place: Int) -> CommitmentState {
        CommitmentState(commitment: records[place], updates: self.updates(of: place).map { updates[Int($0)] }, facts: facts[place])
    }

    /// The places in `updates` of the updates of the commitment at `place`.
    func updates(of place: Int) -> ArraySlice<Int32> {
        updatePlaces[Int(updateStarts[place])..<Int(updateStarts[place + 1])]
    }
}

extension AsOfCommitments: Equatable {
    public static func == (a: AsOfCommitments, b: AsOfCommitments) -> Bool {
        a.elementsEqual(b)
    }
}
