import ArgumentParser
import Foundation
import Hummingbird
import RegWatchCore
import RegWatchFeedList
import RegWatchFetch
import RegWatchIngest
import RegWatchPipeline
import RegWatchStore
#if canImport(Glibc)
import Glibc
#endif

/// `regwatch-bench pull`: issue 4's figures.
///
/// 1. Speed: `--feeds` generated feeds (`--items-per-feed` items each) served by a local Hummingbird
///    server, pulled into an empty store, then pulled again with every feed answering 304.
/// 2. Duplicate detection: a corpus of `--dedup-items` items, 15% copies of others in other feeds,
///    run through our detector (the store's sketches, LSH keys and judge, in memory) and through
///    datasketch's MinHashLSH (`scripts/dedup-datasketch.py`), side by side, each in its own process
///    so that peak RSS is its own.
struct PullBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull speed (2,000 feeds, 304 re-pull) and duplicate-detection quality against datasketch.",
        discussion: """
            Targets (issue 4): first pull under 60 s, 304 re-pull under 5 s, peak RSS under 300 MB; \
            duplicate_of precision >= 0.95 and recall >= 0.60, in at most a fifth of datasketch's time and memory.

            Example: swift run -c release regwatch-bench pull
            """)

    @Option(help: "Feeds served for the speed run.") var feeds = 2000
    @Option(name: .customLong("items-per-feed"), help: "Items per feed.") var itemsPerFeed = 50
    @Option(name: .customLong("dedup-items"), help: "Items of the duplicate-detection corpus.") var dedupItems = 250_000
    @Option(help: "Feeds fetched at a time.") var jobs = 8
    @Flag(name: .customLong("skip-speed"), help: "Skip the pull-speed run.") var skipSpeed = false
    @Flag(name: .customLong("skip-dedup"), help: "Skip the duplicate-detection run.") var skipDedup = false
    @Option(name: .customLong("template-share"), help: "Share of the duplicate corpus's originals written from templates (issue 13).")
    var templateShare = 0.3
    @Flag(name: .customLong("text-only-judge"), help: "Judge duplicates by text alone, without the facts check (for comparison).")
    var textOnlyJudge = false
    @Flag(name: .customLong("skip-datasketch"), help: "Do not run the datasketch baseline.") var skipDatasketch = false
    @Option(help: .hidden) var phase: String?

    func run() async throws {
        if phase == "speed" { return try await speed() }
        if phase == "ours" { return try ours() }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if !skipSpeed {
            try runChild(me, ["pull", "--phase", "speed", "--feeds", "\(feeds)", "--items-per-feed", "\(itemsPerFeed)", "--jobs", "\(jobs)"])
        }
        if !skipDedup {
            print("\nDuplicate detection: \(dedupItems) items, 15% copies (verbatim, light and moderate rewording, excerpts), "
                  + "\(Int(templateShare * 100))% of originals from templates")
            let corpus = StoryCorpus(count: dedupItems, feeds: 2000, seed: 7, templateShare: templateShare)
            var corpusFile: String?
            if !skipDatasketch {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-dedup-\(getpid()).jsonl").path
                let started = Date()
                try writeJSONL(corpus, to: path)
                print(String(format: "  corpus written for datasketch in %.1f s: %@", Date().timeIntervalSince(started), path))
                corpusFile = path
            }
            let oursJSON = try runChild(me, ["pull", "--phase", "ours", "--dedup-items", "\(dedupItems)", "--template-share", "\(templateShare)"]
                                        + (textOnlyJudge ? ["--text-only-judge"] : []), capture: true)
            let our = try JSONDecoder().decode(DedupResult.self, from: Data(oursJSON.utf8))
            var theirs: DedupResult?
            if let corpusFile {
                // Run from the repository root; else found next to this source file.
                let script = FileManager.default.fileExists(atPath: "scripts/dedup-datasketch.py") ? "scripts/dedup-datasketch.py"
                    : URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                        .deletingLastPathComponent().appendingPathComponent("scripts/dedup-datasketch.py").path
                let out = try runChild("/usr/bin/env", ["python3", script, corpusFile], capture: true)
                theirs = try? JSONDecoder().decode(DedupResult.self, from: Data(out.utf8))
                try? FileManager.default.removeItem(atPath: corpusFile)
            }
            print("                      precision  recall   seconds   peak RSS")
            print(our.line("RegWatch (ours)"))
            if let theirs { print(theirs.line("datasketch LSH 0.8")) }
            print(String(format: "  targets: precision >= 0.95 %@, recall >= 0.60 %@", our.precision >= 0.95 ? "met" : "MISSED",
                         our.recall >= 0.60 ? "met" : "MISSED"))
            if let theirs {
                print(String(format: "  time %.2fx of datasketch (target <= 0.20 %@), memory %.2fx (target <= 0.20 %@)",
                             our.seconds / theirs.seconds, our.seconds / theirs.seconds <= 0.2 ? "met" : "MISSED",
                             our.peakRSSMB / theirs.peakRSSMB, our.peakRSSMB / theirs.peakRSSMB <= 0.2 ? "met" : "MISSED"))
            }
            print("  by kind (ours): " + our.byKind.sorted { $0.key < $1.key }.map { String(format: "%@ %.2f", $0.key, $0.value) }.joined(separator: ", "))
        }
    }

    // MARK: Speed

    func speed() async throws {
        let corpus = StoryCorpus(count: feeds * itemsPerFeed, feeds: feeds, seed: 11)
        var byFeed = [[Int32]](repeating: [], count: feeds)
        for id in 0..<corpus.count { byFeed[corpus.feedOf(id)].append(Int32(id)) }
        // The feeds are rendered before the clock starts, as static files on a real server would be.
        let bodies: [ByteBuffer] = byFeed.enumerated().map { n, ids in
            var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Outlet \(n)</title>"
            body += "<link>https://outlet\(n).example/</link><description>generated</description>"
            for id in ids.reversed() {
                let item = corpus.item(Int(id))
                body += "<item><title>\(item.title)</title><link>\(item.link.replacingOccurrences(of: "&", with: "&amp;"))</link>"
                body += "<guid isPermaLink=\"false\">item-\(id)</guid><pubDate>\(rfc822(item.published))</pubDate>"
                body += "<description>\(item.text)</description></item>"
            }
            body += "</channel></rss>\n"
            return ByteBuffer(string: body)
        }
        let router = Router()
        router.get("feed/:n") { request, context -> Response in
            let n = Int(context.parameters.get("n") ?? "") ?? -1
            guard bodies.indices.contains(n) else { return Response(status: .notFound) }
            let etag = "\"v1-\(n)\""
            if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
            return Response(status: .ok, headers: [.eTag: etag, .contentType: "application/rss+xml"], body: .init(byteBuffer: bodies[n]))
        }
        let ready = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { ready.continuation.yield($0.localAddress?.port ?? 0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var it = ready.stream.makeAsyncIterator()
            guard let port = await it.next() else { return }
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-bench-\(getpid())")
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try RegWatchStore(path: dir.appendingPathComponent("store.sqlite").path)
            let sources = (0..<feeds).map { FeedSource(url: "http://127.0.0.1:\(port)/feed/\($0)") }
            var options = PullOptions()
            options.jobs = jobs
            options.force = true
            print("Pull speed: \(feeds) feeds, \(corpus.count) items, local Hummingbird server, --jobs \(jobs) (2 per host)")
            let cpuBefore = cpuSeconds()
            let first = try await FeedFetcher.withFetcher(policy: options.policy) { fetcher in
                try await FeedPuller(store: store, fetcher: fetcher, options: options).pull(sources)
            }
            let cpuAfterFirst = cpuSeconds()
            print(String(format: "  first pull:  %6.1f s  %d feeds updated, %d failed, %d articles, %.0f items/s (%d cross-feed duplicates)  target < 60 s %@",
                         first.seconds, first.updated, first.failed, first.articlesNew, Double(first.articlesNew) / first.seconds,
                         first.duplicates, first.seconds < 60 ? "met" : "MISSED"))
            print(String(format: "               CPU (user + system) of the process: %.1f s before, %.1f s after; machine load average %@",
                         cpuBefore, cpuAfterFirst, loadAverage()))
            let second = try await FeedFetcher.withFetcher(policy: options.policy) { fetcher in
                try await FeedPuller(store: store, fetcher: fetcher, options: options).pull(sources)
            }
            print(String(format: "  second pull: %6.1f s  %d not modified (304), %d failed  target < 5 s %@",
                         second.seconds, second.notModified, second.failed, second.seconds < 5 ? "met" : "MISSED"))
            let rss = peakRSSMB()
            print(String(format: "  peak RSS: %.0f MB (server and client in one process)  target < 300 MB %@", rss, rss < 300 ? "met" : "MISSED"))
            group.cancelAll()
        }
    }

    // MARK: Duplicate detection

    struct DedupResult: Codable {
        var items: Int
        var copies: Int
        var predicted: Int
        var precision: Double
        var recall: Double
        var seconds: Double
        var peakRSSMB: Double
        var byKind: [String: Double] = [:]

        enum CodingKeys: String, CodingKey {
            case items, copies, predicted, precision, recall, seconds
            case peakRSSMB = "peak_rss_mb"
            case byKind = "by_kind"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            items = try c.decode(Int.self, forKey: .items)
            copies = try c.decode(Int.self, forKey: .copies)
            predicted = try c.decode(Int.self, forKey: .predicted)
            precision = try c.decode(Double.self, forKey: .precision)
            recall = try c.decode(Double.self, forKey: .recall)
            seconds = try c.decode(Double.self, forKey: .seconds)
            peakRSSMB = try c.decode(Double.self, forKey: .peakRSSMB)
            byKind = try c.decodeIfPresent([String: Double].self, forKey: .byKind) ?? [:]
        }

        init(items: Int, copies: Int, predicted: Int, precision: Double, recall: Double, seconds: Double, peakRSSMB: Double,
             byKind: [String: Double]) {
            self.items = items; self.copies = copies; self.predicted = predicted; self.precision = precision
            self.recall = recall; self.seconds = seconds; self.peakRSSMB = peakRSSMB; self.byKind = byKind
        }

        func line(_ name: String) -> String {
            String(format: "  %-20@ %9.3f  %6.3f  %8.1f  %6.0f MB   (%d of %d items linked)",
                   name, precision, recall, seconds, peakRSSMB, predicted, items)
        }
    }

    /// Our detector over the corpus in publication order: canonical URL first, then LSH candidates
    /// of other feeds confirmed by `DuplicateJudge`, linked to the earliest root. Sketches are kept in
    /// flat arrays; generating the corpus is not timed.
    func ours() throws {
        let corpus = StoryCorpus(count: dedupItems, feeds: 2000, seed: 7, templateShare: templateShare)
        let n = corpus.count
        let bins = TextSketch.bins
        // Sketches are held compacted (16-bit values, TextSketch.compacted()): half the memory of 32-bit ones.
        var signatures = [UInt16](repeating: 0, count: n * bins)
        // Leads and titles in fixed slots of flat arrays: one array per article would cost a heap
        // object each.
        let leadSlots = TextSketch.leadLength, titleSlots = 16
        var leads = [UInt16](repeating: 0, count: n * leadSlots)
        var leadCounts = [UInt8](repeating: 0, count: n)
        var titles = [UInt16](repeating: 0, count: n * titleSlots)
        var titleCounts = [UInt8](repeating: 0, count: n)
        var shingles = [Int32](repeating: 0, count: n)
        var feedOf = [Int32](repeating: -1, count: n)
        var root = [Int32](repeating: -1, count: n)
        var predicted = [Int32](repeating: -1, count: n)
        var truth = [Int32](repeating: -1, count: n)
        var kinds = [StoryCorpus.Kind](repeating: .original, count: n)
        var byURL: [UInt64: Int32] = [:]
        var index = NearDuplicateIndex(expectedKeys: n * (TextSketch.bands + 8))
        let clock = ContinuousClock()
        var spent = Duration.zero
        for id32 in corpus.order {
            let id = Int(id32)
            let item = corpus.item(id)
            truth[id] = Int32(item.copyOf ?? id)
            kinds[id] = item.kind
            let started = clock.now
            let full = TextSketch(title: item.title, text: item.text)
            let sketch = full.compacted()
            var facts: StoryFacts?
            feedOf[id] = Int32(item.feed)
            var best: Int32 = -1
            let urlKey = CanonicalURL.canonicalize(item.link).map(fnv) ?? 0
            if let other = byURL[urlKey], feedOf[Int(other)] != Int32(item.feed) {
                best = root[Int(other)]
            } else {
                let keys = full.bandKeys
                var seen = Set<Int32>()
                for candidate in index.candidates(keys) where seen.insert(candidate).inserted {
                    let c = Int(candidate)
                    guard feedOf[c] != Int32(item.feed) else { continue }
                    let other = TextSketch(signature: signatures[c * bins..<(c + 1) * bins].map(UInt32.init),
                                           lead: leads[c * leadSlots..<c * leadSlots + Int(leadCounts[c])].map(UInt32.init),
                                           shingleCount: Int(shingles[c]),
                                           titleWords: titles[c * titleSlots..<c * titleSlots + Int(titleCounts[c])].map(UInt32.init))
                    guard DuplicateJudge.reason(sketch, other) != nil, best < 0 || root[c] < best else { continue }
                    // As the store does: parties, amounts and dates are read, from the item's text and the
                    // candidate's, once the text is judged alike.
                    if textOnlyJudge { best = root[c]; continue }
                    let mine = facts ?? StoryFacts(title: item.title, text: item.text)
                    facts = mine
                    let o = corpus.item(c)
                    if mine.conflicts(with: StoryFacts(title: o.title, text: o.text)) { continue }
                    best = root[c]
                }
                index.insert(keys, owner: id32)
            }
            if byURL[urlKey] == nil { byURL[urlKey] = id32 }
            root[id] = best >= 0 ? best : id32
            predicted[id] = best
            for (i, v) in sketch.signature.enumerated() { signatures[id * bins + i] = UInt16(v) }
            for (i, v) in sketch.lead.prefix(leadSlots).enumerated() { leads[id * leadSlots + i] = UInt16(v) }
            leadCounts[id] = UInt8(min(sketch.lead.count, leadSlots))
            for (i, v) in sketch.titleWords.prefix(titleSlots).enumerated() { titles[id * titleSlots + i] = UInt16(v) }
            titleCounts[id] = UInt8(min(sketch.titleWords.count, titleSlots))
            shingles[id] = Int32(sketch.shingleCount)
            spent += clock.now - started
        }
        var linked = 0, correct = 0, copies = 0, found = 0
        var kindTotal: [String: Int] = [:], kindFound: [String: Int] = [:]
        for id in 0..<n {
            let isCopy = truth[id] != Int32(id)
            let ok = predicted[id] >= 0 && truth[Int(predicted[id])] == truth[id]
            if predicted[id] >= 0 { linked += 1; if ok { correct += 1 } }
            if isCopy {
                copies += 1
                kindTotal[kinds[id].rawValue, default: 0] += 1
                if ok { found += 1; kindFound[kinds[id].rawValue, default: 0] += 1 }
            }
        }
        let seconds = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
        let result = DedupResult(items: n, copies: copies, predicted: linked,
                                 precision: linked == 0 ? 1 : Double(correct) / Double(linked),
                                 recall: copies == 0 ? 1 : Double(found) / Double(copies), seconds: seconds,
                                 peakRSSMB: peakRSSMB(),
                                 byKind: kindTotal.mapValues { _ in 0 }.merging(kindTotal.map { ($0.key, Double(kindFound[$0.key, default: 0]) / Double($0.value)) }) { $1 })
        let encoder = JSONEncoder()
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    func writeJSONL(_ corpus: StoryCorpus, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("cannot write \(path)") }
        defer { try? handle.close() }
        struct Line: Encodable { var id: Int; var feed: Int; var title: String; var text: String; var link: String; var copy_of: Int? }
        let encoder = JSONEncoder()
        var buffer = Data()
        for id in corpus.order {
            let item = corpus.item(Int(id))
            buffer.append(try encoder.encode(Line(id: item.id, feed: item.feed, title: item.title, text: item.text, link: item.link,
                                                  copy_of: item.copyOf)))
            buffer.append(0x0A)
            if buffer.count > 1 << 20 { handle.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        handle.write(buffer)
    }
}

/// Runs `executable` and waits for it; its standard output when `capture`. Throws when it exits non-zero.
@discardableResult
func runChild(_ executable: String, _ arguments: [String], capture: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    if capture { process.standardOutput = pipe }
    try process.run()
    let data = capture ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ValidationError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// User plus system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    ParseCounter.cpuTime()
}

/// User plus system CPU seconds of the child processes this process has waited for.
func childrenCPUSeconds() -> Double {
    ParseCounter.cpuTime(children: true)
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

func peakRSSMB() -> Double {
    Double(ParseCounter.peakRSS()) / 1_048_576
}

private func fnv(_ s: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
    return h
}

private func rfc822(_ date: Date) -> String {
    date.formatted(Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT", locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "GMT")!, calendar: Calendar(identifier: .gregorian)))
}
