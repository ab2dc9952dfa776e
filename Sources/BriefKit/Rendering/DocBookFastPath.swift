/// A narrower grammar than DocBook 5.0 that libxml2 checks several times
/// faster, tried before the official schema (docs/decisions.md, "The DocBook
/// check's fast path").
///
/// libxml2 spends most of a DocBook check in the schema's wide patterns: every
/// element may carry some thirty optional attributes and hold any of some
/// two hundred inline elements, and libxml2 tries them one after the other.
/// The elements a brief has by the thousand (table cells and rows,
/// paragraphs, list items, links, emphasis and the bibliography's entries)
/// are given here the shapes the built-in templates write, and nothing else.
///
/// Why it can never let an invalid document through: the grammar includes
/// the official schema and only replaces some of its definitions, and each
/// replacement accepts a part of what the definition it replaces accepts:
///
/// - the same element name (in the DocBook namespace);
/// - a subset of the original's attributes, each through the schema's own
///   attribute definition (`db.xml.id.attribute`, `db.linkend.attribute`,
///   ...), where the original allows it: optional or required where the
///   original has it optional, one of a choice the original offers;
/// - content that the original's content also accepts: `text` where the
///   original allows any mix of text and inline elements (`db._text`,
///   `db.all.inlines`, `db.date.contentmodel` all include text), a choice
///   of text and elements that the original's inline or block choice
///   includes (`db.link` is in `db.all.inlines` and in `db._text`,
///   `db.emphasis` in `db.all.inlines`, `db.para` in `db.all.blocks`), and
///   for a bibliography entry one order of elements the original takes in
///   any order (`db.bibliographic.elements`).
///
/// The containers a brief fills by the thousand (sections, lists, the
/// commitments tables and the bibliography) are replaced too, for another
/// reason: libxml2 turns an element's content into an automaton only when the
/// content holds no interleave, no optional attribute and no data type, and
/// only for elements reached from the grammar's `start` through such elements
/// (`db.section` and `db.bibliography` may be a document's root, so they are).
/// Without an automaton a repetition keeps every position it has reached and
/// compares each new one with all of them: a list of n items costs n² / 2
/// comparisons. The replacements therefore take their attributes as required
/// (`db.xml.id.attribute` on a section, `db.frame.attribute` on a table), where
/// the original has them optional: the templates always write them.
///
/// Every RELAX NG pattern accepts more when a definition it refers to accepts
/// more (no pattern negates another), so a document this grammar accepts is
/// valid DocBook. One it refuses may still be valid DocBook (a template of
/// one's own that writes other elements): it is then checked against the
/// official schema, which has the last word and gives the messages.
/// `DocBookFastPathTests` holds this to the official schema on thousands of
/// damaged briefs.
enum DocBookFastPath {
    /// The `include` is pointed at the installed schema when it is loaded
    /// (`RelaxNGSchema(grammar:including:)`).
    static let grammar = #"""
<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://docbook.org/ns/docbook"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <include href="docbook.rng">
    <!-- Original: db.para.attlist (all optional, db.dir.attribute among them
         through db.common.attributes), db.para.info (optional),
         (db.all.inlines | db.nopara.blocks)*. -->
    <define name="db.para">
      <element name="para">
        <optional><ref name="db.dir.attribute"/></optional>
        <zeroOrMore><choice><text/><ref name="db.link"/><ref name="db.emphasis"/></choice></zeroOrMore>
      </element>
    </define>
    <!-- Original: db.listitem.attlist (all optional), db.all.blocks+. -->
    <define name="db.listitem">
      <element name="listitem">
        <oneOrMore><ref name="db.para"/></oneOrMore>
      </element>
    </define>
    <!-- Original: db.emphasis.attlist (db.emphasis.role.attribute? and others,
         all optional), db.all.inlines*. -->
    <define name="db.emphasis">
      <element name="emphasis">
        <optional><ref name="db.emphasis.role.attribute"/></optional>
        <text/>
      </element>
    </define>
    <!-- Original: db.link.attlist (db.common.req.linking.attributes: linkend, or
         xlink:href with optional others; the rest optional), db.all.inlines*. -->
    <define name="db.link">
      <element name="link">
        <choice><ref name="db.linkend.attribute"/><ref name="db.xlink.href.attribute"/></choice>
        <text/>
      </element>
    </define>
    <!-- Original: db.entry.attlist (all optional), db.all.inlines* or db.all.blocks*. -->
    <define name="db.entry">
      <element name="entry">
        <zeroOrMore><choice><text/><ref name="db.link"/></choice></zeroOrMore>
      </element>
    </define>
    <!-- Original: db.row.attlist (xml:id and others, all optional), (db.entry | db.entrytbl)+. -->
    <define name="db.row">
      <element name="row">
        <optional><ref name="db.xml.id.attribute"/></optional>
        <oneOrMore><ref name="db.entry"/></oneOrMore>
      </element>
    </define>
    <!-- Original: db.biblioentry.attlist (xml:id and others, all optional),
         db.bibliographic.elements+ (abbrev, citetitle, publisher, pubdate and
         bibliomisc among them, in any order). -->
    <define name="db.biblioentry">
      <element name="biblioentry">
        <ref name="db.xml.id.attribute"/>
        <ref name="db.abbrev"/>
        <ref name="db.citetitle"/>
        <optional><ref name="db.publisher"/></optional>
        <ref name="db.pubdate"/>
        <zeroOrMore><ref name="db.bibliomisc"/></zeroOrMore>
      </element>
    </define>
    <!-- Original: db.section.attlist (xml:id and others, all optional),
         db.section.info (db._info.title.req: a title, or an info holding one),
         db.recursive.blocks.or.sections ((db.all.blocks+, db.recursive.sections?)
         | db.recursive.sections, where db.recursive.sections takes db.section+),
         db.navigation.components*. db.para, db.itemizedlist, db.informaltable,
         db.blockquote and db.figure are in db.all.blocks. -->
    <define name="db.section">
      <element name="section">
        <ref name="db.xml.id.attribute"/>
        <ref name="db.title"/>
        <choice>
          <group>
            <oneOrMore>
              <choice>
                <ref name="db.para"/>
                <ref name="db.itemizedlist"/>
                <ref name="db.informaltable"/>
                <ref name="db.blockquote"/>
                <ref name="db.figure"/>
              </choice>
            </oneOrMore>
            <zeroOrMore><ref name="db.section"/></zeroOrMore>
          </group>
          <oneOrMore><ref name="db.section"/></oneOrMore>
        </choice>
      </element>
    </define>
    <!-- Original: db.itemizedlist.attlist (all optional), db.itemizedlist.info
         (db._info.title.only: every part optional), db.all.blocks*, db.listitem+. -->
    <define name="db.itemizedlist">
      <element name="itemizedlist">
        <oneOrMore><ref name="db.listitem"/></oneOrMore>
      </element>
    </define>
    <!-- Original: db.informaltable.choice (notAllowed, db.cals.informaltable or
         db.html.informaltable); both tables are named informaltable, and an
         automaton cannot choose between them. -->
    <define name="db.informaltable">
      <ref name="db.cals.informaltable"/>
    </define>
    <!-- Original: db.cals.informaltable.attlist (db.frame.attribute and others,
         all optional), db.cals.informaltable.info (optional), an interleave of
         optional elements, (db.mediaobject+ | db.tgroup+), db.caption?. -->
    <define name="db.cals.informaltable">
      <element name="informaltable">
        <ref name="db.frame.attribute"/>
        <ref name="db.tgroup"/>
      </element>
    </define>
    <!-- Original: db.tgroup.attlist (db.tgroup.cols.attribute required, the rest
         optional), db.colspec*, db.spanspec*, db.cals.thead?, db.cals.tfoot?,
         db.cals.tbody. -->
    <define name="db.tgroup">
      <element name="tgroup">
        <ref name="db.tgroup.cols.attribute"/>
        <zeroOrMore><ref name="db.colspec"/></zeroOrMore>
        <optional><ref name="db.cals.thead"/></optional>
        <ref name="db.cals.tbody"/>
      </element>
    </define>
    <!-- Original: db.cals.thead.attlist (all optional), db.colspec*, db.row+. -->
    <define name="db.cals.thead">
      <element name="thead">
        <oneOrMore><ref name="db.row"/></oneOrMore>
      </element>
    </define>
    <!-- Original: db.cals.tbody.attlist (all optional), db.row+. -->
    <define name="db.cals.tbody">
      <element name="tbody">
        <oneOrMore><ref name="db.row"/></oneOrMore>
      </element>
    </define>
    <!-- Original: db.bibliography.attlist (xml:id and others, all optional),
         db.bibliography.info (db._info: a title, or an optional info),
         db.all.blocks*, (db.bibliodiv+ | (db.biblioentry | db.bibliomixed)+). -->
    <define name="db.bibliography">
      <element name="bibliography">
        <ref name="db.xml.id.attribute"/>
        <ref name="db.title"/>
        <zeroOrMore><ref name="db.para"/></zeroOrMore>
        <oneOrMore><ref name="db.biblioentry"/></oneOrMore>
      </element>
    </define>
    <!-- Original: db.abbrev.attlist (all optional), (db._text | superscript | subscript | trademark)*. -->
    <define name="db.abbrev">
      <element name="abbrev"><text/></element>
    </define>
    <!-- Original: db.citetitle.attlist (all optional), db.all.inlines*. -->
    <define name="db.citetitle">
      <element name="citetitle"><text/></element>
    </define>
    <!-- Original: db.publisher.attlist (all optional), db.publishername, db.address*. -->
    <define name="db.publisher">
      <element name="publisher"><ref name="db.publishername"/></element>
    </define>
    <!-- Original: db.publishername.attlist (all optional), db._text. -->
    <define name="db.publishername">
      <element name="publishername"><text/></element>
    </define>
    <!-- Original: db.pubdate.attlist (all optional), db.date.contentmodel (dates, or text). -->
    <define name="db.pubdate">
      <element name="pubdate"><text/></element>
    </define>
    <!-- Original: db.bibliomisc.attlist (all optional), db._text (text, db.link among its inlines). -->
    <define name="db.bibliomisc">
      <element name="bibliomisc">
        <zeroOrMore><choice><text/><ref name="db.link"/></choice></zeroOrMore>
      </element>
    </define>
  </include>
</grammar>
"""#
}
