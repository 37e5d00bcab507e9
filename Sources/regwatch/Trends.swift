import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchReport

/// `regwatch trends`: events per ISO week, against the weeks before.
struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count events per ISO week by type, company, country or product, and show what moved.",
        discussion: """
            An event counts in the week it was first seen (Monday to Sunday, UTC). The window is the --weeks \
            weeks ending with --week; "change" compares its total with the same number of weeks just before. \
            Rising and falling rows are those that moved most. On a terminal the table ends each row with a \
            sparkline (▁▂▃▄▅▆▇█); csv and json never carry one.

            --by company counts every name an event has as actor or target, once per event.

            Examples:
              regwatch trends
              regwatch trends --weeks 52 --by company
              regwatch trends --by country --type ban,block --format csv
            """)

    @Option(help: "How many weeks, ending with --week.") var weeks: Int = 8
    @Option(help: "What a row counts: type, company, country or product.") var by: TrendDimension = .type
    @Option(help: ArgumentHelp("Event types to count, comma-separated (default: all).", valueName: "types"))
    var type: String?
    @Option(help: ArgumentHelp("The last week of the window: YYYY-Www, last or current.", valueName: "week"))
    var week: String = "current"
    @Option(help: "At most this many rows (0: all).") var limit: Int = 0
    @Option(help: "Output format: table, json, csv or md.") var format: TrendsFormat = .table
    @OptionGroup var input: ReportInputOptions

    func validate() throws {
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        if ISOWeek(parsing: week, today: Date()) == nil {
            throw ValidationError("--week '\(week)' is not a week; use YYYY-Www (e.g. 2026-W27), last or current")
        }
        _ = try reportTypes(type, option: "--type")
        try input.validate()
    }

    func run() throws {
        let last = ISOWeek(parsing: week, today: try input.today())!
        // The events are counted as they are read: a year of a large store is never held in memory.
        var tally = RegWatchReport.Trends.Tally(endingWith: last, weeks: weeks, by: by,
                                                types: Set(try reportTypes(type, option: "--type")))
        try input.count(into: &tally)
        let trends = RegWatchReport.Trends(tally)
        let rows = limit > 0 ? Array(trends.rows.prefix(limit)) : trends.rows
        func cells(_ row: RegWatchReport.Trends.Row) -> [String] {
            [row.key] + row.counts.map(String.init)
                + [String(row.total), String(row.previousTotal), signedChange(row.change), percent(row.changePercent)]
        }
        let header = [by.rawValue] + trends.weeks.map(\.description) + ["total", "previous", "change", "change_pct"]
        switch format {
        case .json:
            var shown = trends
            shown.rows = rows
            try writeOutput(try DigestJSON.encode(shown), to: nil)
        case .csv:
            try writeOutput(CSV.render(header, (rows + [trends.totals]).map(cells)), to: nil)
        case .md:
            var out = "| " + header.joined(separator: " | ") + " | |\n|" + String(repeating: "---|", count: header.count + 1) + "\n"
            for row in rows + [trends.totals] {
                out += "| " + cells(row).joined(separator: " | ") + " | \(Sparkline.render(row.counts)) |\n"
            }
            out += movers(trends)
            try writeOutput(out, to: nil)
        case .table:
            let spark = isatty(STDOUT_FILENO) == 1
            // Weeks are shortened to "W27" in the terminal table to keep 8 weeks on one line.
            let shortHeader = [by.rawValue] + trends.weeks.map { "W\($0.week)" } + ["total", "prev", "change", "%"]
                + (spark ? ["trend"] : [])
            let table = (rows + [trends.totals]).map { row in
                cells(row) + (spark ? [Sparkline.render(row.counts)] : [])
            }
            var out = "\(trends.weeks.first!) to \(trends.weeks.last!), by \(by.rawValue)"
                + (trends.types.isEmpty ? "" : " (\(trends.types.map(\.rawValue).joined(separator: ", ")))") + "\n"
            out += renderTable(shortHeader, table) + "\n" + movers(trends)
            try writeOutput(out, to: nil)
        }
    }

    private func movers(_ trends: RegWatchReport.Trends) -> String {
        var out = ""
        if !trends.rising.isEmpty {
            out += "\nRising: " + trends.rising.map { "\($0.key) (\(signedChange($0.change)))" }.joined(separator: ", ")
        }
        if !trends.falling.isEmpty {
            out += "\nFalling: " + trends.falling.map { "\($0.key) (\(signedChange($0.change)))" }.joined(separator: ", ")
        }
        return out.isEmpty ? "" : out + "\n"
    }
}

enum TrendsFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, md
}

extension TrendDimension: ExpressibleByArgument {}

func signedChange(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

func percent(_ value: Double?) -> String {
    guard let value else { return "" }
    return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
}

/// `ban,block` → the event kinds, or a usage error naming the option.
func reportTypes(_ text: String?, option: String) throws -> [EventKind] {
    guard let text, !text.isEmpty else { return [] }
    return try text.split(separator: ",").map { part in
        let name = part.trimmingCharacters(in: .whitespaces).lowercased()
        guard let kind = EventKind(rawValue: name) else {
            throw ValidationError("\(option) '\(name)' is not an event type; use \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}
