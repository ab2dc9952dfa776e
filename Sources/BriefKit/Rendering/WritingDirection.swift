/// The direction a text is written in, found from its first strongly
/// directional character (the Unicode bidirectional algorithm's rules P2 and
/// P3): what HTML's `dir="auto"` does, for formats whose markup has only
/// "left to right" and "right to left" (DocBook's `dir`).
enum WritingDirection: Sendable, Equatable {
    case leftToRight, rightToLeft

    /// nil when the text has no strongly directional character (digits,
    /// punctuation and symbols only). Characters between an isolate
    /// initiator (U+2066–U+2068) and its closing U+2069 are passed over, as
    /// P2 asks.
    static func of(_ text: String) -> WritingDirection? {
        of(scalars: text.unicodeScalars)
    }

    /// The same, for text as UTF-8 (valid: a `String`'s bytes).
    static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> WritingDirection? {
        of(scalars: UTF8Scalars(bytes: bytes))
    }

    private static func of(scalars: some Sequence<Unicode.Scalar>) -> WritingDirection? {
        var isolates = 0
        for scalar in scalars {
            switch scalar.value {
            case 0x2066...0x2068:
                isolates += 1
                continue
            case 0x2069:
                if isolates > 0 { isolates -= 1 }
                continue
            default:
                break
            }
            guard isolates == 0 else { continue }
            if let direction = strongDirection(of: scalar) { return direction }
        }
        return nil
    }

    /// The scalar's direction when it is strongly directional: a letter (or
    /// a directional mark), right to left in the blocks of the scripts
    /// written that way (Hebrew, Arabic, Aramaic scripts, Thaana, N'Ko, Samaritan,
    /// Mandaic, their presentation forms, and the right-to-left blocks of
    /// the supplementary planes), left to right elsewhere. Digits, marks,
    /// punctuation and symbols are not strong.
    static func strongDirection(of scalar: Unicode.Scalar) -> WritingDirection? {
        switch scalar.value {
        case 0x200E: return .leftToRight  // LEFT-TO-RIGHT MARK
        case 0x200F, 0x061C: return .rightToLeft  // RIGHT-TO-LEFT MARK, ARABIC LETTER MARK
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return isInRightToLeftBlock(scalar.value) ? .rightToLeft : .leftToRight
        default:
            return nil
        }
    }

    static func isInRightToLeftBlock(_ value: UInt32) -> Bool {
        switch value {
        case 0x0590...0x08FF,  // U+0590 Hebrew to U+08FF, the end of Arabic Extended-A: every block between is right to left
             0xFB1D...0xFDFF,  // Hebrew and Arabic presentation forms A
             0xFE70...0xFEFF,  // Arabic presentation forms B
             0x10800...0x10FFF,  // Cypriot to Old Uyghur, Hanifi Rohingya, Yezidi, Arabic Extended-C
             0x1E800...0x1EFFF:  // Mende Kikakui, Adlam, Arabic mathematical letters
            return true
        default:
            return false
        }
    }
}

/// The scalars of UTF-8 bytes, decoded as they are read; an ill-formed
/// sequence reads as U+FFFD, as `String(decoding:as:)` would make it.
private struct UTF8Scalars: Sequence, IteratorProtocol {
    var bytes: UnsafeBufferPointer<UInt8>.Iterator
    var decoder = Unicode.UTF8()

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes.makeIterator()
    }

    mutating func next() -> Unicode.Scalar? {
        switch decoder.decode(&bytes) {
        case let .scalarValue(scalar): return scalar
        case .emptyInput: return nil
        case .error: return "\u{FFFD}"
        }
    }
}
