/// FNV-1a, 64 bits: names a stored folder by its content, so that the same
/// files keep the same name (not a security hash; collisions only cost a rewrite).
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        // Contiguous bytes (a native string's UTF-8) are read without the
        // generic iterator: a brief's files are megabytes.
        let done: Void? = bytes.withContiguousStorageIfAvailable { fold($0) }
        if done == nil {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x100000001b3
            }
        }
        separate()
    }

    /// The same as `add` of the file's bytes, read a piece at a time rather
    /// than whole; false if it cannot be read.
    mutating func addFile(at path: String) -> Bool {
        var buffer: [UInt8] = []
        var hash = self
        guard DurableFile.readPieces(of: path, buffer: &buffer, { piece in
            hash.fold(piece.assumingMemoryBound(to: UInt8.self))
            return true
        }) else { return false }
        hash.separate()
        self = hash
        return true
    }

    private mutating func fold(_ buffer: UnsafeBufferPointer<UInt8>) {
        var value = self.value
        for byte in buffer {
            value ^= UInt64(byte)
            value = value &* 0x100000001b3
        }
        self.value = value
    }

    /// A separator so that ("ab","c") and ("a","bc") differ.
    private mutating func separate() {
        value ^= 0xff
        value = value &* 0x100000001b3
    }

    var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    static func of(_ files: [String: String]) -> String {
        var hash = ContentHash()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            hash.add(name.utf8)
            hash.add(text.utf8)
        }
        return hash.hex
    }
}
