import Foundation
import RegWatchCore

/// An Atom 1.0 feed of weekly digests (RFC 4287, https://www.rfc-editor.org/rfc/rfc4287), so a feed reader can
/// subscribe to the Monday digest.
///
/// Each entry is one week: its id names the week, its `updated` is the Monday after the week (when the digest is
/// complete), and its content is the HTML digest, escaped. The feed's `updated` is its newest entry's, so the same
/// store and weeks give the same bytes.
public enum DigestAtom {
    /// - Parameters:
    ///   - digests: the weeks to publish, in any order; the feed lists them newest first.
    ///   - selfURL: where the feed will be served, for `<link rel="self">`, when known.
    public static func render(_ digests: [WeeklyDigest], selfURL: String? = nil) -> String {
        let sorted = digests.sorted { $0.week > $1.week }
        let updated = sorted.first.map { CivilDay.timestamp($0.week.end) } ?? "1970-01-01T00:00:00Z"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <id>urn:regwatch:digest</id>\n"
        out += "  <title>RegWatch weekly digest</title>\n"
        out += "  <subtitle>Bans, blocks, workarounds and other regulatory events in technology news, week by week.</subtitle>\n"
        out += "  <updated>\(updated)</updated>\n"
        out += "  <author><name>RegWatch</name></author>\n"
        out += "  <generator>RegWatch</generator>\n"
        if let selfURL = DigestHTML.safeURL(selfURL) {
            out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(DigestHTML.escape(selfURL))\"/>\n"
        }
        for digest in sorted {
            let stamp = CivilDay.timestamp(digest.week.end)
            let byType = digest.headline.byType.filter { $0.count > 0 }.map { "\($0.count) \($0.type.rawValue)" }
            let summary = DigestMarkdown.count(digest.headline.total, "new event")
                + (byType.isEmpty ? "" : ": " + byType.joined(separator: ", "))
                + " (\(digest.firstDay) to \(digest.lastDay))."
            out += "  <entry>\n"
            out += "    <id>urn:regwatch:digest:\(digest.week)</id>\n"
            out += "    <title>RegWatch weekly digest \(digest.week): \(DigestMarkdown.count(digest.headline.total, "new event"))</title>\n"
            out += "    <published>\(stamp)</published>\n"
            out += "    <updated>\(stamp)</updated>\n"
            out += "    <summary type=\"text\">\(DigestHTML.escape(summary))</summary>\n"
            // The HTML digest, escaped once more as Atom `type="html"` content requires.
            out += "    <content type=\"html\">\(DigestHTML.escape(DigestHTML.body(digest)))</content>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }
}
