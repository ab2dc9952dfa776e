import XMLSupport

/// Every file of one brief on one date, rendered and checked, not yet written.
/// Briefs can be rendered on several threads at once.
public struct RenderedBrief: Sendable {
    public var brief: Brief
    /// File name (`brief.md`, `trend.svg`) to contents.
    public var files: [String: String]

    /// Renders `brief` in each of `formats`, plus the standalone trend chart.
    /// Throws the first failure: then nothing of this brief is written.
    /// `json`, when the caller has it already, is the brief's JSON snapshot
    /// (`JSONRenderer`'s output): not encoded a second time.
    public static func render(_ brief: Brief, formats: [any Renderer], json: String? = nil) throws(RenderFailure) -> RenderedBrief {
        var files: [String: String] = [:]
        // Built once, on first use, for every format that reads it.
        var tree: JSONValue?
        for renderer in formats {
            let text: String
            if let json, renderer is JSONRenderer {
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
