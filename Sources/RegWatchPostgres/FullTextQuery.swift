// `search` and `articles --search` take FTS5's query syntax on both engines (https://sqlite.org/fts5.html#full_text_query_syntax):
// words (all must match), "phrases", prefix*, AND, OR, NOT and parentheses. PostgreSQL's websearch_to_tsquery reads
// AND and NOT as words to find, so a query is translated here into to_tsquery's syntax instead
// (https://www.postgresql.org/docs/15/datatype-textsearch.html#DATATYPE-TSQUERY), token by token:
//   word → word    "a b" → (a <-> b)    pre* → pre:*    a b → a & b    AND → &    OR → |    NOT → & !
// Words are split where FTS5's unicode61 tokenizer splits them (on anything but letters and digits) and lowercased,
// so every operand is a plain lexeme that needs no quoting.

/// An FTS5 query that cannot be translated: unbalanced quotes or parentheses, or an operator without an operand.
public struct FullTextQueryError: Error, Sendable, CustomStringConvertible {
    public var query: String
    public var reason: String
    public var description: String { "search query '\(query)': \(reason)" }
}

public enum FullTextQuery {
    enum Token: Equatable {
        case term(String)          // a to_tsquery operand: a lexeme, a prefix or a phrase
        case and, or, not, open, close
    }

    /// The to_tsquery text of the FTS5 query `text`.
    /// - Throws: `FullTextQueryError` saying what is wrong.
    public static func tsquery(fromFTS5 text: String) throws -> String {
        let tokens = try tokenize(text)
        var out: [String] = []
        var expectOperand = true
        var depth = 0
        for token in tokens {
            switch token {
            case .term(let term):
                if !expectOperand { out.append("&") }
                out.append(term)
                expectOperand = false
            case .open:
                if !expectOperand { out.append("&") }
                out.append("(")
                depth += 1
                expectOperand = true
            case .close:
                guard depth > 0, !expectOperand else { throw FullTextQueryError(query: text, reason: "a ')' without its '(' or operand") }
                out.append(")")
                depth -= 1
            case .and, .or:
                guard !expectOperand else { throw FullTextQueryError(query: text, reason: "AND or OR without a left operand") }
                out.append(token == .and ? "&" : "|")
                expectOperand = true
            case .not:
                guard !expectOperand else { throw FullTextQueryError(query: text, reason: "NOT without a left operand (FTS5's NOT is binary: a NOT b)") }
                out.append("& !")
                expectOperand = true
            }
        }
        guard depth == 0 else { throw FullTextQueryError(query: text, reason: "a '(' is not closed") }
        guard !expectOperand || out.isEmpty else { throw FullTextQueryError(query: text, reason: "an operator at the end") }
        guard !out.isEmpty else { throw FullTextQueryError(query: text, reason: "no word to search for") }
        return out.joined(separator: " ")
    }

    /// The lowercase runs of letters and digits of `text`, as unicode61 splits it.
    static func words(_ text: Substring) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map { $0.lowercased() }
    }

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace { i = text.index(after: i); continue }
            if c == "(" { tokens.append(.open); i = text.index(after: i); continue }
            if c == ")" { tokens.append(.close); i = text.index(after: i); continue }
            if c == "\"" {
                let start = text.index(after: i)
                guard let end = text[start...].firstIndex(of: "\"") else {
                    throw FullTextQueryError(query: text, reason: "a '\"' is not closed")
                }
                var phrase = words(text[start..<end])
                i = text.index(after: end)
                var prefix = false
                if i < text.endIndex, text[i] == "*" { prefix = true; i = text.index(after: i) }
                guard !phrase.isEmpty else { continue }
                if prefix { phrase[phrase.count - 1] += ":*" }
                tokens.append(.term(phrase.count == 1 ? phrase[0] : "(" + phrase.joined(separator: " <-> ") + ")"))
                continue
            }
            var end = i
            while end < text.endIndex, !text[end].isWhitespace, !"()\"".contains(text[end]) { end = text.index(after: end) }
            let bare = text[i..<end]
            i = end
            switch bare {
            case "AND": tokens.append(.and)
            case "OR": tokens.append(.or)
            case "NOT": tokens.append(.not)
            default:
                let prefix = bare.hasSuffix("*")
                var parts = words(bare)
                guard !parts.isEmpty else { continue }
                if prefix { parts[parts.count - 1] += ":*" }
                tokens.append(.term(parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " <-> ") + ")"))
            }
        }
        return tokens
    }
}
