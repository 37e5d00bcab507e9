import Testing
@testable import RegWatchExtract

@Suite("Text preparation")
struct TextPreparationTests {
    @Test("keeps abbreviations such as U.S., Inc. and Jan. inside a sentence")
    func abbreviations() {
        let text = "The U.S. Commerce Department met Acme Inc. officials on Jan. 5 in Washington. Dr. Smith left early."
        let sentences = SentenceSplitter.split(text).map(\.text)
        #expect(sentences == [
            "The U.S. Commerce Department met Acme Inc. officials on Jan. 5 in Washington.",
            "Dr. Smith left early.",
        ])
    }

    @Test("ends a sentence after U.S. when the next word starts a sentence")
    func abbreviationAtEnd() {
        let sentences = SentenceSplitter.split("Chips made in China were sold in the U.S. The company denied it.").map(\.text)
        #expect(sentences == ["Chips made in China were sold in the U.S.", "The company denied it."])
    }

    @Test("a one-letter name ends a sentence before a word that starts one; an initial does not")
    func oneLetterName() {
        let split = SentenceSplitter.split("Users in Chad turned to VPNs to reach X. However, the speeds were poor.").map(\.text)
        #expect(split == ["Users in Chad turned to VPNs to reach X.", "However, the speeds were poor."])
        let initial = SentenceSplitter.split("The order was signed by Maria T. Okafor on Monday.").map(\.text)
        #expect(initial == ["The order was signed by Maria T. Okafor on Monday."])
    }

    @Test("paragraphs run together at a period still end a sentence; domains, abbreviations and names in capitals do not")
    func gluedParagraphs() {
        let glued = SentenceSplitter.split("The ministry blocked the app in Kenya.Officials said it spread hate.").map(\.text)
        #expect(glued == ["The ministry blocked the app in Kenya.", "Officials said it spread hate."])
        for kept in ["Shares of Amazon.com fell after the ruling.", "The order names Mr.Okafor as its author.",
                     "The ASP.NET site was blocked on Monday.", "Support for the U.S.Army contract ended."] {
            #expect(SentenceSplitter.split(kept).map(\.text) == [kept])
        }
    }

    @Test("keeps closing quotes with the sentence they end")
    func quotes() {
        let text = "“We will appeal the ruling,” the company said. “This decision is flawed.” Meta said it would appeal."
        #expect(SentenceSplitter.split(text).map(\.text) == [
            "“We will appeal the ruling,” the company said.",
            "“This decision is flawed.”",
            "Meta said it would appeal.",
        ])
    }

    @Test("strips list markers and marks list items")
    func listItems() {
        let text = "Key takeaways\n  • Anthropic is blocking Chinese companies.\n- Alibaba banned staff.\n1. First point here."
        let sentences = SentenceSplitter.split(text)
        #expect(sentences.map(\.text) == ["Key takeaways", "Anthropic is blocking Chinese companies.", "Alibaba banned staff.", "First point here."])
        #expect(sentences.map(\.isListItem) == [false, true, true, true])
        #expect(sentences[0].isHeading)
    }

    @Test("does not split decimals, amounts or lowercase continuations")
    func decimals() {
        let sentences = SentenceSplitter.split("Meta was fined €1.2 billion ($1.3 billion) on Monday. e.g. this stays.").map(\.text)
        #expect(sentences == ["Meta was fined €1.2 billion ($1.3 billion) on Monday. e.g. this stays."])
    }

    @Test("tokenizes possessives, abbreviations and hyphenated words")
    func tokens() {
        let tokens = Tokenizer.tokenize(Array("Anthropic’s U.S.-based rival didn't use China-linked VPNs.".unicodeScalars)).map(\.lower)
        #expect(tokens == ["anthropic", "'s", "u.s.-based", "rival", "didn't", "use", "china-linked", "vpns", "."])
    }
}
