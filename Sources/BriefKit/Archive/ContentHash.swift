/// Names a stored folder by its content, so that the same files keep the same
/// name (not a security hash; a collision only costs a rewrite, since a
/// folder whose name matches is still compared with what it should hold).
///
/// Two functions, each 64 bits:
/// - `.words`, what folders are named by: the bytes eight at a time, each
///   word folded in by a 64×64→128-bit multiplication (the high and low
///   halves xored). About eight times faster than the other; hashing what
///   was rendered and what a reused folder holds took 2 to 3 % of a run;
/// - `.fnv1a`, FNV-1a a byte at a time: what folders stored before 28
///   November 2026 are named by. It is still recognised (`Archive.Publication`),
///   so an archive made before keeps its stored dates and their names.
///
/// Each `add` is one field: ("ab", "c") and ("a", "bc") hash apart.
struct ContentHash {
    enum Function: Sendable {
        case words, fnv1a
    }

    let function: Function
    private(set) var value: UInt64
    /// `.words`: the bytes of the field not yet folded (fewer than eight,
    /// the first in the lowest byte), how many, and the field's length so far.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var fieldLength = 0

    init(_ function: Function = .words) {
        self.function = function
        value = function == .words ? 0x243F_6A88_85A3_08D3 : 0xcbf2_9ce4_8422_2325
    }

    mutating func add(_ bytes: some Sequence<UInt8>) {
        // Contiguous bytes (a native string's UTF-8) are read without the
        // generic iterator: a brief's files are megabytes.
        let done: Void? = bytes.withContiguousStorageIfAvailable { fold($0) }
        if done == nil {
            let copied = Array(bytes)
            copied.withUnsafeBufferPointer { fold($0) }
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

    /// Folds in more bytes of the current field (`add` and `addFile` end it).
    mutating func fold(_ buffer: UnsafeBufferPointer<UInt8>) {
        switch function {
        case .fnv1a:
            var value = self.value
            for byte in buffer {
                value ^= UInt64(byte)
                value = value &* 0x100000001b3
            }
            self.value = value
        case .words:
            fieldLength += buffer.count
            var start = 0
            // First the bytes that complete a word begun by the previous piece.
            while pendingCount > 0, pendingCount < 8, start < buffer.count {
                pending |= UInt64(buffer[start]) << (8 * UInt64(pendingCount))
                pendingCount += 1
                start += 1
            }
            if pendingCount == 8 {
                value = Self.mix(value, pending)
                pending = 0
                pendingCount = 0
            }
            guard start < buffer.count, let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base + start)
            let count = buffer.count - start
            var value = self.value
            var offset = 0
            while offset + 8 <= count {
                value = Self.mix(value, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            self.value = value
            while offset < count {
                pending |= UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)) << (8 * UInt64(pendingCount))
                pendingCount += 1
                offset += 1
            }
        }
    }

    /// One word folded into the state.
    @inline(__always)
    private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: 0xE703_7ED1_A0B4_28DB)
        return product.high ^ product.low
    }

    /// Ends a field, so that ("ab","c") and ("a","bc") differ: FNV-1a folds
    /// in a separator byte; `.words` the bytes left over and the field's length.
    mutating func separate() {
        switch function {
        case .fnv1a:
            value ^= 0xff
            value = value &* 0x100000001b3
        case .words:
            if pendingCount > 0 { value = Self.mix(value, pending) }
            value = Self.mix(value, UInt64(fieldLength) ^ 0xFF00_0000_0000_0000)
            pending = 0
            pendingCount = 0
            fieldLength = 0
        }
    }

    var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The hash of a folder's files, by name and content.
    static func of(_ files: [String: String], _ function: Function = .words) -> String {
        var hash = ContentHash(function)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            hash.add(name.utf8)
            hash.add(text.utf8)
        }
        return hash.hex
    }
}
