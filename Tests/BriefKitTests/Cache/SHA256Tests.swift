import Dispatch
import Synchronization
import Testing
@testable import BriefKit

/// The SHA-256 the parse cache and the render keys name things by: the
/// standard's own test vectors, the same digest however the bytes are fed in,
/// and the same digests when many threads hash at once (they share the one
/// algorithm object fetched from OpenSSL).
@Suite struct SHA256Tests {
    /// FIPS 180-2's examples, and the digest of no bytes.
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ]

    @Test func theStandardsTestVectors() {
        for (text, digest) in Self.vectors {
            #expect(SHA256.hex(SHA256.hash(Array(text.utf8))) == digest, "SHA-256 of \"\(text)\"")
        }
        // A million times "a", fed in pieces of every size from 1 to 1,000 bytes.
        var hasher = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000)
        var fed = 0
        var size = 1
        while fed < 1_000_000 {
            let count = min(size, 1_000_000 - fed)
            piece.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            fed += count
            size = size % 1_000 + 1
        }
        #expect(SHA256.hex(hasher.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func manyThreadsHashingAtOnceGetTheSameDigests() {
        let inputs = (0..<400).map { index in (0..<(index * 37 % 3_000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) } }
        let alone = inputs.map { SHA256.hash($0) }
        let together = Mutex([SHA256.Digest?](repeating: nil, count: inputs.count))
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let digest = SHA256.hash(inputs[index])
            together.withLock { $0[index] = digest }
        }
        #expect(together.withLock { $0 } == alone)
        #expect(Set(alone.map(SHA256.hex)).count == inputs.count, "the inputs all differ, and so must their digests")
    }
}
