#!/usr/bin/env python3
"""The Python script an analyst might write by hand instead of `brief`: PyYAML's
C loader (CSafeLoader) reads the dataset and the brief definitions, plain dicts,
lists and sets pick out what concerns each pair of states, and Jinja2 renders
every brief as Markdown, HTML and DocBook 5 (the formats its definition lists),
on one core. It is lenient where `brief` is strict: no validation, partial dates
are sorted as the text typed and printed as written, roles and as-of cut-offs
compare those strings. It exists to be timed against `brief`. Prints
"SECONDS FILES BRIEFS": the median wall time of RUNS whole jobs (load, build,
render, write), the YAML files read, and the briefs written.

Python's cyclic garbage collector is switched off for the job: with the whole
dataset alive (millions of objects, none of them in a cycle) it would scan the
growing heap again and again, about half of the job's time at 100,000 records.
A script's author who profiled it once would do the same; `--with-collector`
times the script as first written.

    python3 Benchmarks/baseline/python_briefs.py BRIEFS_DIR OUT_DIR [--date YYYY-MM-DD] [--runs N] [--with-collector]
"""
import argparse
import datetime
import gc
import os
import re
import statistics
import time
from collections import Counter, defaultdict

import yaml
from jinja2 import DictLoader, Environment, select_autoescape

# Cooperation (+) and conflict (-) weight per event type, roughly on the Goldstein
# scale; a type not listed weighs 0 (meetings, calls, statements, speeches...).
WEIGHTS = {
    "relations-established": 8, "aid": 7, "humanitarian-aid": 7, "agreement-signed": 6.5, "embassy-opened": 6,
    "embassy-reopened": 6, "trade-deal": 5, "energy-deal": 5, "economic-cooperation": 5, "military-cooperation": 5,
    "intelligence-sharing": 4, "sanctions-eased": 4, "state-visit": 4, "praise": 3.5, "mediation": 3, "pledge": 3,
    "offer": 3, "ambassador-appointed": 3, "visit": 2, "invitation": 2, "criticism": -2, "demand": -2,
    "accusation": -3, "demonstration": -3, "protest": -4, "staff-withdrawn": -4, "diplomat-expelled": -5,
    "ambassador-recalled": -5, "threat": -6, "sanction": -6, "embassy-closed": -6, "military-incident": -7,
    "relations-severed": -8, "armed-clash": -9}
MILESTONES = {"relations-established", "relations-severed", "embassy-opened", "embassy-closed",
              "embassy-reopened", "agreement-signed", "state-visit"}
LEVELS = {"head": 0, "minister": 1, "official": 2, "other": 3}
OUTSTANDING = {"open", "in-progress", "partially-fulfilled"}
EXTENSIONS = {"markdown": "md", "html": "html", "docbook": "xml"}

MD = """\
{% macro cites(list) %}{% if list %} [{% for c in list %}{{ c.id }} {{ c.grade }}{{ ", " if not loop.last }}{% endfor %}]{% endif %}{% endmacro %}
{% macro ctx(x) %}{{ " *(context)*" if x.scope == "context" }}{% endmacro %}
{% macro by(q) %}— {{ q.speaker|md }}{% if q.role %}, {{ q.role|md }}{% endif %}, {{ q.date|md }}{{ ctx(q) }}{{ cites(q.cites) }}{% endmacro %}
{% macro ctable(rows) %}
| by | to | what | kind | made | due | status | age (days) | overdue | last update | sources |
|---|---|---|---|---|---|---|---:|---|---|---|
{% for c in rows %}| {{ c.by|md }} | {{ c.to|md }} | {{ c.text|md }} | {{ c.kind }} | {{ c.made|md }} | {{ c.due|md }} | {{ c.status }} | {{ c.age }} | {{ "**overdue**" if c.overdue else "no" }} | {{ c.last|md }} | {{ c.cites|map(attribute="id")|join(", ") }} |
{% endfor %}{% endmacro %}
# {{ title|md }}

**Parties:** {{ parties|map("md")|join(" and ") }}{% if related %} · **Related:** {{ related|map("md")|join(", ") }}{% endif %}  
**As of:** {{ date }}{% if audience %} · **Audience:** {{ audience|md }}{% endif +%}

{% if note %}*{{ note|md }}*{% endif +%}

## Recent developments (last {{ window }} days)

{% for e in recent %}- **{{ e.date|md }}** · {{ e.title|md }}{{ ctx(e) }} · {{ e.type }}{{ cites(e.cites) }}
{% else %}No development recorded in the last {{ window }} days.
{% endfor %}

## Timeline of milestones

{% for e in milestones %}- **{{ e.date|md }}** · {{ e.title|md }}{{ ctx(e) }} · {{ e.type }}{% if e.place %} · {{ e.place|md }}{% endif %}{{ cites(e.cites) }}{% if e.summary %}  
  {{ e.summary|md }}{% endif +%}
{% else %}No milestone recorded.
{% endfor %}

## Cooperation areas

{% for topic, n in topics %}- {{ topic|md }} ({{ n }})
{% else %}No topic recorded.
{% endfor %}

## Third parties in play

{% for name, n in third %}- {{ name|md }}: named in {{ n }} of the items
{% else %}No third party named.
{% endfor %}

## Cooperation–conflict trend

| year | score | events |
|---|---:|---:|
{% for year, score, n in trend %}| {{ year }} | {{ "%+.1f"|format(score) }} | {{ n }} |
{% endfor %}

## Key quotes

{% for q in quotes %}
{% for line in q.lines %}> {{ line|md }}{{ "\\\\" if not loop.last }}
{% endfor %}
>
> {{ by(q) }}

{% else %}No quote recorded.

{% endfor %}
### Reported statements

{% for q in reported %}
> {{ q.lines|map("md")|join(" ") }}
>
> {{ by(q) }}

{% else %}No reported statement.

{% endfor %}
## Outstanding commitments

{{ ctable(outstanding) if outstanding else "None outstanding.\\n" }}
### Status unknown

{{ ctable(unknown) if unknown else "None.\\n" }}
### Closed

{% for c in closed %}- {{ c.by|md }}: {{ c.text|md }} ({{ c.kind }}, {{ c.made|md }}): **{{ c.status }}** {{ c.closed|md }}{{ cites(c.cites) }}
{% else %}None closed.
{% endfor %}

## Retracted

{% for r in retracted %}- {{ r.label|md }} ({{ r.kind }}): retracted {{ r.date|md }}{% if r.note %}: {{ r.note|md }}{% endif %}{{ cites(r.cites) }}
{% else %}Nothing retracted.
{% endfor %}

## Sources

| id | source | published | grade |
|---|---|---|---|
{% for s in sources %}| {{ s.id }} | {{ s.title|md }}{% if s.publisher %}, {{ s.publisher|md }}{% endif %}{% if s.url %} ({{ s.url|md }}){% endif %} | {{ s.published|md }} | {{ s.grade }} |
{% endfor %}

Grades: source reliability A (reliable) to F (cannot be judged), and credibility 1 (confirmed) to 6 (cannot be judged).
"""

HTML = """\
{% macro cites(list) %}{% if list %} <span class="cite">[{% for c in list %}<a href="#source-{{ c.id }}">{{ c.id }}</a> {{ c.grade }}{{ ", " if not loop.last }}{% endfor %}]</span>{% endif %}{% endmacro %}
{% macro ctx(x) %}{% if x.scope == "context" %} <span class="scope">context</span>{% endif %}{% endmacro %}
{% macro by(q) %}<p class="attribution">— {{ q.speaker }}{% if q.role %}, {{ q.role }}{% endif %}, {{ q.date }}{{ ctx(q) }}{{ cites(q.cites) }}</p>{% endmacro %}
{% macro ctable(rows, caption) %}{% if rows %}<table><caption>{{ caption }}</caption><thead><tr><th>by</th><th>to</th><th>what</th><th>kind</th><th>made</th><th>due</th><th>status</th><th>age (days)</th><th>overdue</th><th>last update</th><th>sources</th></tr></thead><tbody>
{% for c in rows %}<tr><td>{{ c.by }}</td><td>{{ c.to }}</td><td>{{ c.text }}</td><td>{{ c.kind }}</td><td>{{ c.made }}</td><td>{{ c.due }}</td><td>{{ c.status }}</td><td class="number">{{ c.age }}</td><td>{% if c.overdue %}<span class="overdue">overdue</span>{% else %}no{% endif %}</td><td>{{ c.last }}</td><td>{{ cites(c.cites) }}</td></tr>
{% endfor %}</tbody></table>{% else %}<p>None.</p>{% endif %}{% endmacro %}
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head><meta charset="utf-8"/><title>{{ title }}, as of {{ date }}</title><style>
body { font: 16px/1.5 Georgia, serif; max-width: 60rem; margin: 0 auto; padding: 1.5rem; } table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .3rem; text-align: left; vertical-align: top; }
td.number { text-align: right; } .meta, .scope, .attribution { color: #666; } .overdue { color: #b42318; font-weight: bold; }
blockquote { border-left: 4px solid #ccc; margin: 1rem 0; padding: .3rem 1rem; }
</style></head><body>
<header><h1>{{ title }}</h1>
<p class="meta">{{ parties|join(" and ") }}{% if related %} · related: {{ related|join(", ") }}{% endif %} · as of <time datetime="{{ date }}">{{ date }}</time>{% if audience %} · for {{ audience }}{% endif %}</p>
{% if note %}<p class="note"><em>{{ note }}</em></p>{% endif %}</header>
<section id="recent"><h2>Recent developments (last {{ window }} days)</h2><ul>
{% for e in recent %}<li><strong>{{ e.date }}</strong> · {{ e.title }}{{ ctx(e) }} · {{ e.type }}{{ cites(e.cites) }}</li>
{% else %}<li>No development recorded in the last {{ window }} days.</li>{% endfor %}</ul></section>
<section id="timeline"><h2>Timeline of milestones</h2><ul>
{% for e in milestones %}<li><strong>{{ e.date }}</strong> · {{ e.title }}{{ ctx(e) }} · {{ e.type }}{% if e.place %} · {{ e.place }}{% endif %}{{ cites(e.cites) }}{% if e.summary %}<br/>{{ e.summary }}{% endif %}</li>
{% else %}<li>No milestone recorded.</li>{% endfor %}</ul></section>
<section id="topics"><h2>Cooperation areas</h2><ul>{% for topic, n in topics %}<li>{{ topic }} ({{ n }})</li>{% else %}<li>None.</li>{% endfor %}</ul></section>
<section id="third-parties"><h2>Third parties in play</h2><ul>{% for name, n in third %}<li>{{ name }}: named in {{ n }} of the items</li>{% else %}<li>None.</li>{% endfor %}</ul></section>
<section id="trend"><h2>Cooperation–conflict trend</h2><table><thead><tr><th>year</th><th>score</th><th>events</th></tr></thead><tbody>
{% for year, score, n in trend %}<tr><th>{{ year }}</th><td class="number">{{ "%+.1f"|format(score) }}</td><td class="number">{{ n }}</td></tr>
{% endfor %}</tbody></table></section>
<section id="quotes"><h2>Key quotes</h2>
{% for q in quotes %}<blockquote><p>{% for line in q.lines %}{{ line }}{% if not loop.last %}<br/>{% endif %}{% endfor %}</p>{{ by(q) }}</blockquote>
{% else %}<p>No quote recorded.</p>{% endfor %}
<h3>Reported statements</h3>
{% for q in reported %}<blockquote><p>{{ q.lines|join(" ") }}</p>{{ by(q) }}</blockquote>
{% else %}<p>No reported statement.</p>{% endfor %}</section>
<section id="commitments"><h2>Outstanding commitments</h2>{{ ctable(outstanding, "Outstanding") }}
<h3>Status unknown</h3>{{ ctable(unknown, "Status unknown") }}
<h3>Closed</h3><ul>
{% for c in closed %}<li>{{ c.by }}: {{ c.text }} ({{ c.kind }}, {{ c.made }}): <strong>{{ c.status }}</strong> {{ c.closed }}{{ cites(c.cites) }}</li>
{% else %}<li>None.</li>{% endfor %}</ul></section>
<section id="retracted"><h2>Retracted</h2><ul>
{% for r in retracted %}<li>{{ r.label }} ({{ r.kind }}): retracted {{ r.date }}{% if r.note %}: {{ r.note }}{% endif %}{{ cites(r.cites) }}</li>
{% else %}<li>None.</li>{% endfor %}</ul></section>
<section id="sources"><h2>Sources</h2><table><thead><tr><th>id</th><th>source</th><th>published</th><th>grade</th></tr></thead><tbody>
{% for s in sources %}<tr id="source-{{ s.id }}"><th>{{ s.id }}</th><td>{% if s.url %}<a href="{{ s.url }}">{{ s.title }}</a>{% else %}{{ s.title }}{% endif %}{% if s.publisher %}, {{ s.publisher }}{% endif %}</td><td>{{ s.published }}</td><td>{{ s.grade }}</td></tr>
{% endfor %}</tbody></table></section>
</body>
</html>
"""

DOCBOOK = """\
{% macro cites(list) %}{% if list %} [{% for c in list %}<link linkend="source-{{ c.id }}">{{ c.id }}</link> {{ c.grade }}{{ ", " if not loop.last }}{% endfor %}]{% endif %}{% endmacro %}
{% macro ctx(x) %}{{ " (context)" if x.scope == "context" }}{% endmacro %}
{% macro by(q) %}<attribution>{{ q.speaker }}{% if q.role %}, {{ q.role }}{% endif %}, {{ q.date }}{{ ctx(q) }}{{ cites(q.cites) }}</attribution>{% endmacro %}
{% macro items(list, empty) %}{% if list %}<itemizedlist>
{{ caller() }}</itemizedlist>{% else %}<para>{{ empty }}</para>{% endif %}{% endmacro %}
{% macro ctable(rows) %}{% if rows %}<informaltable><tgroup cols="11"><thead><row><entry>by</entry><entry>to</entry><entry>what</entry><entry>kind</entry><entry>made</entry><entry>due</entry><entry>status</entry><entry>age (days)</entry><entry>overdue</entry><entry>last update</entry><entry>sources</entry></row></thead><tbody>
{% for c in rows %}<row><entry>{{ c.by }}</entry><entry>{{ c.to }}</entry><entry>{{ c.text }}</entry><entry>{{ c.kind }}</entry><entry>{{ c.made }}</entry><entry>{{ c.due }}</entry><entry>{{ c.status }}</entry><entry>{{ c.age }}</entry><entry>{{ "overdue" if c.overdue else "no" }}</entry><entry>{{ c.last }}</entry><entry>{{ cites(c.cites) }}</entry></row>
{% endfor %}</tbody></tgroup></informaltable>{% else %}<para>None.</para>{% endif %}{% endmacro %}
<?xml version="1.0" encoding="UTF-8"?>
<article xmlns="http://docbook.org/ns/docbook" xmlns:xlink="http://www.w3.org/1999/xlink" version="5.0" xml:lang="en">
<info><title>{{ title }}</title><subtitle>{{ parties|join(" and ") }}, as of {{ date }}</subtitle><date>{{ date }}</date>
<abstract>{% if related %}<para>Related: {{ related|join(", ") }}</para>{% endif %}{% if audience %}<para>Audience: {{ audience }}</para>{% endif %}{% if note %}<para>{{ note }}</para>{% endif %}<para>As of {{ date }}.</para></abstract></info>
<section xml:id="recent"><title>Recent developments (last {{ window }} days)</title>
{% call items(recent, "No development recorded in the last %d days."|format(window)) %}{% for e in recent %}<listitem><para><emphasis role="strong">{{ e.date }}</emphasis> · {{ e.title }}{{ ctx(e) }} · {{ e.type }}{{ cites(e.cites) }}</para></listitem>
{% endfor %}{% endcall %}</section>
<section xml:id="timeline"><title>Timeline of milestones</title>
{% call items(milestones, "No milestone recorded.") %}{% for e in milestones %}<listitem><para><emphasis role="strong">{{ e.date }}</emphasis> · {{ e.title }}{{ ctx(e) }} · {{ e.type }}{% if e.place %} · {{ e.place }}{% endif %}{{ cites(e.cites) }}</para>{% if e.summary %}<para>{{ e.summary }}</para>{% endif %}</listitem>
{% endfor %}{% endcall %}</section>
<section xml:id="topics"><title>Cooperation areas</title>
{% call items(topics, "No topic recorded.") %}{% for topic, n in topics %}<listitem><para>{{ topic }} ({{ n }})</para></listitem>{% endfor %}{% endcall %}</section>
<section xml:id="third-parties"><title>Third parties in play</title>
{% call items(third, "No third party named.") %}{% for name, n in third %}<listitem><para>{{ name }}: named in {{ n }} of the items</para></listitem>{% endfor %}{% endcall %}</section>
<section xml:id="trend"><title>Cooperation–conflict trend</title>
{% if trend %}<informaltable><tgroup cols="3"><thead><row><entry>year</entry><entry>score</entry><entry>events</entry></row></thead><tbody>
{% for year, score, n in trend %}<row><entry>{{ year }}</entry><entry>{{ "%+.1f"|format(score) }}</entry><entry>{{ n }}</entry></row>
{% endfor %}</tbody></tgroup></informaltable>{% else %}<para>No bilateral event.</para>{% endif %}</section>
<section xml:id="quotes"><title>Key quotes</title>
{% for q in quotes %}<blockquote>{{ by(q) }}{% for line in q.lines if line %}<para>{{ line }}</para>{% endfor %}</blockquote>
{% else %}<para>No quote recorded.</para>{% endfor %}
<section xml:id="reported"><title>Reported statements</title>
{% for q in reported %}<blockquote>{{ by(q) }}<para>{{ q.lines|join(" ") }}</para></blockquote>
{% else %}<para>No reported statement.</para>{% endfor %}</section></section>
<section xml:id="commitments"><title>Outstanding commitments</title>{{ ctable(outstanding) }}
<section xml:id="unknown"><title>Status unknown</title>{{ ctable(unknown) }}</section>
<section xml:id="closed"><title>Closed</title>
{% call items(closed, "None closed.") %}{% for c in closed %}<listitem><para>{{ c.by }}: {{ c.text }} ({{ c.kind }}, {{ c.made }}): <emphasis role="strong">{{ c.status }}</emphasis> {{ c.closed }}{{ cites(c.cites) }}</para></listitem>
{% endfor %}{% endcall %}</section></section>
<section xml:id="retracted"><title>Retracted</title>
{% call items(retracted, "Nothing retracted.") %}{% for r in retracted %}<listitem><para>{{ r.label }} ({{ r.kind }}): retracted {{ r.date }}{% if r.note %}: {{ r.note }}{% endif %}{{ cites(r.cites) }}</para></listitem>
{% endfor %}{% endcall %}</section>
<bibliography xml:id="sources"><title>Sources</title>
{% for s in sources %}<biblioentry xml:id="source-{{ s.id }}"><abbrev>{{ s.id }}</abbrev><citetitle>{{ s.title }}</citetitle>{% if s.publisher %}<publisher><publishername>{{ s.publisher }}</publishername></publisher>{% endif %}<pubdate>{{ s.published }}</pubdate>{% if s.url %}<bibliomisc><link xlink:href="{{ s.url }}">{{ s.url }}</link></bibliomisc>{% endif %}<bibliomisc>Grade {{ s.grade }}</bibliomisc></biblioentry>
{% endfor %}</bibliography>
</article>
"""

MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|&~!])")


def text(value):
    return "" if value is None else str(value)


def md(value):
    """Escape Markdown's specials in a piece of data; line breaks become spaces."""
    return MD_SPECIAL.sub(r"\\\1", text(value).replace("\n", " "))


def day(value):
    """A date as a sortable string: the start of an interval (its end where the start is
    open), without ?/~/%. Partial dates stay partial: "2012-07" sorts before "2012-07-03"."""
    start, _, end = text(value).partition("/")
    return (end if start in ("", "..") else start).rstrip("?~%")


def to_date(value):
    year, month, dom = (value.split("-") + ["1", "1"])[:3]
    return datetime.date(int(year), int(month), int(dom))


def ids(value):
    return [value] if isinstance(value, str) else (value or [])


def load(path):
    with open(path, "rb") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader) or {}


def yaml_files(root):
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(folder, n) for n in names if n.endswith(".yaml") and not n.startswith(".")]
    return sorted(found)


class Dataset:
    """Every file merged, with the indexes all briefs share, built once."""

    def __init__(self, paths):
        lists = defaultdict(list)
        for path in paths:
            for key, value in load(path).items():
                if isinstance(value, list):
                    lists[key].extend(value)
        self.actors = {a["id"]: a for a in lists["actors"]}
        self.sources = {s["id"]: s for s in lists["sources"]}
        vocabulary = lists["vocabulary"]  # the dataset's own event types
        self.weights = dict(WEIGHTS, **{v["type"]: float(v.get("weight") or 0) for v in vocabulary})
        self.milestones = MILESTONES | {v["type"] for v in vocabulary if v.get("milestone")}
        self.state = {}  # a state or an organization -> its state
        for aid, actor in self.actors.items():
            hops = 0
            while actor.get("kind") == "organization" and actor.get("of") in self.actors and hops < 16:
                actor, hops = self.actors[actor["of"]], hops + 1
            if actor.get("kind") == "state":
                self.state[aid] = actor["id"]
        self.roles = {aid: [(day(r.get("from")), day(r.get("to")), r) for r in a.get("roles") or []]
                      for aid, a in self.actors.items() if a.get("kind") == "person"}
        self.updates = defaultdict(list)  # commitment id -> its updates, oldest first
        for update in sorted(lists["updates"], key=lambda u: (day(u["date"]), u["id"])):
            self.updates[update["commitment"]].append(update)
        self.by_state = defaultdict(list)  # state -> (kind, record, states it names)
        for kind, fields, when in (("events", ("participants", "by", "to"), "date"),
                                   ("quotes", ("speaker", "about"), "date"),
                                   ("commitments", ("by", "to"), "made")):
            for record in lists[kind]:
                on = day(record.get(when))
                states = set(ids(record.get("parties")))
                for field in fields:
                    states.update(self.state_of(aid, on) for aid in ids(record.get(field)))
                states.discard(None)
                for state in states:
                    self.by_state[state].append((kind, record, states))

    def role(self, aid, on):
        for start, end, role in self.roles.get(aid, ()):
            if start <= on and (not end or on[:len(end)] <= end):
                return role
        return None

    def state_of(self, aid, on):
        if aid in self.roles:
            role = self.role(aid, on)
            return self.state.get(role.get("of")) if role else None
        return self.state.get(aid)

    def name(self, aid):
        return self.actors.get(aid, {}).get("name", aid)

    def known(self, record):
        """When the dataset learned of a record: its earliest source, or `recorded` if later."""
        dates = [day(self.sources.get(c if isinstance(c, str) else c.get("source"), {}).get("published"))
                 for c in record.get("sources") or ()]
        return max(min(dates, default=""), day(record.get("recorded")))


def build(ds, spec, on):
    """One brief as of the date `on`, as plain dicts and lists for the templates."""
    p1, p2 = spec["parties"][:2]
    related = list(spec.get("related") or [])
    others, allowed = set(related), {p1, p2, *related}
    window = int(spec.get("window", 30))
    cutoff = (to_date(on) - datetime.timedelta(days=window - 1)).isoformat()
    used = {}  # cited source id -> grade

    def cite(*records):
        out = {}
        for record in records:
            for c in (record or {}).get("sources") or ():
                sid, cred = (c, None) if isinstance(c, str) else (c.get("source"), c.get("credibility"))
                source = ds.sources.get(sid)
                if source is None or sid in out or day(source.get("published")) > on:
                    continue
                cred = text(cred if cred is not None else source.get("credibility"))
                out[sid] = (source.get("reliability") or "–") + (cred or "–")
                used.setdefault(sid, out[sid])
        return [{"id": sid, "grade": grade} for sid, grade in out.items()]

    def retraction(record, kind, label):
        mark = record.get("retracted")
        if not mark or day(mark.get("date")) > on:
            return False
        retracted.append({"label": label, "kind": kind, "date": text(mark.get("date")), "note": mark.get("note"),
                          "cites": cite(mark), "sort": (day(mark.get("date")), text(label))})
        return True

    recent, milestones, quotes, reported, retracted = [], [], [], [], []
    outstanding, unknown, closed = [], [], []
    topics, third, trend = Counter(), Counter(), defaultdict(lambda: [0.0, 0])
    seen = set()
    for kind, r, states in ds.by_state.get(p1, []) + ds.by_state.get(p2, []):
        if r["id"] in seen or not states <= allowed:
            continue
        seen.add(r["id"])
        scope = "bilateral" if p1 in states and p2 in states else "context" if states & others else None
        when = day(r.get("made" if kind == "commitments" else "date"))
        if scope is None or when > on or ds.known(r) > on:
            continue
        if kind == "events":
            if retraction(r, "event", r.get("title")):
                continue
            is_milestone = r.get("type") in ds.milestones
            is_recent = len(when) == 10 and cutoff <= when and ".." not in text(r["date"])  # open: never recent
            if is_recent or is_milestone:
                event = {"date": text(r["date"]), "title": r.get("title"), "type": r.get("type"), "scope": scope,
                         "summary": r.get("summary"), "cites": cite(r), "sort": (when, r["id"]),
                         "place": ", ".join(text(r[f]) for f in ("venue", "location") if r.get(f))}
                for wanted, rows in ((is_recent, recent), (is_milestone, milestones)):
                    if wanted:
                        rows.append(event)
            topics.update(text(t) for t in r.get("topics") or ())
            if scope == "bilateral":
                year = trend[when[:4]]
                year[0] += ds.weights.get(r.get("type"), 0)
                year[1] += 1
        elif kind == "quotes":
            speaker = r.get("speaker")
            if retraction(r, "quote", f"{ds.name(speaker)}: {text(r.get('text'))}"):
                continue
            person = speaker in ds.roles
            role = (ds.role(speaker, when) or {}) if person else {}
            level = role.get("level", "other") if person else ds.actors.get(speaker, {}).get("level", "official")
            (reported if r.get("form") == "indirect" else quotes).append({
                "speaker": ds.name(speaker), "role": role.get("title"), "date": text(r["date"]), "scope": scope,
                "lines": text(r.get("text")).strip("\n").split("\n"), "record": r, "id": r["id"], "when": when,
                "rank": (r.get("priority") != "key", LEVELS.get(level, 2))})
        else:
            if retraction(r, "commitment", r.get("text")):
                continue
            status, last = "open", None
            for u in ds.updates.get(r["id"], ()):
                if day(u["date"]) <= on and ds.known(u) <= on and not retraction(u, "update", f"{u.get('status')}: {text(r.get('text'))}"):
                    status, last = u.get("status"), u
            due = day(r.get("due"))
            row = {"by": ", ".join(map(ds.name, ids(r.get("by")))), "to": ", ".join(map(ds.name, ids(r.get("to")))),
                   "text": text(r.get("text")) + (f" ({r['quantity']})" if r.get("quantity") else ""),
                   "kind": r.get("kind"), "made": text(r.get("made")), "due": text(r.get("due")), "status": status,
                   "age": (to_date(on) - to_date(when)).days, "sort": (when, r["id"]), "cites": cite(r, last),
                   "overdue": bool(due) and (status in OUTSTANDING or status == "unknown") and due < on[:len(due)],
                   "last": (f"{last['status']}, {text(last['date'])}" + (f": {last['note']}" if last.get("note") else "")) if last else "",
                   "closed": text(last["date"]) if last else ""}
            (outstanding if status in OUTSTANDING else unknown if status == "unknown" else closed).append(row)
        third.update(states & others)

    for rows in (recent, milestones, outstanding, unknown, closed, retracted):
        rows.sort(key=lambda x: x["sort"])
    recent.reverse()
    outstanding.sort(key=lambda c: not c["overdue"])
    n = int(spec.get("quotes", 5))
    for group in (quotes, reported):  # key first, by level, newest, bilateral first, id
        group.sort(key=lambda q: (q["scope"] != "bilateral", q["id"]))
        group.sort(key=lambda q: q["when"], reverse=True)
        group.sort(key=lambda q: q["rank"])
        del group[n:]
        for q in group:
            q["cites"] = cite(q["record"])
    sources = [dict(ds.sources[sid], grade=grade, published=text(ds.sources[sid].get("published"))) for sid, grade in used.items()]
    sources.sort(key=lambda s: (day(s["published"]), s["id"]))
    return {"title": spec.get("title"), "date": on, "window": window, "audience": spec.get("audience"),
            "note": spec.get("note"), "parties": [ds.name(p1), ds.name(p2)], "related": [ds.name(s) for s in related],
            "recent": recent, "milestones": milestones, "topics": sorted(topics.items(), key=lambda t: (-t[1], t[0])),
            "third": [(ds.name(s), third[s]) for s in related if third[s]],
            "trend": [(year, score, count) for year, (score, count) in sorted(trend.items())],
            "quotes": quotes, "reported": reported, "outstanding": outstanding, "unknown": unknown,
            "closed": closed, "retracted": retracted, "sources": sources}


def job(briefs_dir, out_dir, on):
    definitions = sorted(n for n in os.listdir(briefs_dir) if n.endswith(".yaml") and not n.startswith("."))
    data = yaml_files(os.path.join(briefs_dir, "data"))
    ds = Dataset(data)
    env = Environment(loader=DictLoader({"brief.md": MD, "brief.html": HTML, "brief.xml": DOCBOOK}),
                      autoescape=select_autoescape(["html", "xml"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["md"] = md
    for name in definitions:
        spec = load(os.path.join(briefs_dir, name))
        context = build(ds, spec, on)
        folder = os.path.join(out_dir, name[:-len(".yaml")], on)
        os.makedirs(folder, exist_ok=True)
        for extension in (EXTENSIONS[f] for f in spec.get("formats") or EXTENSIONS if f in EXTENSIONS):
            page = env.get_template("brief." + extension).render(context)
            with open(os.path.join(folder, "brief." + extension), "w", encoding="utf-8") as handle:
                handle.write(page)
    return len(data) + len(definitions), len(definitions)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("briefs")
    parser.add_argument("out")
    parser.add_argument("--date", default=datetime.date.today().isoformat())
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--with-collector", action="store_true", help="leave the cyclic garbage collector on")
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        if not args.with_collector:
            gc.disable()
        start = time.perf_counter()
        files, briefs = job(args.briefs, args.out, args.date)
        times.append(time.perf_counter() - start)
        gc.enable()
        gc.collect()
    print(f"{statistics.median(times):.3f} {files} {briefs}")


if __name__ == "__main__":
    main()
