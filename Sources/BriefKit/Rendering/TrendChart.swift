import XMLSupport

/// The cooperation–conflict trend as an SVG bar chart: one bar per period,
/// above the line for cooperation, below for conflict, with a text
/// alternative. Built as an XML tree; every number printed without locale.
struct TrendChart {
    let trend: Trend
    let title: String

    static let width = 640, height = 220
    static let left = 48, right = 12, top = 16, bottom = 40

    var summary: String {
        guard !trend.points.isEmpty else { return "No bilateral event with a weighted type to chart." }
        let first = trend.points.first!.label, last = trend.points.last!.label
        let active = trend.points.filter { $0.events > 0 }
        let best = active.max { ($0.score, $1.period) < ($1.score, $0.period) }
        let worst = active.min { ($0.score, $1.period) < ($1.score, $0.period) }
        var text = "Cooperation–conflict score of bilateral events by \(trend.granularity.rawValue), \(first) to \(last): "
        text += "\(active.count) \(trend.granularity.rawValue)\(active.count == 1 ? "" : "s") with events"
        if let best { text += "; highest \(BottomLine.signed(best.score)) in \(best.label)" }
        if let worst, worst != best { text += "; lowest \(BottomLine.signed(worst.score)) in \(worst.label)" }
        text += "; direction: \(trend.direction.rawValue)."
        if trend.unplaced > 0 { text += " \(trend.unplaced) event\(trend.unplaced == 1 ? " is" : "s are") dated too vaguely to place." }
        return text
    }

    var svg: XMLElement {
        let w = Self.width, h = Self.height
        var children: [XMLElement.Child] = [
            .element(XMLElement("title", text: "Trend: \(title)")),
            .element(XMLElement("desc", text: summary)),
        ]
        let plotWidth = w - Self.left - Self.right
        let plotHeight = h - Self.top - Self.bottom
        let maximum = max(1, trend.points.map { abs($0.score) }.max() ?? 1)
        let zero = Self.top + plotHeight / 2
        let scale = Double(plotHeight / 2) / maximum
        // Axis and labels of the scale.
        children.append(.element(XMLElement("line", attributes: [("x1", "\(Self.left)"), ("y1", "\(zero)"), ("x2", "\(w - Self.right)"),
                                                                 ("y2", "\(zero)"), ("stroke", "#555"), ("stroke-width", "1")])))
        for (value, y) in [(maximum, Self.top), (0, zero), (-maximum, Self.top + plotHeight)] {
            children.append(.element(XMLElement("text", attributes: [("x", "\(Self.left - 6)"), ("y", "\(y + 4)"), ("text-anchor", "end"),
                                                                     ("font-size", "11"), ("fill", "#333")],
                                                text: BottomLine.signed(TrendAnalysis.rounded(value)))))
        }
        let count = max(1, trend.points.count)
        let slot = Double(plotWidth) / Double(count)
        let labelEvery = max(1, Int((Double(count) / 8).rounded(.up)))
        for (index, point) in trend.points.enumerated() {
            let x = Double(Self.left) + slot * Double(index)
            let barHeight = abs(point.score) * scale
            let y = point.score >= 0 ? Double(zero) - barHeight : Double(zero)
            if point.events > 0 {
                children.append(.element(XMLElement("rect", attributes: [
                    ("x", Self.number(x + slot * 0.1)), ("y", Self.number(y)), ("width", Self.number(max(1, slot * 0.8))),
                    ("height", Self.number(max(1, barHeight))), ("fill", point.score >= 0 ? "#2b6cb0" : "#c53030"),
                ], children: [.element(XMLElement("title", text: "\(point.label): \(BottomLine.signed(point.score)) (\(point.events) event\(point.events == 1 ? "" : "s"))"))])))
            }
            if index % labelEvery == 0 || index == count - 1 {
                children.append(.element(XMLElement("text", attributes: [
                    ("x", Self.number(x + slot / 2)), ("y", "\(h - Self.bottom + 16)"), ("text-anchor", "middle"),
                    ("font-size", "11"), ("fill", "#333"),
                ], text: point.period)))
            }
        }
        if trend.points.isEmpty {
            children.append(.element(XMLElement("text", attributes: [("x", "\(w / 2)"), ("y", "\(zero - 8)"), ("text-anchor", "middle"),
                                                                     ("font-size", "13"), ("fill", "#333")], text: summary)))
        }
        return XMLElement("svg", namespace: "http://www.w3.org/2000/svg", attributes: [
            ("viewBox", "0 0 \(w) \(h)"), ("width", "\(w)"), ("height", "\(h)"), ("role", "img"),
        ], children: children)
    }

    /// One decimal, no locale: "12.5".
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
