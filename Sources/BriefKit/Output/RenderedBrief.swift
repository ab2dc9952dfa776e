/// Every file of one brief on one date, rendered and checked, not yet written.
public struct RenderedBrief: Sendable {
    public var brief: Brief
    /// File name (`brief.md`, `trend.svg`) to contents.
    public var files: [String: String]

    /// Renders `brief` in each of `formats`, plus the standalone trend chart.
    /// Throws the first failure: then nothing of this brief is written.
    public static func render(_ brief: Brief, formats: [any Renderer]) throws(RenderFailure) -> RenderedBrief {
        var files: [String: String] = [:]
        for renderer in formats {
            files["brief.\(renderer.format.fileExtension)"] = try renderer.render(brief)
        }
        files["trend.svg"] = TrendChart(trend: brief.trend, title: brief.title).svg.serialized(declaration: true)
        return RenderedBrief(brief: brief, files: files)
    }
}
