import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchPipeline
import RegWatchStore

/// `regwatch timeline --company NAME`: a company's events in order.
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a company's events in date order, with each workaround beside the block it answers.",
        discussion: """
            Events where the company is the actor or a target (through aliases), oldest first. A workaround \
            linked to a ban, block or restriction is printed indented under it; lifts likewise.

            Example:
              regwatch timeline --company ByteDance
            """)

    @Option(help: ArgumentHelp("The company, by any of its names.", valueName: "name")) var company: String
    @Option(help: "Output format: table, json, jsonl or md.") var format: EventFormat = .table
    @OptionGroup var entityOptions: EntityOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        let resolver = try entityOptions.resolver()
        var query = EventQuery()
        query.entities = resolver.keysWithOwned(company)
        query.ascending = true
        let events = try db.events(matching: query)
        switch format {
        case .json, .jsonl, .csv:
            emit(EventOutput.render(events, format: format == .csv ? .csv : format), terminator: "")
            return
        case .table, .md:
            break
        }
        if events.isEmpty {
            emit("no events for \(resolver.canonicalName(company))")
            return
        }
        // Answers (workarounds, lifts) sit under what they answer when that is in the list; else in date order.
        let ids = Set(events.map(\.id))
        var answers: [String: [StoredEvent]] = [:]
        var placed: Set<String> = []
        var extra: [String: StoredEvent] = [:]
        for e in events {
            if let target = e.related.first(where: { $0.relation == .circumvents || $0.relation == .lifts }) {
                if !ids.contains(target.id), let other = try db.event(id: target.id) { extra[other.id] = other }
                answers[target.id, default: []].append(e)
                placed.insert(e.id)
            }
        }
        var lines: [String] = ["\(resolver.canonicalName(company)): \(events.count) event(s)", ""]
        var roots = events.filter { !placed.contains($0.id) } + extra.values
        roots.sort { $0.firstSeen != $1.firstSeen ? $0.firstSeen < $1.firstSeen : $0.id < $1.id }
        for e in roots {
            lines.append(line(e, indent: ""))
            for a in (answers[e.id] ?? []).sorted(by: { $0.firstSeen < $1.firstSeen }) {
                let verb = a.type == .workaround ? "circumvented by" : "lifted by"
                lines.append(line(a, indent: "    └ \(verb): "))
            }
        }
        emit(lines.joined(separator: "\n"))
    }

    func line(_ e: StoredEvent, indent: String) -> String {
        var s = "\(indent)\(EventOutput.day(e.firstSeen))  \(e.type.rawValue)  \(e.actor ?? "-")"
        if !e.targets.isEmpty { s += " → \(e.targets.joined(separator: ", "))" }
        if let p = e.product { s += " (\(p))" }
        if !e.method.isEmpty { s += " via \(e.method.joined(separator: ", "))" }
        s += "  [\(e.status.rawValue), \(e.sourceCount) source\(e.sourceCount == 1 ? "" : "s")]  \(e.id)"
        return s
    }
}
