@preconcurrency import CLibXML2

/// One problem libxml2 found in a document, located.
public struct XMLIssue: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(line):\(column): \(message)" }
}

/// Checks XML text with libxml2. Every libxml2 pointer is created and freed
/// inside these functions; nothing else in the program imports libxml2.
public enum XMLCheck {
    /// The problems that make `text` not well-formed XML (empty when it is).
    ///
    /// Building and freeing the document's tree was most of the check's
    /// time, and the parser finds nearly every problem without it: a text is
    /// first parsed without the tree, and only a text with a problem is
    /// parsed again with it, for the messages as they have always read (a
    /// few name more with the tree). The checks only the tree makes (of
    /// `xml:id` values; of text nodes over 10 MB, libxml2's limit) are made
    /// by parsing with the tree any text that could need them.
    public static func wellFormedness(of text: String) -> [XMLIssue] {
        let full = { XMLDocumentHandle.parse(text) { _, _ in } }
        if text.utf8.count > Int(XML_MAX_TEXT_LENGTH) || mentionsXMLID(text) { return full() }
        return XMLDocumentHandle.parse(text, buildsTree: false) { _, _ in }.isEmpty ? [] : full()
    }

    /// Whether `xml:id` appears anywhere in the text.
    static func mentionsXMLID(_ text: String) -> Bool {
        let name = Array("xml:id".utf8)
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= name.count else { return false }
            for index in 0...(bytes.count - name.count) where bytes[index] == name[0] && bytes[index + 4] == name[4] {
                if bytes[index..<index + name.count].elementsEqual(name) { return true }
            }
            return false
        }
    }

    /// Sets up libxml2's global state. libxml2 2.9 does it lazily on first
    /// use, which is not safe when two threads get there at once: call this
    /// once, on one thread, before several threads use the library.
    public static func initializeLibrary() {
        xmlInitParser()
    }
}

final class IssueCollector {
    var issues: [XMLIssue] = []
}

/// libxml2's structured error callback: must be a plain global function.
func collectIssue(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let collector = Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue()
    var message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
    while message.hasSuffix("\n") { message.removeLast() }
    collector.issues.append(XMLIssue(line: Int(error.pointee.line), column: Int(error.pointee.int2), message: message))
}
