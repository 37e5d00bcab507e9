import RegWatchCore
import Testing
@testable import RegWatchIngest

/// The one path from a document's markup to the plain text the extractor reads and the store keeps.
@Suite("Document text")
struct DocumentTextTests {
    @Test("turns HTML into paragraphs, dropping scripts and decoding references")
    func html() {
        let html = "<div><h2>What happened</h2><p>Anthropic has <b>blocked</b>\nChinese firms &amp; others.</p><script>var x = '<p>';</script><ul><li>One&nbsp;item</li><li>Two &#8220;items&#8221;</li></ul></div>"
        let text = DocumentText.fromHTML(html)
        #expect(text == "What happened\n\nAnthropic has blocked Chinese firms & others.\n\nOne item\nTwo “items”")
    }

    @Test("plain text in an HTML field keeps its paragraphs and list items; a hard-wrapped line stays one sentence")
    func plainTextInHTMLField() {
        // A feed's description with no tag: blank lines and bullets are where its sentences end.
        let text = DocumentText.fromHTML("Zapchat, banned in Ghana, is now barred in Togo too\n\nKEY POINTS\n\n• Togo cited privacy\n• Ghana acted first\n\nThe regulator said so & more.")
        #expect(text == "Zapchat, banned in Ghana, is now barred in Togo too\n\nKEY POINTS\n\n• Togo cited privacy\n• Ghana acted first\n\nThe regulator said so & more.")
        // Near misses: a line wrapped inside a paragraph, and a line break in real HTML, are spaces.
        #expect(DocumentText.fromHTML("Togo's regulator barred\nZapchat on Monday.") == "Togo's regulator barred Zapchat on Monday.")
        #expect(DocumentText.fromHTML("<p>Togo's regulator barred\n\nZapchat on Monday.</p>") == "Togo's regulator barred Zapchat on Monday.")
        #expect(DocumentText.fromHTML("Growth of 3 < 5 and\n- a list item") == "Growth of 3 < 5 and\n- a list item")
    }

    @Test("the bullet test agrees with the list of bullets")
    func bulletsAgree() {
        for b in PlainTextMarks.bullets { #expect(PlainTextMarks.isBullet(b)) }
        for c in "+#>o•".unicodeScalars where !PlainTextMarks.bullets.contains(c) { #expect(!PlainTextMarks.isBullet(c)) }
    }

    @Test("references are decoded by the parser's full table; a no-break space is a space")
    func references() {
        #expect(DocumentText.fromHTML("<p>Zentrix&rsquo;s ban &ndash; in Peru&nbsp;&amp;&nbsp;Chile &hearts;</p>") == "Zentrix’s ban – in Peru & Chile ♥")
        // Near miss: a bare ampersand, or a name the table lacks, stays as written.
        #expect(DocumentText.fromHTML("<p>AT&T and &notaref; stay</p>") == "AT&T and &notaref; stay")
    }

    @Test("the text of an entry: its longest content, then a brief section the body lacks, under its heading")
    func entryText() {
        var entry = FeedEntry()
        entry.summary = TextConstruct(.html, "<p>Short.</p>")
        entry.content = [TextConstruct(.html, "<p>Peru banned Zapchat on Monday.</p><p>The regulator cited privacy.</p>")]
        entry.sections = [Section(heading: "What to watch", text: "Expect an appeal within weeks."),
                          Section(heading: "What happened", text: "Peru banned Zapchat on Monday.")]
        #expect(DocumentText.of(entry) == "Peru banned Zapchat on Monday.\n\nThe regulator cited privacy.\n\nWhat to watch\n\nExpect an appeal within weeks.")
    }
}
