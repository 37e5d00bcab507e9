/// A sentence of a document's plain text, verbatim.
public struct Sentence: Sendable, Hashable {
    /// The sentence as written (list markers and surrounding spaces removed).
    public var text: String
    /// Index of the line (paragraph or list item) it comes from.
    public var line: Int
    /// A short line without closing punctuation: a heading, a kicker or a title repeated in the body.
    public var isHeading: Bool
    /// The line started with a list marker (`-`, `•`, `*`, `1.`).
    public var isListItem: Bool
}

/// Splits plain text into sentences.
///
/// Every line break ends a sentence (feeds and the HTML reader keep one paragraph per line). Inside a line, `.`,
/// `!`, `?` and `…` end a sentence when followed by a space and a capital, a digit or an opening quote — except
/// after abbreviations (`Jan.`, `Dr.`, initials), and after `U.S.`/`Inc.`-style abbreviations unless the next word
/// typically starts a sentence ("…in the U.S. The company said…").
public enum SentenceSplitter {
    public static func split(_ text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        var lineIndex = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { lineIndex += 1 }
            var line = rawLine.trimmingSpaces()
            if line.isEmpty { continue }
            var isListItem = false
            if let stripped = stripListMarker(line) {
                line = stripped
                isListItem = true
            }
            let scalars = Array(line.unicodeScalars)
            let pieces = splitLine(scalars)
            let words = scalars.reduce(into: 1) { count, s in if s == " " { count += 1 } }
            let lastScalar = scalars.last ?? " "
            let closes = ".!?…:;\"”’)".unicodeScalars.contains(lastScalar)
            let heading = pieces.count == 1 && !isListItem && words <= 10 && (!closes || (lastScalar == "?" && words <= 6))
            for piece in pieces {
                var s = String(String.UnicodeScalarView(scalars[piece]))
                s = String(Substring(s).trimmingSpaces())
                if s.isEmpty { continue }
                sentences.append(Sentence(text: s, line: lineIndex, isHeading: heading, isListItem: isListItem))
            }
        }
        return sentences
    }

    /// Removes `- `, `• `, `* `, `1. ` or `1) ` at the start of a line.
    static func stripListMarker(_ line: Substring) -> Substring? {
        let scalars = line.unicodeScalars
        guard let first = scalars.first else { return nil }
        if first == "-" || first == "•" || first == "*" || first == "–" || first == "·" || first == "▪" {
            let rest = line.unicodeScalars.dropFirst()
            guard let next = rest.first, next == " " || next == "\t" else { return nil }
            let trimmed = Substring(rest).trimmingSpaces()
            return trimmed.isEmpty ? nil : trimmed
        }
        var digits = 0
        var idx = scalars.startIndex
        while idx != scalars.endIndex, scalars[idx].properties.numericType != nil, digits < 3 {
            digits += 1
            idx = scalars.index(after: idx)
        }
        guard digits > 0, idx != scalars.endIndex, scalars[idx] == "." || scalars[idx] == ")" else { return nil }
        idx = scalars.index(after: idx)
        guard idx != scalars.endIndex, scalars[idx] == " " else { return nil }
        let trimmed = Substring(scalars[idx...]).trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    // Abbreviations that never end a sentence when a capital follows.
    private static let nonTerminal: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "st", "mt", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v",
        "e.g", "i.e", "cf", "approx", "fig", "ft", "pres", "rev", "hon", "art", "sec", "para", "ch", "vol", "pp",
    ]
    // Abbreviations that end a sentence only before a word that usually starts one.
    private static let ambiguous: Set<String> = ["inc", "corp", "ltd", "co", "llc", "plc", "bros", "etc", "jr", "ag", "sa", "nv", "bv"]
    private static let sentenceStarters: Set<String> = [
        "The", "It", "He", "She", "They", "We", "I", "This", "That", "These", "Those", "But", "And", "In", "On", "At",
        "A", "An", "Its", "Their", "His", "Her", "Our", "Meanwhile", "However", "Still", "Yet", "So", "As", "After",
        "Before", "When", "While", "Last", "Some", "Many", "According", "Officials", "There", "Earlier", "Later",
        "Under", "If", "Since", "Both", "Neither", "Other", "Such", "Now", "Then", "Also", "Separately",
    ]

    static func splitLine(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            guard c == "." || c == "!" || c == "?" || c == "…" else { i += 1; continue }
            var end = i + 1
            while end < n, s[end] == "." || s[end] == "!" || s[end] == "?" || s[end] == "…" { end += 1 }
            while end < n, isCloser(s[end]) { end += 1 }
            // A boundary needs white space after it.
            guard end < n, s[end] == " " || s[end] == "\t" || s[end] == "\u{A0}" else { i = end; continue }
            var next = end
            while next < n, s[next] == " " || s[next] == "\t" || s[next] == "\u{A0}" { next += 1 }
            guard next < n else { i = end; continue }
            let nc = s[next]
            let startsSentence = nc.properties.isUppercase || nc.properties.numericType != nil || isOpener(nc)
            guard startsSentence else { i = end; continue }
            if c == "." && end == i + 1 && !isBoundaryAfterPeriod(s, at: i, next: next) { i = end; continue }
            ranges.append(start..<end)
            start = next
            i = next
        }
        if start < n { ranges.append(start..<n) }
        return ranges
    }

    private static func isBoundaryAfterPeriod(_ s: [Unicode.Scalar], at dot: Int, next: Int) -> Bool {
        // The word before the period, letters and inner periods only.
        var k = dot
        while k > 0, s[k - 1].properties.isAlphabetic || s[k - 1] == "." { k -= 1 }
        guard k < dot else { return true }
        let word = String(String.UnicodeScalarView(s[k..<dot]))
        let lower = word.lowercased()
        if word.unicodeScalars.count == 1, word.unicodeScalars.first!.properties.isUppercase { return false }  // an initial
        if nonTerminal.contains(lower) { return false }
        if ambiguous.contains(lower) || word.contains(".") {
            var e = next
            while e < s.count, s[e].properties.isAlphabetic { e += 1 }
            let nextWord = String(String.UnicodeScalarView(s[next..<e]))
            return sentenceStarters.contains(nextWord)
        }
        return true
    }

    private static func isCloser(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "”" || c == "’" || c == "'" || c == ")" || c == "]" || c == "»"
    }

    private static func isOpener(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "“" || c == "‘" || c == "(" || c == "[" || c == "«" || c == "'" || c == "•" || c == "$" || c == "€" || c == "£"
    }
}
