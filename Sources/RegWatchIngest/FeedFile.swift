import Foundation
import RegWatchCore

/// Reading documents from disk with bounded memory.
public enum FeedFile {
    /// An unreadable file, named with what to do about it.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot read the file: \(reason)" }
    }

    /// Reads at most `limit` bytes of `path` (`-` is standard input), and the file's full size when known.
    public static func read(_ path: String, limit: Int) throws(ReadError) -> (bytes: [UInt8], totalSize: Int?) {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ReadError(path: path, reason: "no such file (check the path)")
            }
            guard !isDir.boolValue else { throw ReadError(path: path, reason: "it is a folder; give a feed file") }
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw ReadError(path: path, reason: "permission denied or not a regular file")
            }
            handle = h
        }
        defer { if path != "-" { try? handle.close() } }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            var total: Int?
            if data.count > limit {
                total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            }
            return ([UInt8](data), total ?? data.count)
        } catch {
            throw ReadError(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Parses the document at `path` without ever holding more than `limits.maxBytes` of it.
    public static func parse(_ path: String, url: String? = nil, contentType: String? = nil,
                             limits: FeedParser.Limits = .default) throws(ReadError) -> FeedDocument {
        let (bytes, total) = try read(path, limit: limits.maxBytes)
        guard bytes.count > limits.maxBytes else {
            return FeedParser.parse(bytes, url: url, contentType: contentType, limits: limits)
        }
        // Over the bound: parse the first `maxBytes` and say so, with the real size.
        let size = total.map { FeedParser.megabytes($0) } ?? "more than \(FeedParser.megabytes(limits.maxBytes))"
        let note = "the document is \(size), over the \(FeedParser.megabytes(limits.maxBytes)) limit: only its first \(FeedParser.megabytes(limits.maxBytes)) were read"
        return FeedParser.parseCut(Array(bytes[..<limits.maxBytes]), url: url, contentType: contentType, limits: limits, note: note)
    }
}
