/// The id grammar of DATASET.md: `^[a-z0-9][a-z0-9._-]{0,127}$`.
public enum Identifier {
    public static let maximumLength = 128

    public static func isValid(_ text: String) -> Bool {
        // Over the string's own bytes, without an array of them: this runs for
        // every id and reference read. Read in place (a copy of the string to
        // call `withUTF8` retained and released it every time).
        if let valid = text.utf8.withContiguousStorageIfAvailable(isValid) { return valid }
        return Array(text.utf8).withUnsafeBufferPointer(isValid)
    }

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, bytes.count <= maximumLength else { return false }
        guard isLowerOrDigit(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Why `text` is not an id, in the analyst's words.
    public static func problem(with text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        if text.isEmpty { return "an id cannot be empty" }
        if text.utf8.count > maximumLength {
            return "'\(shown)' is not a valid id: ids are at most \(maximumLength) characters"
        }
        return "'\(shown)' is not a valid id: ids use lowercase letters, digits, '.', '_' and '-', and start with a letter or digit"
    }

    private static func isLowerOrDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
