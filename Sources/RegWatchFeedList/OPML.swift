// OPML 2.0: http://opml.org/spec2.opml
import Foundation
import RegWatchCore
import RegWatchIngest

/// OPML import and export of the feed list. Tags travel as the outline's `category` (comma-separated,
/// OPML 2.0); folder outlines of other readers become tags too. Options travel in a
/// `regwatch:options` attribute, so an export read back gives the same list.
public enum OPML {
    static let namespace = "https://github.com/regwatch/regwatch/opml"

    public static func export(_ sources: [FeedSource], title: String = "RegWatch feeds") -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0" xmlns:regwatch="\(namespace)">
              <head>
                <title>\(escape(title))</title>
              </head>
              <body>

            """
        for source in sources {
            let name = source.options["name"] ?? source.url
            var attributes = "text=\"\(escape(name))\" type=\"rss\" xmlUrl=\"\(escape(source.url))\""
            if !source.tags.isEmpty { attributes += " category=\"\(escape(source.tags.joined(separator: ",")))\"" }
            let options = FeedSource(url: "", options: source.options.filter { $0.key != "name" }).listLine
                .trimmingCharacters(in: .whitespaces)
            if !options.isEmpty { attributes += " regwatch:options=\"\(escape(options))\"" }
            out += "    <outline \(attributes)/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// What an OPML document gives: the feeds to import, and the outlines refused, each with its line and reason.
    public struct Import: Sendable {
        public var sources: [FeedSource] = []
        public var rejected: [FeedListError] = []
    }

    /// Reads the feeds of an OPML document. An outline whose `xmlUrl` is not one plain http(s) URL, or whose tags,
    /// name or options would not make a valid feed-list line, is refused and reported; the others are kept.
    /// - Throws: `FeedListError` naming the file and line when the document is not well-formed XML.
    public static func read(_ data: Data, file: String) throws -> Import {
        let outlines: [OPMLOutline]
        do {
            outlines = try OPMLReader.outlines([UInt8](data))
        } catch {
            throw FeedListError(file: file, line: error.line, reason: "not well-formed OPML: \(error.reason)")
        }
        var reader = Reader(file: file)
        reader.read(outlines, folders: [])
        return reader.result
    }

    /// The feeds of an OPML document, or the first outline refused as an error.
    public static func parse(_ data: Data, file: String) throws -> [FeedSource] {
        let result = try read(data, file: file)
        if let first = result.rejected.first { throw first }
        return result.sources
    }

    /// Why `url` cannot be imported as it stands, or nil when it is one http(s) URL with a host.
    ///
    /// The URL becomes the first word of a feed-list line, so whatever could end that word (a space), start a new
    /// line (an encoded `&#10;`), open a quoted value or a comment, or be read as an option must not be in it.
    /// Rather than percent-encoding such characters, which would fetch a URL the file's author did not write, the
    /// outline is refused: only the characters RFC 3986 allows in a URL are accepted
    /// (https://www.rfc-editor.org/rfc/rfc3986#appendix-A), so a URL with non-ASCII characters must be written
    /// percent-encoded in the OPML. Local paths and `file:` URLs are refused too: a feed list from elsewhere must not
    /// make `pull` read local files.
    public static func problem(withURL url: String) -> String? {
        if let bad = url.unicodeScalars.first(where: { !allowedInURL.contains($0) }) {
            let shown = bad.value < 0x21 || bad.value > 0x7E ? String(format: "U+%04X", bad.value) : "'\(bad)'"
            return "xmlUrl \(quoted(url)) contains \(shown), which a URL cannot hold; percent-encode it in the OPML file"
        }
        guard let colon = url.firstIndex(of: ":"), ["http", "https"].contains(url[..<colon].lowercased()) else {
            return "xmlUrl \(quoted(url)) is not an http or https URL; only web feeds are imported from OPML"
        }
        guard let parsed = URL(string: url), let host = parsed.host, !host.isEmpty, url.hasPrefix(url[..<colon] + "://") else {
            return "xmlUrl \(quoted(url)) is not a valid URL with a host"
        }
        return nil
    }

    /// RFC 3986 unreserved, reserved and `%`.
    static let allowedInURL = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")

    /// A value as shown in a message, its controls made visible.
    static func quoted(_ s: String) -> String {
        "'" + String(String.UnicodeScalarView(s.unicodeScalars.flatMap { c -> [Unicode.Scalar] in
            c.value < 0x20 || (0x7F...0x9F).contains(c.value) ? Array(String(format: "\\u{%X}", c.value).unicodeScalars) : [c]
        }).prefix(200)) + "'"
    }

    /// A category or folder name as a feed-list tag: one word, which cannot be read as an option or a comment.
    static func tag(_ text: String) -> String {
        let word = String(String.UnicodeScalarView(text.unicodeScalars.map { c -> Unicode.Scalar in
            CharacterSet.whitespacesAndNewlines.contains(c) || CharacterSet.controlCharacters.contains(c)
                || c == "=" || c == "\"" || c == "#" ? "-" : c
        }))
        return word.trimmingCharacters(in: CharacterSet(charactersIn: "/-"))
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Turns outlines into sources: an outline with an `xmlUrl` is a feed, one without is a folder whose name
    /// becomes a tag of the feeds inside it.
    private struct Reader {
        let file: String
        var result = Import()
        var seen = Set<String>()

        init(file: String) { self.file = file }

        mutating func read(_ outlines: [OPMLOutline], folders: [String]) {
            for outline in outlines {
                let attributes = outline.attributes
                guard let rawURL = attributes["xmlUrl"], !rawURL.isEmpty else {
                    read(outline.children, folders: folders + [attributes["text"] ?? attributes["title"]].compactMap { $0 })
                    continue
                }
                feed(outline, url: rawURL, folders: folders)
                read(outline.children, folders: folders)
            }
        }

        mutating func feed(_ outline: OPMLOutline, url rawURL: String, folders: [String]) {
            let attributes = outline.attributes
            let line = outline.line
            func reject(_ reason: String) { result.rejected.append(FeedListError(file: file, line: line, reason: reason)) }
            let url = rawURL.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            if let problem = OPML.problem(withURL: url) { return reject(problem) }
            var tags: [String] = []
            for tag in ((attributes["category"] ?? "").split(separator: ",").map(String.init) + folders).map(OPML.tag)
            where !tag.isEmpty && !tags.contains(tag) {
                tags.append(tag)
            }
            // regwatch:options (written by `feeds export`) is read as the options part of a line, so it must be one line.
            let options = attributes["regwatch:options"] ?? ""
            if options.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
                return reject("regwatch:options \(OPML.quoted(options)) holds a line break or control character")
            }
            do {
                guard var source = try FeedList.parseLine(([url] + tags + [options]).joined(separator: " "), line: line, file: file),
                      source.url == url else {
                    return reject("xmlUrl \(OPML.quoted(url)) does not make a feed-list line")
                }
                if let text = attributes["text"] ?? attributes["title"], text != url, source.options["name"] == nil {
                    let name = TerminalText.clean(text, lines: .joined).trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty { source.options["name"] = name }
                }
                if seen.insert(source.url).inserted { result.sources.append(source) }
            } catch let error as FeedListError {
                result.rejected.append(error)
            } catch {
                reject("\(error)")
            }
        }
    }
}
