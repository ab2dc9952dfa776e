@testable import BriefKit

/// The full escaping rules on a `String`, without the shortcuts that let
/// text needing nothing through: what the shortcut and oracle tests compare.
extension EscapingRule {
    static func markup(_ text: String, lineBreak: String) -> String {
        var text = text
        var out: [UInt8] = []
        text.withUTF8 { markup($0, lineBreak: Array(lineBreak.utf8), into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func markdown(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        text.withUTF8 { markdown($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
