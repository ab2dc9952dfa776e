import Foundation
import Testing
@testable import BriefKit

/// Each brief's tree is built straight from the model (`Brief+JSON.swift`):
/// it must be the tree that `JSONEncoder` writes and `JSONDecoder` reads back,
/// for every field, or a snapshot, a layout or a diff would silently lose one.
@Suite struct JSONTreeTests {
    /// Briefs of the fixtures and the generated datasets, on several days.
    static let briefs: [Brief] = {
        var briefs: [Brief] = []
        let fixtures: [(InputPaths, [String])] = [
            (Fixtures.seed, ["2025-05-01", "2024-01-01", "2026-11-27"]),
            (Fixtures.freedonia, ["2025-03-01", "2025-06-01"]),
            (AdversarialBrief.paths, [AdversarialBrief.asOf]),
        ]
        for (paths, dates) in fixtures {
            guard let loaded = try? Fixtures.load(paths) else { continue }
            for definition in loaded.definitions {
                for date in dates {
                    briefs.append(BriefAnalyzer.brief(for: definition, in: loaded.dataset, on: Fixtures.day(date)))
                }
            }
        }
        for generated in GeneratedDatasets.all.prefix(2) {
            let days = GeneratedDatasets.days(of: generated.inputs)
            for definition in generated.inputs.definitions {
                for day in [days[4], days.last!] {
                    briefs.append(BriefAnalyzer.brief(for: definition, in: generated.inputs.dataset, on: day))
                }
            }
        }
        return briefs
    }()

    @Test func everyBriefsTreeIsTheTreeOfItsJSONText() throws {
        #expect(Self.briefs.count > 20)
        for brief in Self.briefs {
            #expect(try brief.jsonTree() == JSONValueEncoderTests.roundTrip(brief), "\(brief.brief) on \(brief.asOf)")
        }
    }

    /// The equality above proves a field only where some brief holds it:
    /// every stored property of every type of the model must be held (an
    /// optional set, a list not empty) by at least one of the briefs, so a
    /// property added to the model without a line in its builder fails here.
    @Test func theBriefsHoldEveryFieldOfTheModel() {
        var held: Set<String> = []
        var all: Set<String> = []
        func visit(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional:
                if let some = mirror.children.first { visit(some.value) }
            case .collection:
                for child in mirror.children { visit(child.value) }
            case .struct:
                let type = String(describing: mirror.subjectType)
                for child in mirror.children {
                    guard let label = child.label else { continue }
                    all.insert("\(type).\(label)")
                    let inner = Mirror(reflecting: child.value)
                    let empty = (inner.displayStyle == .optional || inner.displayStyle == .collection) && inner.children.isEmpty
                    if !empty { held.insert("\(type).\(label)") }
                    visit(child.value)
                }
            default:
                break
            }
        }
        for brief in Self.briefs { visit(brief) }
        #expect(all.count > 100)
        #expect(all.subtracting(held).sorted() == [])
    }

    /// Each type's object in the tree is made with room for `jsonFieldCount`
    /// fields: the count must be its number of stored properties (one field
    /// each), or a type that gained a property would grow its objects again.
    @Test func eachTypesFieldCountIsItsNumberOfStoredProperties() {
        var counts: [String: (declared: Int, stored: Int)] = [:]
        func visit(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .optional, .collection:
                for child in mirror.children { visit(child.value) }
            case .struct:
                if let model = value as? any JSONModel {
                    counts[String(describing: mirror.subjectType)] = (type(of: model).jsonFieldCount, mirror.children.count)
                }
                for child in mirror.children { visit(child.value) }
            default:
                break
            }
        }
        for brief in Self.briefs { visit(brief) }
        // Every type of the model's tree, the brief's own included.
        #expect(counts.count == 14, "\(counts.keys.sorted())")
        for (type, count) in counts.sorted(by: { $0.key < $1.key }) {
            #expect(count.declared == count.stored, "\(type): jsonFieldCount \(count.declared), stored properties \(count.stored)")
        }
    }

    /// A non-finite number cannot be written as JSON: the tree fails, and
    /// the snapshot with it, rather than holding something no reader expects.
    @Test func aNonFiniteNumberFails() throws {
        var brief = try #require(Self.briefs.first { !$0.trend.points.isEmpty })
        brief.trend.points[0].score = .nan
        #expect(throws: JSONValueEncoder.NonFiniteNumber.self) { try brief.jsonTree() }
        #expect(throws: RenderFailure.self) { try JSONRenderer.tree(of: brief) }
        var weighted = try #require(Self.briefs.first { $0.timeline.contains { $0.weight != nil } })
        let index = try #require(weighted.timeline.firstIndex { $0.weight != nil })
        weighted.timeline[index].weight = -.infinity
        #expect(throws: JSONValueEncoder.NonFiniteNumber.self) { try weighted.jsonTree() }
    }
}
