import Foundation

/// What kind of act an event records.
public enum EventKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ban, block, workaround, restriction, lift, investigation, penalty, lawsuit, legislation, tracking

    public static func < (lhs: EventKind, rhs: EventKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How far an event has gone: its fact level.
public enum EventStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Done or in force.
    case inEffect = "in_effect"
    /// Decided, starts later.
    case planned
    /// Considered, drafted or threatened.
    case proposed
    /// Reported, then denied.
    case denied
}

/// One event as extracted from one document (`shared/contracts/events-json.md`).
public struct ExtractedEvent: Sendable, Hashable, Codable {
    public var type: EventKind
    public var status: EventStatus
    public var actor: String?
    public var targets: [String]
    public var product: String?
    public var countries: [String]
    public var method: [String]
    /// The sentence of the text that states the event, verbatim.
    public var evidence: String
    public var confidence: Double
    /// UTF-16 offsets of `evidence` in the document's plain text, when known.
    public var evidenceRange: Range<Int>?
    /// Other parties the document names as acting or affected, beyond the actor and targets: the members it gives
    /// of a described group ("Chinese-controlled companies, ByteDance and Ant Group among them").
    public var parties: [String] = []
    /// When the act took place, as the sentence states it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when that is in a
    /// year before the document's own: "In July 2023, China restricted exports of gallium" in a 2025 article is the
    /// 2023 act told again, not a new one.
    public var occurred: String?

    public init(type: EventKind, status: EventStatus = .inEffect, actor: String? = nil, targets: [String] = [],
                product: String? = nil, countries: [String] = [], method: [String] = [], evidence: String,
                confidence: Double = 0.5, evidenceRange: Range<Int>? = nil) {
        self.type = type
        self.status = status
        self.actor = actor
        self.targets = targets
        self.product = product
        self.countries = countries
        self.method = method
        self.evidence = evidence
        self.confidence = confidence
        self.evidenceRange = evidenceRange
    }

    enum CodingKeys: String, CodingKey {
        case type, status, actor, targets, product, countries, method, evidence, confidence, evidenceRange, parties, occurred
    }

    /// Decodes events written before `parties` existed too.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(type: try c.decode(EventKind.self, forKey: .type), status: try c.decode(EventStatus.self, forKey: .status),
                  actor: try c.decodeIfPresent(String.self, forKey: .actor), targets: try c.decode([String].self, forKey: .targets),
                  product: try c.decodeIfPresent(String.self, forKey: .product), countries: try c.decode([String].self, forKey: .countries),
                  method: try c.decode([String].self, forKey: .method), evidence: try c.decode(String.self, forKey: .evidence),
                  confidence: try c.decode(Double.self, forKey: .confidence),
                  evidenceRange: try c.decodeIfPresent(Range<Int>.self, forKey: .evidenceRange))
        parties = try c.decodeIfPresent([String].self, forKey: .parties) ?? []
        occurred = try c.decodeIfPresent(String.self, forKey: .occurred)
    }
}

/// A forward-looking sentence: something to watch.
public struct WatchItem: Sendable, Hashable, Codable {
    /// The sentence, verbatim.
    public var text: String
    /// Canonical names of the entities it mentions.
    public var entities: [String]
    /// A date stated in the sentence (`YYYY-MM-DD`), when there is one.
    public var date: String?

    public init(text: String, entities: [String] = [], date: String? = nil) {
        self.text = text
        self.entities = entities
        self.date = date
    }
}
