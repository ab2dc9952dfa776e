/// One thread's memory of the actors and sources it has looked up by id:
/// their positions in the dataset, found again by the strings that hold the
/// ids rather than by hashing their text (`ResolvedIDs`). A pass over every
/// record keeps one while it reads, one per thread.
struct PositionLookups {
    let dataset: Dataset
    private var actors = ResolvedIDs<Int?>()
    private var sources = ResolvedIDs<Int?>()

    init(dataset: Dataset) {
        self.dataset = dataset
    }

    /// `Dataset.actorPosition(_:)`.
    mutating func actor(_ id: String) -> Int? {
        actors.value(of: id) { [dataset] in dataset.actorPosition($0) }
    }

    /// `Dataset.sourcePosition(_:)`.
    mutating func source(_ id: String) -> Int? {
        sources.value(of: id) { [dataset] in dataset.sourcePosition($0) }
    }
}
