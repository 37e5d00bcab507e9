import ArgumentParser
import RegWatchCore
import RegWatchStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            Store.self,
        ]
    )

    /// ArgumentParser's `main`, with our exit codes: a usage error exits `ExitCodes.usage` (ArgumentParser's own
    /// is EX_USAGE, 64), every message goes through the checked writers of Output.swift (a message that cannot
    /// be written never traps), and output that could not be written is a failure, never a silent success.
    static func main() async {
        StandardStreams.guardClosedDescriptors()
        var code: Int32
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            code = ExitCodes.success
        } catch let error as StoreError where error.isCorruptRow {
            // A stored row that does not decode names the file, the table and the row: exit 5, a damaged store.
            printError("\(error)")
            code = ExitCodes.store
        } catch {
            code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == ExitCodes.success { emit(message) } else { StandardStreams.write(TerminalText.clean(message + "\n"), to: STDERR_FILENO) }
            }
            if code == ExitCode.validationFailure.rawValue { code = ExitCodes.usage }
        }
        if let failure = StandardStreams.outputError, code == ExitCodes.success {
            printError("cannot write the output: \(errnoDescription(failure)); check the file or pipe standard output goes to")
            code = ExitCodes.output
        }
        Glibc.exit(code)
    }
}
