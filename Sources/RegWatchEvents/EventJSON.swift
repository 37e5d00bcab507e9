import Foundation
import RegWatchCore

/// An event in the JSON of `shared/contracts/events-json.md`: what `regwatch events --format json` prints and what an
/// `--alert-exec` command reads. Encode it with `EventJSON.encoder(pretty:)`.
public struct EventJSON: Encodable, Sendable {
    public let event: StoredEvent
    public init(_ event: StoredEvent) { self.event = event }

    struct Source: Encodable {
        var url: String?
        var title: String?
        var outlet: String?
        var published: Date?
        var evidence: String
        var otherEvidence: [String]

        enum CodingKeys: String, CodingKey {
            case url, title, outlet, published, evidence
            case otherEvidence = "other_evidence"
        }
    }
    struct Change: Encodable { var status: String; var at: Date }

    enum CodingKeys: String, CodingKey {
        case id, type, status, actor, targets, product, countries, method, parties, evidence, confidence, sources, related
        case firstSeen = "first_seen", lastSeen = "last_seen", sourceCount = "source_count", statusHistory = "status_history"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(event.id, forKey: .id)
        try c.encode(event.type.rawValue, forKey: .type)
        try c.encode(event.status.rawValue, forKey: .status)
        try c.encode(event.actor, forKey: .actor)
        try c.encode(event.targets, forKey: .targets)
        try c.encode(event.product, forKey: .product)
        try c.encode(event.countries, forKey: .countries)
        try c.encode(event.method, forKey: .method)
        try c.encode(event.parties, forKey: .parties)
        try c.encode(event.evidence, forKey: .evidence)
        try c.encode((event.confidence * 100).rounded() / 100, forKey: .confidence)
        try c.encode(event.firstSeen, forKey: .firstSeen)
        try c.encode(event.lastSeen, forKey: .lastSeen)
        try c.encode(event.sourceCount, forKey: .sourceCount)
        try c.encode(event.sources.map { Source(url: $0.url, title: $0.title, outlet: $0.outlet, published: $0.published, evidence: $0.evidence,
                                                  otherEvidence: $0.otherEvidence) },
                     forKey: .sources)
        try c.encode(event.related.map { ["id": $0.id, "relation": $0.relation.rawValue] }, forKey: .related)
        try c.encode(event.statusHistory.map { Change(status: $0.status.rawValue, at: $0.at) }, forKey: .statusHistory)
    }
}

extension EventJSON {
    /// The encoder of every JSON regwatch prints: sorted keys, ISO 8601 dates, slashes left as they are.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
