import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A request as the test server saw it.
public struct ServedRequest: Sendable, Hashable {
    public var path: String
    /// Header values by lowercased name.
    public var headers: [String: String]
}

/// What the test server answers.
public struct ServedResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Wait this long before answering (slow-server tests).
    public var delay: Duration?
    /// Send the body one byte at a time with this pause after each (slow-body tests).
    public var trickle: Duration?
    /// After the body, send these bytes again and again for as long as the client reads (endless-body tests).
    public var endless: [UInt8]?

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], delay: Duration? = nil,
                trickle: Duration? = nil, endless: [UInt8]? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.trickle = trickle
        self.endless = endless
    }

    public init(status: Int = 200, headers: [(String, String)] = [], _ text: String, delay: Duration? = nil,
                trickle: Duration? = nil) {
        self.init(status: status, headers: headers, body: Array(text.utf8), delay: delay, trickle: trickle)
    }
}

/// A real Hummingbird server on 127.0.0.1, on a port chosen by the kernel, whose answers a test
/// scripts with a closure, and which records every request it gets.
public final class FeedServer: Sendable {
    public typealias Handler = @Sendable (ServedRequest) async -> ServedResponse

    private let portBox = Mutex(0)
    private let handler: Mutex<Handler>
    private let log = Mutex<[ServedRequest]>([])

    private init(handler: @escaping Handler) {
        self.handler = Mutex(handler)
    }

    /// The port the kernel chose.
    public var port: Int { portBox.withLock { $0 } }

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public func url(_ path: String) -> String { baseURL + path }

    /// Replaces the script.
    public func handle(_ handler: @escaping Handler) { self.handler.withLock { $0 = handler } }

    /// Every request so far, oldest first.
    public var requests: [ServedRequest] { log.withLock { $0 } }
    public func requests(to path: String) -> [ServedRequest] { requests.filter { $0.path == path } }

    /// Runs `body` with a server started on 127.0.0.1 port 0, then stops it.
    public static func with<T: Sendable>(_ handler: @escaping Handler,
                                         _ body: @Sendable (FeedServer) async throws -> T) async throws -> T {
        let server = FeedServer(handler: handler)
        let ready = AsyncStream<Int>.makeStream()
        let router = Router()
        router.on("**", method: .get) { request, _ -> Response in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let served = ServedRequest(path: request.uri.path, headers: headers)
            server.log.withLock { $0.append(served) }
            let answer = await server.handler.withLock { $0 }(served)
            if let delay = answer.delay { try? await Task.sleep(for: delay) }
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
            }
            if let pause = answer.trickle {
                let bytes = answer.body
                return Response(status: .init(code: answer.status), headers: fields, body: ResponseBody { writer in
                    for byte in bytes {
                        try await writer.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: pause)
                    }
                    try await writer.finish(nil)
                })
            }
            if let filler = answer.endless, !filler.isEmpty {
                let bytes = answer.body
                return Response(status: .init(code: answer.status), headers: fields, body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: bytes))
                    var chunk = ByteBuffer()
                    while chunk.readableBytes < 4096 { chunk.writeBytes(filler) }
                    // Until the client goes away (the write fails) or the server stops (the task is cancelled); the
                    // pause keeps a test's endless server from taking a core from the tests running beside it.
                    while !Task.isCancelled {
                        try await writer.write(chunk)
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    try await writer.finish(nil)
                })
            }
            return Response(status: .init(code: answer.status), headers: fields,
                            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ready.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "FeedServer", factory: { _ in SwiftLogNoOpLogHandler() }))

        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.run(); return nil }
            var iterator = ready.stream.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
            server.portBox.withLock { $0 = port }
            let result = try await body(server)
            group.cancelAll()
            while let _ = try? await group.next() {}
            return result
        }
    }
}

/// Gzip framing (RFC 1952) around deflate stored blocks (RFC 1951 §3.2.4): a real gzip stream,
/// uncompressed inside, so the client's decoder is exercised without a compressor in the tests.
public func gzipStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
    var offset = 0
    repeat {
        let n = min(65_535, data.count - offset)
        let final: UInt8 = offset + n == data.count ? 1 : 0
        out.append(final)
        out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
        out += data[offset..<offset + n]
        offset += n
    } while offset < data.count
    let crc = crc32(data)
    let size = UInt32(truncatingIfNeeded: data.count)
    for v in [crc, size] { out += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
    return out
}

/// A gzip bomb: `prefix`, then `run` bytes of `byte`, in a real gzip stream (RFC 1952) of fixed-Huffman deflate
/// (RFC 1951 §3.2.6) whose run is written as matches of 258 bytes at distance 1, 13 bits each: some 160 times smaller
/// than what it inflates to.
public func gzipBomb(prefix: [UInt8], byte: UInt8, run: Int) -> [UInt8] {
    var bits = BitWriter()
    bits.write(1, count: 1)  // BFINAL
    bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
    func literal(_ value: UInt8) {
        if value < 144 { bits.writeCode(0x30 + UInt32(value), count: 8) } else { bits.writeCode(0x190 + UInt32(value) - 144, count: 9) }
    }
    for b in prefix { literal(b) }
    literal(byte)
    var left = run - 1
    while left >= 258 {
        bits.writeCode(0xC5, count: 8)  // length code 285: 258 bytes, no extra bits
        bits.writeCode(0, count: 5)     // distance code 0: distance 1
        left -= 258
    }
    for _ in 0..<left { literal(byte) }
    bits.writeCode(0, count: 7)         // end of block (256)
    var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + bits.flushed
    var crc = CRC32()
    crc.update(prefix)
    crc.update(repeating: byte, count: run)
    let size = UInt32(truncatingIfNeeded: prefix.count + run)
    for v in [crc.value, size] { out += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
    return out
}

/// Deflate's bit order: values least significant bit first, Huffman codes most significant bit first.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var current: UInt32 = 0
    private var filled = 0

    mutating func write(_ value: UInt32, count: Int) {
        for i in 0..<count { push((value >> UInt32(i)) & 1) }
    }

    mutating func writeCode(_ code: UInt32, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { push((code >> UInt32(i)) & 1) }
    }

    private mutating func push(_ bit: UInt32) {
        current |= bit << UInt32(filled)
        filled += 1
        if filled == 8 { bytes.append(UInt8(current)); current = 0; filled = 0 }
    }

    /// The bytes written, the last partial one padded with zeros.
    var flushed: [UInt8] { filled > 0 ? bytes + [UInt8(current)] : bytes }
}

/// CRC-32 (the gzip trailer's), table-driven.
private struct CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
        return c
    }
    private var crc: UInt32 = 0xFFFF_FFFF

    mutating func update(_ data: [UInt8]) { for b in data { step(b) } }
    mutating func update(repeating byte: UInt8, count: Int) { for _ in 0..<count { step(byte) } }
    private mutating func step(_ b: UInt8) { crc = Self.table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
    var value: UInt32 { ~crc }
}

func crc32(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
    }
    return ~crc
}

/// An RSS 2.0 document with these items (guid, link, title, description).
public func rss(title: String = "Test feed", ttl: Int? = nil,
                items: [(guid: String?, link: String?, title: String, text: String)]) -> String {
    func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>\(esc(title))</title>"
    out += "<link>https://example.org/</link><description>test</description>"
    if let ttl { out += "<ttl>\(ttl)</ttl>" }
    for item in items {
        out += "<item><title>\(esc(item.title))</title>"
        if let link = item.link { out += "<link>\(esc(link))</link>" }
        if let guid = item.guid { out += "<guid isPermaLink=\"false\">\(esc(guid))</guid>" }
        out += "<description>\(esc(item.text))</description><pubDate>Tue, 07 Jul 2026 10:00:00 GMT</pubDate></item>"
    }
    return out + "</channel></rss>\n"
}
