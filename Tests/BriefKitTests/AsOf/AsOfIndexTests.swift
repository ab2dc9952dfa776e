import Testing
@testable import BriefKit

/// The as-of view keeps positions into the dataset and numbers the sets of
/// states records name, and a brief reads only the records of the sets that
/// belong to it. On generated datasets (several seeds, days from before the
/// first source to after the last), what it keeps and what each brief
/// selects are exactly what the plain filter (`ReferenceAsOf`) keeps and
/// selects, in the same order, each record citing the same sources.
@Suite struct AsOfIndexTests {
    /// The generated briefs, and a few more on the same states: one without
    /// related states, one relating every other state, one on the first
    /// brief's parties in the other order, and two naming ids that are not
    /// states (a person, nothing at all).
    static func definitions(of inputs: Inputs) -> [BriefDefinition] {
        var definitions = inputs.definitions.sorted { $0.id < $1.id }
        let states = inputs.dataset.actors.filter { $0.kind == .state }.map(\.id)
        let person = inputs.dataset.actors.first { $0.kind == .person }?.id ?? "nobody"
        let place = SourceLocation(file: "test", line: 1, column: 1)
        func definition(_ id: String, _ parties: [String], _ related: [String]) -> BriefDefinition {
            BriefDefinition(id: id, title: id, parties: parties.map { Reference($0, at: place) },
                            related: related.map { Reference($0, at: place) }, origin: place)
        }
        if let first = definitions.first, first.parties.count == 2 {
            let (a, b) = (first.parties[0].id, first.parties[1].id)
            definitions.append(definition("no-related", [a, b], []))
            definitions.append(definition("everyone-related", [b, a], states.filter { $0 != a && $0 != b }))
            definitions.append(definition("a-person", [a, person], states.prefix(3).map { $0 }))
            definitions.append(definition("no-such-state", [a, "no-such-state"], [b]))
        }
        return definitions
    }

    /// Expects the same records in the same order; on a failure, says
    /// where they first differ rather than printing thousands of records.
    static func expectSame<Records: Collection>(_ records: Records, _ expected: [Records.Element], _ what: String,
                                                sourceLocation: Testing.SourceLocation = #_sourceLocation) where Records.Element: Equatable {
        let actual = Array(records)
        guard actual != expected else { return }
        let first = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
        Issue.record("\(what): \(actual.count) records, \(expected.count) expected; first difference at \(first)",
                     sourceLocation: sourceLocation)
    }

    @Test(arguments: GeneratedDatasets.all)
    func theViewKeepsWhatThePlainFilterKeeps(_ generated: GeneratedDatasets.Generated) {
        let dataset = generated.inputs.dataset
        var trimmed = 0, withdrawn = 0, updates = 0
        for day in GeneratedDatasets.days(of: generated.inputs) {
            let view = AsOfView(dataset: dataset, on: day)
            let reference = ReferenceAsOf(dataset: dataset, on: day)
            Self.expectSame(view.events, reference.events, "events on \(day)")
            Self.expectSame(view.quotes, reference.quotes, "quotes on \(day)")
            Self.expectSame(view.commitments, reference.commitments, "commitments on \(day)")
            Self.expectSame(view.withdrawn, reference.withdrawn, "withdrawn on \(day)")
            trimmed += reference.events.filter { dataset.eventsByID[$0.id]?.sources != $0.sources }.count
            withdrawn += reference.withdrawn.count
            updates += reference.commitments.reduce(0) { $0 + $1.updates.count }
        }
        // The days and datasets chosen exercise what the view must get right.
        if generated.seed > 2 { #expect(trimmed > 0, "no record cited a source not yet published") }
        #expect(withdrawn > 0, "no retraction in effect")
        #expect(updates > 0, "no status history")
    }

    @Test(arguments: GeneratedDatasets.all)
    func aBriefSelectsWhatThePlainFilterSelects(_ generated: GeneratedDatasets.Generated) {
        let dataset = generated.inputs.dataset
        var context = 0, bilateral = 0, thirdParties = 0
        for day in GeneratedDatasets.days(of: generated.inputs) {
            let view = AsOfView(dataset: dataset, on: day)
            let reference = ReferenceAsOf(dataset: dataset, on: day)
            for definition in Self.definitions(of: generated.inputs) {
                let selection = BriefSelection(view: view, definition: definition)
                let expected = reference.selection(for: definition)
                let what = "\(definition.id) on \(day)"
                Self.expectSame(selection.events, expected.events, "events of \(what)")
                Self.expectSame(selection.quotes, expected.quotes, "quotes of \(what)")
                Self.expectSame(selection.commitments, expected.commitments, "commitments of \(what)")
                Self.expectSame(selection.withdrawn, expected.withdrawn, "withdrawn of \(what)")
                #expect(selection.thirdParties.map(\.state) == expected.thirdParties.map(\.state), "third parties of \(what)")
                #expect(selection.thirdParties.map(\.records) == expected.thirdParties.map(\.records), "third parties of \(what)")
                // What a run orders its briefs by: the records selected, counted without selecting them.
                #expect(BriefSelection.recordCount(of: definition, in: view) == expected.events.count + expected.quotes.count
                    + expected.commitments.count, "record count of \(what)")
                context += expected.events.filter { $0.scope == .context }.count
                bilateral += expected.events.filter { $0.scope == .bilateral }.count
                thirdParties += expected.thirdParties.count
            }
        }
        #expect(bilateral > 0 && context > 0 && thirdParties > 0)
    }

    /// The view chooses the events and the quotes in two pieces each, on two
    /// cores, and joins them: cut anywhere, the pieces joined are what one
    /// pass over all the records chooses (the same records in the same order,
    /// the same withdrawn, the sets of states numbered alike).
    /// The kinds the view chooses in pieces.
    enum PiecedKind: CaseIterable, Sendable { case events, quotes }

    @Test(arguments: GeneratedDatasets.all.prefix(2), PiecedKind.allCases)
    func recordsChosenInTwoPiecesAreChosenAsInOne(_ generated: GeneratedDatasets.Generated, _ kind: PiecedKind) throws {
        let dataset = generated.inputs.dataset
        let actorStates = ActorStates(dataset: dataset)
        switch kind {
        case .events:
            try Self.checkPieces(of: dataset.events, in: generated) { position, states, lookups in
                actorStates.states(ofEventAt: position, into: &states, lookups: &lookups)
            }
        case .quotes:
            try Self.checkPieces(of: dataset.quotes, in: generated) { position, states, lookups in
                actorStates.states(ofQuoteAt: position, into: &states, lookups: &lookups)
            }
        }
    }

    private static func checkPieces<Record: DatedRecord>(of records: [Record], in generated: GeneratedDatasets.Generated,
                                                         states: @escaping (Int, inout [Int32], inout PositionLookups) -> Void) throws {
        let knowledge = Knowledge(dataset: generated.inputs.dataset)
        let count = records.count
        let days = GeneratedDatasets.days(of: generated.inputs)
        var sharedSets = 0, withdrawnInSecond = 0
        for day in [days[days.count / 2], try #require(days.last)] {
            func choose(_ range: Range<Int>?) -> AsOfView.Chosen {
                AsOfView.choose(records, in: range, knowledge: knowledge, on: day, states: states)
            }
            let whole = choose(nil)
            for cut in [0, 1, count / 3, count / 2, count - 1, count] {
                let (first, second) = (choose(0..<cut), choose(cut..<count))
                let joined = AsOfView.joined(first, second, in: records)
                #expect(joined.kept == whole.kept, "cut at \(cut) on \(day)")
                #expect(joined.sets == whole.sets, "cut at \(cut) on \(day)")
                #expect(joined.stateSets == whole.stateSets, "cut at \(cut) on \(day)")
                #expect(joined.withdrawn == whole.withdrawn, "cut at \(cut) on \(day)")
                sharedSets += Set(first.stateSets).intersection(second.stateSets).count
                withdrawnInSecond += second.withdrawn.count
            }
        }
        // The pieces share sets of states (renumbered in the join) and the
        // second has withdrawn records of its own.
        #expect(sharedSets > 0 && withdrawnInSecond > 0)
    }

    @Test func theCostliestWorkStartsFirst() {
        #expect(WorkOrder.costliestFirst([]) == [])
        #expect(WorkOrder.costliestFirst([5]) == [0])
        #expect(WorkOrder.costliestFirst([3, 9, 3, 0, 9, 4]) == [1, 4, 5, 0, 2, 3])
    }

    @Test(arguments: GeneratedDatasets.all)
    func eachRecordIsListedUnderItsOneSetOfStates(_ generated: GeneratedDatasets.Generated) {
        let dataset = generated.inputs.dataset
        let view = AsOfView(dataset: dataset, on: GeneratedDatasets.days(of: generated.inputs).last!)
        func check(_ index: StateIndex, count: Int, states: (Int) -> Set<String>) {
            var seen = [Bool](repeating: false, count: count)
            for set in 0..<Int32(view.stateSets.count) {
                let places = index.places(naming: set)
                #expect(places.elementsEqual(places.sorted()), "places of set \(set) out of order")
                let named = Set(view.stateSets.states(of: set).map { dataset.actors[Int($0)].id })
                for place in places {
                    #expect(!seen[Int(place)], "record \(place) listed twice")
                    seen[Int(place)] = true
                    #expect(index.setOfRecord[Int(place)] == set)
                    #expect(states(Int(place)) == named, "record \(place) names other states than its set")
                }
            }
            #expect(seen.allSatisfy { $0 }, "a record is in no set")
        }
        check(view.eventStates, count: view.events.count) { dataset.states(of: view.events[$0]) }
        check(view.quoteStates, count: view.quotes.count) { dataset.states(of: view.quotes[$0]) }
        check(view.commitmentStates, count: view.commitments.count) { dataset.states(of: view.commitments[$0].commitment) }
        #expect(view.stateSets.count > 1)
    }
}
