/// One thread's memory of the actors and sources it has looked up by id:
/// their positions in the dataset, found again by the strings that hold the
/// ids rather than by hashing their text (`ResolvedIDs`). A pass over every
/// record keeps one while it reads, one per thread.
struct PositionLookups {
    private var actors = ResolvedIDs<Int?>()
    private var sources = ResolvedIDs<Int?>()
    /// The dataset's tables, held apart: a lookup's closure captures one
    /// table (a retain), where capturing the dataset copied all its fields.
    private let actorPositions: IDTable
    private let sourcePositions: IDTable

    init(dataset: Dataset) {
        actorPositions = dataset.actorPositionTable
        sourcePositions = dataset.sourcePositionTable
    }

    /// `Dataset.actorPosition(_:)`.
    mutating func actor(_ id: String) -> Int? {
        actors.value(of: id) { [actorPositions] in actorPositions[$0] }
    }

    /// `Dataset.sourcePosition(_:)`.
    mutating func source(_ id: String) -> Int? {
        sources.value(of: id) { [sourcePositions] in sourcePositions[$0] }
    }
}
