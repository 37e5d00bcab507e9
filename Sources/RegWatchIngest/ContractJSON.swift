import Foundation
import RegWatchCore

/// Renders a `FeedDocument` as the JSON of `shared/conformance/CONTRACT.md` (feedconf v1).
///
/// Written by hand rather than with `JSONEncoder`: the contract fixes key names, omits absent keys, writes
/// `language: null` inside text details, and prints dates as `YYYY-MM-DDTHH:MM:SSZ`; a direct writer keeps the
/// key order stable too.
public enum ContractJSON {
    public static func render(_ doc: FeedDocument, pretty: Bool = false) -> String {
        let w = JSONWriter(pretty: pretty)
        w.object {
            w.key("version"); w.string(doc.format.rawValue)
            w.key("bozo"); w.bool(doc.bozo)
            if let e = doc.bozoException { w.key("bozo_exception"); w.string(e) }
            w.key("encoding"); w.string(doc.encoding)
            w.key("feed"); feed(doc.feed, w)
            w.key("entries")
            w.array { for e in doc.entries { w.element(); entry(e, w) } }
        }
        return w.output
    }

    static func feed(_ f: FeedMetadata, _ w: JSONWriter) {
        w.object {
            text("title", f.title, w)
            text("subtitle", f.subtitle, w)
            text("rights", f.rights, w)
            if let l = f.link { w.key("link"); w.string(l) }
            links(f.links, w)
            if let id = f.id { w.key("id"); w.string(id) }
            if let l = f.language { w.key("language"); w.string(l) }
            date("updated", f.updated, w)
            date("published", f.published, w)
            authors(f.author, f.authors, w)
            tags(f.tags, w)
        }
    }

    static func entry(_ e: FeedEntry, _ w: JSONWriter) {
        w.object {
            if let id = e.id { w.key("id"); w.string(id) }
            text("title", e.title, w)
            if let l = e.link { w.key("link"); w.string(l) }
            links(e.links, w)
            if let l = e.language { w.key("language"); w.string(l) }
            text("summary", e.summary, w)
            if !e.content.isEmpty {
                w.key("content")
                w.array { for c in e.content { w.element(); detail(c, w) } }
            }
            date("published", e.published, w)
            date("updated", e.updated, w)
            authors(e.author, e.authors, w)
            tags(e.tags, w)
            if !e.enclosures.isEmpty {
                w.key("enclosures")
                w.array {
                    for x in e.enclosures {
                        w.element()
                        w.object {
                            w.key("href"); w.string(x.href)
                            if let l = x.length { w.key("length"); w.string(l) }
                            if let t = x.type { w.key("type"); w.string(t) }
                        }
                    }
                }
            }
            if let s = e.source {
                w.key("source")
                w.object {
                    if let t = s.title { w.key("title"); w.string(t) }
                    if let h = s.href { w.key("href"); w.string(h) }
                    if let l = s.link { w.key("link"); w.string(l) }
                    if let i = s.id { w.key("id"); w.string(i) }
                }
            }
            if !e.sections.isEmpty {
                w.key("sections")
                w.array {
                    for s in e.sections {
                        w.element()
                        w.object { w.key("heading"); w.string(s.heading); w.key("text"); w.string(s.text) }
                    }
                }
            }
        }
    }

    static func text(_ name: String, _ t: TextConstruct?, _ w: JSONWriter) {
        guard let t else { return }
        w.key(name); w.string(t.value)
        w.key(name + "_detail"); detail(t, w)
    }

    static func detail(_ t: TextConstruct, _ w: JSONWriter) {
        w.object {
            w.key("type"); w.string(t.type)
            w.key("value"); w.string(t.value)
            w.key("language"); if let l = t.language { w.string(l) } else { w.null() }
            if let src = t.src { w.key("src"); w.string(src) }
        }
    }

    static func links(_ links: [Link], _ w: JSONWriter) {
        guard !links.isEmpty else { return }
        w.key("links")
        w.array {
            for l in links {
                w.element()
                w.object {
                    w.key("rel"); w.string(l.rel)
                    w.key("href"); w.string(l.href)
                    if let t = l.type { w.key("type"); w.string(t) }
                    if let t = l.title { w.key("title"); w.string(t) }
                    if let h = l.hreflang { w.key("hreflang"); w.string(h) }
                    if let n = l.length { w.key("length"); w.string(n) }
                }
            }
        }
    }

    static func authors(_ display: String?, _ people: [Person], _ w: JSONWriter) {
        if let a = display { w.key("author"); w.string(a) }
        guard !people.isEmpty else { return }
        w.key("author_detail"); person(people[0], w)
        w.key("authors")
        w.array { for p in people { w.element(); person(p, w) } }
    }

    static func person(_ p: Person, _ w: JSONWriter) {
        w.object {
            if let n = p.name { w.key("name"); w.string(n) }
            if let e = p.email { w.key("email"); w.string(e) }
            if let h = p.href { w.key("href"); w.string(h) }
        }
    }

    static func tags(_ tags: [Tag], _ w: JSONWriter) {
        guard !tags.isEmpty else { return }
        w.key("tags")
        w.array {
            for t in tags {
                w.element()
                w.object {
                    w.key("term"); w.string(t.term)
                    w.key("scheme"); if let s = t.scheme { w.string(s) } else { w.null() }
                    w.key("label"); if let l = t.label { w.string(l) } else { w.null() }
                }
            }
        }
    }

    static func date(_ name: String, _ d: Date?, _ w: JSONWriter) {
        guard let d else { return }
        w.key(name); w.string(DateParser.iso8601(d))
    }
}

/// A small streaming JSON writer with stable key order.
public final class JSONWriter {
    public private(set) var output = ""
    let pretty: Bool
    private var depth = 0
    private var first = [true]

    public init(pretty: Bool = false) {
        self.pretty = pretty
        output.reserveCapacity(4096)
    }

    private func separator() {
        if first[first.count - 1] { first[first.count - 1] = false } else { output += "," }
        if pretty { output += "\n" + String(repeating: "  ", count: depth) }
    }

    public func object(_ body: () -> Void) {
        output += "{"
        depth += 1; first.append(true)
        body()
        let empty = first.removeLast()
        depth -= 1
        if pretty && !empty { output += "\n" + String(repeating: "  ", count: depth) }
        output += "}"
    }

    public func array(_ body: () -> Void) {
        output += "["
        depth += 1; first.append(true)
        body()
        let empty = first.removeLast()
        depth -= 1
        if pretty && !empty { output += "\n" + String(repeating: "  ", count: depth) }
        output += "]"
    }

    public func key(_ k: String) {
        separator()
        appendQuoted(k)
        output += pretty ? ": " : ":"
    }

    /// Marks the start of an array element.
    public func element() { separator() }

    public func string(_ s: String) { appendQuoted(s) }
    public func bool(_ b: Bool) { output += b ? "true" : "false" }
    public func null() { output += "null" }
    public func number(_ n: Int) { output += String(n) }
    public func number(_ d: Double) {
        output += d.isFinite ? String(format: "%.4g", d) : "null"
    }

    private func appendQuoted(_ s: String) {
        output += "\""
        var needsEscape = false
        for u in s.utf8 where u < 0x20 || u == UInt8(ascii: "\"") || u == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        if !needsEscape {
            output += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                default:
                    if scalar.value < 0x20 {
                        output += String(format: "\\u%04x", scalar.value)
                    } else {
                        output.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        output += "\""
    }
}
