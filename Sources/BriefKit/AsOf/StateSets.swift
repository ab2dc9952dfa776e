/// The distinct sets of states the records of a view name, each numbered
/// once. Most records name the same few pairs of states: a record holds the
/// number of its set, and a brief decides once per set, not once per record,
/// whether the records naming it belong.
struct StateSets: Sendable {
    /// The states of set `n`, as actor positions, ascending: `members[starts[n]..<starts[n + 1]]`.
    private var starts: [Int32] = [0]
    private var members: [Int32] = []
    private var numbers: [[Int32]: Int32] = [:]

    var count: Int { starts.count - 1 }

    /// The number of the set `states` (ascending, each once), numbering it if new.
    mutating func number(of states: [Int32]) -> Int32 {
        if let number = numbers[states] { return number }
        let number = Int32(count)
        numbers[states] = number
        members += states
        starts.append(Int32(members.count))
        return number
    }

    func states(of set: Int32) -> ArraySlice<Int32> {
        members[Int(starts[Int(set)])..<Int(starts[Int(set) + 1])]
    }
}

/// For each set of states, the places in a view's list of the records that
/// name exactly that set, ascending: a brief reads only the records of the
/// sets that belong to it.
struct StateIndex: Sendable {
    /// The set each record names, by its place in the view's list.
    let setOfRecord: [Int32]
    /// The places naming set `n`: `places[starts[n]..<starts[n + 1]]`.
    private let starts: [Int32]
    private let places: [Int32]

    init(sets: [Int32], setCount: Int) {
        setOfRecord = sets
        var starts = [Int32](repeating: 0, count: setCount + 1)
        for set in sets { starts[Int(set) + 1] += 1 }
        for index in 0..<setCount { starts[index + 1] += starts[index] }
        var next = starts
        var places = [Int32](repeating: 0, count: sets.count)
        for (place, set) in sets.enumerated() {
            places[Int(next[Int(set)])] = Int32(place)
            next[Int(set)] += 1
        }
        self.starts = starts
        self.places = places
    }

    func places(naming set: Int32) -> ArraySlice<Int32> {
        places[Int(starts[Int(set)])..<Int(starts[Int(set) + 1])]
    }
}
