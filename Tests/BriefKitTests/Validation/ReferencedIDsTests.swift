import Testing
@testable import BriefKit

/// `ReferencedIDs` makes equal ids share one storage, whichever shard their
/// bytes send them to, and leaves the ids a `String` holds inline alone.
@Suite struct ReferencedIDsTests {
    @Test func equalLongIDsShareTheStorageOfTheFirstSeen() {
        let shared = ReferencedIDs()
        // Ids that differ only at the end, the middle or in length, so that
        // several shards are used and neighbours must not be mixed up.
        let ids = (0..<300).map { "p-amina-novak-person-\($0)" } + (0..<40).map { "src-\($0)-wesarland-press" }
            + ["ministry-of-foreign-affairs", "ministry-of-foreign-affairs-x"]
        var first: [String] = []
        for id in ids {
            var reference = StringStorage.copy(id)
            shared.share(&reference)
            first.append(reference)
        }
        for (index, id) in ids.enumerated() {
            var again = StringStorage.copy(id)
            #expect(StringStorage.address(of: again) != StringStorage.address(of: first[index]))
            shared.share(&again)
            #expect(again == id)
            #expect(StringStorage.address(of: again) == StringStorage.address(of: first[index]), "\(id) was not shared")
        }
        #expect(Set(ids.map { ReferencedIDs.shard(of: $0) }).count > 16)
    }

    @Test func shortIDsKeepTheirOwnValue() {
        let shared = ReferencedIDs()
        var long = StringStorage.copy("alanora-mfa-consular")
        shared.share(&long)
        var short = StringStorage.copy("alanora-mfa")
        shared.share(&short)
        #expect(short == "alanora-mfa")
        #expect(long == "alanora-mfa-consular")
    }

    @Test func everyIDHasAShardInRange() {
        for length in 2...80 {
            for last in [UInt8(ascii: "0"), UInt8(ascii: "z"), 0x80, 0xFF] {
                let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length - 1) + [last]
                let shard = ReferencedIDs.shard(of: String(decoding: bytes, as: UTF8.self))
                #expect((0..<64).contains(shard))
            }
        }
    }
}
