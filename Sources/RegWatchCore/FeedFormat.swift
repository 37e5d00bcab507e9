/// The format of a document, detected from its content.
///
/// The raw values are the contract's `version` strings.
public enum FeedFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case rss090, rss091n, rss091u, rss092, rss093, rss094, rss20
    case rss10
    case rss
    case atom01, atom02, atom03, atom10, atom
    case json1, json11
    case html
    case unknown = ""

    public var isRSS: Bool { rawValue.hasPrefix("rss") }
    public var isAtom: Bool { rawValue.hasPrefix("atom") }
    public var isJSON: Bool { rawValue.hasPrefix("json") }

    /// A name for people: "RSS 2.0", "Atom 1.0", "JSON Feed 1.1".
    public var displayName: String {
        switch self {
        case .rss090: "RSS 0.90"
        case .rss091n: "RSS 0.91 (Netscape)"
        case .rss091u: "RSS 0.91 (UserLand)"
        case .rss092: "RSS 0.92"
        case .rss093: "RSS 0.93"
        case .rss094: "RSS 0.94"
        case .rss20: "RSS 2.0"
        case .rss10: "RSS 1.0 (RDF)"
        case .rss: "RSS (version unknown)"
        case .atom01: "Atom 0.1"
        case .atom02: "Atom 0.2"
        case .atom03: "Atom 0.3"
        case .atom10: "Atom 1.0"
        case .atom: "Atom (version unknown)"
        case .json1: "JSON Feed 1.0"
        case .json11: "JSON Feed 1.1"
        case .html: "HTML page"
        case .unknown: "not a feed"
        }
    }
}
