import ArgumentParser

/// `regwatch-bench`: reproducible benchmarks that print figures (never timed tests).
///
/// Build it in release mode: `swift run -c release regwatch-bench <name>`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regwatch-bench",
        abstract: "Benchmarks for RegWatch: each prints its figures against the baseline its issue names.",
        subcommands: [
            // One file per benchmark.
            ParseBench.self,
            LargeFeedBench.self,
            HTMLBench.self,
            ExtractBench.self,
            PullBench.self,
            EventsBench.self,
            ReportBench.self,
            SharedPullBench.self,
        ]
    )
}
