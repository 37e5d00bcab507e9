// OPML 2.0: http://opml.org/spec2.opml
import CLibXML2
import RegWatchCore

/// One `<outline>` of an OPML document: its attributes, and the outlines nested in it (folders hold feeds).
public struct OPMLOutline: Sendable, Hashable {
    /// Attribute values by name as written, prefix included: `text`, `xmlUrl`, `category`, `regwatch:options`.
    public var attributes: [String: String]
    /// The line of the outline's start tag.
    public var line: Int
    public var children: [OPMLOutline]
}

/// Reads the outlines of an OPML file (`regwatch feeds import`) the way every other document is read: through
/// `XMLDocument` (libxml2 with no network, no DTD loading, no entity expansion beyond a budget), its charset found
/// as a feed's is (byte-order mark, declaration, UTF-8, else windows-1252). Foundation's `XMLParser`, used before,
/// trapped on a byte that is not UTF-8 in an element name: an OPML file could crash the command.
public enum OPMLReader {
    /// A document that is not well-formed XML: where, and why (libxml2's message).
    public struct ReadError: Error, Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    /// Every outline of the document, wherever it sits, in document order and nested as written.
    /// - Throws: ``ReadError`` when the document is not well-formed; nothing is read from it then.
    public static func outlines(_ bytes: [UInt8]) throws(ReadError) -> [OPMLOutline] {
        let decoded = CharsetDecoder.decodeXML(bytes, contentType: nil)
        var result: Result<[OPMLOutline], ReadError> = .success([])
        XMLDocument.withDocument(decoded.utf8, options: Int32(XML_PARSE_BIG_LINES.rawValue)) { root, outcome in
            guard outcome.wellFormed, let root else {
                let reason = outcome.problem.map { String($0.drop { $0 != " " }.dropFirst()) } ?? "the document is empty"
                result = .failure(ReadError(line: outcome.line, reason: reason))
                return
            }
            result = .success(collect([root]))
        }
        return try result.get()
    }

    /// The outlines among `nodes` and below them; an outline's own outlines are its children. Depth is bounded by
    /// libxml2, which refuses documents nested deeper than 256 elements.
    static func collect(_ nodes: some Sequence<XMLNode>) -> [OPMLOutline] {
        var found: [OPMLOutline] = []
        for node in nodes {
            if node.named("outline") {
                var attributes: [String: String] = [:]
                for (name, value) in node.qualifiedAttributes where attributes[name] == nil { attributes[name] = value }
                found.append(OPMLOutline(attributes: attributes, line: node.line, children: collect(node.elements)))
            } else {
                found += collect(node.elements)
            }
        }
        return found
    }
}
