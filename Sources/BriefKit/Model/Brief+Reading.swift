import Foundation

/// A brief read back from its snapshot (`brief.json`): what `daily` compares
/// a new brief with, and what `diff` reads when given two snapshots.
///
/// Each type of the model reads its own fields from a `JSONReader`, the
/// mirror of `fields(into:)` in `Brief+JSON.swift`: a field under its own name,
/// in any order; an optional one absent or null is nil; a field the model does
/// not have is skipped (a snapshot written by a later version); a missing
/// field, a value of the wrong type or an unknown word fails, at its place.
/// `JSONDecoder` gave the same briefs, at several times the cost;
/// `BriefReadingTests` holds the two to each other.
extension Brief {
    /// Why a snapshot could not be read back.
    public struct ReadFailure: Error, CustomStringConvertible {
        /// From 1; the column counts characters.
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The brief a snapshot holds.
    public init(snapshot data: Data) throws(ReadFailure) {
        self = try Self.reading(data) { (reader: inout JSONReader) throws(JSONReader.Failure) in try Brief(json: &reader) }
    }

    /// What a snapshot says of itself, read before the rest: the brief's id
    /// and the version of the model it was written with, each nil when the
    /// snapshot lacks it. Fails when the text is not JSON, not an object, or
    /// either field has a value of another type.
    public static func snapshotVersion(of data: Data) throws(ReadFailure) -> (brief: String?, schemaVersion: Int?) {
        try reading(data) { (reader: inout JSONReader) throws(JSONReader.Failure) in
            var brief: String?, schemaVersion: Int?
            try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
                switch name {
                case "brief": brief = try reader.optionalString()
                case "schemaVersion": schemaVersion = try reader.optionalInt()
                default: try reader.skipValue()
                }
            }
            return (brief, schemaVersion)
        }
    }

    private static func reading<Value>(_ data: Data, _ read: (inout JSONReader) throws(JSONReader.Failure) -> Value) throws(ReadFailure) -> Value {
        let bytes = [UInt8](data)
        do {
            return try JSONReader.read(bytes, read)
        } catch {
            let (line, column) = error.position(in: bytes)
            throw ReadFailure(line: line, column: column, message: error.message)
        }
    }
}

extension JSONReader {
    /// `value`, or a failure naming the field the object at `object` lacks.
    func required<Value>(_ value: Value?, _ name: StaticString, in object: Int) throws(Failure) -> Value {
        guard let value else { throw failure("the field '\(name)' is missing", at: object) }
        return value
    }

    mutating func objects<Model: JSONReadable>(_: Model.Type) throws(Failure) -> [Model] {
        try array { (reader: inout JSONReader) throws(Failure) in try Model(json: &reader) }
    }

    mutating func optionalObject<Model: JSONReadable>(_: Model.Type) throws(Failure) -> Model? {
        try readNull() ? nil : Model(json: &self)
    }
}

/// A type of the model that reads itself from a snapshot.
protocol JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure)
}

extension Brief: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var actors: [ActorItem]?, asOf: String?, asOfDisplay: String?, audience: String?, bluf: String?, brief: String?
        var commitments: CommitmentLists?, keyQuotes: [QuoteItem]?, note: String?, parties: [String]?, recent: [EventItem]?
        var related: [String]?, reportedStatements: [QuoteItem]?, schemaVersion: Int?, sources: [SourceItem]?
        var thirdParties: [ThirdParty]?, timeline: [EventItem]?, title: String?, topics: [TopicCount]?, trend: Trend?
        var window: Int?, withdrawn: [WithdrawnItem]?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "actors": actors = try reader.objects(ActorItem.self)
            case "asOf": asOf = try reader.string()
            case "asOfDisplay": asOfDisplay = try reader.string()
            case "audience": audience = try reader.optionalString()
            case "bluf": bluf = try reader.string()
            case "brief": brief = try reader.string()
            case "commitments": commitments = try CommitmentLists(json: &reader)
            case "keyQuotes": keyQuotes = try reader.objects(QuoteItem.self)
            case "note": note = try reader.optionalString()
            case "parties": parties = try reader.strings()
            case "recent": recent = try reader.objects(EventItem.self)
            case "related": related = try reader.strings()
            case "reportedStatements": reportedStatements = try reader.objects(QuoteItem.self)
            case "schemaVersion": schemaVersion = try reader.int()
            case "sources": sources = try reader.objects(SourceItem.self)
            case "thirdParties": thirdParties = try reader.objects(ThirdParty.self)
            case "timeline": timeline = try reader.objects(EventItem.self)
            case "title": title = try reader.string()
            case "topics": topics = try reader.objects(TopicCount.self)
            case "trend": trend = try Trend(json: &reader)
            case "window": window = try reader.int()
            case "withdrawn": withdrawn = try reader.objects(WithdrawnItem.self)
            default: try reader.skipValue()
            }
        }
        self.init(
            schemaVersion: try reader.required(schemaVersion, "schemaVersion", in: start),
            brief: try reader.required(brief, "brief", in: start),
            title: try reader.required(title, "title", in: start),
            asOf: try reader.required(asOf, "asOf", in: start),
            asOfDisplay: try reader.required(asOfDisplay, "asOfDisplay", in: start),
            parties: try reader.required(parties, "parties", in: start),
            related: try reader.required(related, "related", in: start),
            audience: audience,
            note: note,
            window: try reader.required(window, "window", in: start),
            bluf: try reader.required(bluf, "bluf", in: start),
            recent: try reader.required(recent, "recent", in: start),
            timeline: try reader.required(timeline, "timeline", in: start),
            topics: try reader.required(topics, "topics", in: start),
            thirdParties: try reader.required(thirdParties, "thirdParties", in: start),
            trend: try reader.required(trend, "trend", in: start),
            keyQuotes: try reader.required(keyQuotes, "keyQuotes", in: start),
            reportedStatements: try reader.required(reportedStatements, "reportedStatements", in: start),
            commitments: try reader.required(commitments, "commitments", in: start),
            withdrawn: try reader.required(withdrawn, "withdrawn", in: start),
            sources: try reader.required(sources, "sources", in: start),
            actors: try reader.required(actors, "actors", in: start))
    }
}

extension CitationItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var credibility: Int?, grade: String?, locator: String?, source: String?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "credibility": credibility = try reader.optionalInt()
            case "grade": grade = try reader.string()
            case "locator": locator = try reader.optionalString()
            case "source": source = try reader.string()
            default: try reader.skipValue()
            }
        }
        self.init(source: try reader.required(source, "source", in: start), locator: locator, credibility: credibility,
                  grade: try reader.required(grade, "grade", in: start))
    }
}

extension EventItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var date: String?, dateDisplay: String?, id: String?, location: String?, milestone: Bool?, participants: [String]?
        var scope: Scope?, sources: [CitationItem]?, summary: String?, title: String?, topics: [String]?, type: String?
        var typeLabel: String?, venue: String?, weight: Double?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "date": date = try reader.string()
            case "dateDisplay": dateDisplay = try reader.string()
            case "id": id = try reader.string()
            case "location": location = try reader.optionalString()
            case "milestone": milestone = try reader.bool()
            case "participants": participants = try reader.strings()
            case "scope": scope = try reader.word(Scope.self, "a scope")
            case "sources": sources = try reader.objects(CitationItem.self)
            case "summary": summary = try reader.optionalString()
            case "title": title = try reader.string()
            case "topics": topics = try reader.strings()
            case "type": type = try reader.string()
            case "typeLabel": typeLabel = try reader.string()
            case "venue": venue = try reader.optionalString()
            case "weight": weight = try reader.optionalDouble()
            default: try reader.skipValue()
            }
        }
        self.init(
            id: try reader.required(id, "id", in: start),
            date: try reader.required(date, "date", in: start),
            dateDisplay: try reader.required(dateDisplay, "dateDisplay", in: start),
            type: try reader.required(type, "type", in: start),
            typeLabel: try reader.required(typeLabel, "typeLabel", in: start),
            weight: weight,
            milestone: try reader.required(milestone, "milestone", in: start),
            title: try reader.required(title, "title", in: start),
            summary: summary,
            location: location,
            venue: venue,
            participants: try reader.required(participants, "participants", in: start),
            scope: try reader.required(scope, "scope", in: start),
            topics: try reader.required(topics, "topics", in: start),
            sources: try reader.required(sources, "sources", in: start))
    }
}

extension QuoteItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var date: String?, dateDisplay: String?, event: String?, eventTitle: String?, form: QuoteForm?, formerRole: Bool?
        var id: String?, language: String?, level: Level?, priority: Priority?, role: String?, scope: Scope?
        var sources: [CitationItem]?, speaker: String?, speakerName: String?, text: String?, translated: Bool?, venue: String?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "date": date = try reader.string()
            case "dateDisplay": dateDisplay = try reader.string()
            case "event": event = try reader.optionalString()
            case "eventTitle": eventTitle = try reader.optionalString()
            case "form": form = try reader.word(QuoteForm.self, "a form of quote")
            case "formerRole": formerRole = try reader.bool()
            case "id": id = try reader.string()
            case "language": language = try reader.optionalString()
            case "level": level = try reader.word(Level.self, "a level")
            case "priority": priority = try reader.word(Priority.self, "a priority")
            case "role": role = try reader.optionalString()
            case "scope": scope = try reader.word(Scope.self, "a scope")
            case "sources": sources = try reader.objects(CitationItem.self)
            case "speaker": speaker = try reader.string()
            case "speakerName": speakerName = try reader.string()
            case "text": text = try reader.string()
            case "translated": translated = try reader.bool()
            case "venue": venue = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self.init(
            id: try reader.required(id, "id", in: start),
            speaker: try reader.required(speaker, "speaker", in: start),
            speakerName: try reader.required(speakerName, "speakerName", in: start),
            role: role,
            formerRole: try reader.required(formerRole, "formerRole", in: start),
            level: try reader.required(level, "level", in: start),
            date: try reader.required(date, "date", in: start),
            dateDisplay: try reader.required(dateDisplay, "dateDisplay", in: start),
            text: try reader.required(text, "text", in: start),
            form: try reader.required(form, "form", in: start),
            priority: try reader.required(priority, "priority", in: start),
            language: language,
            translated: try reader.required(translated, "translated", in: start),
            event: event,
            eventTitle: eventTitle,
            venue: venue,
            scope: try reader.required(scope, "scope", in: start),
            sources: try reader.required(sources, "sources", in: start))
    }
}

extension CommitmentItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var ageDays: Int?, by: [String]?, byNames: [String]?, due: String?, dueDisplay: String?, event: String?
        var history: [UpdateItem]?, id: String?, kind: CommitmentKind?, lastUpdate: UpdateItem?, made: String?
        var madeDisplay: String?, overdue: Bool?, quantity: String?, scope: Scope?, sources: [CitationItem]?
        var status: CommitmentStatus?, text: String?, to: [String]?, toNames: [String]?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "ageDays": ageDays = try reader.int()
            case "by": by = try reader.strings()
            case "byNames": byNames = try reader.strings()
            case "due": due = try reader.optionalString()
            case "dueDisplay": dueDisplay = try reader.optionalString()
            case "event": event = try reader.optionalString()
            case "history": history = try reader.objects(UpdateItem.self)
            case "id": id = try reader.string()
            case "kind": kind = try reader.word(CommitmentKind.self, "a kind of commitment")
            case "lastUpdate": lastUpdate = try reader.optionalObject(UpdateItem.self)
            case "made": made = try reader.string()
            case "madeDisplay": madeDisplay = try reader.string()
            case "overdue": overdue = try reader.bool()
            case "quantity": quantity = try reader.optionalString()
            case "scope": scope = try reader.word(Scope.self, "a scope")
            case "sources": sources = try reader.objects(CitationItem.self)
            case "status": status = try reader.word(CommitmentStatus.self, "a commitment status")
            case "text": text = try reader.string()
            case "to": to = try reader.strings()
            case "toNames": toNames = try reader.strings()
            default: try reader.skipValue()
            }
        }
        self.init(
            id: try reader.required(id, "id", in: start),
            kind: try reader.required(kind, "kind", in: start),
            by: try reader.required(by, "by", in: start),
            byNames: try reader.required(byNames, "byNames", in: start),
            to: try reader.required(to, "to", in: start),
            toNames: try reader.required(toNames, "toNames", in: start),
            text: try reader.required(text, "text", in: start),
            made: try reader.required(made, "made", in: start),
            madeDisplay: try reader.required(madeDisplay, "madeDisplay", in: start),
            due: due,
            dueDisplay: dueDisplay,
            quantity: quantity,
            status: try reader.required(status, "status", in: start),
            overdue: try reader.required(overdue, "overdue", in: start),
            ageDays: try reader.required(ageDays, "ageDays", in: start),
            event: event,
            lastUpdate: lastUpdate,
            history: try reader.required(history, "history", in: start),
            scope: try reader.required(scope, "scope", in: start),
            sources: try reader.required(sources, "sources", in: start))
    }
}

extension UpdateItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var date: String?, dateDisplay: String?, evidence: String?, id: String?, note: String?
        var sources: [CitationItem]?, status: CommitmentStatus?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "date": date = try reader.string()
            case "dateDisplay": dateDisplay = try reader.string()
            case "evidence": evidence = try reader.optionalString()
            case "id": id = try reader.string()
            case "note": note = try reader.optionalString()
            case "sources": sources = try reader.objects(CitationItem.self)
            case "status": status = try reader.word(CommitmentStatus.self, "a commitment status")
            default: try reader.skipValue()
            }
        }
        self.init(id: try reader.required(id, "id", in: start), date: try reader.required(date, "date", in: start),
                  dateDisplay: try reader.required(dateDisplay, "dateDisplay", in: start),
                  status: try reader.required(status, "status", in: start), note: note, evidence: evidence,
                  sources: try reader.required(sources, "sources", in: start))
    }
}

extension CommitmentLists: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var closed: [CommitmentItem]?, outstanding: [CommitmentItem]?, overdueCount: Int?, unknown: [CommitmentItem]?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "closed": closed = try reader.objects(CommitmentItem.self)
            case "outstanding": outstanding = try reader.objects(CommitmentItem.self)
            case "overdueCount": overdueCount = try reader.int()
            case "unknown": unknown = try reader.objects(CommitmentItem.self)
            default: try reader.skipValue()
            }
        }
        self.init(outstanding: try reader.required(outstanding, "outstanding", in: start),
                  unknown: try reader.required(unknown, "unknown", in: start),
                  closed: try reader.required(closed, "closed", in: start),
                  overdueCount: try reader.required(overdueCount, "overdueCount", in: start))
    }
}

extension SourceItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var credibility: Int?, grade: String?, id: String?, kind: SourceKind?, note: String?, published: String?
        var publishedDisplay: String?, publisher: String?, reliability: String?, title: String?, url: String?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "credibility": credibility = try reader.optionalInt()
            case "grade": grade = try reader.string()
            case "id": id = try reader.string()
            case "kind": kind = try reader.optionalWord(SourceKind.self, "a kind of source")
            case "note": note = try reader.optionalString()
            case "published": published = try reader.string()
            case "publishedDisplay": publishedDisplay = try reader.string()
            case "publisher": publisher = try reader.optionalString()
            case "reliability": reliability = try reader.optionalString()
            case "title": title = try reader.string()
            case "url": url = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self.init(
            id: try reader.required(id, "id", in: start),
            title: try reader.required(title, "title", in: start),
            publisher: publisher,
            published: try reader.required(published, "published", in: start),
            publishedDisplay: try reader.required(publishedDisplay, "publishedDisplay", in: start),
            url: url,
            kind: kind,
            reliability: reliability,
            credibility: credibility,
            grade: try reader.required(grade, "grade", in: start),
            note: note)
    }
}

extension ActorItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var code: String?, id: String?, kind: ActorKind?, name: String?
        let start = try reader.object { (reader: inout JSONReader, field: String) throws(JSONReader.Failure) in
            switch field {
            case "code": code = try reader.optionalString()
            case "id": id = try reader.string()
            case "kind": kind = try reader.word(ActorKind.self, "a kind of actor")
            case "name": name = try reader.string()
            default: try reader.skipValue()
            }
        }
        self.init(id: try reader.required(id, "id", in: start), name: try reader.required(name, "name", in: start),
                  kind: try reader.required(kind, "kind", in: start), code: code)
    }
}

extension TopicCount: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var count: Int?, topic: String?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "count": count = try reader.int()
            case "topic": topic = try reader.string()
            default: try reader.skipValue()
            }
        }
        self.init(topic: try reader.required(topic, "topic", in: start), count: try reader.required(count, "count", in: start))
    }
}

extension ThirdParty: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var id: String?, name: String?, records: Int?
        let start = try reader.object { (reader: inout JSONReader, field: String) throws(JSONReader.Failure) in
            switch field {
            case "id": id = try reader.string()
            case "name": name = try reader.string()
            case "records": records = try reader.int()
            default: try reader.skipValue()
            }
        }
        self.init(id: try reader.required(id, "id", in: start), name: try reader.required(name, "name", in: start),
                  records: try reader.required(records, "records", in: start))
    }
}

extension WithdrawnItem: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var id: String?, kind: RecordKind?, note: String?, retracted: String?, retractedDisplay: String?
        var sources: [CitationItem]?, title: String?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "id": id = try reader.string()
            case "kind": kind = try reader.word(RecordKind.self, "a kind of record")
            case "note": note = try reader.optionalString()
            case "retracted": retracted = try reader.string()
            case "retractedDisplay": retractedDisplay = try reader.string()
            case "sources": sources = try reader.objects(CitationItem.self)
            case "title": title = try reader.string()
            default: try reader.skipValue()
            }
        }
        self.init(kind: try reader.required(kind, "kind", in: start), id: try reader.required(id, "id", in: start),
                  title: try reader.required(title, "title", in: start),
                  retracted: try reader.required(retracted, "retracted", in: start),
                  retractedDisplay: try reader.required(retractedDisplay, "retractedDisplay", in: start), note: note,
                  sources: try reader.required(sources, "sources", in: start))
    }
}

extension Trend: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var direction: Direction?, granularity: Granularity?, points: [TrendPoint]?, previousScore: Double?
        var recentScore: Double?, unplaced: Int?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "direction": direction = try reader.word(Direction.self, "a direction")
            case "granularity": granularity = try reader.word(Granularity.self, "a granularity")
            case "points": points = try reader.objects(TrendPoint.self)
            case "previousScore": previousScore = try reader.double()
            case "recentScore": recentScore = try reader.double()
            case "unplaced": unplaced = try reader.int()
            default: try reader.skipValue()
            }
        }
        self.init(granularity: try reader.required(granularity, "granularity", in: start),
                  points: try reader.required(points, "points", in: start),
                  direction: try reader.required(direction, "direction", in: start),
                  recentScore: try reader.required(recentScore, "recentScore", in: start),
                  previousScore: try reader.required(previousScore, "previousScore", in: start),
                  unplaced: try reader.required(unplaced, "unplaced", in: start))
    }
}

extension TrendPoint: JSONReadable {
    init(json reader: inout JSONReader) throws(JSONReader.Failure) {
        var events: Int?, label: String?, period: String?, score: Double?
        let start = try reader.object { (reader: inout JSONReader, name: String) throws(JSONReader.Failure) in
            switch name {
            case "events": events = try reader.int()
            case "label": label = try reader.string()
            case "period": period = try reader.string()
            case "score": score = try reader.double()
            default: try reader.skipValue()
            }
        }
        self.init(period: try reader.required(period, "period", in: start), label: try reader.required(label, "label", in: start),
                  score: try reader.required(score, "score", in: start), events: try reader.required(events, "events", in: start))
    }
}
