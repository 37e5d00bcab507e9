import RegWatchCore

/// The standard parts of a news brief, recognised from their headings.
///
/// Briefs share a handful of headings ("What happened", "Why it matters", "What to watch"...); naming them lets
/// event extraction read a "what to watch" section as outlook rather than as news.
public enum BriefSectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case whatHappened, whyItMatters, whatToWatch, whatsNext, bottomLine, keyTakeaways, background, details, summary

    /// Heading → kind; the heading is compared lowercased, without punctuation, quotes or a leading "the".
    static let headings: [String: BriefSectionKind] = [
        "what happened": .whatHappened, "what has happened": .whatHappened, "the news": .whatHappened,
        "driving the news": .whatHappened, "whats new": .whatHappened, "the story": .whatHappened,
        "why it matters": .whyItMatters, "why this matters": .whyItMatters, "why that matters": .whyItMatters,
        "why it is important": .whyItMatters, "the stakes": .whyItMatters, "big picture": .whyItMatters,
        "what to watch": .whatToWatch, "what to watch next": .whatToWatch, "what to watch for": .whatToWatch,
        "watch for": .whatToWatch, "things to watch": .whatToWatch, "what we are watching": .whatToWatch,
        "what were watching": .whatToWatch, "looking ahead": .whatToWatch, "outlook": .whatToWatch,
        "whats next": .whatsNext, "what comes next": .whatsNext, "what happens next": .whatsNext, "next steps": .whatsNext,
        "bottom line": .bottomLine, "the bottom line": .bottomLine, "our take": .bottomLine,
        "key takeaways": .keyTakeaways, "takeaways": .keyTakeaways, "key points": .keyTakeaways,
        "highlights": .keyTakeaways, "at a glance": .keyTakeaways,
        "background": .background, "context": .background, "catch up quick": .background, "how we got here": .background,
        "details": .details, "the details": .details, "zoom in": .details, "by the numbers": .details,
        "summary": .summary, "tldr": .summary, "tl dr": .summary, "in brief": .summary, "the gist": .summary,
    ]

    /// The kind a heading names, or nil for an ordinary heading.
    public init?(heading: String) {
        var words = heading.lowercased()
            .replacingApostrophes()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
        if words.first == "the", words.count > 1, Self.headings[words.joined(separator: " ")] == nil { words.removeFirst() }
        guard let kind = Self.headings[words.joined(separator: " ")] else { return nil }
        self = kind
    }
}

extension String {
    fileprivate func replacingApostrophes() -> String {
        String(unicodeScalars.filter { $0 != "'" && $0 != "\u{2019}" }.map(Character.init))
    }
}

enum BriefSections {
    /// Cuts the article into sections at its headings, and at paragraphs that open with a known brief lead-in
    /// ("Why it matters: ..."). Text before the first heading is not a section.
    static func sections(from blocks: [ArticleBlock]) -> [Section] {
        var sections: [Section] = []
        var heading: String?
        var texts: [String] = []
        func close() {
            if let heading { sections.append(Section(heading: heading, text: ArticleText.plainText(texts.map { ArticleBlock(kind: .paragraph, text: $0) }))) }
            texts = []
        }
        for block in blocks {
            if case .heading = block.kind {
                close()
                heading = block.text.htmlTrimming(":").htmlTrimmed()
                continue
            }
            if let (lead, rest) = leadIn(block.text) {
                close()
                heading = lead
                if !rest.isEmpty { texts.append(rest) }
                continue
            }
            if heading != nil { texts.append(block.kind == .listItem ? "- " + block.text : block.text) }
        }
        close()
        return sections
    }

    /// "Why it matters: the ban..." → ("Why it matters", "the ban..."), only for known brief headings.
    static func leadIn(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 40 else { return nil }
        let lead = String(text[..<colon]).htmlTrimmed()
        guard BriefSectionKind(heading: lead) != nil else { return nil }
        return (lead, String(text[text.index(after: colon)...]).htmlTrimmed())
    }
}
