import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchReport
import RegWatchStore

/// `regwatch digest`: the Monday digest of one ISO week.
struct Digest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the weekly digest: new events by type, what moved, and what to watch.",
        discussion: """
            The digest of a week lists the events first seen that week (Monday to Sunday, UTC) grouped by type, \
            each with its actor and targets, product, countries, status and sources; workarounds beside what \
            they circumvent and lifts beside the ban they end; the most active and first-time companies; \
            countries; trends over the 8 weeks ending with it; and what to watch as of the Monday after.

            The same store and week always give the same bytes: the date the digest is made plays no part.

            Formats: md (terminals and email), html (one self-contained page: inline CSS and SVG, no \
            JavaScript), json (for pipelines), atom (a feed of the --weeks weeks ending with --week, for \
            feed readers).

            Examples:
              regwatch digest                              # last week, Markdown
              regwatch digest --week 2026-W27 --format html --out digest.html
              regwatch digest --format atom --weeks 12 --out digest.atom
              regwatch digest --busiest-week               # prints the week with most new events
            """)

    @Option(help: ArgumentHelp("The week: YYYY-Www (2026-W27), last or current.", valueName: "week"))
    var week: String = "last"
    @Option(help: "Output format: md, html, json or atom.") var format: DigestFormat = .md
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @Option(help: "With --format atom: how many weeks the feed carries.") var weeks: Int = 8
    @Flag(help: "Print the ISO week with the most new events and stop.") var busiestWeek = false
    @OptionGroup var input: ReportInputOptions

    func validate() throws {
        if ISOWeek(parsing: week, today: Date()) == nil {
            throw ValidationError("--week '\(week)' is not a week; use YYYY-Www (e.g. 2026-W27), last or current")
        }
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
        try input.validate()
    }

    func run() throws {
        let today = try input.today()
        if busiestWeek {
            guard let busiest = try input.busiestWeek() else {
                printError("the store has no events yet; run 'regwatch pull' first")
                throw ExitCode(ExitCodes.input)
            }
            emit(busiest)
            return
        }
        let week = ISOWeek(parsing: self.week, today: today)!
        // The listed weeks (one, or --weeks for Atom) and the trend window before the earliest of them.
        let listedWeeks = format == .atom ? weeks : 1
        let events = try input.reportEvents(listing: week.advanced(by: -(listedWeeks - 1)), through: week,
                                            trendWeeks: WeeklyDigest.defaultTrendWeeks)
        let watchItems = try input.watchItems()
        let text: String
        switch format {
        case .md: text = DigestMarkdown.render(WeeklyDigest(events: events, watchItems: watchItems, week: week))
        case .html: text = DigestHTML.render(WeeklyDigest(events: events, watchItems: watchItems, week: week))
        case .json: text = try DigestJSON.render(WeeklyDigest(events: events, watchItems: watchItems, week: week))
        case .atom:
            let digests = (0..<weeks).map { WeeklyDigest(events: events, watchItems: watchItems, week: week.advanced(by: -$0)) }
            text = DigestAtom.render(digests)
        }
        try writeOutput(text, to: out)
    }
}

enum DigestFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, json, atom
}

/// Where reports read from: the store (default), or JSON files exported with `regwatch events --format json`.
struct ReportInputOptions: ParsableArguments {
    @Option(name: .customLong("events"), help: ArgumentHelp(
        "Read events from this JSON file (as printed by 'regwatch events --format json') instead of the store.",
        valueName: "file"))
    var eventsFile: String?
    @Option(name: .customLong("watch-items"), help: ArgumentHelp(
        "With --events: read watch items from this JSON file.", valueName: "file"))
    var watchFile: String?
    @Option(name: .customLong("today"), help: ArgumentHelp(
        "Take this day (YYYY-MM-DD) as today, for last/current and for dropping passed dates (default: the clock).",
        valueName: "date"))
    var todayText: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        try checkDateArgument(todayText, option: "--today")
        if watchFile != nil && eventsFile == nil {
            throw ValidationError("--watch-items needs --events (without it, watch items come from the store)")
        }
    }

    /// The CLI is the only place that reads the clock; Report gets the date as a value.
    func today() throws -> Date {
        todayText.flatMap(parseDateArgument) ?? Date()
    }

    /// The events of `--events` first seen before `until` (all of them when nil).
    private func fileEvents(until: Date?) throws -> [StoredEvent] {
        guard let eventsFile else { return [] }
        let events: [StoredEvent] = try decodeFile(eventsFile)
        return until.map { end in events.filter { $0.firstSeen < end } } ?? events
    }

    /// Counts into `tally` the events of its window and the period before it, as they are read (from the store:
    /// only the columns counted).
    func count(into tally: inout RegWatchReport.Trends.Tally) throws {
        if eventsFile != nil {
            for event in try fileEvents(until: tally.end) { tally.add(event) }
            return
        }
        try storeCall { try store.open().forEachEventToCount(firstSeenFrom: tally.start, to: tally.end) { tally.add($0) } }
    }

    /// What a digest of the weeks `first` through `last` reads: their events with sources and related events, and the
    /// counts of the trend window before them.
    func reportEvents(listing first: ISOWeek, through last: ISOWeek, trendWeeks: Int) throws -> [StoredEvent] {
        if eventsFile != nil { return try fileEvents(until: last.end) }
        let from = first.advanced(by: -(2 * trendWeeks - 1)).start
        return try storeCall { try store.open().reportEvents(from: from, to: last.end, detailedFrom: first.start) }
    }

    func watchItems(since: Date? = nil) throws -> [StoredWatchItem] {
        if eventsFile != nil {
            guard let watchFile else { return [] }
            return try decodeFile(watchFile)
        }
        return try storeCall { try store.open().watchItems(from: since, to: nil) }
    }

    private func decodeFile<T: Decodable>(_ path: String) throws -> T {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            printError("\(path): cannot read the file: \(error.localizedDescription)")
            throw ExitCode(ExitCodes.input)
        }
        if let offset = JSONNesting.tooDeep(data) {
            printError("\(path): \(JSONNesting.message(offset: offset)); expected the JSON of 'regwatch events --format json'")
            throw ExitCode(ExitCodes.input)
        }
        do { return try DigestJSON.decoder().decode(T.self, from: data) } catch {
            printError("\(path): not the JSON of 'regwatch events --format json': \(describeDecodingError(error))")
            throw ExitCode(ExitCodes.input)
        }
    }

    private func storeCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let exit as ExitCode { throw exit } catch {
            printError("\(store.displayLocation): \(error)")
            throw ExitCode(ExitCodes.store)
        }
    }

    /// The ISO week with the most events first seen in it (the latest such week on a tie); nil when there are no
    /// events. From the store, only each event's first-seen date is read.
    func busiestWeek() throws -> ISOWeek? {
        // Counted by the day number of each week's Monday, which orders weeks as ISOWeek does.
        var counts: [Int: Int] = [:]
        func count(_ date: Date) {
            let day = CivilDay.dayNumber(date)
            counts[day - CivilDay.weekday(day), default: 0] += 1
        }
        if eventsFile != nil {
            for event in try fileEvents(until: nil) { count(event.firstSeen) }
        } else {
            try storeCall {
                try store.open().forEachEventToCount(firstSeenFrom: .distantPast, to: .distantFuture) { count($0.firstSeen) }
            }
        }
        let busiest = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        return busiest.map { ISOWeek(containing: CivilDay.date($0.key)) }
    }
}

/// Writes `text` to `path`, or to standard output when there is no path, cleaned of terminal controls either way
/// (a Markdown digest written to a file is read in a terminal too).
func writeOutput(_ text: String, to path: String?) throws {
    guard let path else {
        emit(text, terminator: "")
        return
    }
    do {
        try Data(TerminalText.clean(text).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        printError("\(path): cannot write the file: \(error.localizedDescription)")
        throw ExitCode(ExitCodes.input)
    }
}

/// A decoding error as "at [3].sources[2].published: …".
private func describeDecodingError(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .dataCorrupted(let c): return "at \(path(c)): \(c.debugDescription)"
    case .keyNotFound(let key, let c): return "at \(path(c)): missing key '\(key.stringValue)'"
    case .typeMismatch(_, let c), .valueNotFound(_, let c): return "at \(path(c)): \(c.debugDescription)"
    @unknown default: return "\(error)"
    }
}
