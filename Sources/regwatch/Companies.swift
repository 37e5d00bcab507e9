import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchStore

/// `regwatch companies`: entities by number of events.
struct Companies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List companies and other entities by number of stored events, split by type and role.",
        discussion: """
            An entity counts once per event as actor and once as target (an event rarely has it as both). \
            Without --since the counts are read from totals kept up to date by every pull.

            Examples:
              regwatch companies --limit 20
              regwatch companies --since 2026-07-01 --format csv
            """)

    @Option(help: ArgumentHelp("Only events seen on or after (YYYY-MM-DD or ISO 8601).", valueName: "date")) var since: String?
    @Option(help: "At most this many entities.") var limit: Int?
    @Option(help: "Output format: table, json, jsonl, csv or md.") var format: EventFormat = .table
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try checkDateArgument(since, option: "--since")
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let db = try store.open()
        let rows = try db.companies(since: since.flatMap(parseDateArgument), limit: limit)
        func split(_ c: CompanyCount) -> String {
            c.byType.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ")
        }
        switch format {
        case .json: emit(String(decoding: try jsonEncoder(pretty: true).encode(rows), as: UTF8.self))
        case .jsonl: for r in rows { emit(String(decoding: try jsonEncoder(pretty: false).encode(r), as: UTF8.self)) }
        case .csv:
            emit(CSV.render(["name", "events", "as_actor", "as_target", "by_type"],
                            rows.map { [$0.name, String($0.events), String($0.asActor), String($0.asTarget), split($0)] }), terminator: "")
        case .md:
            emit("| name | events | as actor | as target | by type |\n| --- | --- | --- | --- | --- |")
            for r in rows { emit("| \(r.name) | \(r.events) | \(r.asActor) | \(r.asTarget) | \(split(r)) |") }
        case .table:
            emit(rows.isEmpty ? "no events" : renderTable(["NAME", "EVENTS", "ACTOR", "TARGET", "BY TYPE"],
                  rows.map { [$0.name, String($0.events), String($0.asActor), String($0.asTarget), split($0)] }))
        }
    }
}
