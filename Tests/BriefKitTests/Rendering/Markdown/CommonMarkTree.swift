import Foundation
import Testing
@testable import BriefKit

/// Markdown parsed by cmark-gfm (`-t xml`), as a tree of CommonMark nodes.
enum CommonMark {
    /// The GFM extensions GitHub turns on, so that nothing the escaping
    /// missed (a table cell break, an autolink, a strikethrough) goes unseen.
    static let extensions = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"]

    static func parse(_ markdown: String) throws -> XMLTree {
        try withTemporaryFolder { folder in
            let file = try markdown.write(into: folder, named: "brief.md")
            let result = try ExternalTool.run("cmark-gfm", extensions + ["-t", "xml", file], in: folder)
            try #require(result.status == 0, "cmark-gfm exit \(result.status): \(result.errors)")
            // cmark-gfm's XML names a DTD it does not ship: drop the doctype line.
            let xml = result.output.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("<!DOCTYPE") }.joined(separator: "\n")
            return try XMLTree.parse(xml)
        }
    }

    /// The text of inline nodes as a reader sees it: a hard or soft line
    /// break, and the `<br>` the escaping writes for a line break, as "\n".
    static func text(_ node: XMLTree) -> String {
        switch node.name {
        case "text", "code": return node.text
        case "softbreak", "linebreak": return "\n"
        case "html_inline":
            let html = node.text.replacingOccurrences(of: " ", with: "")
            return ["<br>", "<br/>"].contains(html) ? "\n" : html
        default: return node.elements.map(text).joined()
        }
    }

    /// Nodes that no template writes: any of them in a brief came from data.
    static let foreign: Set<String> = ["code", "code_block", "html_block", "thematic_break", "link", "image", "strikethrough",
                                       "footnote_reference", "footnote_definition", "tasklist"]

    /// The nodes of `document` that came from data. An e-mail address is the
    /// exception: GFM's autolink extension links it after escapes are
    /// resolved, so no escape prevents it; its text stays as it was.
    static func foreignNodes(in document: XMLTree) -> [String] {
        document.allElements.filter { node in
            guard foreign.contains(node.name) else { return false }
            return !(node.name == "link" && node.attribute("destination") == "mailto:" + text(node))
        }.map { node in node.name == "link" ? "link to \(node.attribute("destination") ?? "")" : node.name }
    }

    /// Every raw HTML snippet other than the `<br>` line break.
    static func unexpectedHTML(in document: XMLTree) -> [String] {
        document.allElements.filter { $0.name == "html_inline" }.map(\.text).filter {
            !["<br>", "<br/>"].contains($0.replacingOccurrences(of: " ", with: ""))
        }
    }
}
