import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import RegWatchCore

/// What a feed fetch needs to know from the store.
public struct FetchRequest: Sendable, Hashable {
    /// An http(s) URL, a `file:` URL or a local path.
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// Limits and identity of the fetcher.
public struct FetchPolicy: Sendable, Hashable {
    public var connectTimeout: TimeInterval = 10
    /// Deadline of the whole request, redirects and body included.
    public var requestTimeout: TimeInterval = 30
    /// Largest body read, after decompression, for a feed whose line sets no `max_bytes=`: a longer one is cut there.
    public var maxBodyBytes = 10 * 1024 * 1024
    /// The largest `max_bytes=` of the feeds this fetcher will read. Each feed's own limit is applied to its decoded
    /// body as it streams in (`fetch(_:maxBytes:)`); the HTTP client's decompression limit, which is one for all
    /// feeds, is only a backstop against gzip bombs, so it must not be below any feed's own limit.
    public var largestFeedMaxBytes = 0
    public var maxRedirects = 5
    public var userAgent = "RegWatch/0.1.0 (+https://github.com/regwatch/regwatch)"

    public init() {}

    /// The HTTP client's decompression limit, one for all feeds: twice the largest feed limit and 16 MB. A feed's own
    /// cut comes first for any real document: the decoder inflates each network read ahead of the body loop, and when
    /// it passes this limit the request fails, the chunks not yet read with it. Only a body that inflates by orders of
    /// magnitude at once (a gzip bomb) reaches it, and is refused.
    public var decompressionBackstop: Int {
        let largest = max(maxBodyBytes, largestFeedMaxBytes)
        return largest > (Int.max - (16 << 20)) / 2 ? Int.max : 2 * largest + (16 << 20)
    }
}

/// A fetched body, or a 304.
public struct FetchResponse: Sendable, Hashable {
    /// 200, 304; 0 for local files.
    public var status: Int
    public var body: [UInt8]
    public var finalURL: String
    /// Where the leading permanent redirects (301/308) lead, when the first answer was one.
    public var permanentRedirect: String?
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    /// `Cache-Control: max-age`, in seconds.
    public var maxAge: TimeInterval?
    /// The limit the body was cut at, when it was longer: `body` holds what came before the cut (at most this many
    /// bytes) and the rest was not read. `nil` when the body is whole.
    public var cutAt: Int?

    public var notModified: Bool { status == 304 }

    public init(status: Int, body: [UInt8], finalURL: String, permanentRedirect: String? = nil, etag: String? = nil,
                lastModified: String? = nil, contentType: String? = nil, maxAge: TimeInterval? = nil, cutAt: Int? = nil) {
        self.status = status
        self.body = body
        self.finalURL = finalURL
        self.permanentRedirect = permanentRedirect
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.maxAge = maxAge
        self.cutAt = cutAt
    }
}

/// A failed fetch, naming the feed.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case httpStatus(Int)
        case timeout(seconds: Int)
        /// The connection could not be made: refused, unreachable, DNS.
        case connect(String)
        case tls(String)
        /// A body cut at this limit where the whole was needed (an item's page for `full_text=yes`).
        case bodyTooLarge(limit: Int)
        /// A compressed body that inflated past the decompression limit (``FetchPolicy/decompressionBackstop``).
        case compressionBomb(limit: Int)
        case tooManyRedirects(Int)
        case invalidURL
        case file(String)
        case transport(String)
    }
    public var kind: Kind
    public var url: String
    /// `Retry-After` of a 429 or 503, in seconds from now.
    public var retryAfter: TimeInterval?

    public init(_ kind: Kind, url: String, retryAfter: TimeInterval? = nil) {
        self.kind = kind
        self.url = url
        self.retryAfter = retryAfter
    }

    /// `true` when no connection was made, the mark of a network that is down.
    public var isConnectivity: Bool {
        if case .connect = kind { return true }
        return false
    }

    public var status: Int? {
        if case .httpStatus(let code) = kind { return code }
        return nil
    }

    public var description: String {
        let what: String
        switch kind {
        case .httpStatus(let code):
            let reason = HTTPResponseStatus(statusCode: code).reasonPhrase
            what = "HTTP \(code) \(reason)" + (retryAfter.map { ", retry after \(Int($0)) s" } ?? "")
        case .timeout(let seconds): what = "timed out after \(seconds) s"
        case .connect(let reason): what = "cannot connect: \(reason)"
        case .tls(let reason):
            what = "TLS failure (the server's certificate is invalid or expired, or it does not speak TLS on this port; "
                + "check the URL's scheme and port): \(reason)"
        case .bodyTooLarge(let limit): what = "body larger than \(limit) bytes; raise max_bytes= on its line in the feed list"
        case .compressionBomb(let limit):
            what = "compressed body inflates past \(limit) bytes faster than it can be read: refused as a compression bomb"
        case .tooManyRedirects(let n): what = "more than \(n) redirects"
        case .invalidURL: what = "not a valid URL or path"
        case .file(let reason): what = "cannot read the file: \(reason)"
        case .transport(let reason): what = "transfer failed: \(reason)"
        }
        return "\(url): \(what)"
    }
}

/// Fetches feeds over http(s) with conditional GET, limits and manual redirects, and reads local files.
///
/// Follows Miniflux's `fetcher`: validators are sent only when stored and non-empty, a 304 is
/// `notModified`, and every request has a deadline and a body cap.
public final class FeedFetcher: Sendable {
    public let policy: FetchPolicy
    private let client: HTTPClient

    private init(policy: FetchPolicy, client: HTTPClient) {
        self.policy = policy
        self.client = client
    }

    /// Runs `body` with a fetcher, shutting its HTTP client down afterwards.
    public static func withFetcher<T: Sendable>(policy: FetchPolicy = FetchPolicy(),
                                                _ body: (FeedFetcher) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,  // redirects are followed here, to see 301/308
            timeout: .init(connect: .milliseconds(Int64(policy.connectTimeout * 1000)),
                           read: .milliseconds(Int64(policy.requestTimeout * 1000))),
            decompression: .enabled(limit: .size(policy.decompressionBackstop)))
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let fetcher = FeedFetcher(policy: policy, client: client)
        do {
            let result = try await body(fetcher)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Fetches one feed.
    ///
    /// A body longer than the limit (after decompression) is cut there rather than refused: what came before the cut
    /// is returned with ``FetchResponse/cutAt`` set, and the rest is never read, so an endless or huge body costs at
    /// most the limit. The caller decides what a cut body is worth (a feed keeps its complete items, a page is refused).
    /// - Parameter maxBytes: overrides the policy's body cap for this feed.
    /// - Throws: `FetchError`.
    public func fetch(_ request: FetchRequest, maxBytes: Int? = nil) async throws(FetchError) -> FetchResponse {
        let limit = maxBytes ?? policy.maxBodyBytes
        if let path = Self.localPath(request.url) {
            return try Self.readFile(path, url: request.url, limit: limit)
        }
        guard let first = URL(string: request.url), let scheme = first.scheme?.lowercased(),
              scheme == "http" || scheme == "https", first.host != nil else {
            throw FetchError(.invalidURL, url: request.url)
        }
        let deadline = NIODeadline.now() + .milliseconds(Int64(policy.requestTimeout * 1000))
        var current = first.absoluteString
        var permanent: String?
        var stillPermanent = true
        for hop in 0...policy.maxRedirects {
            var http = HTTPClientRequest(url: current)
            http.headers.add(name: "User-Agent", value: policy.userAgent)
            http.headers.add(name: "Accept", value:
                "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
            http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
            if let etag = request.etag, !etag.isEmpty { http.headers.add(name: "If-None-Match", value: etag) }
            if let modified = request.lastModified, !modified.isEmpty {
                http.headers.add(name: "If-Modified-Since", value: modified)
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(http, deadline: deadline)
            } catch {
                throw Self.classify(error, url: request.url, seconds: Int(policy.requestTimeout))
            }
            let code = Int(response.status.code)
            if [301, 302, 303, 307, 308].contains(code), let location = response.headers.first(name: "Location") {
                guard hop < policy.maxRedirects else { throw FetchError(.tooManyRedirects(policy.maxRedirects), url: request.url) }
                guard let next = URL(string: location, relativeTo: URL(string: current))?.absoluteURL.absoluteString else {
                    throw FetchError(.invalidURL, url: location)
                }
                if stillPermanent && (code == 301 || code == 308) { permanent = next } else { stillPermanent = false }
                current = next
                continue
            }
            let headers = response.headers
            if code == 304 {
                return FetchResponse(status: 304, body: [], finalURL: current, permanentRedirect: permanent,
                                     etag: headers.first(name: "ETag") ?? request.etag,
                                     lastModified: headers.first(name: "Last-Modified") ?? request.lastModified,
                                     maxAge: Self.maxAge(headers.first(name: "Cache-Control")))
            }
            guard (200..<300).contains(code) else {
                let retry = (code == 429 || code == 503) ? headers.first(name: "Retry-After").flatMap { Self.retryAfter($0) } : nil
                throw FetchError(.httpStatus(code), url: request.url, retryAfter: retry)
            }
            var body: [UInt8] = []
            var cut = false
            do {
                for try await chunk in response.body {
                    if body.count + chunk.readableBytes > limit {
                        // Cut at the limit. Leaving the loop drops the body stream, which cancels the request: the
                        // rest is not read.
                        body.append(contentsOf: chunk.readableBytesView.prefix(limit - body.count))
                        cut = true
                        break
                    }
                    body.append(contentsOf: chunk.readableBytesView)
                    // The deadline covers the body too: a server that trickles bytes (each within the read timeout)
                    // would otherwise hold the pull, and the store lock, for as long as it keeps sending.
                    if NIODeadline.now() > deadline {
                        throw FetchError(.timeout(seconds: Int(policy.requestTimeout)), url: request.url)
                    }
                }
            } catch let error as FetchError {
                throw error
            } catch let error as NIOHTTPDecompression.DecompressionError where error == .limit {
                throw FetchError(.compressionBomb(limit: policy.decompressionBackstop), url: request.url)
            } catch {
                throw Self.classify(error, url: request.url, seconds: Int(policy.requestTimeout))
            }
            return FetchResponse(status: code, body: body, finalURL: current, permanentRedirect: permanent,
                                 etag: headers.first(name: "ETag"), lastModified: headers.first(name: "Last-Modified"),
                                 contentType: headers.first(name: "Content-Type"),
                                 maxAge: Self.maxAge(headers.first(name: "Cache-Control")), cutAt: cut ? limit : nil)
        }
        throw FetchError(.tooManyRedirects(policy.maxRedirects), url: request.url)
    }

    // MARK: Helpers

    /// The path of a `file:` URL or of a plain path; `nil` for anything with another scheme.
    public static func localPath(_ source: String) -> String? {
        if source.hasPrefix("file:") { return URL(string: source)?.path }
        if let colon = source.firstIndex(of: ":"), source[..<colon].allSatisfy({ $0.isLetter }),
           source[..<colon].count > 1 {
            return nil  // some scheme
        }
        return source
    }

    static func readFile(_ path: String, url: String, limit: Int) throws(FetchError) -> FetchResponse {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FetchError(.file(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"), url: url)
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit == .max ? limit : limit + 1) ?? Data() } catch {
            throw FetchError(.file(String(describing: error)), url: url)
        }
        guard data.count > limit else { return FetchResponse(status: 0, body: [UInt8](data), finalURL: url) }
        return FetchResponse(status: 0, body: [UInt8](data.prefix(limit)), finalURL: url, cutAt: limit)
    }

    static func classify(_ error: any Error, url: String, seconds: Int) -> FetchError {
        if let error = error as? FetchError { return error }
        let type = String(reflecting: Swift.type(of: error))
        let text = String(describing: error)
        if let http = error as? HTTPClientError {
            switch http {
            case .deadlineExceeded, .readTimeout, .writeTimeout: return FetchError(.timeout(seconds: seconds), url: url)
            case .connectTimeout: return FetchError(.connect("connect timed out"), url: url)
            case .tlsHandshakeTimeout: return FetchError(.tls("handshake timed out"), url: url)
            case .invalidURL, .emptyHost, .emptyScheme: return FetchError(.invalidURL, url: url)
            default: break
            }
        }
        if type.contains("NIOConnectionError") || type.contains("SocketAddressError") || text.contains("connectTimeout")
            || text.contains("Connection refused") || text.contains("connectionRefused") {
            // Refused, unreachable, or the name did not resolve: no connection at all.
            return FetchError(.connect(text.contains("dns") || type.contains("SocketAddressError")
                                       ? "DNS lookup failed" : "connection refused or unreachable"), url: url)
        }
        if type.contains("SSL") || type.contains("TLS") { return FetchError(.tls(text), url: url) }
        return FetchError(.transport(text), url: url)
    }

    /// `max-age` of a Cache-Control header, in seconds.
    public static func maxAge(_ header: String?) -> TimeInterval? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces).lowercased()
            if item.hasPrefix("max-age="), let value = Int(item.dropFirst("max-age=".count)) { return TimeInterval(value) }
        }
        return nil
    }

    /// `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in seconds from `now`.
    public static func retryAfter(_ value: String, now: Date = Date()) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return TimeInterval(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
