import Foundation
import Testing
@testable import RegWatchStore

/// Stories written from one template and filled for different parties, amounts or dates: each pair shares almost
/// every word and is two stories. The wording is ours.
@Suite("Near-duplicates from templates")
struct TemplateFamilyTests {
    static func fine(_ company: String, _ amount: String, day: String = "Tuesday") -> (title: String, text: String) {
        ("Data regulator fines \(company) over consent banners",
         """
         The national data protection authority on \(day) fined \(company) \(amount) for collecting visitors' data \
         before they agreed to cookies, the authority said in a statement. The authority found that the consent \
         banner of \(company) hid the refuse button behind a second screen and that tracking scripts loaded at once. \
         \(company) has three months to change the banner and may appeal the decision before the administrative court.
         """)
    }

    static func breach(_ company: String, _ millions: Int) -> (title: String, text: String) {
        ("\(company) confirms breach affecting \(millions) million customers",
         """
         \(company) confirmed that attackers copied names, phone numbers and account details of \(millions) million \
         customers from a billing database, and said it had informed the regulator and the police. Passwords and card \
         numbers were not taken, the company said, and customers will be told by email over the coming days.
         """)
    }

    static func hearing(_ date: String) -> (title: String, text: String) {
        ("Competition agency sets hearing on cloud contracts",
         """
         The competition agency will hold a public hearing on \(date) on licensing terms that make it costly to move \
         software to rival clouds. Customers, resellers and smaller providers may ask to speak until a week before, and \
         written comments are open until the end of the month.
         """)
    }

    static func sketch(_ story: (title: String, text: String)) -> TextSketch { sketch(story.title, story.text) }

    static func sketch(_ title: String, _ text: String) -> TextSketch { TextSketch(title: title, text: text).withFacts(title: title, text: text) }

    @Test("fines of different companies or amounts are not duplicates, however similar the text", arguments: [
        (fine("Zentrix", "120 million euros"), fine("Qualora", "85 million euros")),
        (fine("Zentrix", "120 million euros"), fine("Qualora", "120 million euros")),
        (fine("Zentrix", "120 million euros"), fine("Zentrix", "85 million euros")),
        (fine("Zentrix", "€120m"), fine("Zentrix", "€12m")),
        (fine("Zentrix", "120 million euros", day: "Tuesday"), fine("Zentrix", "120 million euros", day: "Thursday")),
    ])
    func fines(_ pair: ((title: String, text: String), (title: String, text: String))) {
        let a = Self.sketch(pair.0), b = Self.sketch(pair.1)
        #expect(a.bodySimilarity(b) >= 0.5, "the texts share most shingles")
        #expect(DuplicateJudge.reason(a, b) == nil)
        #expect(DuplicateJudge.reason(b, a) == nil)
    }

    @Test("a breach at one company is not a duplicate of the same breach sentence about another")
    func breaches() {
        let family = [Self.breach("Ericsson", 45), Self.breach("Tencent", 45), Self.breach("Ericsson", 4), Self.breach("Vodafone", 12)]
        for (i, a) in family.enumerated() {
            for b in family[(i + 1)...] {
                #expect(DuplicateJudge.reason(Self.sketch(a), Self.sketch(b)) == nil, "\(a.title) / \(b.title)")
            }
        }
    }

    @Test("hearings on different dates are different stories", arguments: [
        ("March 3, 2027", "March 10, 2027"), ("2027-03-03", "2027-04-03"), ("3 March", "4 March"),
    ])
    func dates(_ pair: (String, String)) {
        #expect(DuplicateJudge.reason(Self.sketch(Self.hearing(pair.0)), Self.sketch(Self.hearing(pair.1))) == nil)
    }

    @Test("the same story told again is still a duplicate: same facts, words added, cut short or reworded in the title")
    func rewritesStillJoin() {
        let original = Self.fine("Zentrix", "120 million euros")
        let a = Self.sketch(original)
        // A copy with a credit line and another title.
        let credited = Self.sketch("Zentrix fined over cookie consent", original.text + " Reporting by Ana Ruiz; editing by Tom Hale.")
        #expect(DuplicateJudge.reason(a, credited) != nil)
        // An excerpt cut in the middle of a name.
        let cut = original.text.range(of: "banner of Zent")!.upperBound
        let excerpt = Self.sketch(original.title, String(original.text[..<cut]))
        #expect(DuplicateJudge.reason(excerpt, a) != nil)
        // Identical texts.
        #expect(DuplicateJudge.reason(a, Self.sketch(original)) != nil)
    }

    @Test("a rewrite that opens a sentence with another word is still a duplicate")
    func rewordedOpening() {
        let text = Self.fine("Zentrix", "120 million euros").text
        let reworded = text.replacingOccurrences(of: "The authority found", with: "Investigators found")
        #expect(reworded != text)
        #expect(DuplicateJudge.reason(Self.sketch("Data regulator fines Zentrix", text),
                                      Self.sketch("Data regulator fines Zentrix", reworded)) != nil)
    }

    @Test("a Title Case title and a sentence-opening word are not names unless the text capitalises them elsewhere")
    func titleCaseIsNoName() {
        let text = Self.fine("Zentrix", "120 million euros").text
        let a = Self.sketch("Regulator Fines Zentrix Over Consent Banners", text)
        let b = Self.sketch("Watchdog fines Zentrix over consent banners", text + " Reporting by staff.")
        #expect(DuplicateJudge.reason(a, b) != nil)
        let facts = StoryFacts(title: "Regulator Fines Zentrix Over Consent Banners", text: "Regulators fined Zentrix. The regulators said so.")
        #expect(facts.facts == ["zentrix"])
    }

    @Test("facts are capitalised names, numbers with their scale, and dates, each with the words around it")
    func readsFacts() {
        let facts = StoryFacts(title: "", text: "The Irish commission fined Zentrix's unit 120 million euros on 2026-03-03. It will appeal. End")
        #expect(facts.facts == ["irish", "zentrix", "120m", "2026-03-03"])
        #expect(facts.slots["<fined"] == ["zentrix"])
        #expect(facts.slots[">unit"] == ["zentrix"])
        #expect(facts.slots["<unit"] == ["120m"])
        #expect(facts.slots[">appeal"] == nil, "'It' opens a sentence and is no fact")
        let other = StoryFacts(title: "", text: "The Irish commission fined Qualora's unit 85 million euros on 2026-03-03.")
        #expect(facts.conflicts(with: other))
        #expect(!facts.conflicts(with: facts))
    }
}
