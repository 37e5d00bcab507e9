import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchIngest

/// `regwatch-bench parse`: the feed-parser benchmark of issue 2.
///
/// On generated feeds it prints, in one run: the raw libxml2 floor (read + walk of the tree), our full parse into
/// the model (one thread, then `--jobs`), and Python feedparser on the same files, with items/s, MB/s and peak RSS.
struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Feed parser: raw libxml2 floor vs our parse vs Python feedparser on generated feeds.",
        discussion: """
            Targets (issue 2): our CPU time at most 1.5x the floor's; at least 40x faster than feedparser; with \
            --jobs 2, wall time below the single-threaded floor; peak RSS under 150 MB for 2,000 feeds. Issue 13 \
            adds a second corpus whose HTML is entity-escaped instead of in CDATA, with many numeric references, and \
            asks for our CPU at most 1.3x the floor's on both corpora.

              swift run -c release regwatch-bench parse --feeds 2000                 # both corpora
              swift run -c release regwatch-bench parse --corpus escaped --no-feedparser
            """
    )

    @Option(help: "How many feeds to generate.")
    var feeds = 2000

    @Option(help: "Seed of the generator (the same seed gives the same files).")
    var seed: UInt64 = 1

    @Option(help: "Folder for the generated feeds (default: a folder under the system temp directory).")
    var dir: String?

    @Option(help: "Passes of the floor and of our single-threaded parse, taken in turn; the best of each is compared.")
    var passes = 3

    @Option(help: "Threads for the parallel run.")
    var jobs = 2

    @Option(help: "Write the contract JSON of every parsed feed under DIR/<corpus>/ (to check that a change keeps the output).")
    var writeJSON: String?

    @Flag(help: "Skip the Python feedparser comparison.")
    var noFeedparser = false

    @Option(help: "Which generated corpus: cdata (HTML in CDATA, named entities), escaped (HTML entity-escaped, numeric references; issue 13), or both.")
    var corpus: CorpusChoice = .both

    enum CorpusChoice: String, ExpressibleByArgument, CaseIterable {
        case cdata, escaped, both
        var styles: [SyntheticFeeds.Style] { self == .both ? [.cdata, .escaped] : [SyntheticFeeds.Style(rawValue: rawValue)!] }
    }

    func validate() throws {
        guard passes >= 1 else { throw ValidationError("--passes must be at least 1") }
    }

    func run() throws {
        var ratios: [(SyntheticFeeds.Style, Double)] = []
        for style in corpus.styles {
            ratios.append((style, try measure(style)))
        }
        if ratios.count > 1 {
            print("")
            for (style, ratio) in ratios {
                print(String(format: "%@ corpus: our CPU / floor CPU %.2fx (target <= %.1fx)  %@", style.rawValue as NSString, ratio,
                             Self.target, verdict(ratio <= Self.target)))
            }
        }
    }

    /// Our CPU over the floor's that each corpus must reach: issue 2 asked 1.5x of the CDATA corpus, issue 13 asks
    /// 1.3x of both.
    static let target = 1.3

    /// Generates (once) and times one corpus; returns our CPU time over the floor's.
    private func measure(_ style: SyntheticFeeds.Style) throws -> Double {
        // The CDATA corpus keeps the folder name it always had, so existing generated folders are reused.
        let name = style == .cdata ? "regwatch-bench-feeds-\(feeds)-\(seed)" : "regwatch-bench-feeds-\(style.rawValue)-\(feeds)-\(seed)"
        let folder = URL(fileURLWithPath: dir.map { corpus == .both ? $0 + "/" + style.rawValue : $0 } ?? (NSTemporaryDirectory() + name))
        let marker = folder.appendingPathComponent(".complete")
        var generatedItems = 0
        if !FileManager.default.fileExists(atPath: marker.path) {
            try? FileManager.default.removeItem(at: folder)
            generatedItems = try SyntheticFeeds(seed: seed, style: style).write(count: feeds, into: folder)
            try Data("\(generatedItems)\n".utf8).write(to: marker)
        }
        let files = try ParseCounter.files(under: [folder.path])
        var totalBytes = 0
        for f in files { totalBytes += (try? FeedFile.read(f, limit: 64 << 20).bytes.count) ?? 0 }  // warm the page cache
        print("regwatch-bench parse, \(style.rawValue) corpus: \(files.count) feeds, \(String(format: "%.1f", Double(totalBytes) / 1e6)) MB in \(folder.path)")
        // 1. The floor (libxml2 reads and walks each document) and 2. our full parse, one thread, taken in turn
        // --passes times: on a machine shared with other work one pass moves by a third from run to run, so the best
        // pass of each is compared, and every pass is printed.
        var sink = 0
        var floorCPU = Double.infinity, floorWall = Double.infinity
        var oursCPU = Double.infinity, oursWall = Double.infinity
        var items = 0
        var bozo = 0
        var passRatios: [String] = []
        for _ in 0..<passes {
            let floorCPU0 = ParseCounter.cpuTime()
            let floorWall0 = Date()
            for f in files {
                guard let bytes = try? FeedFile.read(f, limit: 64 << 20).bytes else { continue }
                sink &+= RawLibXML2Floor.readAndWalk(bytes)
            }
            let passFloor = ParseCounter.cpuTime() - floorCPU0
            floorCPU = min(floorCPU, passFloor)
            floorWall = min(floorWall, Date().timeIntervalSince(floorWall0))

            items = 0
            bozo = 0
            let oursCPU0 = ParseCounter.cpuTime()
            let oursWall0 = Date()
            for f in files {
                guard let bytes = try? FeedFile.read(f, limit: 64 << 20).bytes else { continue }
                let doc = FeedParser.parse(bytes)
                items += doc.entries.count
                if doc.bozo { bozo += 1 }
            }
            let passOurs = ParseCounter.cpuTime() - oursCPU0
            oursCPU = min(oursCPU, passOurs)
            oursWall = min(oursWall, Date().timeIntervalSince(oursWall0))
            passRatios.append(String(format: "%.3f/%.3f", passOurs, passFloor))
        }
        print("cpu s of each pass, ours/floor: " + passRatios.joined(separator: ", "))

        if let writeJSON {
            // Outside the timed runs: the output, to compare before and after a change.
            let out = URL(fileURLWithPath: writeJSON).appendingPathComponent(style.rawValue)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            for f in files {
                guard let bytes = try? FeedFile.read(f, limit: 64 << 20).bytes else { continue }
                let json = ContractJSON.render(FeedParser.parse(bytes), pretty: true)
                try Data(json.utf8).write(to: out.appendingPathComponent(URL(fileURLWithPath: f).lastPathComponent + ".json"))
            }
        }

        // 3. Our parse with --jobs threads.
        let parallel = try ParseCounter.run(paths: [folder.path], jobs: jobs)
        let peak = ParseCounter.peakRSS()

        // 4. Python feedparser on the same files.
        var fp: (cpu: Double, items: Int)?
        if !noFeedparser { fp = feedparserTimes(files) }

        let mb = Double(totalBytes) / 1e6
        print("")
        // Foundation on Linux ignores the width of `%@`: names are padded here.
        func padded(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
        func right(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
        print(padded("run", 34) + " " + right("cpu s", 9) + " " + right("wall s", 9) + " " + right("items/s", 12) + " " + right("MB/s", 9))
        func row(_ name: String, _ cpu: Double, _ wall: Double, _ n: Int) {
            print(padded(name, 34) + String(format: " %9.3f %9.3f %12.0f %9.1f", cpu, wall, Double(n) / max(wall, 1e-9), mb / max(wall, 1e-9)))
        }
        row("libxml2 floor (read + walk), best", floorCPU, floorWall, items)
        row("regwatch parse, 1 thread, best", oursCPU, oursWall, items)
        row("regwatch parse, --jobs \(jobs)", parallel.cpuSeconds, parallel.wallSeconds, parallel.items)
        if let fp { row("python feedparser", fp.cpu, fp.cpu, fp.items) }
        print("")
        print("documents \(files.count)  items \(items)  bozo \(bozo)  (check \(sink % 10))")
        let ratio = oursCPU / max(floorCPU, 1e-9)
        print(String(format: "our CPU / floor CPU:              %.2fx   (target <= %.1fx)  %@", ratio, Self.target, verdict(ratio <= Self.target)))
        if let fp {
            let speedup = fp.cpu / max(oursCPU, 1e-9)
            print(String(format: "feedparser CPU / our CPU:         %.1fx   (target >= 40x)   %@", speedup, verdict(speedup >= 40)))
        }
        let parallelRatio = parallel.wallSeconds / max(floorWall, 1e-9)
        print(String(format: "--jobs %d wall / floor wall:       %.2fx   (target < 1.0x)   %@", jobs, parallelRatio, verdict(parallelRatio < 1)))
        print(String(format: "peak RSS:                         %.0f MB  (target < 150 MB) %@", Double(peak) / 1_048_576, verdict(peak < 150 << 20)))
        return ratio
    }

    private func verdict(_ ok: Bool) -> NSString { (ok ? "ok" : "MISSED") as NSString }

    /// Runs feedparser over the files in one Python process and returns its CPU time for the parses alone.
    private func feedparserTimes(_ files: [String]) -> (cpu: Double, items: Int)? {
        let script = """
            import sys, time, json
            import feedparser
            paths = [l.rstrip('\\n') for l in sys.stdin]
            datas = [open(p, 'rb').read() for p in paths]
            t = time.process_time(); n = 0
            for d in datas:
                n += len(feedparser.parse(d).entries)
            print(json.dumps({"cpu": time.process_time() - t, "items": n}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch {
            print("feedparser: could not start python3 (\(error)); skipped")
            return nil
        }
        input.fileHandleForWriting.write(Data(files.joined(separator: "\n").utf8 + [0x0A]))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cpu = json["cpu"] as? Double, let n = json["items"] as? Int else {
            print("feedparser: not available (pip install feedparser); skipped")
            return nil
        }
        return (cpu, n)
    }
}
