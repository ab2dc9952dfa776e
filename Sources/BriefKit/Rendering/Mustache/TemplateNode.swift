/// One piece of a compiled template: what `TemplateParser` makes of the text
/// once, and `TemplateWriter` walks for every brief. Text is kept as the
/// UTF-8 bytes it is written as.
enum TemplateNode: Sendable {
    /// Text written as it is.
    case text([UInt8])
    /// `{{name}}`, `{{{name}}}` or `{{&name}}`: every template is read as
    /// plain text (values come escaped by the format's rule), so the three
    /// write the same bytes.
    case value(ValuePath)
    /// `{{#name}}…{{/name}}`.
    case section(ValuePath, [TemplateNode])
    /// `{{^name}}…{{/name}}`.
    case invertedSection(ValuePath, [TemplateNode])
    /// `{{> name}}`: the index of the template it names in its `TemplateEngine`,
    /// nil when there is none (it then writes nothing, as swift-mustache does).
    /// `indentation` is the whitespace before a partial that stands alone on
    /// its line, added to every line the partial writes; nil otherwise.
    case partial(name: String, index: Int?, indentation: [UInt8]?)
}
