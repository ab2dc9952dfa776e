import Foundation
import Testing
@testable import BriefKit

/// The direct encoder gives exactly the tree of the text round trip it
/// replaces (`JSONEncoder`, then `JSONDecoder` into `JSONValue`): templates
/// and the diff read that tree, so any difference would change the output.
@Suite struct JSONValueEncoderTests {
    /// The oracle: `JSONEncoder`'s text read back by `JSONDecoder`.
    static func roundTrip<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    func roundTrip<T: Encodable>(_ value: T) throws -> JSONValue { try Self.roundTrip(value) }

    // A brief's tree is held to the round trip on every fixture and the
    // generated datasets by `JSONTreeTests`: the encoder hands the model's
    // types to their own builders (`Brief+JSON.swift`).

    @Test func changesGiveTheTreeOfTheTextRoundTrip() throws {
        let loaded = try Fixtures.load(Fixtures.freedonia)
        let definition = try #require(loaded.definitions.first { $0.id == "freedonia-sylvania" })
        let old = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day("2025-03-01"))
        let new = BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day("2025-06-01"))
        let changes = try BriefDiff(old: old, new: new).changes()
        #expect(changes.hasChanges)
        #expect(try JSONValueEncoder.encode(changes) == roundTrip(changes))
    }

    /// Everything `Codable` can ask of an encoder, including what the model
    /// does not use today: nested containers, explicit nils, every number type.
    struct Everything: Encodable {
        enum Keys: String, CodingKey { case flag, zero, one, int8, uint64, float, double, text, none, explicitNil, nested, list, optionals, map }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(true, forKey: .flag)
            try c.encode(0, forKey: .zero)
            try c.encode(1, forKey: .one)
            try c.encode(Int8(-7), forKey: .int8)
            try c.encode(UInt64(1) << 60, forKey: .uint64)
            try c.encode(Float(0.1), forKey: .float)
            try c.encode(-0.25e-7, forKey: .double)
            try c.encode("line\nbreak \"quoted\" \u{0} é / ", forKey: .text)
            try c.encodeIfPresent(String?.none, forKey: .none)
            try c.encodeNil(forKey: .explicitNil)
            var nested = c.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encode("inner", forKey: .text)
            var list = c.nestedUnkeyedContainer(forKey: .list)
            try list.encode(2.5)
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try list.encode(false)
            try inner.encode(3, forKey: .one)
            try list.encodeNil()
            try c.encode([1, nil, 3] as [Int?], forKey: .optionals)
            try c.encode([4: "four", 5: "five"], forKey: .map)
        }
    }

    @Test func everyKindOfValueGivesTheTreeOfTheTextRoundTrip() throws {
        let tree = try JSONValueEncoder.encode(Everything())
        #expect(tree == (try roundTrip(Everything())))
        // 0 and 1 stay numbers, true stays a flag.
        #expect(tree["zero"] == .number(0))
        #expect(tree["flag"] == .bool(true))
        #expect(tree["none"] == nil)
        #expect(tree["explicitNil"] == .null)
    }

    @Test func aNonFiniteNumberFailsAsJSONEncoderDoes() {
        #expect(throws: (any Error).self) { try JSONEncoder().encode([Double.nan]) }
        #expect(throws: (any Error).self) { try JSONValueEncoder.encode([Double.nan]) }
        #expect(TemplateContext.jsonValue(["x": Double.infinity]) == .object([:]))
    }
}
