import RegWatchCore

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
    /// UTF-16 offsets of `text` in the plain text it was cut from.
    public var utf16Range: Range<Int> = 0..<0
}

/// Splits plain text into sentences.
///
/// Every line break ends a sentence (feeds and the HTML reader keep one paragraph per line). Inside a line, `.`,
/// `!`, `?` and `…` end a sentence when followed by a space and a capital, a digit or an opening quote — except
/// after abbreviations (`Jan.`, `Dr.`, initials), and after `U.S.`/`Inc.`-style abbreviations unless the next word
/// typically starts a sentence ("…in the U.S. The company said…").
public enum SentenceSplitter {
    public static func split(_ text: String) -> [Sentence] {
        splitKeepingScalars(text).map(\.sentence)
    }

    /// Sentences with their Unicode scalars, so the tokenizer need not decode them again.
    ///
    /// Works on one array of scalars and their UTF-8 offsets: each sentence is cut from the text's bytes, so the
    /// evidence is the text verbatim.
    static func splitKeepingScalars(_ text: String) -> [(sentence: Sentence, scalars: [Unicode.Scalar])] {
        var all: [Unicode.Scalar] = []
        all.reserveCapacity(text.utf8.count)
        var offsets: [Int] = []
        offsets.reserveCapacity(text.utf8.count + 1)
        var utf16: [Int] = []
        utf16.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        var offset16 = 0
        for scalar in text.unicodeScalars {
            all.append(scalar)
            offsets.append(offset)
            utf16.append(offset16)
            offset += UTF8.width(scalar)
            offset16 += scalar.value > 0xFFFF ? 2 : 1
        }
        offsets.append(offset)
        utf16.append(offset16)
        let bytes = Array(text.utf8)
        var result: [(sentence: Sentence, scalars: [Unicode.Scalar])] = []
        var lineIndex = 0
        var lineStart = 0
        let n = all.count
        while lineStart <= n {
            var lineEnd = lineStart
            while lineEnd < n, all[lineEnd] != "\n" { lineEnd += 1 }
            defer { lineIndex += 1; lineStart = lineEnd + 1 }
            var lo = lineStart
            var hi = lineEnd
            while lo < hi, isTrimmable(all[lo]) { lo += 1 }
            while hi > lo, isTrimmable(all[hi - 1]) { hi -= 1 }
            if lo == hi { continue }
            var isListItem = false
            if let content = listContentStart(all, lo, hi) {
                lo = content
                isListItem = true
            }
            let line = Array(all[lo..<hi])
            let pieces = splitLine(line)
            var words = 1
            for s in line where s == " " { words += 1 }
            let lastScalar = line.last ?? " "
            let closes = ".!?…:;\"”’)".unicodeScalars.contains(lastScalar)
            let heading = pieces.count == 1 && !isListItem && words <= 10 && (!closes || (lastScalar == "?" && words <= 6))
            for piece in pieces {
                var a = piece.lowerBound
                var b = piece.upperBound
                while a < b, isTrimmable(line[a]) { a += 1 }
                while b > a, isTrimmable(line[b - 1]) { b -= 1 }
                if a == b { continue }
                let text = String(decoding: bytes[offsets[lo + a]..<offsets[lo + b]], as: UTF8.self)
                let sentence = Sentence(text: text, line: lineIndex, isHeading: heading, isListItem: isListItem,
                                        utf16Range: utf16[lo + a]..<utf16[lo + b])
                result.append((sentence, Array(line[a..<b])))
            }
        }
        return result
    }

    @inline(__always) private static func isTrimmable(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\r" || c == "\u{A0}" || c == "\u{FEFF}"
    }

    /// Where the content of a list item starts, after `- `, `• `, `* `, `1. ` or `1) `; nil when the line is not one.
    static func listContentStart(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Int? {
        var k = lo
        // A bullet of `PlainTextMarks` opens a list item; the plain-text reader keeps the line break before it.
        if PlainTextMarks.isBullet(s[lo]) {
            k += 1
        } else {
            while k < hi, k - lo < 3, Tokenizer.isDigit(s[k]) { k += 1 }
            guard k > lo, k < hi, s[k] == "." || s[k] == ")" else { return nil }
            k += 1
        }
        guard k < hi, s[k] == " " || s[k] == "\t" else { return nil }
        while k < hi, isTrimmable(s[k]) { k += 1 }
        return k < hi ? k : nil
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
            // Paragraphs run together by a page or feed ("…from China and Russia.Biden said…"): a period right
            // between a word in lowercase and a capitalised word ends a sentence all the same. Domains
            // ("Amazon.com"), abbreviations ("U.S.", "Mr.Smith") and names in capitals ("ASP.NET") do not.
            if c == ".", end == i + 1, end + 1 < n, Tokenizer.isUpper(s[end]), s[end + 1].properties.isLowercase,
               isGluedSentenceEnd(s, at: i) {
                ranges.append(start..<end)
                start = end
                i = end
                continue
            }
            // A boundary needs white space after it.
            guard end < n, s[end] == " " || s[end] == "\t" || s[end] == "\u{A0}" else { i = end; continue }
            var next = end
            while next < n, s[next] == " " || s[next] == "\t" || s[next] == "\u{A0}" { next += 1 }
            guard next < n else { i = end; continue }
            let nc = s[next]
            let startsSentence = Tokenizer.isUpper(nc) || Tokenizer.isDigit(nc) || isOpener(nc)
                || (nc.value >= 0x80 && nc.properties.numericType != nil)
            guard startsSentence else { i = end; continue }
            if c == "." && end == i + 1 && !isBoundaryAfterPeriod(s, at: i, next: next) { i = end; continue }
            ranges.append(start..<end)
            start = next
            i = next
        }
        if start < n { ranges.append(start..<n) }
        return ranges
    }

    /// The word before the period at `dot` is three letters or more and ends in lowercase, with no period inside.
    private static func isGluedSentenceEnd(_ s: [Unicode.Scalar], at dot: Int) -> Bool {
        var k = dot
        while k > 0, s[k - 1].properties.isAlphabetic { k -= 1 }
        guard dot - k >= 3, s[dot - 1].properties.isLowercase else { return false }
        return k == 0 || s[k - 1] != "."
    }

    private static func isBoundaryAfterPeriod(_ s: [Unicode.Scalar], at dot: Int, next: Int) -> Bool {
        // The word before the period, letters and inner periods only.
        var k = dot
        while k > 0, Tokenizer.isLetter(s[k - 1]) || s[k - 1] == "." { k -= 1 }
        guard k < dot else { return true }
        // A capital letter alone is an initial ("George W. Bush"), or a name that ends the sentence ("users turned
        // to VPNs to reach X. However, …"): the word after tells which.
        if dot - k == 1, Tokenizer.isUpper(s[k]) { return sentenceStarters.contains(Self.word(at: next, in: s)) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(dot - k)
        for c in s[k..<dot] { Tokenizer.appendLower(c, to: &buffer) }
        let lower = String(decoding: buffer, as: UTF8.self)
        let word = lower
        if nonTerminal.contains(lower) { return false }
        if ambiguous.contains(lower) || word.utf8.contains(0x2E) {
            return sentenceStarters.contains(Self.word(at: next, in: s))
        }
        return true
    }

    /// The letters from `start` on: the word a sentence after a period would begin with.
    private static func word(at start: Int, in s: [Unicode.Scalar]) -> String {
        var e = start
        while e < s.count, Tokenizer.isLetter(s[e]) { e += 1 }
        return String(String.UnicodeScalarView(s[start..<e]))
    }

    private static func isCloser(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "”" || c == "’" || c == "'" || c == ")" || c == "]" || c == "»"
    }

    private static func isOpener(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "“" || c == "‘" || c == "(" || c == "[" || c == "«" || c == "'" || c == "•" || c == "$" || c == "€" || c == "£"
    }
}
