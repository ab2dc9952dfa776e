/// A cache entry that cannot be read back: too short, a length that runs past
/// its end, a word no enumeration has. The entry is then not trusted: the file
/// is read from its YAML again and the entry rewritten.
struct CacheCorruption: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Appends values in the cache's compact layout: unsigned LEB128 integers,
/// zigzag for signed ones, strings as a length and their UTF-8 bytes. The
/// layout has no field names: the entry's key includes the program's identity,
/// so only the program that wrote an entry ever reads it.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) {
        // Zigzag: small negative numbers stay small.
        write(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))))
    }

    mutating func write(_ flag: Bool) {
        bytes.append(flag ? 1 : 0)
    }

    mutating func write(_ number: Double) {
        let bits = number.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// `payload`, preceded by its length and followed by its SHA-256: what
    /// `BinaryReader.checkedPayload` reads back, or refuses.
    mutating func write(checked payload: [UInt8]) {
        write(UInt64(payload.count))
        write(raw: payload)
        write(raw: SHA256.hash(payload))
    }

    /// Eight bytes, little-endian: for values as likely to be large as small (hashes).
    mutating func write(fixed value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func write(raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// A presence byte, then the value when there is one.
    mutating func write<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        guard let value else { return write(false) }
        write(true)
        body(&self, value)
    }

    mutating func write<T>(_ values: [T], _ body: (inout BinaryWriter, T) -> Void) {
        write(UInt64(values.count))
        for value in values { body(&self, value) }
    }

    mutating func write(_ text: String?) {
        write(text) { $0.write($1) }
    }

    mutating func write(_ texts: [String]) {
        write(texts) { $0.write($1) }
    }

    /// An enumeration by its contract word: robust to reordered cases.
    mutating func write<E: RawRepresentable>(word: E) where E.RawValue == String {
        write(word.rawValue)
    }

    mutating func write<E: RawRepresentable>(word: E?) where E.RawValue == String {
        write(word) { $0.write($1.rawValue) }
    }
}

/// Reads what `BinaryWriter` wrote, checking every length against what is left.
/// Lives only inside the `withUnsafeBytes` of the bytes it reads.
struct BinaryReader {
    private let buffer: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    var isAtEnd: Bool { offset == buffer.count }

    private static let truncated = CacheCorruption(description: "the entry ends too early")

    mutating func byte() throws(CacheCorruption) -> UInt8 {
        guard offset < buffer.count else { throw Self.truncated }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func unsigned() throws(CacheCorruption) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw CacheCorruption(description: "an integer is too long") }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    mutating func integer() throws(CacheCorruption) -> Int {
        let raw = try unsigned()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    /// A count of items or bytes, which can never exceed what is left.
    mutating func count() throws(CacheCorruption) -> Int {
        let value = try unsigned()
        guard value <= UInt64(buffer.count - offset) else { throw Self.truncated }
        return Int(value)
    }

    mutating func bool() throws(CacheCorruption) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CacheCorruption(description: "a flag is neither 0 nor 1")
        }
    }

    mutating func double() throws(CacheCorruption) -> Double {
        var bits: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(try byte()) << UInt64(shift) }
        return Double(bitPattern: bits)
    }

    mutating func string() throws(CacheCorruption) -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length]), as: UTF8.self)
    }

    /// What `BinaryWriter.write(checked:)` wrote, which must end the buffer:
    /// its length and its checksum are checked before a byte of it is read.
    mutating func checkedPayload() throws(CacheCorruption) -> UnsafeRawBufferPointer {
        let length = try count()
        let start = offset
        guard buffer.count - start == length + 32 else { throw CacheCorruption(description: "the wrong length") }
        let payload = UnsafeRawBufferPointer(rebasing: buffer[start..<start + length])
        var hasher = SHA256()
        hasher.update(payload)
        guard hasher.finish().elementsEqual(buffer[(start + length)...]) else {
            throw CacheCorruption(description: "the checksum does not match")
        }
        offset = buffer.count
        return payload
    }

    mutating func fixed() throws(CacheCorruption) -> UInt64 {
        guard 8 <= buffer.count - offset else { throw Self.truncated }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(buffer[offset + index]) }
        offset += 8
        return value
    }

    mutating func raw(_ length: Int) throws(CacheCorruption) -> [UInt8] {
        guard length <= buffer.count - offset else { throw Self.truncated }
        defer { offset += length }
        return Array(buffer[offset..<offset + length])
    }

    mutating func optional<T>(_ body: (inout BinaryReader) throws(CacheCorruption) -> T) throws(CacheCorruption) -> T? {
        try bool() ? try body(&self) : nil
    }

    mutating func array<T>(_ body: (inout BinaryReader) throws(CacheCorruption) -> T) throws(CacheCorruption) -> [T] {
        let count = try count()
        var items: [T] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try body(&self)) }
        return items
    }

    mutating func optionalString() throws(CacheCorruption) -> String? {
        try optional { reader throws(CacheCorruption) in try reader.string() }
    }

    mutating func strings() throws(CacheCorruption) -> [String] {
        try array { reader throws(CacheCorruption) in try reader.string() }
    }

    mutating func word<E: RawRepresentable>(_ type: E.Type = E.self) throws(CacheCorruption) -> E where E.RawValue == String {
        let text = try string()
        guard let value = E(rawValue: text) else { throw CacheCorruption(description: "'\(text)' is no \(E.self)") }
        return value
    }

    mutating func optionalWord<E: RawRepresentable>(_ type: E.Type = E.self) throws(CacheCorruption) -> E? where E.RawValue == String {
        try optional { reader throws(CacheCorruption) in try reader.word(E.self) }
    }
}
