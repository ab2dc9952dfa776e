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
    public static func wellFormedness(of text: String) -> [XMLIssue] {
        XMLDocumentHandle.parse(text) { _, _ in }
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
