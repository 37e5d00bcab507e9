import Foundation
import RegWatchCore

/// Parses many documents in one process and totals what it read: the basis of `regwatch parse --count` and
/// of the parser benchmark.
public enum ParseCounter {
    public struct Stats: Sendable {
        public var documents = 0
        public var items = 0
        public var bozo = 0
        public var bytes = 0
        public var wallSeconds = 0.0
        public var cpuSeconds = 0.0
        public var unreadable: [String] = []

        public var report: String {
            var s = String(format: "documents %d  items %d  bozo %d  bytes %d  seconds %.3f  cpu %.3f",
                           documents, items, bozo, bytes, wallSeconds, cpuSeconds)
            for u in unreadable { s += "\nunreadable: \(u)" }
            return s
        }
    }

    /// Every regular, non-hidden file under `paths`, sorted for reproducible runs.
    public static func files(under paths: [String]) throws(FeedFile.ReadError) -> [String] {
        var result: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw FeedFile.ReadError(path: path, reason: "no such file or folder (check the path)")
            }
            if !isDir.boolValue { result.append(path); continue }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") { walker.skipDescendants(); continue }
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// Parses every file under `paths` with `jobs` threads.
    public static func run(paths: [String], jobs: Int, limits: FeedParser.Limits = .default) throws(FeedFile.ReadError) -> Stats {
        let list = try files(under: paths)
        let cpuStart = cpuTime()
        let start = Date()
        let shards = max(1, min(jobs, list.count))
        let partial = Locked<[Stats]>(Array(repeating: Stats(), count: shards))
        @Sendable func parseShard(_ shard: Int) {
            var s = Stats()
            var i = shard
            while i < list.count {
                do {
                    let (bytes, _) = try FeedFile.read(list[i], limit: limits.maxBytes)
                    let doc = FeedParser.parse(bytes, limits: limits)
                    s.documents += 1
                    s.items += doc.entries.count
                    s.bytes += bytes.count
                    if doc.bozo { s.bozo += 1 }
                } catch {
                    s.unreadable.append("\(error)")
                }
                i += shards
            }
            partial.withLock { $0[shard] = s }
        }
        // One thread of our own per shard: `DispatchQueue.concurrentPerform` runs its iterations one after the
        // other when called from a Swift concurrency thread (an `AsyncParsableCommand`), which left `--jobs` serial.
        let done = DispatchGroup()
        for shard in 0..<shards {
            done.enter()
            let thread = Thread {
                parseShard(shard)
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        done.wait()
        var total = Stats()
        for s in partial.withLock({ $0 }) {
            total.documents += s.documents
            total.items += s.items
            total.bozo += s.bozo
            total.bytes += s.bytes
            total.unreadable += s.unreadable
        }
        total.wallSeconds = Date().timeIntervalSince(start)
        total.cpuSeconds = cpuTime() - cpuStart
        return total
    }

    /// User plus system CPU time of this process, in seconds.
    /// - Parameter children: count the children this process has waited for instead of the process itself.
    public static func cpuTime(children: Bool = false) -> Double {
        var usage = rusage()
        getrusage(Int32((children ? RUSAGE_CHILDREN : RUSAGE_SELF).rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident set size of this process, in bytes.
    public static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}

/// A value behind a lock, for the few places threads meet.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
