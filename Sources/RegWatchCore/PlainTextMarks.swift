/// What plain text marks with characters rather than tags: list bullets, and the typography that two copies of one
/// sentence may set differently. Shared by the reader that turns documents into plain text (RegWatchIngest) and the
/// extractor that splits that text into sentences (RegWatchExtract), so that both read a text alike.
public enum PlainTextMarks {
    /// The bullets that open a list item when a space follows them ("- ", "• "): a line that starts with one is a
    /// line of its own, and a sentence ends before it.
    public static let bullets: [Unicode.Scalar] = ["-", "*", "•", "·", "▪", "–"]
    /// `bullets` as UTF-8, for readers of bytes.
    public static let bulletBytes: [[UInt8]] = bullets.map { Array(String($0).utf8) }
    /// Whether `s` is one of `bullets`, for readers of scalars in a hot loop (a test checks the two agree).
    @inlinable public static func isBullet(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "-", "*", "•", "·", "▪", "–": true
        default: false
        }
    }

    /// A sentence as compared with another copy of it: curly quotes and guillemets as straight ones, dashes as
    /// hyphens, and every run of spaces, tabs, line breaks and no-break spaces as one space, without a trailing one.
    public static func comparable(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var lastSpace = true
        for ch in s.unicodeScalars {
            var c = ch
            switch c {
            case "“", "”", "„", "«", "»": c = "\""
            case "‘", "’", "´", "`": c = "'"
            case "—", "–": c = "-"
            default: break
            }
            if c == " " || c == "\t" || c == "\n" || c == "\u{A0}" {
                if !lastSpace { out.unicodeScalars.append(" ") }
                lastSpace = true
            } else {
                out.unicodeScalars.append(c)
                lastSpace = false
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
