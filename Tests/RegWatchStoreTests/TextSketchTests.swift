import Testing
@testable import RegWatchStore

@Suite("TextSketch")
struct TextSketchTests {
    let text = """
        Apple removed several VPN apps from its App Store in Russia after a request from the media regulator \
        Roskomnadzor, according to developers who received notices this week. The regulator has been blocking \
        services that help users reach banned websites, and app stores were asked to comply within days.
        """

    @Test("identical texts have similarity 1 and the same band keys")
    func identical() {
        let a = TextSketch(title: "Apple removes VPN apps", text: text)
        let b = TextSketch(title: "Apple removes VPN apps", text: text)
        #expect(a.bodySimilarity(b) == 1)
        #expect(a.bandKeys == b.bandKeys)
        #expect(DuplicateJudge.reason(a, b) != nil)
    }

    @Test("unrelated texts are not judged duplicates")
    func unrelated() {
        let a = TextSketch(title: "Apple removes VPN apps", text: text)
        let b = TextSketch(title: "Storm closes schools", text: """
            Heavy snow closed schools across the northern region on Monday as forecasters warned of more \
            storms, and the rail operator cancelled dozens of trains while crews cleared the tracks.
            """)
        #expect(a.bodySimilarity(b) < 0.2)
        #expect(DuplicateJudge.reason(a, b) == nil)
    }

    @Test("an excerpt of the lead is judged a duplicate by its lead")
    func excerpt() {
        let a = TextSketch(title: "Apple removes VPN apps in Russia", text: text)
        let b = TextSketch(title: "Apple pulls VPN apps in Russia", text: String(text.prefix(170)) + " Read more.")
        #expect(b.leadOverlap(a) > 0.75)
        #expect(DuplicateJudge.reason(b, a) != nil)
    }

    @Test("case, apostrophes and punctuation do not change the words")
    func normalisation() {
        #expect(TextSketch.contentWords("Apple's VPN, apps!") == TextSketch.contentWords("apples vpn apps"))
        #expect(TextSketch.contentWords("the of and").isEmpty)
    }

    @Test("the in-memory index returns owners filed under a shared key, newest first")
    func index() {
        var index = NearDuplicateIndex(expectedKeys: 4)
        for owner in 0..<60 { index.insert([Int64(owner % 2), 1000 + Int64(owner)], owner: Int32(owner)) }
        let found = index.candidates([1])
        #expect(found.count == NearDuplicateIndex.bucketLimit)
        #expect(found.first == 59)
        #expect(index.candidates([1005]) == [5])
        #expect(index.candidates([77]).isEmpty)
    }
}
