import Foundation

/// One real-world event as kept in the store: mentions from many articles merged into one record
/// (`shared/contracts/events-json.md`, "regwatch events --format json").
public struct StoredEvent: Sendable, Hashable, Codable {
    /// Stable id, `ev_` followed by a short hash of the event's identity.
    public var id: String
    public var type: EventKind
    public var status: EventStatus
    public var actor: String?
    public var targets: [String]
    public var product: String?
    public var countries: [String]
    public var method: [String]
    /// The first source's evidence sentence.
    public var evidence: String
    public var confidence: Double
    public var firstSeen: Date
    public var lastSeen: Date
    /// Every source, oldest first.
    public var sources: [EventSource]
    public var related: [RelatedEvent]
    /// Status changes, oldest first (the first entry is the status the event was first seen with).
    public var statusHistory: [StatusChange]
    /// Other parties its sources name as acting or affected, beyond the actor and targets (members of a described
    /// group named elsewhere in an article): `events --company` finds the event through them too.
    public var parties: [String] = []

    public init(id: String, type: EventKind, status: EventStatus, actor: String?, targets: [String], product: String?,
                countries: [String], method: [String], evidence: String, confidence: Double, firstSeen: Date,
                lastSeen: Date, sources: [EventSource] = [], related: [RelatedEvent] = [], statusHistory: [StatusChange] = [],
                parties: [String] = []) {
        self.parties = parties
        self.id = id
        self.type = type
        self.status = status
        self.actor = actor
        self.targets = targets
        self.product = product
        self.countries = countries
        self.method = method
        self.evidence = evidence
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sources = sources
        self.related = related
        self.statusHistory = statusHistory
    }

    /// How many sources report the event.
    public var sourceCount: Int { sources.count }

    enum CodingKeys: String, CodingKey {
        case id, type, status, actor, targets, product, countries, method, evidence, confidence, firstSeen, lastSeen, sources,
             related, statusHistory, parties
    }

    /// Decodes events written before `parties` existed too.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), type: try c.decode(EventKind.self, forKey: .type),
                  status: try c.decode(EventStatus.self, forKey: .status), actor: try c.decodeIfPresent(String.self, forKey: .actor),
                  targets: try c.decode([String].self, forKey: .targets), product: try c.decodeIfPresent(String.self, forKey: .product),
                  countries: try c.decode([String].self, forKey: .countries), method: try c.decode([String].self, forKey: .method),
                  evidence: try c.decode(String.self, forKey: .evidence), confidence: try c.decode(Double.self, forKey: .confidence),
                  firstSeen: try c.decode(Date.self, forKey: .firstSeen), lastSeen: try c.decode(Date.self, forKey: .lastSeen),
                  sources: try c.decode([EventSource].self, forKey: .sources), related: try c.decode([RelatedEvent].self, forKey: .related),
                  statusHistory: try c.decode([StatusChange].self, forKey: .statusHistory),
                  parties: try c.decodeIfPresent([String].self, forKey: .parties) ?? [])
    }
}

/// One article that reports a stored event.
public struct EventSource: Sendable, Hashable, Codable {
    public var url: String?
    public var title: String?
    /// The outlet: the feed's title, or an aggregated item's `source`.
    public var outlet: String?
    public var published: Date?
    /// The sentence in that article that states the event.
    public var evidence: String
    /// Other sentences of that article that state the same event (another party, a restatement), in text order.
    public var otherEvidence: [String]

    public init(url: String?, title: String?, outlet: String?, published: Date?, evidence: String, otherEvidence: [String] = []) {
        self.url = url
        self.title = title
        self.outlet = outlet
        self.published = published
        self.evidence = evidence
        self.otherEvidence = otherEvidence
    }
}

/// A link between stored events.
public struct RelatedEvent: Sendable, Hashable, Codable {
    public enum Relation: String, Sendable, Hashable, Codable {
        /// This workaround circumvents the related ban, block or restriction.
        case circumvents
        /// This ban, block or restriction is circumvented by the related workaround.
        case circumventedBy = "circumvented_by"
        /// This lift ends the related ban, block or restriction.
        case lifts
        /// This ban, block or restriction is lifted by the related lift.
        case liftedBy = "lifted_by"
    }
    public var id: String
    public var relation: Relation

    public init(id: String, relation: Relation) {
        self.id = id
        self.relation = relation
    }
}

/// A status an event had from a date on.
public struct StatusChange: Sendable, Hashable, Codable {
    public var status: EventStatus
    public var at: Date

    public init(status: EventStatus, at: Date) {
        self.status = status
        self.at = at
    }
}

/// A "what to watch" item merged across sources.
public struct StoredWatchItem: Sendable, Hashable, Codable {
    public var id: String
    /// The sentence as first seen.
    public var text: String
    public var entities: [String]
    /// A date stated in the sentence (`YYYY-MM-DD`), when there is one.
    public var date: String?
    public var firstSeen: Date
    public var lastSeen: Date
    public var sources: [EventSource]
    /// The stored events that its sources state, sorted, each once: the story it belongs to. Two items from reports of one
    /// real-world event are about the same story though their articles differ (not encoded: a merging aid).
    public var stories: [String]

    private enum CodingKeys: String, CodingKey {
        case id, text, entities, date, firstSeen, lastSeen, sources
    }

    public init(id: String, text: String, entities: [String], date: String?, firstSeen: Date, lastSeen: Date, sources: [EventSource],
                stories: [String] = []) {
        self.id = id
        self.text = text
        self.entities = entities
        self.date = date
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sources = sources
        self.stories = Array(Set(stories)).sorted()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  entities: try c.decode([String].self, forKey: .entities), date: try c.decodeIfPresent(String.self, forKey: .date),
                  firstSeen: try c.decode(Date.self, forKey: .firstSeen), lastSeen: try c.decode(Date.self, forKey: .lastSeen),
                  sources: try c.decode([EventSource].self, forKey: .sources))
    }

    /// Adds the events of another source's article to `stories`, kept sorted and without repeats.
    public mutating func addStories(_ ids: some Sequence<String>) {
        stories = Array(Set(stories).union(ids)).sorted()
    }
}

/// What trends count of an event: the week of its `firstSeen`, its type, and the names it counts under. A stored
/// event is one; so is a row a store hands out while it is read, which decodes a field only when it is asked for.
public protocol CountableEvent {
    var type: EventKind { get }
    var firstSeen: Date { get }
    var actor: String? { get }
    var targets: [String] { get }
    var product: String? { get }
    var countries: [String] { get }
}

extension StoredEvent: CountableEvent {}
