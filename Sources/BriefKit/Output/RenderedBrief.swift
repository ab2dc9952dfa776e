import XMLSupport

/// A brief's JSON tree and the snapshot (`brief.json`) written from it, made
/// once per brief: `daily` keys the brief's files by the snapshot, then the
/// layouts read the same tree.
public struct BriefSnapshot: Sendable {
    let tree: JSONValue
    /// The text of `brief.json`.
    public let text: String

    public init(_ brief: Brief) throws(RenderFailure) {
        tree = try JSONRenderer.tree(of: brief)
        text = JSONText.pretty(tree)
    }
}

/// Every file of one brief on one date, rendered and checked, not yet written.
/// Briefs can be rendered on several threads at once.
public struct RenderedBrief: Sendable {
    public var brief: Brief
    /// File name (`brief.md`, `trend.svg`) to contents.
    public var files: [String: String]

    /// Renders `brief` in each of `formats`, plus the standalone trend chart.
    /// Throws the first failure: then nothing of this brief is written.
    /// `snapshot`, when the caller has made it already, gives the JSON
    /// snapshot and the tree the layouts read: neither is made a second time.
    public static func render(_ brief: Brief, formats: [any Renderer], snapshot: BriefSnapshot? = nil) throws(RenderFailure) -> RenderedBrief {
        var files: [String: String] = [:]
        // Built once, on first use, for every format that reads it.
        var tree: JSONValue? = snapshot?.tree
        for renderer in formats {
            let text: String
            if let json = snapshot?.text, renderer is JSONRenderer {
                text = json
            } else if let renderer = renderer as? any TreeRenderer {
                let shared: JSONValue
                if let tree { shared = tree } else { shared = try JSONRenderer.tree(of: brief) }
                tree = shared
                text = try renderer.render(brief, tree: shared)
            } else {
                text = try renderer.render(brief)
            }
            files["brief.\(renderer.format.fileExtension)"] = text
        }
        files["trend.svg"] = TrendChart(trend: brief.trend, title: brief.title).svg.serialized(declaration: true)
        return RenderedBrief(brief: brief, files: files)
    }

    /// Call once, on one thread, before rendering briefs on several: sets up
    /// libxml2 (charts, checks), whose lazy set-up is not thread-safe.
    public static func prepareForConcurrentRendering() {
        XMLCheck.initializeLibrary()
    }
}
