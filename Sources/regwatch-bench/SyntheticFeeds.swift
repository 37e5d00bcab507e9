import Foundation

/// Writes realistic synthetic feeds for benchmarks: a mix of RSS 2.0, Atom 1.0 and RSS 1.0 (RDF), 20–100
/// items each, HTML content with named and numeric entities and CDATA, some files in windows-1252 or
/// ISO-8859-1, and a few ill-formed ones (truncated, bare `&`, undefined entities). Deterministic for a seed.
///
/// The `.escaped` style writes the same kinds of feeds the way many CMSs do instead (``EscapedFeeds``): every HTML
/// value entity-escaped in the element (`&lt;p&gt;…`), no CDATA, typographic characters as numeric references, and
/// in some feeds every non-ASCII character as a numeric reference.
struct SyntheticFeeds {
    enum Style: String, CaseIterable {
        /// HTML content in CDATA sections, named entities (the corpus of issue 2).
        case cdata
        /// HTML content entity-escaped, many numeric references (issue 13).
        case escaped
    }

    var seed: UInt64
    var style: Style = .cdata

    /// The vocabulary of both generated corpora (this one and ``EscapedFeeds``).
    static let words = """
        regulator ministry authority commission platform service app chatbot model export controls chips license \
        users access data transfer privacy investigation penalty fine lawsuit court ruling ban block workaround VPN \
        subsidiary reseller proxy cloud provider network operator store removal government devices officials \
        security review national cross-border market company firms engineers developers customers country region \
        week statement spokesperson report analysts expect measure rule policy law parliament vote effect
        """.split(separator: " ").map(String.init)
    static let names = ["Anthropic", "ByteDance", "Alibaba", "Ant Group", "Tencent", "Apple", "Google", "Meta",
                                "TikTok", "Huawei", "Nvidia", "DeepSeek", "Telegram", "WhatsApp", "Temu", "Shein"]
    private static let accented = ["Société Générale", "Zürich", "Málaga", "São Paulo", "Kraków", "Besançon", "Ålesund"]

    /// Writes `count` feeds into `directory`; returns the number of items written.
    func write(count: Int, into directory: URL) throws -> Int {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        var items = 0
        for i in 0..<count {
            let n = Int.random(in: 20...100, using: &rng)
            items += n
            let kind = i % 10
            let text: String
            let ext: String
            if style == .escaped {
                (text, ext) = EscapedFeeds.document(index: i, items: n, rng: &rng)
                try Data(text.utf8).write(to: directory.appendingPathComponent(String(format: "feed-%05d.%@", i, ext)))
                continue
            }
            switch kind {
            case 0...4: text = rss(index: i, items: n, rng: &rng); ext = "xml"
            case 5...7: text = atom(index: i, items: n, rng: &rng); ext = "atom"
            default: text = rdf(index: i, items: n, rng: &rng); ext = "rdf"
            }
            var bytes: [UInt8]
            if i % 25 == 3 {
                // Legacy encodings: declared and really encoded so.
                let encoding = i % 2 == 0 ? "windows-1252" : "iso-8859-1"
                let declared = text.replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"\(encoding)\"")
                bytes = [UInt8]((declared.data(using: encoding == "windows-1252" ? .windowsCP1252 : .isoLatin1, allowLossyConversion: true)) ?? Data(declared.utf8))
            } else {
                bytes = Array(text.utf8)
            }
            if i % 40 == 7 {
                // Ill-formed: cut off mid-item.
                bytes = Array(bytes[..<(bytes.count * 2 / 3)])
            }
            try Data(bytes).write(to: directory.appendingPathComponent(String(format: "feed-%05d.%@", i, ext)))
        }
        return items
    }

    private func sentence(_ rng: inout SplitMix64) -> String {
        var w: [String] = []
        for k in 0..<Int.random(in: 8...22, using: &rng) {
            if k == 2 { w.append(Self.names.randomElement(using: &rng)!) } else { w.append(Self.words.randomElement(using: &rng)!) }
        }
        return w.joined(separator: " ").prefix(1).uppercased() + w.joined(separator: " ").dropFirst() + "."
    }

    private func paragraphHTML(_ rng: inout SplitMix64) -> String {
        var s = "<p>" + sentence(&rng) + " " + sentence(&rng)
        s += " &ldquo;" + sentence(&rng) + "&rdquo; &mdash; " + Self.accented.randomElement(using: &rng)! + " &amp; co.&nbsp;"
        s += " <a href=\"https://news.example/\(Int.random(in: 1...99999, using: &rng))?a=1&amp;b=2\">" + Self.names.randomElement(using: &rng)! + "</a></p>"
        return s
    }

    private func body(_ rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 2...5, using: &rng)).map { _ in paragraphHTML(&rng) }.joined(separator: "\n")
    }

    private func rfc822(_ day: Int) -> String {
        let date = Date(timeIntervalSince1970: 1_782_000_000 + Double(day) * 3_600)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }

    private func iso(_ day: Int) -> String {
        let date = Date(timeIntervalSince1970: 1_782_000_000 + Double(day) * 3_600)
        return ISO8601DateFormatter().string(from: date)
    }

    private func rss(index: Int, items: Int, rng: inout SplitMix64) -> String {
        var s = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>Outlet \(index) &amp; Partners</title><link>https://outlet\(index).example/</link>
            <description>Technology policy briefs from outlet \(index)</description><language>en-us</language>
            <atom:link rel="self" href="https://outlet\(index).example/feed.xml" type="application/rss+xml"/>
            <ttl>60</ttl>

            """
        for k in 0..<items {
            let html = body(&rng)
            s += """
                <item><title>\(sentence(&rng)) &#8212; report \(k)</title>
                <link>https://outlet\(index).example/2026/\(k)?utm_source=rss&amp;id=\(k)</link>
                <guid isPermaLink="false">outlet\(index)-\(k)</guid><pubDate>\(rfc822(k * 7 + index))</pubDate>
                <dc:creator>Reporter \(k % 7) (desk\(k % 3)@outlet\(index).example)</dc:creator><category domain="topics">policy</category>
                <description>\(escape(sentence(&rng)))</description>
                <content:encoded><![CDATA[\(html)]]></content:encoded></item>

                """
            if index % 40 == 11, k == 3 { s += "<item><title>Broken &bogus; entity & bare ampersand</title></item>\n" }
        }
        return s + "</channel></rss>\n"
    }

    private func atom(index: Int, items: Int, rng: inout SplitMix64) -> String {
        var s = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://atom\(index).example/">
            <title type="text">Atom outlet \(index)</title><id>tag:atom\(index).example,2026:feed</id>
            <updated>\(iso(index))</updated><link rel="alternate" href="/"/><link rel="self" href="/feed.atom"/>
            <author><name>Desk \(index)</name><email>desk@atom\(index).example</email></author>

            """
        for k in 0..<items {
            s += """
                <entry><title type="html">\(escape(sentence(&rng))) &amp;amp; more</title><id>tag:atom\(index).example,2026:\(k)</id>
                <link rel="alternate" type="text/html" href="/2026/\(k).html"/><updated>\(iso(k * 5 + index))</updated>
                <published>\(iso(k * 5 + index))</published><category term="policy" scheme="https://atom\(index).example/topics"/>
                <summary type="text">\(escape(sentence(&rng)))</summary>
                <content type="html">\(escape(body(&rng)))</content></entry>

                """
        }
        return s + "</feed>\n"
    }

    private func rdf(index: Int, items: Int, rng: inout SplitMix64) -> String {
        var s = """
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel rdf:about="https://rdf\(index).example/"><title>RDF outlet \(index)</title><link>https://rdf\(index).example/</link>
            <description>Briefs</description><dc:language>en</dc:language></channel>

            """
        for k in 0..<items {
            s += """
                <item rdf:about="https://rdf\(index).example/\(k)"><title>\(escape(sentence(&rng)))</title>
                <link>https://rdf\(index).example/\(k)</link><dc:date>\(iso(k * 3 + index))</dc:date><dc:subject>trade</dc:subject>
                <description>\(escape(sentence(&rng)))</description><content:encoded><![CDATA[\(body(&rng))]]></content:encoded></item>

                """
        }
        return s + "</rdf:RDF>\n"
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// SplitMix64: a small, fast, seedable generator, so generated corpora are the same on every machine.
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A rank in 0..<n, small ranks far more often (a rough Zipf draw).
    mutating func zipf(_ n: Int) -> Int {
        let u = Double(next() % 1_000_000 + 1) / 1_000_001
        return min(n - 1, Int(pow(Double(n), u)) - 1)
    }
}
