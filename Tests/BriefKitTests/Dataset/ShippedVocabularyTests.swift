import Testing
@testable import BriefKit

/// The vocabulary built into the program.
@Suite struct ShippedVocabularyTests {
    let file = ShippedVocabulary.file

    @Test func itLoadsWithoutProblems() {
        #expect(file.diagnostics.map(\.description) == [])
        #expect(file.vocabulary.allSatisfy { $0.shipped })
    }

    @Test func itCoversEveryTypeTheContractNames() {
        let types = Set(file.vocabulary.map(\.type))
        let required = ["relations-established", "relations-severed", "embassy-opened", "embassy-closed", "embassy-reopened",
                        "meeting", "visit", "state-visit", "phone-call", "statement", "speech", "agreement-signed",
                        "invitation", "aid", "criticism", "sanction", "protest", "military-incident", "forum"]
        #expect(required.filter { !types.contains($0) } == [])
    }

    @Test func milestonesAreTheOnesTheContractLists() {
        let milestones = Set(file.vocabulary.filter(\.milestone).map(\.type))
        #expect(milestones == ["relations-established", "relations-severed", "embassy-opened", "embassy-closed",
                               "embassy-reopened", "agreement-signed", "state-visit"])
    }

    @Test func everyEntryHasACameoCodeAsTextAndAGoldsteinWeight() {
        for entry in file.vocabulary {
            #expect(entry.cameo.map { $0.count >= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) } == true, "\(entry.type)")
            #expect((-10...10).contains(entry.weight), "\(entry.type)")
            #expect(!entry.label.isEmpty)
        }
        // Leading zeros survive: CAMEO codes are text, not numbers.
        #expect(file.vocabulary.contains { $0.cameo?.hasPrefix("0") == true })
        // Cooperation weighs positive, conflict negative.
        let weight = Dictionary(uniqueKeysWithValues: file.vocabulary.map { ($0.type, $0.weight) })
        #expect(weight["agreement-signed"]! > 0)
        #expect(weight["military-incident"]! < 0)
        #expect(weight["sanction"]! < weight["criticism"]!)
    }

    @Test func typesAreUniqueAndSorted() {
        let types = file.vocabulary.map(\.type)
        #expect(Set(types).count == types.count)
        #expect(types == types.sorted())
    }
}
