import XMLSupport

/// The archive's own pages: each brief's index (newest first) and Atom feed,
/// and the index of all briefs. Built as XML trees and serialised by libxml2;
/// dates come from the briefs, never from the clock.
struct ArchivePages {
    let manifest: ArchiveManifest

    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let atom = "http://www.w3.org/2005/Atom"

    /// The formats a date may hold, in the order links are shown.
    static let formats: [(file: String, label: String)] = [
        ("brief.html", "HTML"), ("brief.md", "Markdown"), ("brief.xml", "DocBook"), ("brief.json", "JSON"), ("trend.svg", "chart"),
        ("changes.html", "changes"), ("changes.md", "changes (Markdown)"), ("changes.xml", "changes (DocBook)"), ("changes.json", "changes (JSON)"),
    ]

    func page(title: String, body: [XMLElement.Child]) -> String {
        let head = XMLElement("head", children: [
            .element(XMLElement("meta", attributes: [("charset", "utf-8")])),
            .element(XMLElement("meta", attributes: [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])),
            .element(XMLElement("title", text: title)),
            .element(XMLElement("style", text: """
                body { font: 16px/1.5 Georgia, serif; max-width: 50rem; margin: 0 auto; padding: 1.5rem; color: #1a1a1a; }
                h1 { font-family: Arial, sans-serif; font-size: 1.5rem; }
                table { border-collapse: collapse; width: 100%; }
                th, td { border: 1px solid #d0d4d9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
                th { background: #f5f6f7; }
                .bluf { color: #444; font-size: .9rem; }
                """)),
        ])
        let html = XMLElement("html", namespace: Self.xhtml, attributes: [("lang", "en")],
                             children: [.element(head), .element(XMLElement("body", children: [.element(XMLElement("main", children: body))]))])
        return "<!DOCTYPE html>\n" + html.serialized(declaration: false, html: true) + "\n"
    }

    /// Every brief, its latest date, and links.
    func index() -> String {
        var rows: [XMLElement.Child] = [.element(XMLElement("tr", children: ["Brief", "Latest", "Dates", "Feed"].map {
            .element(XMLElement("th", attributes: [("scope", "col")], text: $0))
        }))]
        for (id, brief) in manifest.briefs.sorted(by: { $0.key < $1.key }) {
            let latest = brief.dates.keys.max() ?? ""
            rows.append(.element(XMLElement("tr", children: [
                .element(XMLElement("td", children: [.element(XMLElement("a", attributes: [("href", "\(id)/index.html")], text: brief.title))])),
                .element(XMLElement("td", children: [.element(XMLElement("a", attributes: [("href", "\(id)/\(latest)/brief.html")], text: Self.display(latest)))])),
                .element(XMLElement("td", text: String(brief.dates.count))),
                .element(XMLElement("td", children: [.element(XMLElement("a", attributes: [("href", "\(id)/feed.atom")], text: "Atom"))])),
            ])))
        }
        return page(title: "Briefs", body: [
            .element(XMLElement("h1", text: "Briefs")),
            .element(XMLElement("table", children: [.element(XMLElement("tbody", children: rows))])),
        ])
    }

    /// One brief's dates, newest first, with a link to each stored file.
    func briefIndex(_ id: String) -> String {
        guard let brief = manifest.briefs[id] else { return page(title: id, body: []) }
        var items: [XMLElement.Child] = []
        for date in brief.dates.keys.sorted(by: >) {
            let entry = brief.dates[date]!
            var links: [XMLElement.Child] = []
            for format in Self.formats where entry.files.contains(format.file) {
                if !links.isEmpty { links.append(.text(" · ")) }
                links.append(.element(XMLElement("a", attributes: [("href", "\(date)/\(format.file)")], text: format.label)))
            }
            items.append(.element(XMLElement("li", children: [
                .element(XMLElement("strong", text: Self.display(date))), .text(": ")] + links + [
                .element(XMLElement("br")), .element(XMLElement("span", attributes: [("class", "bluf")], text: entry.bluf)),
            ])))
        }
        return page(title: brief.title, body: [
            .element(XMLElement("h1", text: brief.title)),
            .element(XMLElement("p", children: [.element(XMLElement("a", attributes: [("href", "feed.atom")], text: "Atom feed")),
                                                .text(" · "), .element(XMLElement("a", attributes: [("href", "../index.html")], text: "all briefs"))])),
            .element(XMLElement("ol", attributes: [("reversed", "reversed")], children: items)),
        ])
    }

    /// Atom 1.0: one entry per date, ids stable across runs, `updated` from
    /// the brief's date.
    func feed(_ id: String) -> String {
        guard let brief = manifest.briefs[id] else { return "" }
        let dates = brief.dates.keys.sorted(by: >)
        var children: [XMLElement.Child] = [
            .element(XMLElement("id", text: Self.tag(id, nil))),
            .element(XMLElement("title", text: brief.title)),
            .element(XMLElement("updated", text: Self.timestamp(dates.first ?? "1970-01-01"))),
            .element(XMLElement("author", children: [.element(XMLElement("name", text: "brief"))])),
            .element(XMLElement("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", "index.html")])),
        ]
        for date in dates {
            let entry = brief.dates[date]!
            children.append(.element(XMLElement("entry", children: [
                .element(XMLElement("id", text: Self.tag(id, date))),
                .element(XMLElement("title", text: "\(brief.title), \(Self.display(date))")),
                .element(XMLElement("updated", text: Self.timestamp(date))),
                .element(XMLElement("link", attributes: [("rel", "alternate"), ("type", Self.mediaType(of: Self.mainFile(entry))),
                                                         ("href", "\(date)/\(Self.mainFile(entry))")])),
                .element(XMLElement("summary", attributes: [("type", "text")], text: entry.bluf)),
            ])))
        }
        return XMLElement("feed", namespace: Self.atom, attributes: [("xml:base", "./")], children: children).serialized(declaration: true)
    }

    /// A tag URI (RFC 4151) under the reserved `.invalid` domain: stable, and unique per brief and date.
    static func tag(_ id: String, _ date: String?) -> String {
        "tag:brief.invalid,2025:\(id)" + (date.map { "/\($0)" } ?? "")
    }

    static func timestamp(_ date: String) -> String { date + "T00:00:00Z" }

    /// The file a date's entry links to: the first stored of HTML, Markdown, DocBook, JSON.
    static func mainFile(_ entry: ArchiveManifest.DateEntry) -> String {
        formats.first { entry.files.contains($0.file) }?.file ?? entry.files.first ?? "brief.html"
    }

    static func mediaType(of file: String) -> String {
        if file.hasSuffix(".html") { return "text/html" }
        if file.hasSuffix(".md") { return "text/markdown" }
        if file.hasSuffix(".json") { return "application/json" }
        if file.hasSuffix(".svg") { return "image/svg+xml" }
        return "application/xml"
    }

    static func display(_ iso: String) -> String {
        Day(iso: iso)?.display ?? iso
    }
}
