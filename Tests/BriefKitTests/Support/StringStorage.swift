/// Where a string keeps its bytes, for tests of shared ids.
enum StringStorage {
    /// Where the string's bytes are: equal for two strings that share a storage.
    static func address(of text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    /// A fresh string with the bytes of `text`, in a storage of its own.
    static func copy(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }
}
