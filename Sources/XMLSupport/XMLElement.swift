@preconcurrency import CLibXML2

/// An XML element built as a tree (never as concatenated strings) and
/// serialised by libxml2, which escapes every text and attribute value.
public struct XMLElement: Sendable, Hashable {
    public enum Child: Sendable, Hashable {
        case element(XMLElement)
        case text(String)
    }

    public var name: String
    /// The default namespace declared on this element, if any.
    public var namespace: String?
    /// In the order given: serialisation is deterministic.
    public var attributes: [(String, String)]
    public var children: [Child]

    public init(_ name: String, namespace: String? = nil, attributes: [(String, String)] = [], children: [Child] = []) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
    }

    public init(_ name: String, attributes: [(String, String)] = [], text: String) {
        self.init(name, attributes: attributes, children: [.text(text)])
    }

    public static func == (a: XMLElement, b: XMLElement) -> Bool {
        a.name == b.name && a.namespace == b.namespace && a.children == b.children
            && a.attributes.map { $0.0 } == b.attributes.map { $0.0 } && a.attributes.map { $0.1 } == b.attributes.map { $0.1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(namespace)
        for (key, value) in attributes {
            hasher.combine(key)
            hasher.combine(value)
        }
        hasher.combine(children)
    }

    /// The element as XML text. With `declaration`, a standalone document
    /// (`<?xml …?>` first); without, a fragment to embed in another document.
    public func serialized(declaration: Bool, html: Bool = false) -> String {
        let document = xmlNewDoc("1.0")!
        defer { xmlFreeDoc(document) }
        let root = build(in: document, html: html)
        xmlDocSetRootElement(document, root)
        if declaration {
            var memory: UnsafeMutablePointer<xmlChar>?
            var size: Int32 = 0
            xmlDocDumpFormatMemoryEnc(document, &memory, &size, "UTF-8", 1)
            defer { if let memory { xmlFree(memory) } }
            guard let memory else { return "" }
            return String(decoding: UnsafeBufferPointer(start: memory, count: Int(size)), as: UTF8.self)
        }
        let buffer = xmlBufferCreate()!
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document, root, 0, 1)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }

    /// HTML's void elements: the only ones an HTML parser accepts as `<x/>`.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    private func build(in document: xmlDocPtr, html: Bool) -> xmlNodePtr {
        let node = xmlNewDocNode(document, nil, name, nil)!
        if let namespace {
            let ns = xmlNewNs(node, namespace, nil)
            xmlSetNs(node, ns)
        }
        for (key, value) in attributes {
            xmlNewProp(node, key, XMLText.clean(value))
        }
        for child in children {
            switch child {
            case let .element(element):
                xmlAddChild(node, element.build(in: document, html: html && element.namespace == nil))
            case let .text(text):
                xmlAddChild(node, xmlNewDocText(document, XMLText.clean(text)))
            }
        }
        // An empty element other than a void one is written `<x></x>`, as HTML needs.
        if html, children.isEmpty, !Self.voidElements.contains(name) {
            xmlAddChild(node, xmlNewDocText(document, ""))
        }
        return node
    }
}

/// Text made safe for XML 1.0.
public enum XMLText {
    /// Characters XML 1.0 cannot carry at all (C0 controls other than tab,
    /// line feed and carriage return; U+FFFE, U+FFFF) become their visible
    /// Unicode "control picture" (U+2400…), so nothing is lost silently.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsPicture) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsPicture(scalar) {
                scalars.append(picture(for: scalar))
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    static func needsPicture(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    static func picture(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x20 { return Unicode.Scalar(0x2400 + scalar.value)! }
        return "\u{FFFD}"
    }
}
