// Text written by strangers (feed titles, outlet names, evidence sentences) reaches terminals, pagers and files
// that a terminal later shows. A title holding `ESC[2J` clears the screen, an OSC sequence can retitle the window
// or plant a hyperlink, BEL rings, and a lone CR lets text overwrite what came before it on the line. Every
// command's output passes through `TerminalText.clean` once, on its way out (the CLI's `emit`, `writeOutput` and
// error messages), so no command has to remember to clean its own fields.
//
// Escape sequences are removed whole, per ECMA-48 (https://ecma-international.org/publications-and-standards/standards/ecma-48/):
// CSI (`ESC [` or C1 0x9B) through its final byte, and the string controls OSC, DCS, SOS, PM and APC (`ESC ]`,
// `ESC P`, `ESC X`, `ESC ^`, `ESC _` or their C1 forms) through their terminator (ST, or BEL for OSC), so that no
// parameter bytes are left behind as litter. Other C0 and C1 controls and DEL are dropped.

/// Removes terminal control characters and escape sequences from text, keeping line structure where it means
/// something.
///
/// `clean("\u{1B}[2JBan\u{07}")` is `"Ban"`. Text without controls comes back unchanged (and uncopied).
public enum TerminalText {
    /// What happens to tab, line feed and carriage return.
    public enum Lines: Sendable {
        /// Whole outputs: tab, LF and CR LF stay; a lone CR (which returns the cursor to overwrite the line)
        /// becomes LF.
        case kept
        /// One table cell or one line: tab, LF and CR each become a space.
        case joined
    }

    /// `text` without control characters and escape sequences.
    public static func clean(_ text: String, lines: Lines = .kept) -> String {
        guard needsCleaning(text, lines: lines) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i].value
            i += 1
            switch c {
            case 0x0A:
                out.append(lines == .kept ? "\n" : " ")
            case 0x09:
                out.append(lines == .kept ? "\t" : " ")
            case 0x0D:
                if lines == .joined {
                    out.append(" ")
                    if i < scalars.count, scalars[i].value == 0x0A { i += 1 }
                } else if i < scalars.count, scalars[i].value == 0x0A {
                    out.append("\r")
                } else {
                    out.append("\n")
                }
            case 0x1B:
                i = skipEscape(scalars, from: i)
            case 0x9B:
                i = skipControlSequence(scalars, from: i)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                i = skipControlString(scalars, from: i)
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                continue
            default:
                out.append(scalars[i - 1])
            }
        }
        return String(out)
    }

    /// True when `text` holds a byte that `clean` would change; most text holds none, and is returned as it is.
    static func needsCleaning(_ text: String, lines: Lines) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b < 0x20 {
                if lines == .joined || (b != 0x0A && b != 0x09 && b != 0x0D) { return true }
                // A CR is fine only before an LF; checked when the next byte arrives.
            } else if b == 0x7F {
                return true
            } else if previous == 0xC2 && b >= 0x80 && b < 0xA0 {
                return true  // U+0080...U+009F, the C1 controls, are C2 80...C2 9F in UTF-8
            }
            if previous == 0x0D && b != 0x0A { return true }
            previous = b
        }
        return previous == 0x0D
    }

    /// Skips what follows an ESC: the rest of its sequence.
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        guard start < s.count else { return start }
        switch s[start].value {
        case 0x5B: return skipControlSequence(s, from: start + 1)  // ESC [ : CSI
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: return skipControlString(s, from: start + 1)  // ESC ] P X ^ _
        case 0x20...0x2F:
            // nF escape (`ESC ( B` selects a character set): intermediates, then one final byte.
            var i = start
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            if i < s.count, (0x30...0x7E).contains(s[i].value) { i += 1 }
            return i
        case 0x30...0x7E: return start + 1  // a two-character escape such as `ESC c` (reset) or `ESC 7`
        default: return start  // a lone ESC: only it goes
        }
    }

    /// Skips a control sequence after its introducer: parameter bytes, intermediate bytes, then the final byte.
    /// A character outside those ranges ends the sequence early and is kept.
    private static func skipControlSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count, (0x30...0x3F).contains(s[i].value) { i += 1 }
        while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
        if i < s.count, (0x40...0x7E).contains(s[i].value) { i += 1 }
        return i
    }

    /// Skips a control string (OSC, DCS, SOS, PM, APC) through its terminator: ST (`ESC \` or 0x9C) or BEL. One
    /// with no terminator before the end of its line loses only its introducer: the rest stays as text, so that a
    /// stray `ESC ]` in one title cannot swallow the fields printed after it.
    private static func skipControlString(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < s.count {
            switch s[i].value {
            case 0x07, 0x9C: return i + 1
            case 0x1B: return i + 1 < s.count && s[i + 1].value == 0x5C ? i + 2 : i + 1
            case 0x0A, 0x0D: return start
            default: i += 1
            }
        }
        return start
    }
}
