import XMLSupport

/// A brief's snapshot (`brief.json`), made once per brief: `daily` keys the
/// brief's files by it, and when they must be rendered the JSON format
/// writes it as it is. It is written straight from the model
/// (`JSONTextWriter`): a brief whose key is unchanged needs no tree at all.
public struct BriefSnapshot: Sendable {
    /// The text of `brief.json`.
    public let text: String

    public init(_ brief: Brief) throws(RenderFailure) {
        text = try JSONRenderer.text(of: brief)
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
    /// `snapshot`, when the caller has made it already, is the JSON format's
    /// file: it is not written a second time.
    public static func render(_ brief: Brief, formats: [any Renderer], snapshot: BriefSnapshot? = nil) throws(RenderFailure) -> RenderedBrief {
        var files: [String: String] = [:]
        // Built once, on first use, for every format that reads it.
        var tree: FlatTree?
        for renderer in formats {
            let text: String
            if renderer is JSONRenderer {
                if let snapshot { text = snapshot.text } else { text = try JSONRenderer.text(of: brief) }
            } else if let renderer = renderer as? any TreeRenderer {
                let shared: FlatTree
                if let tree { shared = tree } else { shared = try FlatTree.of(brief) }
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
