import Foundation
import XMLSupport

/// The check a rendered output passes before it is written.
public enum OutputValidator: String, Sendable, Hashable, Codable, CaseIterable {
    /// Well-formed XML.
    case xml
    /// HTML written as XHTML5: well-formed XML.
    case xhtml
    /// Valid against the DocBook 5.0 RELAX NG schema.
    case docbook

    /// Where Debian's `docbook5-xml` installs the schema; `BRIEF_DOCBOOK_RNG` overrides it.
    public static var docbookSchemaPath: String {
        ProcessInfo.processInfo.environment["BRIEF_DOCBOOK_RNG"] ?? "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng"
    }

    /// The problems of `text`, located in it (empty when it passes).
    public func problems(in text: String) throws(RenderFailure) -> [XMLIssue] {
        switch self {
        case .xml, .xhtml:
            return XMLCheck.wellFormedness(of: text)
        case .docbook:
            return try DocBookSchema.problems(in: text)
        }
    }
}

extension OutputValidator {
    /// Starts loading, on another core, what the first brief would
    /// otherwise wait for while its thread loads it: the DocBook schema a
    /// check starts with (about 15 ms of CPU) and the program's identity for
    /// render keys (a hash of the executable). For a run about to read its
    /// templates and render; sets up libxml2 on the calling thread first.
    /// The run must `wait()` for it before it ends, whatever the way it
    /// ends: libxml2 is torn down when the process exits, and must not be
    /// while in use.
    ///
    /// The official schema is loaded here only when the fast path does not
    /// compile; otherwise only when the fast path refuses an output
    /// (`DocBookSchema.problems(in:)`), which the built-in templates never
    /// make it do.
    public static func prepareInBackground() -> BackgroundPreparation {
        XMLCheck.initializeLibrary()
        let preparation = BackgroundPreparation()
        DispatchQueue.global(qos: .userInitiated).async(group: preparation.group) {
            if DocBookSchema.fastPath == nil { _ = try? DocBookSchema.shared() }
            _ = ParseCache.programIdentity
        }
        return preparation
    }
}

/// Work a run started on another core (`OutputValidator.prepareInBackground()`).
public final class BackgroundPreparation: Sendable {
    fileprivate let group = DispatchGroup()

    /// Returns once the work is done.
    public func wait() {
        group.wait()
    }
}

/// The DocBook schema, parsed once per process (it takes tens of milliseconds).
enum DocBookSchema {
    private static let loaded: Result<RelaxNGSchema, RenderFailure> = {
        do throws(RelaxNGSchema.LoadError) {
            return .success(try RelaxNGSchema(path: OutputValidator.docbookSchemaPath))
        } catch {
            return .failure(RenderFailure(location: nil, message:
                "cannot load the DocBook 5 RELAX NG schema at \(OutputValidator.docbookSchemaPath) (Debian package docbook5-xml): \(error.issues.first?.message ?? "not found")"))
        }
    }()

    static func shared() throws(RenderFailure) -> RelaxNGSchema {
        switch loaded {
        case let .success(schema): return schema
        case let .failure(failure): throw failure
        }
    }

    /// `DocBookFastPath`'s grammar over the same schema file; nil when it
    /// does not compile there (another DocBook schema than 5.0's, given by
    /// `BRIEF_DOCBOOK_RNG`), and then every check is the official one.
    static let fastPath: RelaxNGSchema? = try? RelaxNGSchema(grammar: DocBookFastPath.grammar,
                                                              including: OutputValidator.docbookSchemaPath)

    /// The problems of `text` against the DocBook schema (empty when it is
    /// valid). A document the fast path accepts is valid DocBook; any other
    /// is checked against the official schema, whose verdict and messages
    /// are the answer. The official schema is compiled the first time it is
    /// needed: a run whose outputs all pass the fast path never compiles it
    /// (the fast path's grammar includes the same file, so a missing or
    /// broken schema file leaves the fast path nil and is reported here).
    static func problems(in text: String) throws(RenderFailure) -> [XMLIssue] {
        if let fastPath, fastPath.validate(text).isEmpty { return [] }
        return try shared().validate(text)
    }
}

/// A template or a rendered output that cannot be used: nothing is written.
public struct RenderFailure: Error, Sendable, CustomStringConvertible {
    /// Where the problem is: a template file, or the output that would have been written.
    public var location: SourceLocation?
    public var message: String

    public init(location: SourceLocation?, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String {
        (location.map { "\($0): " } ?? "") + "error: " + message
    }
}
