import ArgumentParser
import Foundation
import RegWatchStore

/// `regwatch stats`: what the store holds (`shared/contracts/events-json.md`).
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Counts of the store: feeds, failing feeds, articles, duplicates, events, last pull, size.",
        discussion: "Example: regwatch stats --format json")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Output format: table or json.") var format: Format = .table
    @OptionGroup var store: StoreOptions

    func run() throws {
        let stats = try store.open().stats()
        switch format {
        case .json:
            emit(String(decoding: try jsonEncoder(pretty: false).encode(stats), as: UTF8.self))
        case .table:
            let rows: [[String]] = [
                ["feeds", String(stats.feeds)], ["feeds failing", String(stats.feedsFailing)],
                ["articles", String(stats.articles)], ["duplicate articles", String(stats.duplicateArticles)],
                ["events", String(stats.events)], ["mentions", String(stats.mentions)],
                ["watch items", String(stats.watchItems)], ["last pull", stats.lastPull.map { iso8601($0) } ?? "never"],
                ["store bytes", String(stats.storeBytes)],
            ]
            emit(renderTable(["WHAT", "COUNT"], rows))
        }
    }
}
