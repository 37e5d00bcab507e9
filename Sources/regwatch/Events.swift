import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchExtract
import RegWatchPipeline
import RegWatchStore

/// `regwatch events`: stored events, merged across sources, newest first.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List stored events (merged across sources), newest first.",
        discussion: """
            Every article pulled is read by the extractor; mentions of one real-world event (same type, the same \
            actor or one acting for the same government or company, a shared target or product, within --window \
            days) are kept as one event with all its sources.

            --company matches the actor, any target, or any party the sources name around the event (the members \
            of a described group: "Chinese firms, ByteDance among them"), through the entity list's aliases and in \
            any case ("Ant Group" finds Ant Financial's events), and what the company owns ("Alibaba" finds Ant \
            Financial's events too). Filters combine with AND.

            Examples:
              regwatch events --company ByteDance
              regwatch events --type ban,block --country CN --since 2026-07-01
              regwatch events --format json > events.json
            """)

    @Option(help: ArgumentHelp("Actor or target, by any of its names.", valueName: "name")) var company: String?
    @Option(help: ArgumentHelp("Event types, comma-separated: \(EventKind.allCases.map(\.rawValue).joined(separator: ",")).",
                               valueName: "types")) var type: String?
    @Option(help: ArgumentHelp("ISO 3166-1 alpha-2 country code.", valueName: "CC")) var country: String?
    @Option(help: ArgumentHelp("Product, by any of its names.", valueName: "name")) var product: String?
    @Option(help: ArgumentHelp("in_effect, planned, proposed or denied.", valueName: "status")) var status: String?
    @Option(help: ArgumentHelp("Seen on or after (YYYY-MM-DD or ISO 8601).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("First seen before (YYYY-MM-DD or ISO 8601).", valueName: "date")) var until: String?
    @Option(help: "At most this many.") var limit: Int?
    @Option(help: "Output format: table, json, jsonl, csv or md.") var format: EventFormat = .table
    @OptionGroup var entityOptions: EntityOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        _ = try parsedTypes(type, option: "--type")
        if let status, EventStatus(rawValue: status) == nil {
            throw ValidationError("--status '\(status)' is not a status; use one of \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let country, !(country.count == 2 && country.allSatisfy(\.isLetter)) {
            throw ValidationError("--country '\(country)' is not a two-letter ISO 3166-1 code (e.g. CN, US, EU)")
        }
        try checkDateArgument(since, option: "--since")
        try checkDateArgument(until, option: "--until")
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let db = try store.open()
        let resolver = try entityOptions.resolver()
        var query = EventQuery()
        if let company { query.entities = resolver.keysWithOwned(company) }
        if let product { query.products = [resolver.key(product)] }
        query.types = try parsedTypes(type, option: "--type")
        query.country = country?.uppercased()
        query.status = status.flatMap(EventStatus.init(rawValue:))
        query.since = since.flatMap(parseDateArgument)
        query.until = until.flatMap(parseDateArgument)
        query.limit = limit
        emit(EventOutput.render(try db.events(matching: query), format: format), terminator: "")
    }
}

/// `regwatch event ID`: one event with its timeline, sources and related events.
struct Event: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one event: its status history, every source with its evidence, and related events.",
        discussion: """
            Examples:
              regwatch event ev_3f2a9c0d1e4b5a67
              regwatch event ev_3f2a9c0d1e4b5a67 --format json
            """)

    @Argument(help: "The event id (the ID column of `regwatch events`).") var id: String
    @Option(help: "Output format: table, json or md.") var format: EventFormat = .table
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        guard let event = try db.event(id: id) else {
            printError("no event \(id) in \(store.displayLocation); `regwatch events` lists the stored events")
            throw ExitCode(ExitCodes.input)
        }
        switch format {
        case .json, .jsonl:
            emit(String(decoding: try jsonEncoder(pretty: format == .json).encode(EventJSON(event)), as: UTF8.self))
        case .csv, .table, .md:
            var related: [(RelatedEvent, StoredEvent?)] = []
            for r in event.related { related.append((r, try db.event(id: r.id))) }
            emit(EventOutput.detail(event, related: related, markdown: format == .md), terminator: "")
        }
    }
}

/// Output formats of the event commands.
enum EventFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv, md
}

/// `--entities FILE`: the entity list whose aliases resolve names given on the command line.
struct EntityOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Entity list for alias resolution (default: $REGWATCH_ENTITIES, else the bundled one).",
                               valueName: "file"))
    var entities: String?

    func list() throws -> EntityList {
        do {
            if let path = entities ?? ProcessInfo.processInfo.environment["REGWATCH_ENTITIES"].flatMap({ $0.isEmpty ? nil : $0 }) {
                return try EntityList.load(path: path)
            }
            return try EntityList.bundled()
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.input)
        }
    }

    func resolver() throws -> EntityResolver { EntityResolver(try list()) }

    /// The extractor with this entity list and the rules of $REGWATCH_RULES (else the bundled ones).
    func extractor(rules: String? = nil) throws -> EventExtractor {
        let entityList = try list()
        do {
            let path = rules ?? ProcessInfo.processInfo.environment["REGWATCH_RULES"].flatMap { $0.isEmpty ? nil : $0 }
            return EventExtractor(entities: entityList, rules: try path.map { try RuleSet.load(path: $0) } ?? RuleSet.bundled())
        } catch {
            printError("\(error)")
            throw ExitCode(ExitCodes.input)
        }
    }
}

func parsedTypes(_ text: String?, option: String) throws -> [EventKind] {
    guard let text else { return [] }
    return try text.split(separator: ",").map { part in
        let name = part.trimmingCharacters(in: .whitespaces).lowercased()
        guard let kind = EventKind(rawValue: name) else {
            throw ValidationError("\(option) '\(name)' is not an event type; use \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}

/// Renders events as a table, JSON, JSON lines, CSV or Markdown.
enum EventOutput {
    static func render(_ events: [StoredEvent], format: EventFormat) -> String {
        switch format {
        case .json:
            return String(decoding: (try? jsonEncoder(pretty: true).encode(events.map(EventJSON.init))) ?? Data("[]".utf8), as: UTF8.self) + "\n"
        case .jsonl:
            return events.map { String(decoding: (try? jsonEncoder(pretty: false).encode(EventJSON($0))) ?? Data(), as: UTF8.self) + "\n" }
                .joined()
        case .csv:
            return CSV.render(header, events.map(cells))
        case .md:
            var out = "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: header.count) + "\n"
            for e in events { out += "| " + cells(e).map { TerminalText.clean($0, lines: .joined).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            return out
        case .table:
            if events.isEmpty { return "no events\n" }
            return renderTable(["ID", "LAST SEEN", "TYPE", "STATUS", "ACTOR", "TARGETS", "PRODUCT", "SOURCES"], events.map { e in
                [e.id, day(e.lastSeen), e.type.rawValue, e.status.rawValue, clip(e.actor ?? "-", 28),
                 clip(e.targets.joined(separator: ", "), 36), clip(e.product ?? "", 20), String(e.sourceCount)]
            }) + "\n"
        }
    }

    static let header = ["id", "type", "status", "actor", "targets", "product", "countries", "first_seen", "last_seen",
                         "source_count", "evidence"]

    static func cells(_ e: StoredEvent) -> [String] {
        [e.id, e.type.rawValue, e.status.rawValue, e.actor ?? "", e.targets.joined(separator: "; "), e.product ?? "",
         e.countries.joined(separator: " "), iso8601(e.firstSeen), iso8601(e.lastSeen), String(e.sourceCount), e.evidence]
    }

    /// One event in full, for `regwatch event`.
    static func detail(_ e: StoredEvent, related: [(RelatedEvent, StoredEvent?)], markdown: Bool) -> String {
        let h = markdown ? "## " : ""
        let bullet = markdown ? "- " : "  "
        var out = "\(h)\(e.id): \(e.type.rawValue) by \(e.actor ?? "(no actor named)")"
        if !e.targets.isEmpty { out += " against \(e.targets.joined(separator: ", "))" }
        if let p = e.product { out += " (\(p))" }
        out += "\n\n"
        out += "\(bullet)status: \(e.status.rawValue)\n"
        out += "\(bullet)countries: \(e.countries.isEmpty ? "-" : e.countries.joined(separator: ", "))\n"
        if !e.method.isEmpty { out += "\(bullet)method: \(e.method.joined(separator: ", "))\n" }
        if !e.parties.isEmpty { out += "\(bullet)also named: \(e.parties.joined(separator: ", "))\n" }
        out += "\(bullet)first seen: \(iso8601(e.firstSeen)), last seen: \(iso8601(e.lastSeen)), \(e.sourceCount) source(s)\n"
        out += "\n\(markdown ? "### " : "")Timeline\n"
        for change in e.statusHistory { out += "\(bullet)\(day(change.at))  \(change.status.rawValue)\n" }
        out += "\n\(markdown ? "### " : "")Sources\n"
        for s in e.sources {
            out += "\(bullet)\(day(s.published)) \(s.outlet ?? "?"): \(s.title ?? "(untitled)")\n"
            if let url = s.url { out += "\(bullet)  \(url)\n" }
            out += "\(bullet)  “\(s.evidence)”\n"
            for other in s.otherEvidence { out += "\(bullet)  “\(other)”\n" }
        }
        if !related.isEmpty {
            out += "\n\(markdown ? "### " : "")Related\n"
            for (r, other) in related {
                out += "\(bullet)\(r.relation.rawValue.replacingOccurrences(of: "_", with: " ")) \(r.id)"
                if let other { out += ": \(other.type.rawValue) by \(other.actor ?? "-"), \(day(other.firstSeen))" }
                out += "\n"
            }
        }
        return out
    }

    static func day(_ date: Date?) -> String { String(iso8601(date).prefix(10)) }

    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}
