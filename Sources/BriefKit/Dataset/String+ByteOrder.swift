extension String {
    /// Whether the UTF-8 bytes of `self` sort before those of `other`: the
    /// order of every id and name in a brief, never locale-dependent. The same
    /// as comparing `Array(utf8)`s, without making the arrays: sorts call it
    /// for every pair they compare.
    func utf8Precedes(_ other: String) -> Bool {
        utf8Order(other) < 0
    }

    /// Negative, zero or positive as the UTF-8 bytes of `self` sort before,
    /// equal or after those of `other`. Unlike `==`, two strings that Unicode
    /// deems equivalent but that differ in their bytes are not equal here.
    func utf8Order(_ other: String) -> Int {
        let contiguous = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in Self.order(a, b) }
        }
        if let contiguous, let order = contiguous { return order }
        if utf8.lexicographicallyPrecedes(other.utf8) { return -1 }
        return other.utf8.lexicographicallyPrecedes(utf8) ? 1 : 0
    }

    private static func order(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        for index in 0..<Swift.min(a.count, b.count) where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return a.count - b.count
    }
}
