/// One token of a sentence.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punct, other }
    /// Lowercased form; curly apostrophes become `'`, dashes `-`, curly quotes `"`.
    var lower: String
    /// Scalar offsets in the sentence.
    var start: Int
    var end: Int
    /// The first letter is a capital.
    var isCapitalized: Bool
    var kind: Kind

    var isWord: Bool { kind == .word }
}

/// Splits a sentence into words, numbers and punctuation, keeping possessive `'s` as its own token.
enum Tokenizer {
    static func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5 + 4)
        let n = scalars.count
        var i = 0
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        while i < n {
            let c = scalars[i]
            if isSpace(c) { i += 1; continue }
            if isAlnum(c) {
                let start = i
                buffer.removeAll(keepingCapacity: true)
                var allDigits = true
                var isURL = false
                var singleLetterDots = true  // "U.S." style
                var lettersSinceDot = 0
                while i < n {
                    let d = scalars[i]
                    if isAlnum(d) {
                        appendLower(d, to: &buffer)
                        if !isDigit(d) { allDigits = false }
                        lettersSinceDot += 1
                        if lettersSinceDot > 1 { singleLetterDots = false }
                        i += 1
                        continue
                    }
                    let hasNext = i + 1 < n && isAlnum(scalars[i + 1])
                    if d == ":" && i + 2 < n && scalars[i + 1] == "/" && scalars[i + 2] == "/" {
                        isURL = true
                        while i < n, !isSpace(scalars[i]) { i += 1 }
                        break
                    }
                    if (d == "-" || d == "&") && hasNext {
                        buffer.append(d == "-" ? UInt8(ascii: "-") : UInt8(ascii: "&"))
                        lettersSinceDot = 0
                        i += 1
                        continue
                    }
                    if d == "." {
                        if hasNext { buffer.append(UInt8(ascii: ".")); lettersSinceDot = 0; i += 1; continue }
                        // "U.S." keeps its last period; so does "U.S.-based".
                        if singleLetterDots && buffer.contains(UInt8(ascii: ".")) {
                            buffer.append(UInt8(ascii: "."))
                            i += 1
                            if i + 1 < n, scalars[i] == "-", isAlnum(scalars[i + 1]) { continue }
                        }
                        break
                    }
                    if d == "," && allDigits && hasNext && i + 1 < n && isDigit(scalars[i + 1]) {
                        i += 1
                        continue
                    }
                    if isApostrophe(d) && hasNext {
                        // Possessive 's ends the word; other apostrophes (don't, O'Brien) stay inside it.
                        let after = i + 2
                        if (scalars[i + 1] == "s" || scalars[i + 1] == "S") && (after >= n || !isAlnum(scalars[after])) { break }
                        buffer.append(UInt8(ascii: "'"))
                        i += 1
                        continue
                    }
                    break
                }
                let lower = String(decoding: buffer, as: UTF8.self)
                let kind: Token.Kind = isURL ? .other : (allDigits ? .number : .word)
                tokens.append(Token(lower: lower, start: start, end: i, isCapitalized: isUpper(c), kind: kind))
                continue
            }
            if isApostrophe(c), i + 1 < n, scalars[i + 1] == "s" || scalars[i + 1] == "S", i + 2 >= n || !isAlnum(scalars[i + 2]),
               let last = tokens.last, last.end == i {
                tokens.append(Token(lower: "'s", start: i, end: i + 2, isCapitalized: false, kind: .word))
                i += 2
                continue
            }
            let lower: String
            switch c {
            case "“", "”", "\"", "«", "»", "„": lower = "\""
            case "‘", "’", "'", "´", "`": lower = "'"
            case "—", "–", "-", "‒", "―": lower = "-"
            default: lower = c.value < 0x80 ? Self.asciiStrings[Int(c.value)] : String(Character(c))
            }
            tokens.append(Token(lower: lower, start: i, end: i + 1, isCapitalized: false, kind: .punct))
            i += 1
        }
        return tokens
    }

    private static let asciiStrings: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{A0}" || c == "\u{2009}" || c == "\u{200B}" || c == "\u{FEFF}"
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always) static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// A letter, read from its ASCII range first (the Unicode property table only for other scalars).
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (c.value >= 0x61 && c.value <= 0x7A) : c.properties.isLowercase
    }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x80 ? (c.value >= 0x41 && c.value <= 0x5A) : c.properties.isUppercase
    }

    @inline(__always) static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "’" || c == "´" }

    @inline(__always) static func appendLower(_ c: Unicode.Scalar, to buffer: inout [UInt8]) {
        let v = c.value
        if v < 0x80 {
            buffer.append(UInt8(v >= 0x41 && v <= 0x5A ? v + 0x20 : v))
        } else {
            buffer.append(contentsOf: Array(String(c.properties.lowercaseMapping).utf8))
        }
    }
}
