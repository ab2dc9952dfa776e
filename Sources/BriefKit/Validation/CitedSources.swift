/// The sources the records cite, by position in the dataset's sources: a
/// mark each rather than a set of their ids, filled by every part of the
/// records at once and joined after.
struct CitedSources: Sendable {
    private var marks: [Bool]

    init(count: Int) {
        marks = Array(repeating: false, count: count)
    }

    mutating func insert(_ position: Int) {
        marks[position] = true
    }

    func contains(_ position: Int) -> Bool {
        marks[position]
    }

    mutating func formUnion(_ other: CitedSources) {
        for position in other.marks.indices where other.marks[position] { marks[position] = true }
    }
}
