import Testing
@testable import BriefKit

/// The members of a JSON object in the tree: kept in the byte order of their
/// names, each once, however they are added, and found by name.
@Suite struct JSONObjectTests {
    @Test func membersKeepTheByteOrderOfTheirNamesHoweverTheyAreAdded() {
        var appended = JSONObject()
        for name in ["asOf", "asOfDisplay", "bluf", "keyQuotes", "kind"] { appended.append(name, .string(name)) }
        // Out of order, and a name given again: put in its place, the value replaced.
        var mixed = JSONObject()
        for name in ["kind", "bluf", "asOfDisplay", "keyQuotes", "asOf", "bluf"] { mixed.append(name, .string(name)) }
        #expect(appended.keys == ["asOf", "asOfDisplay", "bluf", "keyQuotes", "kind"])
        #expect(mixed == appended)
        #expect(JSONObject(["B": .null, "a": .null, "b-10": .null, "b-2": .null, "é": .null, "z": .null]).keys == ["B", "a", "b-10", "b-2", "z", "é"])
        #expect(Array(appended.map(\.key)) == appended.keys)
    }

    @Test func aMemberIsFoundSetAndRemovedByName() {
        var object: JSONObject = ["id": .string("ev-1"), "title": .string("T"), "date": .string("2025"), "text": .null]
        #expect(object["title"] == .string("T"))
        #expect(object["text"] == .null)
        #expect(object["titles"] == nil && object["titl"] == nil && object["Title"] == nil)
        object["title"] = .string("U")
        object["place"] = .string("P")
        object["date"] = nil
        #expect(object.keys == ["id", "place", "text", "title"])
        #expect(object["title"] == .string("U") && object["date"] == nil && object.count == 4)
    }
}
