import ArgumentParser

/// The `regwatch` command: pulls news feeds and briefs, turns them into structured events about bans,
/// blocks and workarounds, and answers questions about them.
@main
struct RegWatch: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "regwatch",
        abstract: "Track bans, blocks, workarounds and other regulatory events in technology news.",
        discussion: """
            RegWatch reads news feeds (RSS, Atom, JSON Feed) and HTML briefs, extracts structured events \
            (ban, block, workaround, restriction, lift, investigation, penalty, lawsuit, legislation, \
            tracking) and keeps them in a local store.

            Start with:
              regwatch parse Feeds/samples/techpolicy-wire.xml
              regwatch extract Feeds/samples/techpolicy-wire.xml
            """,
        version: version,
        subcommands: [
            // One file per subcommand; keep this list in the order of `--help`.
            Parse.self,
            Extract.self,
            Pull.self,
            Feeds.self,
            Articles.self,
            Stats.self,
            Events.self,
            Event.self,
            Companies.self,
            Timeline.self,
            Search.self,
            Reextract.self,
            Trends.self,
            Watch.self,
            Digest.self,
        ]
    )
}
