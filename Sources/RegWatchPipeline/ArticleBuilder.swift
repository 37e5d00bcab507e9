import Foundation
import RegWatchCore
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
        let body = entry.content.first ?? entry.summary
        let text = body.map(plain) ?? ""
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

    static func stripMarkup(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        var skipping: String?  // inside <script> or <style>
        var tagName = ""
        for c in html {
            if inTag {
                if c == ">" {
                    inTag = false
                    let name = tagName.lowercased()
                    if let s = skipping { if name == "/" + s { skipping = nil } } else if name == "script" || name == "style" {
                        skipping = name
                    }
                    if ["p", "/p", "br", "br/", "div", "/div", "li", "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3", "/h4"].contains(name) {
                        out.append(" ")
                    }
                } else if tagName.count < 12 && !(c == " " || c == "\n" || c == "\t") && !tagName.hasSuffix(" ") {
                    tagName.append(c)
                } else {
                    tagName.append(" ")
                }
            } else if c == "<" {
                inTag = true
                tagName = ""
            } else if skipping == nil {
                out.append(c)
            }
        }
        return collapse(decodeEntities(out))
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

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
