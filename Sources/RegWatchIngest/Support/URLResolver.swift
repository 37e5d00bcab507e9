/// Resolves relative references against a base URI (RFC 3986 §5.2), as feeds need for `xml:base` and links.
///
/// Written over strings rather than Foundation's `URL`, which rejects many URIs found in feeds (spaces, `{}`,
/// IRIs) and normalises what it should keep.
public enum URLResolver {
    /// Schemes a base may have: a `javascript:` or `data:` base is ignored (CONTRACT §4.3).
    static let webSchemes: Set<String> = ["http", "https", "ftp", "file", "feed", "urn", "tag", "mailto", "news"]

    /// `true` when `base` may serve as a base URI.
    public static func isUsableBase(_ base: String) -> Bool {
        guard let scheme = scheme(of: base) else { return false }
        return webSchemes.contains(scheme)
    }

    /// The lowercased scheme of an absolute URI, or `nil` for a relative reference.
    public static func scheme(of uri: String) -> String? {
        var length = 0
        for c in uri.utf8 {
            if c == UInt8(ascii: ":") {
                return length == 0 ? nil : String(uri.utf8.prefix(length))!.lowercased()
            }
            let isAlpha = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            let isOther = (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
            guard isAlpha || (length > 0 && isOther) else { return nil }
            length += 1
        }
        return nil
    }

    /// `reference` resolved against `base`; `reference` itself when it is absolute or there is no usable base.
    public static func resolve(_ reference: String, against base: String?) -> String {
        let ref = reference.trimmingSpaces()
        guard let base, !base.isEmpty else { return ref }
        if let s = scheme(of: ref) {
            // An absolute reference; `http:foo` style relative-with-scheme is treated as absolute (RFC 3986 strict).
            _ = s
            return ref
        }
        guard isUsableBase(base) else { return ref }
        if let joined = resolveAbsolutePath(ref, against: base) { return joined }
        return resolveByParts(ref, against: base)
    }

    /// RFC 3986 §5.2.2 over the five components, for a relative `ref` and a usable `base`.
    static func resolveByParts(_ ref: String, against base: String) -> String {
        let b = Parts(base)
        let r = Parts(ref)
        var result = Parts()
        result.scheme = b.scheme
        if r.authority != nil {
            result.authority = r.authority
            result.path = removeDotSegments(r.path)
            result.query = r.query
        } else {
            if r.path.isEmpty {
                result.path = b.path
                result.query = r.query ?? b.query
            } else {
                if r.path.hasPrefix("/") {
                    result.path = removeDotSegments(r.path)
                } else {
                    result.path = removeDotSegments(merge(base: b, path: r.path))
                }
                result.query = r.query
            }
            result.authority = b.authority
        }
        result.fragment = r.fragment
        return result.recomposed
    }

    /// The common case in one step: a reference that is an absolute path (`/2026/07/brief.html?id=3`) with no
    /// dot segments keeps its path, query and fragment, and takes the base's scheme and authority. `nil` for the
    /// other cases, which `Parts` handles.
    static func resolveAbsolutePath(_ ref: String, against base: String) -> String? {
        let r = ref.utf8
        guard let first = r.first, first == UInt8(ascii: "/") else { return nil }
        var previous: UInt8 = 0
        var index = 0
        for c in r {
            if index == 1, c == UInt8(ascii: "/") { return nil }   // `//host/...`: a network-path reference
            if previous == UInt8(ascii: "/"), c == UInt8(ascii: ".") { return nil }
            previous = c
            index += 1
        }
        let b = base.utf8
        guard let colon = b.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        var result = ""
        result.reserveCapacity(b.count + r.count)
        let scheme = Substring(base.utf8[..<colon])
        if scheme.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { result += scheme.lowercased() } else { result += scheme }
        result += ":"
        let afterColon = b.index(after: colon)
        if b[afterColon...].starts(with: "//".utf8) {
            let start = b.index(afterColon, offsetBy: 2)
            let end = b[start...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) ?? b.endIndex
            result += "//"
            result += Substring(b[start..<end])
        }
        result += ref
        return result
    }

    struct Parts {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        init(_ uri: String) {
            var rest = Substring(uri)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let q = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: q)...])
                rest = rest[..<q]
            }
            if let s = URLResolver.scheme(of: String(rest)) {
                scheme = s
                rest = rest[rest.index(rest.startIndex, offsetBy: s.count + 1)...]
            }
            if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
                let end = rest.firstIndex(of: "/") ?? rest.endIndex
                authority = String(rest[..<end])
                rest = rest[end...]
            }
            path = String(rest)
        }

        var recomposed: String {
            var out = ""
            if let scheme { out += scheme + ":" }
            if let authority { out += "//" + authority }
            out += path
            if let query { out += "?" + query }
            if let fragment { out += "#" + fragment }
            return out
        }
    }

    static func merge(base: Parts, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        if let slash = base.path.lastIndex(of: "/") {
            return String(base.path[...slash]) + path
        }
        return path
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.containsByte(UInt8(ascii: ".")) else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        let absolute = input.hasPrefix("/")
        var segments = input.split(separator: "/", omittingEmptySubsequences: false)
        if absolute { segments.removeFirst() }
        for (i, seg) in segments.enumerated() {
            let last = i == segments.count - 1
            if seg == "." {
                if last { output.append("") }
            } else if seg == ".." {
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(seg)
            }
        }
        input = Substring(output.joined(separator: "/"))
        return (absolute ? "/" : "") + input
    }
}
