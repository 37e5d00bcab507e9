// OPML 2.0: http://opml.org/spec2.opml
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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

    /// Reads the feeds of an OPML document.
    /// - Throws: `FeedListError` naming the file (and the line, for XML errors or bad options).
    public static func parse(_ data: Data, file: String) throws -> [FeedSource] {
        let delegate = Reader(file: file)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        if !parser.parse() {
            if let error = delegate.error { throw error }
            throw FeedListError(file: file, line: parser.lineNumber,
                                reason: "not well-formed OPML: \(parser.parserError.map { String(describing: $0) } ?? "parse error")")
        }
        if let error = delegate.error { throw error }
        return delegate.sources
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private final class Reader: NSObject, XMLParserDelegate {
        let file: String
        var sources: [FeedSource] = []
        var folders: [String?] = []
        var error: FeedListError?
        var seen = Set<String>()

        init(file: String) { self.file = file }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            guard name == "outline" else { return }
            guard let url = attributes["xmlUrl"], !url.isEmpty else {
                folders.append(attributes["text"] ?? attributes["title"])
                return
            }
            folders.append(nil)
            var tags = (attributes["category"] ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                    .replacingOccurrences(of: " ", with: "-")
            }.filter { !$0.isEmpty }
            for folder in folders.compactMap({ $0 }) {
                let tag = folder.replacingOccurrences(of: " ", with: "-")
                if !tags.contains(tag) { tags.append(tag) }
            }
            var line = ([url] + tags).joined(separator: " ")
            if let options = attributes["regwatch:options"] { line += " " + options }
            do {
                guard var source = try FeedList.parseLine(line, line: parser.lineNumber, file: file) else { return }
                if let text = attributes["text"] ?? attributes["title"], text != url, source.options["name"] == nil {
                    source.options["name"] = text
                }
                if seen.insert(source.url).inserted { sources.append(source) }
            } catch let e as FeedListError {
                error = e
                parser.abortParsing()
            } catch {}
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "outline" { _ = folders.popLast() }
        }
    }
}
