import Foundation
import RegWatchCore

/// The digest as one self-contained HTML page: inline CSS, inline SVG charts, no JavaScript, readable on a phone.
///
/// Every piece of feed text goes through `escape` (text and attribute values alike); links keep only `http` and
/// `https` URLs; and a Content-Security-Policy with no `script-src` stops scripts even if an escape were ever missed.
public enum DigestHTML {
    /// The full page.
    public static func render(_ digest: WeeklyDigest) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>RegWatch weekly digest \(digest.week)</title>
        <style>\(css)</style>
        </head>
        <body>
        <main>
        \(body(digest))</main>
        </body>
        </html>

        """
    }

    /// The digest without the page around it (the content of an Atom entry).
    public static func body(_ digest: WeeklyDigest) -> String {
        var out = ""
        func add(_ html: String) { out += html + "\n" }
        let start = CivilDay.parse(digest.firstDay) ?? 0, end = CivilDay.parse(digest.lastDay) ?? 0
        let h = digest.headline
        add("<header><h1>RegWatch weekly digest <span class=\"week\">\(digest.week)</span></h1>")
        add("<p class=\"dates\">\(CivilDay.short(start)) to \(CivilDay.short(end))</p></header>")
        add("<section id=\"headline\"><h2>Headline</h2>")
        add("<p class=\"big\"><strong>\(DigestMarkdown.count(h.total, "new event"))</strong> "
            + "<span class=\"muted\">(\(digest.previousWeek): \(h.previousTotal), \(change(h.change)))</span></p>")
        if !h.byType.isEmpty {
            add(headlineChart(h.byType, previousWeek: digest.previousWeek))
            add("<table><thead><tr><th>Type</th><th class=\"n\">This week</th><th class=\"n\">\(digest.previousWeek)</th><th class=\"n\">Change</th></tr></thead><tbody>")
            for t in h.byType {
                add("<tr><td>\(t.type.rawValue)</td><td class=\"n\">\(t.count)</td><td class=\"n\">\(t.previous)</td><td class=\"n\">\(change(t.change))</td></tr>")
            }
            add("</tbody></table>")
        }
        add("</section>")
        for section in digest.sections {
            add("<section class=\"type\" id=\"\(section.type.rawValue)\"><h2>\(section.type.plural) <span class=\"count\">\(section.entries.count)</span></h2>")
            for entry in section.entries { add(self.entry(entry)) }
            add("</section>")
        }
        add("<section id=\"companies\"><h2>Companies</h2>")
        if digest.companies.mostActive.isEmpty {
            add("<p>No company appears this week.</p>")
        } else {
            add("<p><b>Most active:</b> " + digest.companies.mostActive.map { "\(escape($0.name)) (\($0.count))" }.joined(separator: ", ") + "</p>")
            if !digest.companies.firstTime.isEmpty {
                add("<p><b>First time here:</b> " + digest.companies.firstTime.map(escape).joined(separator: ", ") + "</p>")
            }
        }
        let weeks = digest.trends.weeks.count
        for (label, rows) in [("Rising", digest.companyTrends.rising), ("Falling", digest.companyTrends.falling)] where !rows.isEmpty {
            add("<p><b>\(label) over \(weeks) weeks:</b> " + rows.map { "\(escape($0.key)) (\(change($0.change)))" }.joined(separator: ", ") + "</p>")
        }
        add("</section>")
        add("<section id=\"countries\"><h2>Countries</h2>")
        add(digest.countries.isEmpty ? "<p>No country named this week.</p>"
            : "<p>" + digest.countries.map { "\(escape($0.name)) (\($0.count))" }.joined(separator: ", ") + "</p>")
        add("</section>")
        let trends = digest.trends
        add("<section id=\"trends\"><h2>Trends, \(trends.weeks.first?.description ?? "") to \(trends.weeks.last?.description ?? "")</h2>")
        add(weeksChart(trends.totals.counts, weeks: trends.weeks))
        add("<table><thead><tr><th>Type</th><th>\(weeks) weeks</th><th class=\"n\">Total</th><th class=\"n\">vs previous \(weeks)</th></tr></thead><tbody>")
        for row in trends.rows {
            add("<tr><td>\(escape(row.key))</td><td>\(spark(row.counts, label: row.key))</td><td class=\"n\">\(row.total)</td><td class=\"n\">\(change(row.change))</td></tr>")
        }
        add("</tbody></table></section>")
        add("<section id=\"watch\"><h2>What to watch</h2>")
        if digest.watch.isEmpty {
            add("<p>Nothing flagged.</p>")
        } else {
            add("<ul class=\"watch\">")
            for item in digest.watch {
                var li = "<li>"
                if let date = item.date, let days = item.daysUntil {
                    li += "<span class=\"date\">\(escape(date))</span> <span class=\"muted\">\(days == 0 ? "today" : "in " + DigestMarkdown.count(days, "day"))</span><br>"
                }
                li += escape(item.text) + " <span class=\"muted\">(\(DigestMarkdown.count(item.sourceCount, "source")))</span></li>"
                add(li)
            }
            add("</ul>")
        }
        add("</section>")
        add("<footer><p class=\"muted\">Made by RegWatch from stored events first seen \(digest.firstDay) to \(digest.lastDay) (UTC).</p></footer>")
        return out
    }

    static func entry(_ entry: WeeklyDigest.Entry) -> String {
        var out = "<article class=\"event \(entry.type.rawValue)\">"
        out += "<h3>\(escape(entry.summary))</h3>"
        var facts: [String] = []
        if let product = entry.product { facts.append("<span class=\"tag\">\(escape(product))</span>") }
        for code in entry.countries { facts.append("<span class=\"tag country\">\(escape(code))</span>") }
        facts.append("<span class=\"status \(entry.status.rawValue)\">\(entry.status.words)</span>")
        facts.append("<span class=\"muted\">\(DigestMarkdown.count(entry.sourceCount, "source"))</span>")
        out += "<p class=\"facts\">" + facts.joined(separator: " ") + "</p>"
        if !entry.method.isEmpty { out += "<p><b>Method:</b> \(escape(entry.method.joined(separator: ", ")))</p>" }
        out += "<blockquote>\(escape(entry.evidence))</blockquote>"
        for (label, refs) in [("Circumvents", entry.circumvents), ("Circumvented by", entry.circumventedBy),
                              ("Lifts", entry.lifts), ("Lifted by", entry.liftedBy)] where !refs.isEmpty {
            out += "<p class=\"related\"><b>↳ \(label):</b> " + refs.map {
                "\($0.type.rawValue) \(escape($0.summary)) <span class=\"muted\">(\($0.week), \($0.status.words))</span>"
            }.joined(separator: "; ") + "</p>"
        }
        if !entry.sources.isEmpty {
            out += "<ul class=\"sources\">" + entry.sources.map { "<li>\(link($0))</li>" }.joined() + "</ul>"
        }
        return out + "</article>"
    }

    static func link(_ source: WeeklyDigest.Link) -> String {
        let label = escape(source.title ?? source.outlet ?? source.url ?? "source")
        let outlet = source.outlet.map { " <span class=\"muted\">\(escape($0))</span>" } ?? ""
        guard let url = safeURL(source.url) else { return label + outlet }
        return "<a href=\"\(escape(url))\" rel=\"noopener noreferrer nofollow\">\(label)</a>" + outlet
    }

    /// The URL when it is an absolute `http` or `https` URL without spaces or control characters; nil otherwise
    /// (`javascript:`, `data:` and relative links are dropped, not rewritten).
    static func safeURL(_ url: String?) -> String? {
        guard let url else { return nil }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        return url
    }

    /// Escapes text for HTML element content and double- or single-quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // C0 controls other than tab and line breaks, and U+FFFE/FFFF, are not allowed in HTML or XML text.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func change(_ n: Int) -> String {
        n > 0 ? "<span class=\"up\">+\(n)</span>" : n < 0 ? "<span class=\"down\">−\(-n)</span>" : "±0"
    }

    /// Horizontal bars: this week (dark) over the previous week (light), one pair per type.
    static func headlineChart(_ rows: [WeeklyDigest.TypeCount], previousWeek: ISOWeek) -> String {
        let top = max(1, rows.map { max($0.count, $0.previous) }.max() ?? 1)
        let rowHeight = 26, labelWidth = 96, barSpace = 190
        let height = rows.count * rowHeight + 4
        var svg = "<svg class=\"chart\" viewBox=\"0 0 320 \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"headline-title\">"
        svg += "<title id=\"headline-title\">New events by type, this week against \(previousWeek)</title>"
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight + 2
            let w = row.count * barSpace / top, pw = row.previous * barSpace / top
            svg += "<text x=\"0\" y=\"\(y + 15)\" class=\"label\">\(row.type.rawValue)</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(max(w, 1))\" height=\"11\" class=\"now\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 15)\" width=\"\(max(pw, 1))\" height=\"6\" class=\"before\"/>"
            svg += "<text x=\"\(labelWidth + max(w, 1) + 4)\" y=\"\(y + 12)\" class=\"value\">\(row.count)</text>"
        }
        return svg + "</svg>"
    }

    /// Columns per week with the week number under each.
    static func weeksChart(_ counts: [Int], weeks: [ISOWeek]) -> String {
        let top = max(1, counts.max() ?? 1)
        let n = max(1, counts.count), slot = 300 / n, barHeight = 80
        var svg = "<svg class=\"chart\" viewBox=\"0 0 320 112\" width=\"100%\" role=\"img\" aria-labelledby=\"trend-title\">"
        svg += "<title id=\"trend-title\">All new events per week: \(counts.map(String.init).joined(separator: ", "))</title>"
        for (i, value) in counts.enumerated() {
            let h = value * barHeight / top
            let x = 10 + i * slot
            svg += "<rect x=\"\(x + 3)\" y=\"\(90 - h)\" width=\"\(slot - 6)\" height=\"\(max(h, 1))\" class=\"\(i == counts.count - 1 ? "now" : "bar")\"/>"
            svg += "<text x=\"\(x + slot / 2)\" y=\"\(86 - h)\" class=\"value\" text-anchor=\"middle\">\(value)</text>"
            if i < weeks.count {
                svg += "<text x=\"\(x + slot / 2)\" y=\"106\" class=\"label\" text-anchor=\"middle\">W\(weeks[i].week)</text>"
            }
        }
        return svg + "</svg>"
    }

    /// A small inline bar sparkline.
    static func spark(_ counts: [Int], label: String) -> String {
        let top = max(1, counts.max() ?? 1)
        let width = counts.count * 8
        var svg = "<svg class=\"spark\" viewBox=\"0 0 \(width) 20\" width=\"\(width)\" height=\"20\" role=\"img\" aria-label=\"\(escape(label)): \(counts.map(String.init).joined(separator: " "))\">"
        for (i, value) in counts.enumerated() {
            let h = max(1, value * 18 / top)
            svg += "<rect x=\"\(i * 8 + 1)\" y=\"\(20 - h)\" width=\"6\" height=\"\(h)\" class=\"\(i == counts.count - 1 ? "now" : "bar")\"/>"
        }
        return svg + "</svg>"
    }

    static let css = """
        :root{color-scheme:light dark;--fg:#1d232b;--bg:#fff;--muted:#5b6572;--line:#d9dee5;--accent:#1f5fae;--soft:#a9c2e3;--card:#f6f8fa}\
        @media (prefers-color-scheme:dark){:root{--fg:#e6e9ee;--bg:#14181d;--muted:#9aa4b1;--line:#2c333c;--accent:#7fb0ee;--soft:#3c5678;--card:#1b2027}}\
        *{box-sizing:border-box}\
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;-webkit-text-size-adjust:100%}\
        main{max-width:46rem;margin:0 auto;padding:1rem}\
        h1{font-size:1.45rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}\
        h3{font-size:1rem;margin:0 0 .3rem;overflow-wrap:anywhere}\
        .week{color:var(--accent);white-space:nowrap}.dates,.muted{color:var(--muted)}.big{font-size:1.1rem}\
        .count{font-weight:normal;color:var(--muted)}\
        table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.95rem}\
        th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line);vertical-align:middle}\
        .n{text-align:right;font-variant-numeric:tabular-nums}\
        .up{color:#b3261e}.down{color:#1b7f3b}\
        .event{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;margin:.6rem 0}\
        .facts{margin:.2rem 0 .4rem}\
        .tag,.status{display:inline-block;border:1px solid var(--line);border-radius:999px;padding:0 .5rem;font-size:.85rem;margin:0 .15rem .15rem 0}\
        .status.in_effect{border-color:var(--accent)}\
        blockquote{margin:.4rem 0;padding-left:.7rem;border-left:3px solid var(--soft);overflow-wrap:anywhere}\
        .related{margin:.3rem 0}\
        ul{padding-left:1.2rem}.sources{margin:.3rem 0 0;font-size:.92rem}.sources li,.watch li{margin:.2rem 0;overflow-wrap:anywhere}\
        a{color:var(--accent)}.date{font-weight:600}\
        svg .now{fill:var(--accent)}svg .bar,svg .before{fill:var(--soft)}\
        svg .label,svg .value{fill:var(--fg);font:11px system-ui,sans-serif}\
        .chart{display:block;max-width:32rem;margin:.4rem 0}.spark{vertical-align:middle}\
        footer{margin-top:2rem;font-size:.85rem}
        """
}
