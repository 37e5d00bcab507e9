import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchIngest
#if canImport(Glibc)
import Glibc
#endif

/// `regwatch-bench large-feed`: issue 14's figure for one very large document. A feed of 1,000,000 items peaked at
/// 1.3–1.5 GB: the whole libxml2 tree was held at once (and the items were copied once more on the way out).
///
/// Generates one RSS 2.0 document of `--items` items (title, link, GUID, date and a sentence each: about 300 bytes an
/// item), then parses it in a child process per reading, so that each peak resident set is that reading's alone, as
/// the kernel accounts it (`wait4`): the whole document as one tree (what every document was read as before), and
/// item by item (what documents over `FeedParser.Limits.streamAbove` are read as now). `regwatch parse` itself is run
/// too when it is built beside this benchmark, and any other build given with `--regwatch` (an older one, to compare).
struct LargeFeedBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "large-feed",
        abstract: "Peak memory and time of parsing one feed document of 1,000,000 items, read as a tree and item by item.",
        discussion: """
            Each parse runs in a child process and is measured by the kernel (peak resident set, CPU, wall).

              swift run -c release regwatch-bench large-feed
              swift run -c release regwatch-bench large-feed --items 250000 --regwatch /path/to/older/regwatch
            """
    )

    @Option(help: "Items in the generated document.")
    var items = 1_000_000

    @Option(help: "Folder for the generated document (default: the system temp directory).")
    var dir: String?

    @Option(help: ArgumentHelp("Also run `regwatch parse` of this build on the document (repeatable).", valueName: "path"))
    var regwatch: [String] = []

    @Option(help: .hidden) var parse: String?
    @Option(help: .hidden) var reading = "stream"

    func run() throws {
        if let parse {
            // The child: one parse, as `regwatch parse` reads a file, and the item count.
            let size = (try? FileManager.default.attributesOfItem(atPath: parse)[.size] as? Int) ?? 0
            var limits = FeedParser.Limits(maxBytes: max(size, 1))
            if reading == "tree" { limits.streamAbove = .max }
            let doc = try FeedFile.parse(parse, limits: limits)
            print("\(doc.entries.count) items\(doc.bozo ? ", bozo: \(doc.bozoException ?? "")" : "")")
            return
        }
        let folder = URL(fileURLWithPath: dir ?? NSTemporaryDirectory())
        let file = folder.appendingPathComponent("regwatch-large-feed-\(items).xml")
        if !FileManager.default.fileExists(atPath: file.path) { try Self.write(items: items, to: file) }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print(String(format: "regwatch-bench large-feed: %d items, %.1f MB in %@", items, Double(size) / 1e6, file.path))
        print("")
        // Foundation on Linux ignores the width of `%@`: the header is padded here.
        print(Self.padded("run", 52) + [("peak MB", 11), ("cpu s", 10), ("wall s", 10), ("KB/item", 9)]
            .map { String(repeating: " ", count: $0.1 - $0.0.count) + $0.0 }.joined())
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        var runs: [(String, String, [String])] = [
            ("whole tree (libxml2 tree of the document)", me, ["large-feed", "--parse", file.path, "--reading", "tree"]),
            ("item by item (xmlTextReader, the default)", me, ["large-feed", "--parse", file.path, "--reading", "stream"]),
        ]
        let beside = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("regwatch").path
        let parseArguments = ["parse", "--max-bytes", String(size), file.path]
        if FileManager.default.isExecutableFile(atPath: beside) { runs.append(("regwatch parse, this build", beside, parseArguments)) }
        for (n, cli) in regwatch.enumerated() { runs.append(("regwatch parse, --regwatch \(n + 1)", cli, parseArguments)) }
        for (label, executable, arguments) in runs {
            let run = try Measured.run(executable, arguments)
            guard run.status == 0 else {
                print("\(label): exited \(run.status)")
                continue
            }
            let megabytes = Double(run.peakBytes) / 1_048_576
            print(Self.padded(label, 52) + String(format: " %10.0f %9.2f %9.2f %8.2f  ", megabytes, run.cpuSeconds,
                                                  run.wallSeconds, Double(run.peakBytes) / 1024 / Double(items))
                  + Self.summary(run.output))
        }
        for (n, cli) in regwatch.enumerated() { print("--regwatch \(n + 1): \(cli)") }
        if !FileManager.default.isExecutableFile(atPath: beside) {
            print("\nregwatch is not built beside this benchmark; 'swift build -c release --product regwatch' runs it too")
        }
    }

    /// What a child printed that says how many items it read.
    static func summary(_ output: String) -> String {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.first(where: { $0.hasPrefix("items:") || $0.hasSuffix("items") || $0.contains("items, bozo") }) ?? ""
    }

    static func padded(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    /// Writes the document in pieces, so that the benchmark itself never holds it.
    static func write(items: Int, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let partial = file.appendingPathExtension("partial")
        _ = FileManager.default.createFile(atPath: partial.path, contents: nil)
        let handle = try FileHandle(forWritingTo: partial)
        var chunk = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Large feed</title><link>https://large.example/</link>
            <description>\(items) items</description>

            """
        let subjects = ["regulator", "ministry", "court", "commission", "parliament", "agency"]
        let acts = ["opens an inquiry into", "fines", "orders a halt to", "approves", "blocks", "reviews"]
        let objects = ["a messaging platform", "cross-border data transfers", "a chip export licence", "an app store",
                       "a cloud provider", "a payments service"]
        for i in 0..<items {
            let a = subjects[i % subjects.count], b = acts[(i / 6) % acts.count], c = objects[(i / 36) % objects.count]
            let day = 1 + i % 28, hour = i % 24
            chunk += """
                <item><title>The \(a) \(b) \(c), report \(i)</title><link>https://large.example/news/\(i)</link>\
                <guid isPermaLink="false">large-\(i)</guid><pubDate>Tue, \(String(format: "%02d", day)) Jul 2026 \
                \(String(format: "%02d", hour)):00:00 GMT</pubDate><description>The \(a) of country \(i % 97) \(b) \(c), \
                officials said; the decision can be appealed.</description></item>

                """
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += "</channel></rss>\n"
        handle.write(Data(chunk.utf8))
        try handle.close()
        try FileManager.default.moveItem(at: partial, to: file)
    }
}

/// A child process run to its end and measured as the kernel accounts it.
struct Measured {
    var status: Int32
    var output: String
    /// Peak resident set size (`ru_maxrss`) of the child alone.
    var peakBytes: Int
    var cpuSeconds: Double
    var wallSeconds: Double

    /// Runs `executable` with `arguments`, its standard output captured, and waits for it with `wait4`, which gives
    /// this child's own resource use (`RUSAGE_CHILDREN` would mix in every child waited for before).
    static func run(_ executable: String, _ arguments: [String]) throws -> Measured {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ValidationError("pipe failed: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let started = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw ValidationError("cannot start \(executable): error \(spawned)")
        }
        let output = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true).readDataToEndOfFile()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        // WEXITSTATUS, written out: the macro does not reach Swift.
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Measured(status: exit, output: String(decoding: output, as: UTF8.self), peakBytes: Int(usage.ru_maxrss) * 1024,
                        cpuSeconds: cpu, wallSeconds: wall)
    }
}
