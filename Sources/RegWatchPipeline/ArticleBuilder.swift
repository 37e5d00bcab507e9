import Foundation
import RegWatchCore
import RegWatchIngest
import RegWatchStore

/// Turns a parsed document into article drafts: identity, canonical link, plain text, sketch.
public enum ArticleBuilder {
    /// Drafts for each entry, plus whether the document itself shows one GUID used by several
    /// different items (then GUIDs cannot identify this feed's items).
    public static func drafts(_ document: FeedDocument) -> (drafts: [ArticleDraft], reusesGUIDs: Bool) {
        var drafts: [ArticleDraft] = []
        var byGUID: [String: String] = [:]
        var reused = false
        for entry in document.entries {
            let draft = draft(entry)
            if let guid = draft.guid {
                let fingerprint = draft.canonicalURL ?? draft.title ?? draft.contentHash
                if let other = byGUID[guid], other != fingerprint { reused = true }
                byGUID[guid] = fingerprint
            }
            drafts.append(draft)
        }
        return (drafts, reused)
    }

    public static func draft(_ entry: FeedEntry) -> ArticleDraft {
        let guid = entry.id?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty
        let link = entry.link ?? entry.links.first(where: { $0.rel == "alternate" })?.href
        let canonical = link.flatMap(CanonicalURL.canonicalize)
        let title = entry.title.map(plain)?.nonEmpty
        // Paragraphs, headings and list items stay one a line: the extractor reads sections and sentence
        // boundaries from them.
        let text = DocumentText.of(entry)
        let published = entry.published ?? entry.updated
        var authors = entry.authors.compactMap { $0.name ?? $0.email }
        if authors.isEmpty, let author = entry.author?.nonEmpty { authors = [author] }
        let stamp = published.map { String(Int($0.timeIntervalSince1970)) } ?? ""
        let fallback = canonical.map { "link:\($0)" } ?? "hash:" + hex(fnv1a("\(title ?? "")\u{1F}\(stamp)\u{1F}\(title == nil ? text : "")"))
        let hash = hex(fnv1a([title ?? "", canonical ?? "", stamp, text].joined(separator: "\u{1F}")))
        return ArticleDraft(guidIdentity: guid.map { "guid:\($0)" }, fallbackIdentity: fallback, guid: guid,
                            canonicalURL: canonical, title: title, published: published, authors: authors, text: text,
                            contentHash: hash, sketch: TextSketch(title: title ?? "", text: text))
    }

    /// The plain text of a text construct: markup stripped, entities decoded, spaces collapsed.
    public static func plain(_ text: TextConstruct) -> String {
        text.isMarkup ? stripMarkup(text.value) : collapse(text.value)
    }

    // Works on UTF-8 bytes: '<', '>' and ASCII spaces never occur inside a multi-byte sequence.
    static func stripMarkup(_ html: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        var skipping: [UInt8]?  // inside <script> or <style>: the closing tag name
        var name: [UInt8] = []
        var nameDone = false
        let breaking: Set<[UInt8]> = Set(["p", "/p", "br", "br/", "div", "/div", "li", "/li", "h1", "h2", "h3", "h4", "/h1", "/h2",
                                          "/h3", "/h4", "tr", "td", "blockquote", "/blockquote"].map { Array($0.utf8) })
        for byte in html.utf8 {
            if inTag {
                if byte == UInt8(ascii: ">") {
                    inTag = false
                    if let closing = skipping {
                        if name == closing { skipping = nil }
                    } else if name == Array("script".utf8) || name == Array("style".utf8) {
                        skipping = [UInt8(ascii: "/")] + name
                    }
                    if breaking.contains(name) { out.append(0x20) }
                } else if !nameDone {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || name.count >= 12 {
                        nameDone = true
                    } else {
                        name.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
                    }
                }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
                name.removeAll(keepingCapacity: true)
                nameDone = false
            } else if skipping == nil {
                out.append(byte)
            }
        }
        return collapse(decodeEntities(String(decoding: out, as: UTF8.self)))
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
                                       "mdash": "—", "ndash": "–", "rsquo": "’", "lsquo": "‘", "ldquo": "“",
                                       "rdquo": "”", "hellip": "…", "euro": "€", "eacute": "é"]
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = s[s.index(after: i)..<semi]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = named[String(name)]
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    /// Runs of white space become one space; leading and trailing space go. ASCII white space and
    /// U+00A0 (no-break space) count; other Unicode spaces are rare in feeds and kept.
    static func collapse(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        var previous: UInt8 = 0
        for byte in s.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
            } else if previous == 0xC2 && byte == 0xA0 {
                out.removeLast()
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
            previous = byte
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// FNV-1a 64 of bytes, as 16 hex digits: the body checksum.
    public static func checksum(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return hex(h)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
