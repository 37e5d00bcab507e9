import RegWatchCore
import Testing

/// The two helpers every command's output passes through: the terminal cleaner and the CSV writer.
@Suite("Output text")
struct OutputTextTests {
    @Test("removes escape sequences whole, and BEL, DEL and C1 controls",
          arguments: [
              ("\u{1B}[2JBan on TikTok", "Ban on TikTok"),                        // CSI: clear the screen
              ("Ban\u{1B}[1;31m on\u{1B}[0m TikTok", "Ban on TikTok"),            // SGR colours
              ("\u{1B}]0;owned\u{07}Ban", "Ban"),                                 // OSC window title, ended by BEL
              ("\u{1B}]8;;https://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\", "link"),  // OSC 8 hyperlink, ended by ST
              ("a\u{9B}31mb", "ab"),                                              // C1 CSI
              ("a\u{9D}0;t\u{9C}b", "ab"),                                        // C1 OSC ended by C1 ST
              ("a\u{1B}Pq#0\u{1B}\\b", "ab"),                                     // DCS (sixel)
              ("a\u{1B}(Bb\u{1B}cc", "abc"),                                      // charset selection, reset
              ("bell\u{07}\u{7F}\u{00}\u{08}s", "bells"),                          // BEL, DEL, NUL, backspace
              ("a\u{85}b", "ab"),                                                 // NEL
              ("Ünïcödé — “quotes” ©°\u{A0}€", "Ünïcödé — “quotes” ©°\u{A0}€"),   // C2 A0...: not controls
          ])
    func removesControls(_ input: String, _ expected: String) {
        #expect(TerminalText.clean(input) == expected)
    }

    @Test("keeps tab, LF and CR LF in whole outputs; a lone CR, which lets text overwrite the line, becomes LF")
    func keepsLines() {
        #expect(TerminalText.clean("a\tb\nc\r\nd") == "a\tb\nc\r\nd")
        #expect(TerminalText.clean("safe\revil") == "safe\nevil")
        #expect(TerminalText.clean("end\r") == "end\n")
    }

    @Test("joins lines into one for table cells")
    func joinsLines() {
        #expect(TerminalText.clean("a\tb\nc\r\nd\re", lines: .joined) == "a b c d e")
    }

    @Test("an unterminated OSC loses only its introducer, so it cannot swallow what follows")
    func unterminatedString() {
        #expect(TerminalText.clean("\u{1B}]0;title\nnext line") == "0;title\nnext line")
    }

    @Test("text without controls comes back unchanged")
    func unchanged() {
        let text = "China bans TikTok | 2026-07-07\n\tindented"
        #expect(TerminalText.clean(text) == text)
    }

    @Test("a cell a spreadsheet would take for a formula gets a leading quote",
          arguments: [
              ("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
              ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
              ("-2+3", "'-2+3"),
              ("@SUM(1+1)", "'@SUM(1+1)"),
              ("\t=1", "'\t=1"),
              ("\r=1", "\"'\r=1\""),
          ])
    func neutralisesFormulas(_ cell: String, _ expected: String) {
        #expect(CSV.field(cell) == expected)
    }

    @Test("numbers with a sign and plain text are written as they are",
          arguments: ["-3", "+2", "+200%", "-1.5", "0", "China bans TikTok", "a=b", ""])
    func leavesNumbers(_ cell: String) {
        #expect(CSV.field(cell) == cell)
    }

    @Test("quotes cells with commas, quotes and line breaks, and ends every row with CR LF")
    func quoting() {
        #expect(CSV.render(["a", "b"], [["x,y", "say \"hi\""], ["1\r\n2", "3\n4"]])
                == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"1\r\n2\",\"3\n4\"\r\n")
    }
}
