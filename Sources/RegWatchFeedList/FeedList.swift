import Foundation
import RegWatchIngest

/// One source of `Feeds/feeds.txt`: a URL or local path, its tags and its options.
public struct FeedSource: Sendable, Hashable {
    public var url: String
    public var tags: [String]
    public var options: [String: String]
    /// 1-based line in the list it came from (0 when it did not come from a file).
    public var line: Int
    /// The folder of the list file the source came from: a relative local path is read from there, so the list
    /// works from any working directory. `nil`: the working directory.
    public var listFolder: String?

    public init(url: String, tags: [String] = [], options: [String: String] = [:], line: Int = 0) {
        self.url = url
        self.tags = tags
        self.options = options
        self.line = line
    }

    /// Where the source is read from: its URL, or for a relative local path, that path inside the list's folder.
    /// A path found only under the working directory (a list written before paths followed the list) is still read
    /// from there.
    public var location: String {
        guard let folder = listFolder, !url.hasPrefix("/"), !url.hasPrefix("~"), Self.isLocalPath(url) else { return url }
        let inFolder = (folder as NSString).appendingPathComponent(url)
        if !FileManager.default.fileExists(atPath: inFolder) && FileManager.default.fileExists(atPath: url) { return url }
        return inFolder
    }

    /// A path rather than a URL: no `scheme:` of two letters or more (`C:` is a drive, not a scheme).
    static func isLocalPath(_ source: String) -> Bool {
        guard let colon = source.firstIndex(of: ":") else { return true }
        let scheme = source[..<colon]
        return scheme.count < 2 || !scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
    }

    /// `interval=`: how often the feed is due, in seconds (default one hour).
    public var interval: TimeInterval {
        options["interval"].flatMap(FeedList.parseDuration) ?? FeedList.defaultInterval
    }

    /// `full_text=yes`: each new item's page is fetched and its main text stored instead of the teaser.
    public var fullText: Bool { ["yes", "true"].contains(options["full_text"]?.lowercased() ?? "") }

    /// `max_bytes=`: the body cap for this feed, when set.
    public var maxBytes: Int? { options["max_bytes"].flatMap(FeedList.parseSize) }

    /// The line as written back to the list: it reads back (``FeedList/parseLine(_:line:file:)``) as this source.
    public var listLine: String {
        var parts = [Self.written(url)] + tags.map(Self.written)
        for key in options.keys.sorted() {
            // A value is one line whatever it holds: line breaks become spaces, which the quotes keep.
            parts.append("\(key)=" + Self.written(options[key]!.split(whereSeparator: \.isNewline).joined(separator: " ")))
        }
        return parts.joined(separator: " ")
    }

    /// A word as the list's reader reads it back: in double quotes, with `\` and `"` escaped, when it holds what
    /// would end it (a space), start a comment (`#`) or open quotes; as it is otherwise. A path with a space was
    /// written bare, and read back as a path and a tag.
    public static func written(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "#" || $0 == "\"" }) else { return word }
        // Escaped scalar by scalar: replacingOccurrences matches Characters, and misses a quote that a combining mark
        // follows.
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in word.unicodeScalars {
            if scalar == "\\" || scalar == "\"" { quoted.append("\\") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }
}

/// A malformed line of the feed list, in compiler-diagnostic form: `Feeds/feeds.txt:12: …`.
public struct FeedListError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}

/// The feed list, `Feeds/feeds.txt`: one source a line, like newsboat's `urls`.
///
/// ```
/// # comment
/// https://agency.example/rss.xml  eu antitrust  interval=2h full_text=yes
/// https://regulator.example/press  type=html item="//li[@class='release']" date=.//time/@datetime full_text=yes
/// samples/techpolicy-wire.xml  sample
/// ```
///
/// `type=html` reads a web page: one brief, or with `item=` a page listing many, one entry per node `item` selects
/// (`title`, `link`, `date` and `summary` relative to it; XPath, or simple CSS selectors). `full_text=yes` fetches
/// each new item's page once and stores its main text instead of the teaser.
///
/// The first word is an http(s) URL, a `file:` URL or a local path (relative to the list's own folder, so
/// `regwatch pull --feeds /srv/regwatch/feeds.txt` works from anywhere); then tags (bare words) and `key=value` options in any order. Values with spaces
/// are double-quoted. `#` starts a comment at the start of a line or after a space.
public enum FeedList {
    public static let defaultPath = "Feeds/feeds.txt"
    public static let defaultInterval: TimeInterval = 3600

    /// Options a line may carry, and what each accepts.
    public static let knownOptions: [String: String] = [
        "type": "feed, html or auto",
        "interval": "a duration such as 30m, 2h or 1d (at least 1m, at most 366d)",
        "full_text": "yes or no",
        "item": "an XPath expression or a simple CSS selector (type=html)",
        "title": "an XPath expression or a simple CSS selector (type=html)",
        "link": "an XPath expression or a simple CSS selector (type=html)",
        "date": "an XPath expression or a simple CSS selector (type=html)",
        "summary": "an XPath expression or a simple CSS selector (type=html)",
        "max_bytes": "a size such as 500000, 512k or 20M (at most 2047M)",
        "name": "a display name",
    ]

    /// Reads and parses a list file.
    /// - Throws: `FeedListError` naming the file and line.
    public static func load(_ path: String) throws -> [FeedSource] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FeedListError(file: path, line: 0,
                                reason: "cannot read the feed list; create it, or pass --feeds FILE")
        }
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(String(decoding: data, as: UTF8.self), file: path).map { source in
            var source = source
            source.listFolder = folder.isEmpty ? nil : folder
            return source
        }
    }

    public static func parse(_ text: String, file: String = defaultPath) throws -> [FeedSource] {
        var sources: [FeedSource] = []
        var seen: [String: Int] = [:]
        for (index, raw) in lines(text).enumerated() {
            let number = index + 1
            guard let source = try parseLine(String(raw), line: number, file: file) else { continue }
            if let first = seen[source.url] {
                throw FeedListError(file: file, line: number, reason: "\(source.url) is already listed on line \(first); keep one line per source")
            }
            seen[source.url] = number
            sources.append(source)
        }
        return sources
    }

    /// The lines of a list, split at each line feed; a carriage return before it stays, for `parseLine` to drop.
    /// Not `split(separator: "\n")`: CR LF is one `Character`, which is not "\n", so a list saved with Windows
    /// line ends would be one line.
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// Parses one line; `nil` for blank and comment lines.
    public static func parseLine(_ raw: String, line: Int, file: String = defaultPath) throws -> FeedSource? {
        let words = try tokenize(raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r")), line: line, file: file)
        guard let first = words.first else { return nil }
        func fail(_ reason: String) -> FeedListError { FeedListError(file: file, line: line, reason: reason) }
        // A line holds no control character and nothing an editor shows as a line break (a lone CR, NEL, U+2028):
        // written back (listLine) it would not be one line, and in a URL it would reach the request line.
        for word in words {
            if let bad = word.unicodeScalars.first(where: { $0 != "\t" && Self.breaksLine($0) }) {
                throw fail("'\(word.unicodeScalars.map { Self.breaksLine($0) ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }.joined())' "
                           + "holds the control character U+\(String(format: "%04X", bad.value)); remove it from the line")
            }
        }
        // The list's syntax is ASCII, read scalar by scalar: a combining mark after '=' or ':' does not hide it.
        if first.unicodeScalars.contains("=") && !first.unicodeScalars.contains("/") {
            throw fail("a line starts with the feed URL or path, not with the option '\(first)'")
        }
        if let colon = first.unicodeScalars.firstIndex(of: ":"), first.unicodeScalars[..<colon].count > 1 {
            let scheme = String(first.unicodeScalars[..<colon]).lowercased()
            guard ["http", "https", "file"].contains(scheme) else {
                throw fail("unsupported scheme '\(scheme):' in \(first); use http, https, file or a local path")
            }
            if scheme != "file" {
                guard let url = URL(string: first), url.host?.isEmpty == false else {
                    throw fail("'\(first)' is not a valid URL")
                }
            }
        }
        if let empty = words.firstIndex(of: "") {
            throw fail(empty == 0 ? "a line starts with the feed URL or path, not with an empty \"\"" : "an empty word (\"\") on the line")
        }
        var source = FeedSource(url: first, line: line)
        for word in words.dropFirst() {
            if let eq = word.unicodeScalars.firstIndex(of: "=") {
                let key = String(word.unicodeScalars[..<eq])
                let value = String(word.unicodeScalars[word.unicodeScalars.index(after: eq)...])
                guard let accepted = knownOptions[key] else {
                    throw fail("unknown option '\(key)'; known options are \(knownOptions.keys.sorted().joined(separator: ", "))")
                }
                guard !value.isEmpty, valid(key: key, value: value) else {
                    throw fail("bad value '\(value)' for \(key): expected \(accepted)")
                }
                guard source.options[key] == nil else { throw fail("option '\(key)' is given twice") }
                source.options[key] = value
            } else {
                source.tags.append(word)
            }
        }
        let pageFields = ["item", "title", "link", "date", "summary"].filter { source.options[$0] != nil }
        if !pageFields.isEmpty && source.options["type"] != "html" {
            throw fail("\(pageFields.joined(separator: ", ")) read a list page: add type=html to the line")
        }
        if source.options["type"] == "html" && source.options["item"] == nil && pageFields.count > 0 {
            throw fail("a list page needs item= (the expression selecting one node per listed brief)")
        }
        return source
    }

    /// A C0 or C1 control, DEL, or a line or paragraph separator.
    static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    static func valid(key: String, value: String) -> Bool {
        switch key {
        case "type": return ["feed", "html", "auto"].contains(value)
        case "interval": return (parseDuration(value) ?? 0) >= 60
        case "full_text": return ["yes", "no", "true", "false"].contains(value)
        case "max_bytes": return (parseSize(value) ?? 0) > 0
        case "item", "title", "link", "date", "summary":
            return (try? HTMLListPageConfig.xpath(value, relative: key != "item")) != nil
        default: return true
        }
    }

    /// Splits a line into words at spaces and tabs outside double quotes, up to a `#` that follows a space.
    /// Read scalar by scalar, not by `Character`: a combining mark after a quote or a space would make one grapheme
    /// with it, and the quote or the space would go unseen.
    static func tokenize(_ line: String, line number: Int, file: String) throws -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inQuotes = false
        var previous: Unicode.Scalar = " "
        let scalars = Array(line.unicodeScalars)
        var i = 0
        var hasWord = false
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                // `\"` is a quote and `\\` a backslash; any other backslash is itself.
                if c == "\\" && i + 1 < scalars.count && (scalars[i + 1] == "\"" || scalars[i + 1] == "\\") {
                    current.append(scalars[i + 1])
                    i += 2
                    continue
                }
                if c == "\"" { inQuotes = false } else { current.append(c) }
            } else if c == "\"" {
                inQuotes = true
                hasWord = true
            } else if c == "#" && (previous == " " || previous == "\t") {
                break
            } else if c == " " || c == "\t" {
                if hasWord { words.append(String(current)); current = String.UnicodeScalarView(); hasWord = false }
            } else {
                current.append(c)
                hasWord = true
            }
            previous = c
            i += 1
        }
        if inQuotes { throw FeedListError(file: file, line: number, reason: "unterminated quote") }
        if hasWord { words.append(String(current)) }
        return words
    }

    /// The longest duration read (`interval=`, `pull --alert-timeout`): a year and a day. Longer ones, `inf` and
    /// `nan` are no duration: as seconds they overflow the conversions that schedule a feed or time a command.
    public static let maxDuration: TimeInterval = 366 * 86_400

    /// `90`, `30s`, `45m`, `2h`, `1d`, `1w` → seconds; nil for anything else, or negative, or over ``maxDuration``.
    public static func parseDuration(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let last = text.last else { return nil }
        let seconds: Double?
        if let unit = units[last], let n = Double(text.dropLast()) { seconds = n * unit } else { seconds = Double(text) }
        guard let seconds, seconds >= 0, seconds <= maxDuration else { return nil }
        return seconds
    }

    /// The largest body size read (`max_bytes=`, `pull --max-bytes`): the most libxml2 reads as one document
    /// (its sizes are 32-bit). Larger ones would overflow the arithmetic around the limit.
    public static let maxSize = Int(Int32.max)

    /// `500000`, `512k`, `20M` → bytes; nil for anything else, or over ``maxSize`` (checked without overflow:
    /// `max_bytes=9000000000000M` trapped).
    public static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["k": 1024, "K": 1024, "m": 1 << 20, "M": 1 << 20]
        guard let last = text.last else { return nil }
        var size = Int(text)
        if size == nil, let unit = units[last], let n = Int(text.dropLast()) {
            let (product, overflow) = n.multipliedReportingOverflow(by: unit)
            size = overflow ? nil : product
        }
        guard let size, size <= maxSize else { return nil }
        return size
    }

    // MARK: Editing

    /// Appends a source line to the list file (creating it), after checking it parses.
    public static func append(_ source: FeedSource, to path: String) throws {
        var text = (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let existing = try parse(text, file: path)
        if let same = existing.first(where: { $0.url == source.url }) {
            throw FeedListError(file: path, line: same.line, reason: "\(source.url) is already listed")
        }
        if !text.isEmpty && text.unicodeScalars.last != "\n" { text += "\n" }
        text += source.listLine + "\n"
        try write(text, to: path)
    }

    /// Appends the sources that the list does not have yet, reading and writing the file once (an import of
    /// thousands of feeds appended one at a time read the growing file each time: quadratic). Returns those added.
    @discardableResult
    public static func append(contentsOf sources: [FeedSource], to path: String) throws -> [FeedSource] {
        var text = (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var known = Set(try parse(text, file: path).map(\.url))
        let added = sources.filter { known.insert($0.url).inserted }
        guard !added.isEmpty else { return [] }
        if !text.isEmpty && text.unicodeScalars.last != "\n" { text += "\n" }
        for source in added { text += source.listLine + "\n" }
        try write(text, to: path)
        return added
    }

    /// Removes the line of `url`, keeping comments and other lines as they are. Returns `false` when absent.
    public static func remove(_ url: String, from path: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        var lines = lines(text)
        guard let index = try lines.indices.first(where: { try parseLine(lines[$0], line: $0 + 1, file: path)?.url == url }) else {
            return false
        }
        lines.remove(at: index)
        try write(lines.joined(separator: "\n"), to: path)
        return true
    }

    static func write(_ text: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
