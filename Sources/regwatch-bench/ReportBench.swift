import ArgumentParser
import Foundation
import GRDB
import RegWatchCore
import RegWatchReport
import RegWatchStore

/// `regwatch-bench report`: issue 7's figures. A digest of one week, and `trends --weeks 52`, over 1,000,000 events.
///
/// The events are generated in memory as `StoredEvent` values (three years of weeks, Zipf-distributed companies,
/// one to three sources, workarounds and lifts linked to earlier bans), because Report takes values, not the store:
/// the figures are the report's own cost. With `--store PATH` (a store built by `regwatch-bench events`) it also
/// times loading that store's events and running the same reports on them.
struct ReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Weekly digest and 52-week trends over 1,000,000 events (targets: each under 1 s).",
        discussion: "Example: swift run -c release regwatch-bench report")

    @Option(help: "Events to generate.") var events = 1_000_000
    @Option(help: "Timed runs of each report (the best and the mean are printed).") var runs = 5
    @Option(help: "Also time a store built by 'regwatch-bench events' (loading included).") var store: String?

    func run() throws {
        var rng = SplitMix64(seed: 7)
        let names = (0..<5000).map { $0 < 40 ? Self.famous[$0 % Self.famous.count] + ($0 < Self.famous.count ? "" : " \($0)") : "Company \($0)" }
        let countries = ["US", "CN", "EU", "IN", "RU", "GB", "DE", "FR", "JP", "KR", "NL", "TW", "SG", "MY", "BR", "TR"]
        let lastWeek = ISOWeek(year: 2026, week: 27)!
        let firstDay = lastWeek.advanced(by: -155).monday
        let spanSeconds = Double(156 * 7 * 86_400)
        let started = Date()
        var generated: [StoredEvent] = []
        generated.reserveCapacity(events)
        var bans: [Int] = []
        for i in 0..<events {
            let type = EventKind.allCases[Int(rng.next() % UInt64(EventKind.allCases.count))]
            let first = CivilDay.date(firstDay).addingTimeInterval(Double(rng.next() % UInt64(spanSeconds)))
            let actor = names[rng.zipf(names.count)]
            let targets = (0..<Int(1 + rng.next() % 2)).map { _ in names[rng.zipf(names.count)] }
            let sources = (0..<Int(1 + rng.next() % 3)).map { s in
                EventSource(url: "https://news\(s).example/\(i)", title: "Story \(i)", outlet: "Outlet \(s)",
                            published: first, evidence: "\(actor) acted on \(targets[0]).")
            }
            var related: [RelatedEvent] = []
            if (type == .workaround || type == .lift), let ban = bans.randomElement(using: &rng) {
                related.append(RelatedEvent(id: "ev_\(ban)", relation: type == .lift ? .lifts : .circumvents))
            }
            if type == .ban { bans.append(i); if bans.count > 1000 { bans.removeFirst(500) } }
            generated.append(StoredEvent(
                id: "ev_\(i)", type: type, status: .inEffect, actor: actor, targets: targets,
                product: rng.next() % 3 == 0 ? "Product \(rng.next() % 300)" : nil,
                countries: [countries[Int(rng.next() % UInt64(countries.count))]], method: [],
                evidence: "\(actor) acted on \(targets[0]).", confidence: 0.8, firstSeen: first, lastSeen: first,
                sources: sources, related: related))
        }
        let watch = (0..<20_000).map { i in
            StoredWatchItem(id: "wi_\(i)", text: "Watch item \(i % 15_000) about \(names[i % 300]).", entities: [names[i % 300]],
                            date: i % 4 == 0 ? CivilDay.string(lastWeek.monday + Int(rng.next() % 120) - 30) : nil,
                            firstSeen: CivilDay.date(firstDay + Int(rng.next() % 1092)),
                            lastSeen: CivilDay.date(firstDay + 1000 + Int(rng.next() % 92)),
                            sources: [EventSource(url: "https://w.example/\(i)", title: nil, outlet: "Outlet", published: nil, evidence: "")])
        }
        print(String(format: "generated %d events in memory over %d weeks (%@ to %@), 20,000 watch items, in %.1f s",
                     generated.count, 156, lastWeek.advanced(by: -155).description, lastWeek.description,
                     Date().timeIntervalSince(started)))
        // `regwatch digest` builds one digest and renders it in one format: each format is timed that way.
        var digest = WeeklyDigest(events: generated, watchItems: watch, week: lastWeek)
        measure("digest of one week (\(lastWeek)): build", target: 1.0) {
            digest = WeeklyDigest(events: generated, watchItems: watch, week: lastWeek)
            return "\(digest.headline.total) events in the week"
        }
        measure("digest of one week: build + md", target: 1.0) {
            "\(DigestMarkdown.render(WeeklyDigest(events: generated, watchItems: watch, week: lastWeek)).utf8.count) bytes"
        }
        measure("digest of one week: build + html", target: 1.0) {
            "\(DigestHTML.render(WeeklyDigest(events: generated, watchItems: watch, week: lastWeek)).utf8.count) bytes"
        }
        measure("digest of one week: build + json", target: 1.0) {
            "\(((try? DigestJSON.render(WeeklyDigest(events: generated, watchItems: watch, week: lastWeek))) ?? "").utf8.count) bytes"
        }
        measure("digest of one week: build + atom (this week)", target: 1.0) {
            "\(DigestAtom.render([WeeklyDigest(events: generated, watchItems: watch, week: lastWeek)]).utf8.count) bytes"
        }
        measure("trends --weeks 52 --by type", target: 1.0) {
            "\(Trends(events: generated, endingWith: lastWeek, weeks: 52, by: .type).totals.total) events in the window"
        }
        measure("trends --weeks 52 --by company", target: 1.0) {
            "\(Trends(events: generated, endingWith: lastWeek, weeks: 52, by: .company).rows.count) companies"
        }
        if let store {
            let db = try RegWatchStore(path: store)
            let counts = try db.eventCounts()
            print("store \(store): \(counts.events) events")
            // The store's newest week ends the window, as `regwatch trends --week` would be run on it; the figure then
            // does not depend on today's date.
            let newest = try db.read { db in try Date.fetchOne(db, sql: "SELECT MAX(firstSeen) FROM event") }
            let last = ISOWeek(containing: newest ?? Date())
            for dimension in [TrendDimension.type, .company] {
                measure("store: trends --weeks 52 --week \(last) --by \(dimension.rawValue) (events read from the store and counted)",
                        target: 1.0) {
                    // What `regwatch trends` does: each event is counted as it is read.
                    var tally = Trends.Tally(endingWith: last, weeks: 52, by: dimension)
                    try? db.forEachCountedEvent(firstSeenFrom: tally.start, to: tally.end) { tally.add($0) }
                    let trends = Trends(tally)
                    return "\(trends.totals.total) events in the window, \(trends.totals.previousTotal) before it, \(trends.rows.count) rows"
                }
            }
            // The same, end to end, as a user runs it: the built `regwatch` beside this benchmark, started once per run
            // (process start, opening the store, counting and printing).
            let cli = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                .deletingLastPathComponent().appendingPathComponent("regwatch").path
            if FileManager.default.isExecutableFile(atPath: cli) {
                for dimension in [TrendDimension.type, .company] {
                    let arguments = ["trends", "--weeks", "52", "--week", last.description, "--by", dimension.rawValue,
                                     "--store", store, "--format", "csv"]
                    measure("CLI: regwatch \(arguments.joined(separator: " "))", target: 1.0) {
                        do { return "\(try runChild(cli, arguments, capture: true).utf8.count) bytes of csv" } catch {
                            return "failed: \(error)"
                        }
                    }
                }
            } else {
                print("CLI: \(cli) is not built; 'swift build -c release --product regwatch' times the command end to end too")
            }
            let week = last
            measure("store: load the digest's events (\(week) in detail, its trend window counted), then the digest", target: 1.0) {
                // What `regwatch digest --week` reads.
                let loaded = (try? db.reportEvents(from: week.advanced(by: -(2 * WeeklyDigest.defaultTrendWeeks - 1)).start,
                                                   to: week.end, detailedFrom: week.start)) ?? []
                let items = (try? db.watchItems(from: week.advanced(by: -8).start, to: week.end)) ?? []
                return "\(WeeklyDigest(events: loaded, watchItems: items, week: week).headline.total) events in the week"
            }
        }
    }

    /// Prints wall-clock and CPU time: on a machine shared with other builds the wall clock also counts the time
    /// this process waited for a core, so the CPU time is printed beside it (the target is judged on the best wall time).
    /// CPU time includes the child processes the body waited for (the CLI runs).
    func measure(_ label: String, target: Double, _ body: () -> String) {
        var times: [Double] = [], cpu: [Double] = []
        var note = ""
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds, startCPU = cpuSeconds() + childrenCPUSeconds()
            note = body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(cpuSeconds() + childrenCPUSeconds() - startCPU)
        }
        let best = times.min()!, mean = times.reduce(0, +) / Double(times.count)
        print(String(format: "%@: wall best %.3f s, mean %.3f s; CPU best %.3f s; %d runs (%@; target < %.0f s: %@)",
                     label, best, mean, cpu.min()!, times.count, note, target, best < target ? "met" : "MISSED"))
    }

    static let famous = ["Nvidia", "ByteDance", "TikTok", "Huawei", "Apple", "Google", "Meta", "Microsoft", "OpenAI",
                         "Anthropic", "DeepSeek", "ASML", "TSMC", "Alibaba", "Tencent", "Ant Financial", "Amazon", "X",
                         "Telegram", "WhatsApp"]
}
