// The facts that tell two templated stories apart.
//
// Regulators and wires write from templates: "The commission fined Zentrix 120 million euros on Tuesday" and
// "The commission fined Qualora 85 million euros on Tuesday" share almost every shingle and are two stories.
// What differs is what the template is filled with: named parties (capitalised words; a sentence-opening word only
// when the text capitalises it elsewhere too and never writes it in lower case; a Title Case title's words only when
// the text holds them as names), amounts and dates (numbers). A rewrite of one story keeps those and changes the words around them; a template
// keeps the words and changes those. So a fact is read with its context, the nearest content word on each side: two texts
// conflict when one context holds a different fact in each, and neither fact appears anywhere in the other text.

/// Named parties, amounts and dates of one article, each with the words around it.
public struct StoryFacts: Sendable, Hashable {
    /// Every fact of the title and text, lowercased ("zentrix", "120m", "2026-03-03").
    public var facts: Set<String>
    /// Context ("<fined": the content word before; ">confirms": the content word after) → the facts found there.
    public var slots: [String: Set<String>]
    /// Every word of the title and text, lowercased: a fact the other text holds is one of these.
    public var words: Set<String> = []

    public init(facts: Set<String> = [], slots: [String: Set<String>] = [:]) {
        self.facts = facts
        self.slots = slots
    }

    /// Reads the facts of a title and a plain text.
    public init(title: String, text: String) {
        self.init()
        var titleTokens = Self.tokens(title)
        var textTokens = Self.tokens(text)
        // The text may be an excerpt cut in the middle of a word: its last word is not a fact.
        if let last = textTokens.lastIndex(where: { $0.kind != .boundary }) { textTokens.remove(at: last) }
        // A capitalised word that opens a sentence ("Regulators said", "Brightly worded") is a name only if the title
        // and text never write it in lower case and capitalise it inside a sentence too, or at least twice.
        var lower: Set<String> = []
        var inside: Set<String> = []
        var capitalisedCount: [String: Int] = [:]
        for token in titleTokens + textTokens {
            if token.kind == .word || token.kind == .stop { lower.insert(token.text) }
            if token.capitalised {
                capitalisedCount[token.text, default: 0] += 1
                if !token.initial { inside.insert(token.text) }
            }
        }
        func isName(_ token: Token) -> Bool {
            !token.initial || (!lower.contains(token.text) && (inside.contains(token.text) || capitalisedCount[token.text, default: 0] >= 2))
        }
        for i in textTokens.indices where textTokens[i].capitalised && !isName(textTokens[i]) { textTokens[i].kind = .word }
        // A title in Title Case capitalises every word: there, only words the text holds as names are names.
        let titleWords = titleTokens.filter { $0.kind == .word || $0.kind == .fact }
        if titleWords.count >= 4, titleWords.filter(\.capitalised).count * 10 >= titleWords.count * 7 {
            let named = Set(textTokens.filter { $0.kind == .fact }.map(\.text))
            for i in titleTokens.indices where titleTokens[i].capitalised && !named.contains(titleTokens[i].text) {
                titleTokens[i].kind = .word
            }
        } else {
            for i in titleTokens.indices where titleTokens[i].capitalised && !isName(titleTokens[i]) { titleTokens[i].kind = .word }
        }
        read(titleTokens)
        read(textTokens)
    }

    /// `true` when two contexts (or more) each hold a different fact in each text, neither found in the other text:
    /// the same template filled for another party, amount or date. A filled-in fact has words on both sides, or
    /// recurs; one differing word with a single context is as likely a reworded sentence.
    public func conflicts(with other: StoryFacts) -> Bool {
        guard !facts.isEmpty, !other.facts.isEmpty else { return false }
        var conflicting = 0
        for (context, mine) in slots {
            guard let theirs = other.slots[context] else { continue }
            if mine.contains(where: { a in !other.mentions(a) && theirs.contains { b in b != a && !mentions(b) } }) {
                conflicting += 1
                if conflicting >= 2 { return true }
            }
        }
        return false
    }

    /// The fact, as any word of the text, or a fact it begins or ends (an excerpt cut short: "roskomnad" for
    /// "roskomnadzor").
    func mentions(_ fact: String) -> Bool {
        if facts.contains(fact) || words.contains(fact) { return true }
        guard fact.count >= 4 else { return false }
        return facts.contains { $0.count >= 4 && ($0.hasPrefix(fact) || fact.hasPrefix($0)) }
    }

    // MARK: Reading

    enum Kind { case word, fact, stop, boundary }

    struct Token {
        var text: String
        var kind: Kind
        /// First word of a sentence.
        var initial = false
        var capitalised = false
    }

    private mutating func read(_ tokens: [Token]) {
        for (i, token) in tokens.enumerated() {
            if token.kind == .word || token.kind == .fact { words.insert(token.text) }
            guard token.kind == .fact else { continue }
            facts.insert(token.text)
            if let before = Self.context(tokens, from: i, step: -1) { slots["<" + before, default: []].insert(token.text) }
            if let after = Self.context(tokens, from: i, step: 1) { slots[">" + after, default: []].insert(token.text) }
        }
    }

    /// The nearest word or fact on one side that is not a stopword, within the sentence.
    private static func context(_ tokens: [Token], from i: Int, step: Int) -> String? {
        var j = i + step
        while j >= 0 && j < tokens.count {
            switch tokens[j].kind {
            case .boundary: return nil
            case .stop: j += step
            case .word, .fact: return tokens[j].text
            }
        }
        return nil
    }

    /// Words of the text, lowercased and classed. A number keeps its inner '.', ',', '-' and '/' ("1.2", "2026-03-03")
    /// and takes the scale word after it ("120 million" → "120m"); '.', '!', '?', ';' and ':' end a sentence.
    static func tokens(_ text: String) -> [Token] {
        // UTF-8 bytes: ASCII is classed and lowercased byte by byte; a non-ASCII scalar is part of a word unless it is
        // Latin-1 punctuation (U+0080–U+00BF: no-break space, «, °) or in U+2000–U+2FFF (dashes, quotes, €, arrows).
        var bytes = Array(text.utf8)
        bytes.append(0x20)
        let n = bytes.count
        var out: [Token] = []
        out.reserveCapacity(n / 5)
        var word: [UInt8] = []
        var i = 0
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        /// The length of the word scalar starting at `i`, or 0 when it is not part of a word.
        func wordScalar(_ i: Int) -> Int {
            let b = bytes[i]
            if b < 0x80 { return isLetter(b) || isDigit(b) ? 1 : 0 }
            if b == 0xC2 { return 0 }
            if b == 0xE2 { return 0 }
            if b >= 0xF0 { return min(4, n - i) }
            if b >= 0xE0 { return min(3, n - i) }
            if b >= 0xC0 { return min(2, n - i) }
            return 1  // a stray continuation byte
        }
        while i < n {
            let b = bytes[i]
            var length = wordScalar(i)
            guard length > 0 else {
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: ";")
                    || b == UInt8(ascii: ":") || b == 0x0A {
                    out.append(Token(text: "", kind: .boundary))
                }
                i += b >= 0xC0 ? (b >= 0xE0 ? (b >= 0xF0 ? 4 : 3) : 2) : 1
                continue
            }
            word.removeAll(keepingCapacity: true)
            var hasDigit = false
            var ascii = true
            let first = i
            while length > 0 {
                if length == 1 && isDigit(bytes[i]) { hasDigit = true }
                if bytes[i] >= 0x80 { ascii = false }
                for k in 0..<length { let c = bytes[i + k]; word.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
                i += length
                guard i < n else { break }
                let c = bytes[i]
                if c == 0x27 || (c == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99) {
                    // "Zentrix's" is Zentrix.
                    i += c == 0x27 ? 1 : 3
                    while i < n, bytes[i] < 0x80 ? isLetter(bytes[i]) : false { i += 1 }
                    break
                }
                if hasDigit, c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == UInt8(ascii: "-") || c == UInt8(ascii: "/"),
                   i + 1 < n, isDigit(bytes[i + 1]) {
                    word.append(c)
                    i += 1
                }
                length = wordScalar(i)
            }
            let lower = ascii ? String(decoding: word, as: UTF8.self) : String(decoding: word, as: UTF8.self).lowercased()
            let capitalised: Bool
            if bytes[first] < 0x80 {
                capitalised = bytes[first] >= 0x41 && bytes[first] <= 0x5A
            } else {
                capitalised = String(decoding: bytes[first..<min(n, first + 4)], as: UTF8.self).first?.isUppercase == true
            }
            let initial = out.last.map { $0.kind == .boundary } ?? true
            if hasDigit {
                out.append(Token(text: lower, kind: .fact, initial: initial))
            } else if let scale = scales[lower], let last = out.last, last.kind == .fact, last.text.first?.isNumber == true {
                out[out.count - 1].text += scale
            } else if stopwords.contains(lower) {
                out.append(Token(text: lower, kind: .stop, initial: initial))
            } else if capitalised {
                out.append(Token(text: lower, kind: .fact, initial: initial, capitalised: true))
            } else {
                out.append(Token(text: lower, kind: .word, initial: initial))
            }
        }
        return out
    }

    static let scales: [String: String] = [
        "thousand": "k", "k": "k", "million": "m", "millions": "m", "m": "m", "mn": "m", "mln": "m",
        "billion": "bn", "billions": "bn", "bn": "bn", "b": "bn", "trillion": "tn", "tn": "tn", "percent": "%", "per": "%",
    ]

    // Function words, capitalised or not, are never facts nor contexts: "The" opens sentences, "on" and "of" sit
    // around any fact.
    static let stopwords: Set<String> = Set(
        """
        a an the and or but if of in on at to by for from with as is are was were be been has have had it its this \
        that these those than then so not no do does did will would can could may might shall should he she they we \
        you i his her their our your them him us me my who whom which what when where how all any also into over out \
        up about after before more most some such said says according under while however meanwhile there here \
        last next new mr mrs ms dr
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    )
}
