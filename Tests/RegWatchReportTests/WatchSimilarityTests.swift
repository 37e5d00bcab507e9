import Foundation
import RegWatchCore
@testable import RegWatchReport
import RegWatchTestSupport
import Testing

/// "What to watch" items that state one development are one item (issue 12). The stories, companies and courts
/// below are made up.
@Suite("Watch similarity")
struct WatchSimilarityTests {
    static let today = day("2026-09-01")

    static func day(_ text: String) -> Date { CivilDay.date(CivilDay.parse(text)!) }

    /// A stored item seen once, on `seen`, from one outlet.
    static func item(_ id: String, _ text: String, _ entities: [String], date: String? = nil, seen: String = "2026-09-02",
                     outlet: String? = nil) -> StoredWatchItem {
        let at = day(seen)
        return StoredWatchItem(id: id, text: text, entities: entities, date: date, firstSeen: at, lastSeen: at,
                               sources: [EventSource(url: "https://\(outlet ?? id).example/\(id)", title: nil, outlet: outlet ?? id,
                                                     published: at, evidence: text)])
    }

    static func watch(_ items: [StoredWatchItem]) -> [WhatToWatch.Item] {
        WhatToWatch(items: items, today: today).items
    }

    /// The ids of each listed item, sorted, so tests need not know the ranking.
    static func groups(_ items: [StoredWatchItem]) -> Set<[String]> { Set(watch(items).map(\.ids)) }

    static func profile(_ text: String, _ entities: [String], date: String? = nil) -> WatchSimilarity.Profile {
        WatchSimilarity.Profile(text: text, entities: entities, date: date)
    }

    // Five outlets, five wordings of one expected appeal; one of them names no company ("the carrier").
    static let appeal = [
        item("a", "Tessaly Mobile will likely appeal the ruling to the Second Chamber.", ["Tessaly Mobile"], seen: "2026-09-03"),
        item("b", "The carrier is expected to appeal to the 2nd Chamber.", [], seen: "2026-09-04"),
        item("c", "An appeal by Tessaly Mobile to the Second Chamber is expected.", ["Tessaly Mobile"], seen: "2026-09-02"),
        item("d", "Tessaly Mobile said it would appeal the court's ruling.", ["Tessaly Mobile"], seen: "2026-09-05"),
        item("e", "Lawyers for Tessaly Mobile expect the company to appeal the decision to the second chamber within weeks.",
             ["Tessaly Mobile"], seen: "2026-09-06"),
    ]

    @Test("'target' and 'go after' are one expected act; another object is another development")
    func targetAndGoAfter() {
        let gov = ["Government of Velmora"]
        let items = [
            Self.item("a", "The regulator will likely target VPN protocols such as WireLink next.", gov + ["WireLink"]),
            Self.item("b", "Expect the regulator to go after popular VPN protocols next.", gov),
            // Near miss: the same act aimed at something else.
            Self.item("c", "Expect the regulator to go after messaging apps that refuse to register.", gov),
        ]
        #expect(Self.groups(items) == [["a", "b"], ["c"]])
    }

    @Test("five wordings of one expected appeal are one item with five sources")
    func paraphrasesMerge() throws {
        let items = Self.watch(Self.appeal)
        #expect(items.count == 1)
        let merged = try #require(items.first)
        #expect(merged.ids == ["a", "b", "c", "d", "e"])
        #expect(merged.sourceCount == 5)
        #expect(merged.text == "An appeal by Tessaly Mobile to the Second Chamber is expected.")
        #expect(merged.firstSeen == Self.day("2026-09-02") && merged.lastSeen == Self.day("2026-09-06"))
    }

    @Test("the same stated day and what is expected on it are one development, though neither item names who")
    func sameDayNoEntity() {
        let effect = Self.groups([
            Self.item("a", "The act will take effect on October 15, 2026.", [], date: "2026-10-15"),
            Self.item("b", "The prohibition is due to take effect on October 15, 2026, unless a court halts it.", [], date: "2026-10-15"),
        ])
        #expect(effect == [["a", "b"]])
        // Near misses: the same day with another development, and the same development on another day.
        let hearing = Self.groups([
            Self.item("a", "The act will take effect on October 15, 2026.", [], date: "2026-10-15"),
            Self.item("c", "A hearing on the challenge is set for October 15, 2026.", [], date: "2026-10-15"),
        ])
        #expect(hearing == [["a"], ["c"]])
        let otherDay = Self.groups([
            Self.item("a", "The act will take effect on October 15, 2026.", [], date: "2026-10-15"),
            Self.item("d", "The second part of the act will take effect on January 1, 2027.", [], date: "2027-01-01"),
        ])
        #expect(otherDay == [["a"], ["d"]])
    }

    @Test("a merged item keeps every entity, each source once, and the earliest text, ties by text")
    func mergedFields() throws {
        let shared = EventSource(url: "https://wire.example/tessaly", title: "Tessaly loses", outlet: "Wire",
                                 published: Self.day("2026-09-02"), evidence: "x")
        var first = Self.item("x1", "Tessaly Mobile will appeal the fine to the Lindqvist Court.", ["Tessaly Mobile", "Lindqvist Court"])
        var second = Self.item("x2", "Tessaly Mobile is set to appeal the fine at the Lindqvist Court.", ["Lindqvist Court", "Tessaly Mobile", "Norvik"])
        first.sources.append(shared)
        second.sources.append(shared)
        let items = Self.watch([second, first])
        #expect(items.count == 1)
        let merged = try #require(items.first)
        #expect(merged.entities == ["Lindqvist Court", "Norvik", "Tessaly Mobile"])
        #expect(merged.sourceCount == 3)
        #expect(merged.text == "Tessaly Mobile is set to appeal the fine at the Lindqvist Court.")
        #expect(merged.ids == ["x1", "x2"])
    }

    @Test("two deadlines of one company stay apart: other dates, or other things to file")
    func twoDeadlines() {
        let dated = [
            Self.item("m", "Harwick Bank must submit its remediation plan by 3 March 2027.", ["Harwick Bank"], date: "2027-03-03"),
            Self.item("n", "Harwick Bank must submit its remediation plan by 14 April 2027.", ["Harwick Bank"], date: "2027-04-14"),
        ]
        #expect(Self.groups(dated) == [["m"], ["n"]])
        // The same act and place, another object: 2 of 4 words (0.5, under `anchoredOverlap`).
        let undated = [
            Self.item("p", "Harwick Bank is due to file its annual audit with the regulator.", ["Harwick Bank"]),
            Self.item("q", "Harwick Bank is due to file its remediation plan with the regulator.", ["Harwick Bank"]),
        ]
        #expect(Self.groups(undated) == [["p"], ["q"]])
        // The same company and date, nothing else in common.
        let sameDay = [
            Self.item("r", "Harwick Bank's licence review ends on 9 June 2027.", ["Harwick Bank"], date: "2027-06-09"),
            Self.item("s", "Harwick Bank must repay overcharged customers by 9 June 2027.", ["Harwick Bank"], date: "2027-06-09"),
        ]
        #expect(Self.groups(sameDay) == [["r"], ["s"]])
    }

    @Test("the same date and company with one word in common are one development")
    func sameDateAndEntity() {
        let items = [
            Self.item("t", "Harwick Bank's licence suspension starts on 9 June 2027.", ["Harwick Bank"], date: "2027-06-09"),
            Self.item("u", "From 9 June 2027, Harwick Bank may no longer take deposits while its licence is suspended.",
                      ["Harwick Bank"], date: "2027-06-09"),
        ]
        #expect(Self.groups(items) == [["t", "u"]])
    }

    @Test("a second named party both mention, such as the court an appeal goes to, counts for more than a word")
    func secondEntity() {
        // One word and the court in common: 3 of the shorter's 5 (the court counts `entityWeight` words).
        let items = [
            Self.item("l1", "Velmora will likely appeal to the Lindqvist Court, and has asked for the order to be stayed.",
                      ["Velmora", "Lindqvist Court"]),
            Self.item("l2", "If the ban stands, expect Velmora to appeal to the Lindqvist Court.", ["Velmora", "Lindqvist Court"]),
        ]
        #expect(Self.groups(items) == [["l1", "l2"]])
    }

    @Test("the same words about another company are another item, and a sentence naming both chains neither")
    func otherEntities() {
        let harwick = Self.item("h", "Harwick Bank is expected to appeal the fine.", ["Harwick Bank"])
        let dorlan = Self.item("k", "Dorlan Telecom is expected to appeal the fine.", ["Dorlan Telecom"])
        #expect(Self.groups([harwick, dorlan]) == [["h"], ["k"]])
        let both = Self.item("hk", "Harwick Bank and Dorlan Telecom are both expected to appeal their fines.",
                             ["Harwick Bank", "Dorlan Telecom"])
        let groups = Self.groups([harwick, dorlan, both])
        #expect(groups.count == 2)
        #expect(!groups.contains { $0.contains("h") && $0.contains("k") })
    }

    @Test("an appeal of a fine and a new fine for the same company stay apart", arguments: [
        "The Norvik Data Authority may impose a new fine on Harwick Bank over card fees.",
        "A new fine for Harwick Bank over card fees is likely.",
        "Harwick Bank could face a second fine over card fees.",
    ])
    func appealAndNewFine(_ fine: String) {
        let appeal = Self.item("ap", "Harwick Bank is expected to appeal the fine over card fees.", ["Harwick Bank"])
        let entities = fine.contains("Norvik") ? ["Norvik Data Authority", "Harwick Bank"] : ["Harwick Bank"]
        #expect(Self.groups([appeal, Self.item("fi", fine, entities)]) == [["ap"], ["fi"]])
    }

    @Test("items that name no entity merge only when they say nearly all the same")
    func withoutEntities() {
        // Three shared words: too generic without an entity to anchor them.
        let short = [Self.item("v", "The ban will take effect.", []), Self.item("w", "The ban takes effect soon.", [])]
        #expect(Self.groups(short) == [["v"], ["w"]])
        let long = [
            Self.item("y", "More lenders are expected to tighten checks on crypto transfers from abroad.", []),
            Self.item("z", "Expect other lenders to tighten their checks on crypto transfers from abroad.", []),
        ]
        #expect(Self.groups(long) == [["y", "z"]])
        // One names the bank, the other adds more: 4 shared of 4 and 7 words (Dice 0.73), but the same expected act
        // ("close") and all the shorter one says: one development.
        let added = [
            Self.item("b1", "Harwick Bank will likely close branches in rural towns.", ["Harwick Bank"]),
            Self.item("b2", "The lender is expected to close branches in rural towns and cut jobs.", []),
        ]
        #expect(Self.groups(added) == [["b1", "b2"]])
        // Near misses: the same words around another act, and the same act with too little in common.
        let otherAct = [
            Self.item("c1", "Harwick Bank will likely close branches in rural towns.", ["Harwick Bank"]),
            Self.item("c2", "The lender is expected to reopen branches in rural towns after the merger.", []),
        ]
        #expect(Self.groups(otherAct) == [["c1"], ["c2"]])
        let little = [
            Self.item("d1", "Harwick Bank will likely close branches in rural towns.", ["Harwick Bank"]),
            Self.item("d2", "The lender is expected to close its mortgage desks in the capital and in two ports.", []),
        ]
        #expect(Self.groups(little) == [["d1"], ["d2"]])
    }

    @Test("one development of a sentence that states several meets an item stating it alone")
    func developmentsOfOneSentence() {
        #expect(WatchSimilarity.developments(
            "Expect more outages in the north, and expect the carrier to raise its prices; users may switch to rival networks.")
            == ["Expect more outages in the north", "and expect the carrier to raise its prices", "users may switch to rival networks."])
        // ", and" without an expectation after it is one development.
        #expect(WatchSimilarity.developments("Expect the carrier to cut prices, and rivals to follow.").count == 1)
        // "…, and watch whether" opens one, as "…, and expect" does.
        #expect(WatchSimilarity.developments("Expect the carrier to cut prices, and watch whether Kestrel Mobile matches them.")
            == ["Expect the carrier to cut prices", "and watch whether Kestrel Mobile matches them."])
        #expect(WatchSimilarity.developments("Expect the carrier to keep a watch on prices, and to cut them.").count == 1)
        let items = [
            Self.item("p1", "Expect a rush of refunds, and expect Orvane Telecom to stiffen its identity checks.", ["Orvane Telecom"]),
            Self.item("p2", "Orvane Telecom will likely tighten identity checks for prepaid lines.", ["Orvane Telecom"]),
            Self.item("p3", "Orvane Telecom will likely cut prices for prepaid lines in the spring.", ["Orvane Telecom"]),
        ]
        #expect(Self.groups(items) == [["p1", "p2"], ["p3"]])
    }

    @Test("words of one meaning meet: firms and companies, engineers and staff, ways around and workarounds")
    func sameMeaning() {
        let a = Self.profile("Chinese firms will likely move their engineers to domestic tools.", [])
        let b = Self.profile("Expect Chinese companies to shift staff toward domestic tools.", [])
        #expect(a.words == b.words)
        #expect(Self.profile("Expect users to find ways around the filter.", []).words.contains("workaround"))
        #expect(Self.profile("Expect workarounds of the filter.", []).words.contains("workaround"))
        // "around" alone is no workaround.
        #expect(!Self.profile("Expect prices around ten euros.", []).words.contains("workaround"))
    }

    @Test("standardising on a tool is moving to it; standardising something else is not")
    func standardiseOn() {
        let rails = ["Kestrel Pay"]
        let items = [
            Self.item("s1", "Velmoran banks will likely standardise on local payment rails such as Kestrel Pay.", rails),
            Self.item("s2", "Expect Velmoran banks to push their clients toward local payment rails such as Kestrel Pay.", rails),
            // Near miss: another act on the same rails.
            Self.item("s3", "Velmoran banks will likely standardise fees on local payment rails such as Kestrel Pay.", rails),
        ]
        #expect(Self.profile(items[0].text, rails).act == "mov")
        #expect(Self.profile(items[2].text, rails).act != "mov")
        #expect(Self.groups(items) == [["s1", "s2"], ["s3"]])
    }

    @Test("the list does not depend on the order of the stored items")
    func orderIndependent() throws {
        var pool = Self.appeal + [
            Self.item("h", "Harwick Bank is expected to appeal the fine.", ["Harwick Bank"]),
            Self.item("k", "Dorlan Telecom is expected to appeal the fine.", ["Dorlan Telecom"]),
            Self.item("hk", "Harwick Bank and Dorlan Telecom are both expected to appeal their fines.", ["Harwick Bank", "Dorlan Telecom"]),
            Self.item("hk2", "Dorlan Telecom and Harwick Bank will likely appeal the fines.", ["Harwick Bank", "Dorlan Telecom"]),
            Self.item("bare", "The operator is expected to appeal the fine.", []),
            Self.item("t", "Harwick Bank's licence suspension starts on 9 June 2027.", ["Harwick Bank"], date: "2027-06-09"),
            Self.item("u", "From 9 June 2027, Harwick Bank may no longer take deposits while its licence is suspended.",
                      ["Harwick Bank"], date: "2027-06-09"),
            Self.item("u2", "Harwick Bank may no longer take deposits.", ["Harwick Bank"]),
            Self.item("u3", "Harwick Bank may no longer take deposits from 1 July 2027.", ["Harwick Bank"], date: "2027-07-01"),
        ]
        pool += try FixedStore.watchItems()
        let expected = WhatToWatch(items: pool, today: Self.today)
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<50 {
            pool.shuffle(using: &generator)
            #expect(WhatToWatch(items: pool, today: Self.today) == expected)
        }
    }

    @Test("groups depend on the keys, not on the order of the profiles")
    func groupsOrderIndependent() {
        // The sentence naming both companies matches each company's sentence equally well: the keys break the tie.
        let texts: [(String, [String])] = [
            ("Harwick Bank is expected to appeal the fine.", ["Harwick Bank"]),
            ("Dorlan Telecom is expected to appeal the fine.", ["Dorlan Telecom"]),
            ("Harwick Bank and Dorlan Telecom are both expected to appeal their fines.", ["Harwick Bank", "Dorlan Telecom"]),
            ("Dorlan Telecom and Harwick Bank will likely appeal the fines.", ["Harwick Bank", "Dorlan Telecom"]),
            ("The operator is expected to appeal the fine to the high court.", []),
            ("Harwick Bank is expected to appeal the fine to the high court.", ["Harwick Bank"]),
            ("Dorlan Telecom is expected to appeal the fine to the high court.", ["Dorlan Telecom"]),
        ]
        var entries = texts.map { (key: WhatToWatch.key($0.0), profile: Self.profile($0.0, $0.1)) }
        func grouped() -> Set<Set<String>> {
            let groups = WatchSimilarity.groups(entries.map(\.profile), keys: entries.map(\.key))
            return Set(groups.map { Set($0.map { entries[$0].key }) })
        }
        let expected = grouped()
        #expect(expected.count > 1 && expected.count < texts.count)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            entries.shuffle(using: &generator)
            #expect(grouped() == expected)
        }
    }

    @Test("stems meet across number, tense and gerund", arguments: [
        (["appeal", "appeals", "appealed", "appealing"], "appeal"),
        (["rule", "rules", "ruled", "ruling"], "rul"),
        (["ban", "bans", "banned", "banning"], "ban"),
        (["company", "companies"], "company"),
        (["agree", "agrees", "agreed"], "agre"),
        (["add", "added", "adds"], "add"),
        (["access", "accesses"], "access"),
    ])
    func stems(_ words: [String], _ stem: String) {
        #expect(words.map(WatchSimilarity.stem) == Array(repeating: stem, count: words.count))
    }

    @Test("content words leave out hedges, dates, names and possessives, and write numbers as digits")
    func contentWords() {
        let ninth = Self.profile("Velmora will likely take the case to the Ninth Circuit by 4 May 2027.", ["Velmora"])
        let ninthAsDigits = Self.profile("Velmora's case is expected to go to the 9th Circuit in May.", ["Velmora"])
        #expect(ninth.words == ["9", "cas", "circuit", "tak"])
        #expect(ninth.act == "tak")
        #expect(ninthAsDigits.words == ["9", "cas", "circuit", "go"])
        #expect(Self.profile("A ruling on Velmora's appeal is expected.", ["Velmora"]).act == "rul")
        #expect(Self.profile("Expect the regulator to fine Velmora again.", ["Velmora"]).act == "fin")
        #expect(Self.profile("Velmora's licence ends in June.", ["Velmora"]).act == nil)
    }

    @Test("the bundled word list reads, and a malformed one names its line")
    func wordList() {
        #expect(WatchWords.bundled.stop.contains("the") && WatchWords.bundled.expect.contains("will"))
        #expect(WatchWords.bundled.numbers["ninth"] == "9")
        #expect(throws: WatchWordsError.self) { try WatchWords.parse("[stop]\nthe\n[stopp]\n", file: "w.txt") }
        do {
            _ = try WatchWords.parse("[numbers]\nninth nine\n", file: "w.txt")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "w.txt:2: expected a word and its digits, like 'ninth 9'")
        }
        #expect(WatchWords.bundled.same[["ways", "around"]] == "workaround")
        do {
            _ = try WatchWords.parse("[same]\ncompany firms\n", file: "w.txt")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "w.txt:2: expected a word, a colon and the words of its meaning, like 'company: companies firms'")
        }
    }
}
