import CCrypto

/// SHA-256 through OpenSSL (which uses the CPU's SHA instructions where there
/// are some): the cache names what it stores by it, so a collision would mean
/// a wrong fact, and a weaker hash is not an option.
struct SHA256: ~Copyable {
    /// 32 bytes.
    typealias Digest = [UInt8]

    private let context: OpaquePointer

    /// The algorithm, fetched from OpenSSL's providers once. Given
    /// `EVP_sha256()`, OpenSSL 3 fetches it again at every digest's start,
    /// taking its provider store's lock each time: that was a digest per
    /// record, and 2 % of a run filling the cache, in `pthread_rwlock`.
    /// Read-only once made, and OpenSSL's algorithm objects may be shared
    /// by threads.
    nonisolated(unsafe) private static let algorithm: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)

    init() {
        // Allocation fails only when memory is exhausted: nothing sensible is left to do then.
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, Self.algorithm ?? EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL could not start a SHA-256 digest")
        }
        self.context = context
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(context, base, bytes.count)
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// A length first, so that ("ab", "c") and ("a", "bc") differ.
    mutating func update(field text: String) {
        var length = UInt64(text.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { update($0) }
        var copy = text
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest; the hasher cannot be used afterwards.
    consuming func finish() -> Digest {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        EVP_MD_CTX_free(context)
        discard self
        return digest
    }

    deinit { EVP_MD_CTX_free(context) }

    static func hash(_ bytes: [UInt8]) -> Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finish()
    }

    static func hex(_ digest: Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
