import Testing
@testable import BriefKit

/// `appendMoving` moves each file's records into the dataset's lists: the
/// result must be every element in order, and what is left behind must be
/// safe to free (a filler in each moved place), whether or not the list
/// moved from was shared with another value.
@Suite struct AppendMovingTests {
    // Long strings: each has storage of its own, whose count a wrong move would break.
    static func names(_ prefix: String, _ count: Int) -> [String] { (0..<count).map { "\(prefix)-long-name-number-\($0)" } }

    @Test func elementsAreAppendedInOrderAndTheSourceEmptied() {
        var list = Self.names("first", 3)
        for count in [0, 1, 5, 1000, 17] {
            var part = Self.names("part\(count)", count)
            let expected = list + part
            list.appendMoving(&part, filler: "")
            #expect(list == expected)
            #expect(part.isEmpty)
        }
        #expect(list.count == 3 + 1023)
    }

    @Test func anEmptyListTakesTheWholeSource() {
        var list: [String] = []
        var part = Self.names("only", 100)
        let expected = part
        list.appendMoving(&part, filler: "")
        #expect(list == expected)
    }

    @Test func aSourceSharedWithAnotherValueIsLeftWholeThere() {
        let kept = Self.names("kept", 50)
        var part = kept
        var list = Self.names("head", 2)
        list.appendMoving(&part, filler: "")
        #expect(list == Self.names("head", 2) + kept)
        // The other holder of the list still sees every element.
        #expect(kept == Self.names("kept", 50))
    }

    /// The records a file holds, moved with their own filler values.
    @Test func recordsMoveWithEveryField() throws {
        let loaded = try Fixtures.load(Fixtures.freedonia)
        var events = loaded.dataset.events
        #expect(events.count > 3)
        let expected = loaded.dataset.events + loaded.dataset.events
        var copy = loaded.dataset.events.map { $0 }  // storage of its own: moved from, not copied
        events.appendMoving(&copy, filler: loaded.dataset.events[0])
        #expect(events == expected)
    }
}
