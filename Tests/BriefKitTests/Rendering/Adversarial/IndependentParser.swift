import Foundation
import Testing

/// Reads rendered output with parsers that are not ours: `cmark-gfm` (the
/// reference CommonMark/GFM parser, Debian `cmark-gfm`) for Markdown, and
/// Python's expat-based `xml.etree` for HTML and DocBook. What a reader of
/// the file would see comes back as text, and its structure as a skeleton.
///
/// Both come from `scripts/install-deps.sh --test`; without them the tests
/// that use this fail with a message, they are never skipped.
enum IndependentParser {
    /// One parsed document.
    struct Document: Decodable {
        /// Every text node in document order. Line breaks (`<br>` in Markdown,
        /// `br` elements, soft and hard breaks) are "\n"; in Markdown each
        /// block starts with U+001E, so that text never runs across blocks.
        var text: String
        /// One line per node other than text and line breaks: its depth, name
        /// and attributes, in document order.
        var skeleton: [String]
        /// The same nodes, with their text content.
        var nodes: [Node]
    }

    struct Node: Decodable {
        /// cmark-gfm's node name (`paragraph`, `html_inline`), or the element's
        /// `{namespace}name`.
        var name: String
        var attributes: [String: String]
        /// The text inside it (Markdown only).
        var text: String

        var localName: String { String(name.split(separator: "}").last ?? "") }
    }

    private struct Answer: Decodable {
        var document: Document?
        var error: String?
    }

    static let script = #"""
        import json, subprocess, sys, xml.etree.ElementTree as ET

        def local(tag): return tag.rsplit('}', 1)[-1]
        LITERALS = {'text', 'code', 'html_inline', 'html_block', 'code_block'}
        BLOCKS = {'paragraph', 'heading', 'item', 'list', 'block_quote', 'table', 'table_header', 'table_row',
                  'table_cell', 'code_block', 'html_block', 'thematic_break'}

        def markdown(source, extensions):
            args = ['cmark-gfm']
            for extension in extensions: args += ['-e', extension]
            run = subprocess.run(args + ['-t', 'xml'], input=source.encode('utf-8'), capture_output=True)
            if run.returncode != 0: return {'error': 'cmark-gfm failed: ' + run.stderr.decode('utf-8', 'replace')}
            root = ET.fromstring(run.stdout)
            text, skeleton, nodes = [], [], []
            def walk(node, depth):
                name = local(node.tag)
                if name == 'text': text.append(node.text or ''); return
                if name == 'html_inline' and node.text == '<br>': text.append('\n'); return
                if name in ('softbreak', 'linebreak'): text.append('\n'); return
                if name in BLOCKS: text.append('\x1e')
                attributes = {k: v for k, v in node.attrib.items() if not k.startswith('{')}
                skeleton.append('  ' * depth + name + ''.join(f' {k}="{attributes[k]}"' for k in sorted(attributes)))
                literal = ''.join(d.text or '' for d in node.iter() if local(d.tag) in LITERALS)
                nodes.append({'name': name, 'attributes': attributes, 'text': literal})
                for child in node: walk(child, depth + 1)
            walk(root, 0)
            return {'document': {'text': ''.join(text), 'skeleton': skeleton, 'nodes': nodes}}

        def xml(source):
            try: root = ET.fromstring(source.encode('utf-8'))
            except ET.ParseError as error: return {'error': 'not well-formed: ' + str(error)}
            text, skeleton, nodes = [], [], []
            def walk(node, depth):
                if local(node.tag) == 'br': text.append('\n')
                else:
                    attributes = dict(node.attrib)
                    skeleton.append('  ' * depth + node.tag + ''.join(f' {k}="{attributes[k]}"' for k in sorted(attributes)))
                    nodes.append({'name': node.tag, 'attributes': attributes, 'text': ''})
                if node.text: text.append(node.text)
                for child in node:
                    walk(child, depth + 1)
                    if child.tail: text.append(child.tail)
            walk(root, 0)
            return {'document': {'text': ''.join(text), 'skeleton': skeleton, 'nodes': nodes}}

        request = json.load(sys.stdin)
        if request['mode'] == 'markdown':
            answers = [markdown(d, request['extensions']) for d in request['documents']]
        else:
            answers = [xml(d) for d in request['documents']]
        json.dump(answers, sys.stdout, ensure_ascii=True)
        """#

    /// Markdown documents as cmark-gfm reads them with `extensions` ("table", "strikethrough", "autolink").
    static func markdown(_ documents: [String], extensions: [String]) throws -> [Document] {
        try #require(find("cmark-gfm") != nil, "cmark-gfm is not on PATH: run scripts/install-deps.sh --test")
        return try run(["mode": "markdown", "extensions": extensions, "documents": documents])
    }

    /// XML documents (XHTML, DocBook, SVG) as expat reads them.
    static func xml(_ documents: [String]) throws -> [Document] {
        try run(["mode": "xml", "documents": documents])
    }

    private static func run(_ request: [String: Any]) throws -> [Document] {
        let python = try #require(find("python3"), "python3 is not on PATH: run scripts/install-deps.sh --test")
        let input = try JSONSerialization.data(withJSONObject: request)
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Feed and drain the pipes at once, so that neither side can block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errors = Data()
        group.enter()
        DispatchQueue.global().async {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async { errors = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the parser script failed: \(String(decoding: errors, as: UTF8.self))")
        let answers = try JSONDecoder().decode([Answer].self, from: output)
        return try answers.map { answer in
            try #require(answer.error == nil, "\(answer.error ?? "")")
            return try #require(answer.document)
        }
    }

    /// The program `name` on PATH, if any.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
