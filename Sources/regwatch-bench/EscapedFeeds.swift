import Foundation

/// Feeds whose HTML is entity-escaped rather than in CDATA, as Drupal, Blogger and many hand-rolled generators
/// write them: `<description>&lt;p&gt;The regulator&amp;#8217;s …&lt;/p&gt;</description>`. Typographic
/// characters come as numeric references at both levels (`&#8217;` read by XML, `&amp;#8217;` left for the HTML
/// reader), one feed in three is written in ASCII with every other character as a numeric reference
/// (`Z&#252;rich`, whole sentences of Cyrillic or Greek), and some paragraphs carry `&amp;nbsp;` and
/// `&amp;amp;`. A mix of RSS 2.0 (description and content:encoded), Atom 1.0 (`type="html"`) and RSS 1.0, 20–100
/// items each, like the CDATA corpus. Deterministic for a seed; every document is well-formed.
enum EscapedFeeds {
    /// The CDATA corpus's vocabulary, so the two corpora differ only in how their HTML is written.
    private static let words = SyntheticFeeds.words
    private static let names = SyntheticFeeds.names
    private static let accented = ["Société Générale", "Zürich", "Málaga", "São Paulo", "Kraków", "Besançon", "Ålesund",
                                   "Commission nationale de l’informatique", "Datatilsynet Ærø"]
    /// Sentences in other scripts, which ASCII-only feeds write as numeric references, one per character.
    private static let foreign = ["Роскомнадзор заблокировал доступ к сервису.", "Η αρχή επέβαλε πρόστιμο στην εταιρεία.",
                                  "监管机构对该平台处以罚款。", "Urząd nałożył karę na spółkę."]

    /// One document and its file extension.
    static func document(index: Int, items: Int, rng: inout SplitMix64) -> (String, String) {
        let text: String
        let ext: String
        switch index % 10 {
        case 0...4: text = rss(index: index, items: items, rng: &rng); ext = "xml"
        case 5...7: text = atom(index: index, items: items, rng: &rng); ext = "atom"
        default: text = rdf(index: index, items: items, rng: &rng); ext = "rdf"
        }
        return (index % 3 == 1 ? asciiOnly(text) : text, ext)
    }

    /// Every character outside ASCII as a decimal numeric reference (how ASCII-only generators write text).
    static func asciiOnly(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count * 2)
        for scalar in s.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += "&#\(scalar.value);" }
        }
        return out
    }

    private static func sentence(_ rng: inout SplitMix64) -> String {
        var w: [String] = []
        for k in 0..<Int.random(in: 8...22, using: &rng) {
            if k == 2 { w.append(names.randomElement(using: &rng)!) } else { w.append(words.randomElement(using: &rng)!) }
        }
        let joined = w.joined(separator: " ")
        return joined.prefix(1).uppercased() + joined.dropFirst() + "."
    }

    /// A sentence with typographic characters as HTML numeric references (`&#8217;`, `&#x201C;`) or as characters.
    private static func typographic(_ rng: inout SplitMix64) -> String {
        var s = sentence(&rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: s = "&#8220;" + s + "&#8221; the regulator&#8217;s spokesperson said &#8212; " + sentence(&rng)
        case 1: s = "&#x201C;" + s + "&#x201D; &#x2013; " + names.randomElement(using: &rng)! + "&#x2019;s reply."
        case 2: s = "“" + s + "” — " + accented.randomElement(using: &rng)! + "’s office."
        default: s += " Costs rose 5&#160;% to &#8364;" + String(Int.random(in: 1...900, using: &rng)) + "&#160;million."
        }
        return s
    }

    /// A paragraph of HTML as the CMS holds it, before the feed escapes it.
    private static func paragraphHTML(_ rng: inout SplitMix64) -> String {
        var s = "<p>" + sentence(&rng) + " " + typographic(&rng)
        s += " <strong>" + accented.randomElement(using: &rng)! + "</strong> &amp; co.&nbsp;" + typographic(&rng)
        if Int.random(in: 0..<3, using: &rng) == 0 { s += " " + foreign.randomElement(using: &rng)! }
        s += " <a href=\"https://news.example/\(Int.random(in: 1...99999, using: &rng))?a=1&amp;b=2\">"
            + names.randomElement(using: &rng)! + "</a></p>"
        if Int.random(in: 0..<4, using: &rng) == 0 {
            s += "\n<ul><li>" + sentence(&rng) + "</li><li>" + typographic(&rng) + "</li></ul>"
        }
        return s
    }

    private static func body(_ rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 2...5, using: &rng)).map { _ in paragraphHTML(&rng) }.joined(separator: "\n")
    }

    /// XML text: `&`, `<` and `>` escaped, so `&#8217;` in HTML is written `&amp;#8217;`.
    private static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + s.utf8.count / 4)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A title with XML-level numeric references, which the XML parser itself turns into characters.
    private static func title(_ rng: inout SplitMix64, k: Int) -> String {
        "&#8216;" + escape(sentence(&rng)) + "&#8217; &#8212; report \(k)"
    }

    private static func date(_ hours: Int, rfc822: Bool) -> String {
        let date = Date(timeIntervalSince1970: 1_782_000_000 + Double(hours) * 3_600)
        if !rfc822 { return ISO8601DateFormatter().string(from: date) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }

    private static func rss(index: Int, items: Int, rng: inout SplitMix64) -> String {
        var s = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>Outlet \(index) &amp; Partners &#8211; Policy</title><link>https://outlet\(index).example/</link>
            <description>\(escape("<p>Technology policy briefs from outlet \(index) &amp; friends</p>"))</description><language>en-us</language>
            <atom:link rel="self" href="https://outlet\(index).example/feed.xml" type="application/rss+xml"/>

            """
        for k in 0..<items {
            let lead = "<p>" + typographic(&rng) + "</p>"
            s += """
                <item><title>\(title(&rng, k: k))</title>
                <link>https://outlet\(index).example/2026/\(k)?utm_source=rss&amp;id=\(k)</link>
                <guid isPermaLink="false">outlet\(index)-\(k)</guid><pubDate>\(date(k * 7 + index, rfc822: true))</pubDate>
                <dc:creator>Reporter \(k % 7)</dc:creator><category>policy</category>
                <description>\(escape(lead))</description>
                <content:encoded>\(escape(body(&rng)))</content:encoded></item>

                """
        }
        return s + "</channel></rss>\n"
    }

    private static func atom(index: Int, items: Int, rng: inout SplitMix64) -> String {
        var s = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
            <title type="html">\(escape("Atom outlet \(index) &#8212; <em>briefs</em>"))</title><id>tag:atom\(index).example,2026:feed</id>
            <updated>\(date(index, rfc822: false))</updated><link rel="alternate" href="https://atom\(index).example/"/>
            <author><name>Desk \(index)</name></author>

            """
        for k in 0..<items {
            s += """
                <entry><title type="html">\(escape(typographic(&rng)))</title><id>tag:atom\(index).example,2026:\(k)</id>
                <link rel="alternate" type="text/html" href="https://atom\(index).example/2026/\(k).html"/>
                <updated>\(date(k * 5 + index, rfc822: false))</updated><category term="policy"/>
                <summary type="html">\(escape("<p>" + typographic(&rng) + "</p>"))</summary>
                <content type="html">\(escape(body(&rng)))</content></entry>

                """
        }
        return s + "</feed>\n"
    }

    private static func rdf(index: Int, items: Int, rng: inout SplitMix64) -> String {
        var s = """
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://rdf\(index).example/"><title>RDF outlet \(index)</title><link>https://rdf\(index).example/</link>
            <description>Briefs</description></channel>

            """
        for k in 0..<items {
            s += """
                <item rdf:about="https://rdf\(index).example/\(k)"><title>\(title(&rng, k: k))</title>
                <link>https://rdf\(index).example/\(k)</link><dc:date>\(date(k * 3 + index, rfc822: false))</dc:date>
                <description>\(escape(body(&rng)))</description></item>

                """
        }
        return s + "</rdf:RDF>\n"
    }
}
