import ArgumentParser
import Foundation
import RegWatchIngest

/// `regwatch-bench html`: main-text extraction speed over the Readability test pages, single-threaded.
///
/// Prints ms/page (thread CPU time and wall time) for `HTMLBriefParser.mainText`; with `--trafilatura`, times
/// Python's trafilatura on the same pages in a child process and prints it beside ours. The target is
/// at least 5x faster than trafilatura. `scripts/score-readability.py` calls this with `--write-text` to score
/// the extracted text.
struct HTMLBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Time main-text extraction over ../shared/conformance/readability/test-pages (target: 5x trafilatura)."
    )

    @Option(help: "Directory of test pages (<case>/source.html).")
    var pages = "../shared/conformance/readability/test-pages"

    @Option(help: "Write each page's extracted text to DIR/<case>.txt (for the scorer).")
    var writeText: String?

    @Option(help: "Passes over all pages; the figures are the mean.")
    var repeats = 1

    @Flag(help: "Also time trafilatura (python3) on the same pages and print the ratio.")
    var trafilatura = false

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
    }

    func run() throws {
        let fm = FileManager.default
        guard let cases = try? fm.contentsOfDirectory(atPath: pages).sorted(), !cases.isEmpty else {
            throw ValidationError("\(pages): no test pages found; run from the repo root with ../shared present, or pass --pages DIR")
        }
        var inputs: [(String, [UInt8])] = []
        for name in cases {
            if let data = fm.contents(atPath: "\(pages)/\(name)/source.html") { inputs.append((name, [UInt8](data))) }
        }
        if let writeText { try fm.createDirectory(atPath: writeText, withIntermediateDirectories: true) }

        var cpu = 0.0, wall = 0.0
        var bytes = 0
        for pass in 0..<repeats {
            for (name, page) in inputs {
                let wallStart = DispatchTime.now().uptimeNanoseconds
                let cpuStart = Self.threadCPUms()
                let text = (try? HTMLBriefParser.mainText(page, url: "http://fakehost/test/page.html")) ?? ""
                cpu += Self.threadCPUms() - cpuStart
                wall += Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e6
                if pass == 0 {
                    bytes += page.count
                    if let writeText { try text.write(toFile: "\(writeText)/\(name).txt", atomically: false, encoding: .utf8) }
                }
            }
        }
        let runs = Double(inputs.count * repeats)
        let ours = (cpu: cpu / runs, wall: wall / runs)
        let theirs = trafilatura ? try Self.timeTrafilatura(pages: pages, cases: inputs.map(\.0)) : nil

        if json {
            var object: [String: Any] = ["pages": inputs.count, "msPerPage": ours.cpu, "wallMsPerPage": ours.wall,
                                         "bytes": bytes, "repeats": repeats]
            if let theirs { object["trafilaturaMsPerPage"] = theirs.cpu; object["trafilaturaWallMsPerPage"] = theirs.wall }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("\(inputs.count) pages, \(bytes / 1024) KiB, single-threaded, \(repeats) pass(es)")
        print("extractor      cpu ms/page  wall ms/page")
        print("regwatch       " + Self.pad(ours.cpu) + "  " + Self.pad(ours.wall))
        if let theirs {
            print("trafilatura    " + Self.pad(theirs.cpu) + "  " + Self.pad(theirs.wall))
            print(String(format: "regwatch is %.1fx faster (cpu), %.1fx (wall); target 5x", theirs.cpu / ours.cpu, theirs.wall / ours.wall))
        }
    }

    static func pad(_ value: Double) -> String {
        let s = String(format: "%.2f", value)
        return String(repeating: " ", count: max(0, 11 - s.count)) + s
    }

    static func threadCPUms() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    /// Runs trafilatura over the same pages in python3 and reads back its ms/page (CPU and wall).
    static func timeTrafilatura(pages: String, cases: [String]) throws -> (cpu: Double, wall: Double) {
        let script = """
            import json, sys, time, trafilatura
            pages, cases = sys.argv[1], sys.argv[2:]
            docs = [open(f"{pages}/{c}/source.html", "rb").read() for c in cases]
            c0, w0 = time.thread_time(), time.perf_counter()
            for d in docs: trafilatura.extract(d, url="http://fakehost/test/page.html")
            print(json.dumps({"cpu": (time.thread_time() - c0) * 1000 / len(docs), "wall": (time.perf_counter() - w0) * 1000 / len(docs)}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, pages] + cases
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Double],
              let cpu = object["cpu"], let wall = object["wall"] else {
            throw ValidationError("trafilatura timing failed; install it with `pip install trafilatura lxml_html_clean`")
        }
        return (cpu, wall)
    }
}
