import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchReport

/// `regwatch watch`: the "what to watch" list.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what to watch: forward-looking sentences from the briefs, merged across sources.",
        discussion: """
            The same development in several briefs (the same deadline, decision or follow-on, however each \
            words it) is one item with a source count. Items with a stated date \
            ("takes effect on September 1") come first, soonest first, and drop out once the date has passed; \
            the rest are ranked by the week they were last seen in, then by how many sources state them.

            Examples:
              regwatch watch
              regwatch watch --since 2026-07-01 --company Nvidia
              regwatch watch --format json
            """)

    @Option(help: ArgumentHelp("Only items seen on or after this date (YYYY-MM-DD).", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Only items that name this company (any case).", valueName: "name")) var company: String?
    @Option(help: "At most this many items (0: all).") var limit: Int = 0
    @Option(help: "Output format: table, json, csv or md.") var format: TrendsFormat = .table
    @OptionGroup var input: ReportInputOptions

    func validate() throws {
        try checkDateArgument(since, option: "--since")
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
        try input.validate()
    }

    func run() throws {
        let sinceDate = since.flatMap(parseDateArgument)
        let watch = WhatToWatch(items: try input.watchItems(since: sinceDate), today: try input.today(), since: sinceDate,
                                company: company, limit: limit > 0 ? limit : nil)
        let header = ["date", "days", "sources", "last_seen", "text"]
        let rows = watch.items.map { item in
            [item.date ?? "", item.daysUntil.map(String.init) ?? "", String(item.sourceCount),
             CivilDay.string(CivilDay.dayNumber(item.lastSeen)), item.text]
        }
        switch format {
        case .json: try writeOutput(try DigestJSON.encode(watch), to: nil)
        case .csv: try writeOutput(CSV.render(header, rows), to: nil)
        case .md:
            var out = "# What to watch (as of \(watch.asOf))\n\n"
            if watch.items.isEmpty { out += "Nothing flagged.\n" }
            for item in watch.items { out += DigestMarkdown.watchLine(item) + "\n" }
            try writeOutput(out, to: nil)
        case .table:
            if watch.items.isEmpty {
                emit("Nothing to watch\(company.map { " for \($0)" } ?? "")\(since.map { " since \($0)" } ?? "").")
                return
            }
            try writeOutput(renderTable(header, rows) + "\n", to: nil)
        }
    }
}
