import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchExtract
import RegWatchIngest
import RegWatchPipeline

/// `regwatch extract`: prints the events and watch items of a feed, an HTML page or plain text.
struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract events (ban, block, workaround, …) and watch items from a feed, an HTML page or text.",
        discussion: """
            Reads one document — a feed (RSS, Atom, JSON Feed), an HTML page, or plain text with --text — and \
            prints, per document (feed entry), the events it states and its forward-looking "watch" sentences. \
            Without --json, a readable table; with --json, the JSON of shared/contracts/events-json.md.

            The entity list and the rules are data, loaded at run time: pass your own with --entities FILE and \
            --rules FILE (or REGWATCH_ENTITIES / REGWATCH_RULES); the bundled ones document their format at the top.

            Examples:
              regwatch extract Feeds/samples/techpolicy-wire.xml
              regwatch extract --json page.html
              echo "Italy's Garante banned ChatGPT." | regwatch extract --text -
            """
    )

    @Flag(help: "Print JSON (shared/contracts/events-json.md) instead of a table; the same as --format json.")
    var json = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, jsonl
    }

    @Option(help: "Output format: table (default), json (one JSON value), jsonl (one document per line).")
    var format: Format?

    @Flag(help: "Treat the input as plain text (one document), not as a feed or an HTML page.")
    var text = false

    @Option(help: "Entity list to use instead of the bundled one (also REGWATCH_ENTITIES).")
    var entities: String?

    @Option(help: "Rules file to use instead of the bundled one (also REGWATCH_RULES).")
    var rules: String?

    @Option(help: "The URL the document came from (for relative links and the output's `url`).")
    var url: String?

    @Argument(help: "The document to read, or `-` for standard input.")
    var path: String

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) disagree; give one of them") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let extractor: EventExtractor
        do {
            let entityList = try (entities ?? environment["REGWATCH_ENTITIES"]).map { try EntityList.load(path: $0) } ?? EntityList.bundled()
            let ruleSet = try (rules ?? environment["REGWATCH_RULES"]).map { try RuleSet.load(path: $0) } ?? RuleSet.bundled()
            extractor = EventExtractor(entities: entityList, rules: ruleSet)
        } catch let error as ExtractError {
            printDiagnostic("\(error.description)")
            throw ExitCode(ExitCodes.input)
        }
        let bytes: [UInt8]
        do {
            bytes = try FeedFile.read(path, limit: FeedParser.Limits.default.maxBytes).bytes
        } catch {
            printDiagnostic("\(error.description)")
            throw ExitCode(ExitCodes.input)
        }
        let documents = Self.documents(from: bytes, asText: text, url: url, extractor: extractor)
        switch format ?? (json ? .json : .table) {
        case .json: emit(ExtractOutput.json(documents))
        case .jsonl: for d in documents { emit(ExtractOutput.jsonLine(d)) }
        case .table: emit(ExtractOutput.table(documents), terminator: "")
        }
    }

    /// One output document per feed entry, or one for a page or a text.
    static func documents(from bytes: [UInt8], asText: Bool, url: String?, extractor: EventExtractor) -> [ExtractOutput.Document] {
        if !asText {
            let doc = FeedParser.parse(bytes, url: url)
            if doc.format != .unknown && !doc.entries.isEmpty {
                return doc.entries.map { entry in
                    let result = extractor.extract(entry: entry)
                    return ExtractOutput.Document(url: entry.link ?? url, title: entry.title?.value, published: entry.published,
                                                  events: result.events, watch: result.watch)
                }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let result = extractor.extract(text: text)
        return [ExtractOutput.Document(url: url, title: nil, published: nil, events: result.events, watch: result.watch)]
    }
}

/// Renders extraction results as the contract JSON or as a table.
enum ExtractOutput {
    struct Document {
        var url: String?
        var title: String?
        var published: Date?
        var events: [ExtractedEvent]
        var watch: [WatchItem]
    }

    static func json(_ documents: [Document]) -> String {
        var out = "{\"documents\": ["
        for (i, d) in documents.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "  {\"url\": \(string(d.url)), \"title\": \(string(d.title)), \"published\": \(string(d.published.map(iso8601)))"
            out += ",\n   \"events\": ["
            for (k, e) in d.events.enumerated() {
                out += k == 0 ? "\n    " : ",\n    "
                out += event(e)
            }
            out += d.events.isEmpty ? "]" : "\n   ]"
            out += ",\n   \"watch\": ["
            for (k, w) in d.watch.enumerated() {
                out += k == 0 ? "\n    " : ",\n    "
                out += "{\"text\": \(string(w.text)), \"entities\": \(array(w.entities)), \"date\": \(string(w.date))}"
            }
            out += d.watch.isEmpty ? "]}" : "\n   ]}"
        }
        out += documents.isEmpty ? "]}" : "\n]}"
        return out
    }

    /// One document as a single line of JSON (the same keys as in `json`).
    static func jsonLine(_ d: Document) -> String {
        "{\"url\": \(string(d.url)), \"title\": \(string(d.title)), \"published\": \(string(d.published.map(iso8601))), "
            + "\"events\": [" + d.events.map(event).joined(separator: ", ") + "], "
            + "\"watch\": [" + d.watch.map { "{\"text\": \(string($0.text)), \"entities\": \(array($0.entities)), \"date\": \(string($0.date))}" }.joined(separator: ", ") + "]}"
    }

    static func event(_ e: ExtractedEvent) -> String {
        let confidence = String(format: "%.2f", e.confidence)
        return "{\"type\": \(string(e.type.rawValue)), \"status\": \(string(e.status.rawValue)), \"actor\": \(string(e.actor)), "
            + "\"targets\": \(array(e.targets)), \"product\": \(string(e.product)), \"countries\": \(array(e.countries)), "
            + "\"method\": \(array(e.method)), \"parties\": \(array(e.parties)), \"evidence\": \(string(e.evidence)), "
            + "\"confidence\": \(confidence)" + (e.occurred.map { ", \"occurred\": \(string($0))" } ?? "") + "}"
    }

    static func iso8601(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func array(_ values: [String]) -> String {
        "[" + values.map { string($0) }.joined(separator: ", ") + "]"
    }

    static func string(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func table(_ documents: [Document]) -> String {
        var out = ""
        for d in documents {
            var header = d.title ?? d.url ?? "(text)"
            if let p = d.published { header += "  [\(iso8601(p))]" }
            out += header + "\n"
            if let u = d.url, d.title != nil { out += "  \(u)\n" }
            if d.events.isEmpty { out += "  no events\n" }
            for e in d.events {
                var line = "  \(pad(e.type.rawValue, 12)) \(pad(e.status.rawValue, 9)) \(e.actor ?? "—")"
                if !e.targets.isEmpty { line += " → " + e.targets.joined(separator: ", ") }
                if let p = e.product { line += "  [\(p)]" }
                if !e.countries.isEmpty { line += "  " + e.countries.joined(separator: ",") }
                if !e.method.isEmpty { line += "  via " + e.method.joined(separator: ", ") }
                line += String(format: "  (%.2f)", e.confidence)
                out += line + "\n"
                out += "      “\(clip(e.evidence, 160))”\n"
            }
            for w in d.watch {
                out += "  watch" + (w.date.map { " \($0)" } ?? "") + ": \(clip(w.text, 160))\n"
            }
            out += "\n"
        }
        return out
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    private static func clip(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
