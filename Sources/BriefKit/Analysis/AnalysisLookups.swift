/// What the analysis of one brief looks up again and again, remembered by
/// the strings that hold the ids, types and dates (`ResolvedIDs`): the
/// positions of the sources every item cites and of the actors it names,
/// each event type's place in the vocabulary, and how each date is printed.
/// A brief of a large dataset lists thousands of commitments; their items
/// meet a few hundred distinct sources, actors and dates.
///
/// One per brief, used on the thread that analyses it; a class so that the
/// analyzer's item builders, which do not otherwise change anything, can
/// share it.
final class AnalysisLookups {
    private var positions: PositionLookups
    private var vocabulary = ResolvedIDs<Int?>(capacity: 64)
    private var displays = ResolvedIDs<String>()

    /// The dataset's table of vocabulary positions, held apart (see `PositionLookups`).
    private let vocabularyPositions: IDTable

    init(dataset: Dataset) {
        positions = PositionLookups(dataset: dataset)
        vocabularyPositions = dataset.vocabularyPositionTable
    }

    func source(_ id: String) -> Int? {
        positions.source(id)
    }

    func actor(_ id: String) -> Int? {
        positions.actor(id)
    }

    func vocabularyPosition(_ type: String) -> Int? {
        vocabulary.value(of: type) { [vocabularyPositions] in vocabularyPositions[$0] }
    }

    /// `date.display`: the canonical text of a date decides how it is printed.
    func display(_ date: EDTFDate) -> String {
        displays.value(of: date.text) { _ in date.display }
    }
}
