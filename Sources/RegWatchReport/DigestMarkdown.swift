import Foundation
import RegWatchCore

/// The digest as Markdown, for terminals and email.
///
/// Feed text is escaped (`\<`, `\*`, `\[` …) so a title cannot open a link, an emphasis or raw HTML when a mail client
/// renders the Markdown; links are kept only for `http` and `https` URLs.
public enum DigestMarkdown {
    public static func render(_ digest: WeeklyDigest) -> String {
        var out = ""
        func line(_ text: String = "") { out += text + "\n" }
        let start = CivilDay.parse(digest.firstDay) ?? 0, end = CivilDay.parse(digest.lastDay) ?? 0
        line("# RegWatch weekly digest: \(digest.week)")
        line()
        line("\(CivilDay.short(start)) to \(CivilDay.short(end))")
        line()
        let h = digest.headline
        line("**\(count(h.total, "new event"))** (\(digest.previousWeek): \(h.previousTotal), \(signed(h.change))).")
        line()
        if !h.byType.isEmpty {
            line("| Type | This week | \(digest.previousWeek) | Change |")
            line("|---|---:|---:|---:|")
            for t in h.byType { line("| \(t.type.rawValue) | \(t.count) | \(t.previous) | \(signed(t.change)) |") }
            line()
        }
        for section in digest.sections {
            line("## \(section.type.plural) (\(section.entries.count))")
            line()
            for entry in section.entries {
                var head = "- **\(escape(entry.summary))**"
                if let product = entry.product { head += " · \(escape(product))" }
                if !entry.countries.isEmpty { head += " · \(escape(entry.countries.joined(separator: ", ")))" }
                head += " · \(entry.status.words) · \(count(entry.sourceCount, "source"))"
                line(head)
                if !entry.method.isEmpty { line("  - Method: \(escape(entry.method.joined(separator: ", ")))") }
                line("  - \"\(escape(entry.evidence))\"")
                for (label, refs) in [("Circumvents", entry.circumvents), ("Circumvented by", entry.circumventedBy),
                                      ("Lifts", entry.lifts), ("Lifted by", entry.liftedBy)] where !refs.isEmpty {
                    let text = refs.map { "\($0.type.rawValue) \(escape($0.summary)) (\($0.week), \($0.status.words))" }
                    line("  - ↳ \(label): \(text.joined(separator: "; "))")
                }
                if !entry.sources.isEmpty {
                    line("  - Sources: " + entry.sources.map(link).joined(separator: "; "))
                }
            }
            line()
        }
        line("## Companies")
        line()
        if digest.companies.mostActive.isEmpty {
            line("No company appears this week.")
        } else {
            line("- Most active: " + digest.companies.mostActive.map { "\(escape($0.name)) (\($0.count))" }.joined(separator: ", "))
            if !digest.companies.firstTime.isEmpty {
                line("- First time here: " + digest.companies.firstTime.map(escape).joined(separator: ", "))
            }
        }
        if !digest.companyTrends.rising.isEmpty {
            line("- Rising over \(digest.trends.weeks.count) weeks: "
                 + digest.companyTrends.rising.map { "\(escape($0.key)) (\(signed($0.change)))" }.joined(separator: ", "))
        }
        if !digest.companyTrends.falling.isEmpty {
            line("- Falling over \(digest.trends.weeks.count) weeks: "
                 + digest.companyTrends.falling.map { "\(escape($0.key)) (\(signed($0.change)))" }.joined(separator: ", "))
        }
        line()
        line("## Countries")
        line()
        line(digest.countries.isEmpty ? "No country named this week."
             : digest.countries.map { "\(escape($0.name)) (\($0.count))" }.joined(separator: ", "))
        line()
        let trends = digest.trends
        line("## Trends: \(trends.weeks.first?.description ?? "") to \(trends.weeks.last?.description ?? "")")
        line()
        line("| Type | " + trends.weeks.map { "W\($0.week)" }.joined(separator: " | ") + " | Total | vs previous \(trends.weeks.count) | |")
        line("|---|" + String(repeating: "---:|", count: trends.weeks.count + 2) + "---|")
        for row in trends.rows + [trends.totals] {
            line("| \(row.key) | " + row.counts.map(String.init).joined(separator: " | ")
                 + " | \(row.total) | \(signed(row.change)) | \(Sparkline.render(row.counts)) |")
        }
        line()
        line("## What to watch")
        line()
        if digest.watch.isEmpty { line("Nothing flagged.") }
        for item in digest.watch { line(watchLine(item)) }
        return out
    }

    /// A what-to-watch item as a Markdown list line: its date and the days until it, its text (escaped), and its
    /// number of sources. `regwatch watch --format md` writes the same lines.
    public static func watchLine(_ item: WhatToWatch.Item) -> String {
        var text = "- "
        if let date = item.date, let days = item.daysUntil {
            text += "**\(date)** (\(days == 0 ? "today" : "in \(count(days, "day"))")): "
        }
        return text + escape(item.text) + " (\(count(item.sourceCount, "source")))"
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n == 0 ? "±0" : "−\(-n)" }

    /// Backslash-escapes the characters Markdown (CommonMark) gives meaning to, and flattens line breaks.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "&": out.append("\\"); out.append(c)
            case "\n", "\r", "\r\n", "\t": out.append(" ")
            default: out.append(c)
            }
        }
        return out
    }

    static func link(_ source: WeeklyDigest.Link) -> String {
        let label = escape(source.title ?? source.outlet ?? source.url ?? "source")
        let outlet = source.outlet.map { " (\(escape($0)))" } ?? ""
        guard let url = DigestHTML.safeURL(source.url) else { return label + outlet }
        // Angle-bracket destinations allow any character but `<`, `>` and line breaks; those are percent-encoded.
        let destination = url.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
        return "[\(label)](<\(destination)>)" + outlet
    }
}
