import Foundation
import RegWatchCore
@testable import RegWatchReport
import RegWatchTestSupport
import Testing

/// "What to watch" items that state one development in words they do not share are one item when they state the
/// same kind of development about the same subject, in one week (issue 12). The stories, companies and places below
/// are made up.
@Suite("Watch developments")
struct WatchDevelopmentTests {
    static let today = day("2026-08-31")

    static func day(_ text: String) -> Date { CivilDay.date(CivilDay.parse(text)!) }

    /// A stored item seen once, on `seen` (2026-08-31 to 2026-09-06 is one ISO week), from one article.
    static func item(_ id: String, _ text: String, _ entities: [String] = [], title: String, seen: String = "2026-09-02",
                     date: String? = nil) -> StoredWatchItem {
        let at = day(seen)
        return StoredWatchItem(id: id, text: text, entities: entities, date: date, firstSeen: at, lastSeen: at,
                               sources: [EventSource(url: "https://\(id).example/\(id)", title: title, outlet: id,
                                                     published: at, evidence: text)])
    }

    /// The ids of each listed item, sorted.
    static func groups(_ items: [StoredWatchItem]) -> Set<[String]> {
        Set(WhatToWatch(items: items, today: today).items.map(\.ids))
    }

    static func read(_ text: String, _ entities: [String] = []) -> [WatchDevelopment] {
        WatchDevelopment.read(text, entities: entities)
    }

    // MARK: Following a leader

    static let peersUnderPressure = item(
        "p", "Rival carriers will probably come under pressure to adopt comparable limits.",
        title: "Velmora Telecom caps prepaid SIM sales to foreign visitors")
    static let followTheLeader = item(
        "f", "Keep an eye on whether Orvane and Kestrel Mobile follow Velmora Telecom's lead.",
        ["Orvane", "Kestrel Mobile", "Velmora Telecom"], title: "Orvane says it has no plans for SIM caps", seen: "2026-09-04")

    @Test("peers under pressure to match a party and peers named as following its lead are one development")
    func followersOfOneLeader() {
        #expect(Self.groups([Self.peersUnderPressure, Self.followTheLeader]) == [["f", "p"]])
    }

    @Test("reads who is followed from the phrase, and nobody when the sentence names no one")
    func readsLeader() {
        let named = Self.read("Keep an eye on whether Orvane and Kestrel Mobile follow Velmora Telecom's lead.",
                              ["Orvane", "Kestrel Mobile", "Velmora Telecom"])
        #expect(named.map(\.kind) == ["follow"])
        #expect(named.first?.leader == "velmora telecom")
        #expect(Self.read("Watch whether Kestrel Mobile follows Orvane.", ["Kestrel Mobile", "Orvane"]).first?.leader == "orvane")
        let unnamed = Self.read("Rival carriers will probably come under pressure to adopt comparable limits.")
        #expect(unnamed.map(\.kind) == ["follow"])
        #expect(unnamed.first?.leader == nil)
        // "follow" as "come after" is no following.
        #expect(Self.read("A full outage will likely follow if Orvane does not pay.", ["Orvane"]).isEmpty)
    }

    @Test("followers of another party stay apart: a story about someone else, another leader named, another week")
    func followersOfOtherLeaders() {
        var otherStory = Self.peersUnderPressure
        otherStory.sources[0].title = "Dorlan Bank caps card payments abroad"
        #expect(Self.groups([otherStory, Self.followTheLeader]) == [["f"], ["p"]])
        let otherLeader = Self.item("o", "Watch whether Orvane follows Harwick Bank's example.", ["Orvane", "Harwick Bank"],
                                    title: "Harwick Bank closes foreign accounts", seen: "2026-09-03")
        #expect(Self.groups([otherLeader, Self.followTheLeader]) == [["f"], ["o"]])
        var nextWeek = Self.followTheLeader
        nextWeek.firstSeen = Self.day("2026-09-08")
        nextWeek.lastSeen = nextWeek.firstSeen
        #expect(Self.groups([Self.peersUnderPressure, nextWeek]) == [["f"], ["p"]])
    }

    @Test("two sentences that name no leader follow the same party only when they come from one article")
    func followersWithoutLeaders() {
        let similarBans = Self.item("s", "Other lenders will likely issue similar bans within days.",
                                    title: "Harwick Bank bans crypto purchases on its cards")
        let suit = Self.item("t", "Expect other lenders to follow suit with bans of their own.",
                             title: "Harwick Bank bans crypto purchases on its cards", seen: "2026-09-03")
        #expect(Self.groups([similarBans, suit]) == [["s", "t"]])
        // Near miss: the follow-ons of two banks' bans.
        var otherBan = suit
        otherBan.sources[0].title = "Dorlan Bank bans gambling payments"
        #expect(Self.groups([similarBans, otherBan]) == [["s"], ["t"]])
    }

    // MARK: A restriction by one party

    static let ownRules = item("r", "Expect Velmoran employers to set their own rules for offshore payroll apps before long.",
                               title: "Payroll apps lose access to Velmoran bank data")
    static let formalBan = item("b", "Watch whether Velmoran firms judge the exposure too great and ban the app for their workers outright.",
                                title: "Velmoran payroll start-up suspends transfers", seen: "2026-09-05")

    @Test("the same party expected to restrict the same thing is one development, in other words")
    func restrictionByOneParty() {
        #expect(Self.groups([Self.ownRules, Self.formalBan]) == [["b", "r"]])
        let rules = Self.read("Expect Velmoran employers to set their own rules for offshore payroll apps before long.")
        #expect(rules.map(\.kind) == ["restrict"])
        #expect(rules.first?.actor == ["company", "velmoran"])
        let ban = Self.read("Watch whether Velmoran firms judge the exposure too great and ban the app for their workers outright.")
        #expect(ban.first?.objectPointsBack == true)
    }

    @Test("a restriction by another party, or of another thing, stays apart")
    func restrictionNearMisses() {
        let regulators = Self.item("g", "Expect Velmoran regulators to ban the app outright.", title: "Payroll apps lose access to Velmoran bank data")
        #expect(Self.groups([regulators, Self.formalBan]) == [["b"], ["g"]])
        #expect(Self.groups([regulators, Self.ownRules]) == [["g"], ["r"]])
        let rides = Self.item("h", "Expect Velmoran employers to ban ride-hailing apps for business travel.",
                              title: "Payroll apps lose access to Velmoran bank data")
        #expect(Self.groups([rides, Self.ownRules]) == [["h"], ["r"]])
    }

    // MARK: A party pressed to act

    static let regulator = ["Velmora Telecoms Office", "Kestrel Mobile"]
    static let askToDelete = item("k", "The VTO will likely ask Kestrel Mobile to delete the same numbers from its directory next.",
                                  regulator, title: "Velmora blocks 40 scam numbers", seen: "2026-09-01")
    static let pressForDeletions = item("l", "Expect the VTO to widen the licence rule to resellers and to press Kestrel Mobile for the same deletions.",
                                        regulator, title: "Scam numbers vanish from Orvane's directory", seen: "2026-09-02")

    @Test("one party expected to press another for the same thing is one development, in other words")
    func demandOfOneParty() {
        #expect(Self.groups([Self.askToDelete, Self.pressForDeletions]) == [["k", "l"]])
        let asked = Self.read(Self.askToDelete.text, Self.regulator)
        #expect(asked.map(\.kind) == ["demand"])
        #expect(asked.first?.addressee == "kestrel mobile")
        #expect(asked.first?.actor == ["vto"])
    }

    @Test("pressing another party, or for another thing, stays apart")
    func demandNearMisses() {
        let otherParty = Self.item("m", "The VTO will likely ask Orvane to delete the same numbers from its directory next.",
                                   Self.regulator + ["Orvane"], title: "Velmora blocks 40 scam numbers", seen: "2026-09-01")
        #expect(Self.groups([otherParty, Self.pressForDeletions]) == [["l"], ["m"]])
        let otherThing = Self.item("n", "The VTO will likely ask Kestrel Mobile to cut roaming prices for visitors next.",
                                   Self.regulator, title: "Velmora blocks 40 scam numbers", seen: "2026-09-01")
        #expect(Self.groups([otherThing, Self.pressForDeletions]) == [["l"], ["n"]])
    }

    @Test("a party asked to do the same as another did, and that party following it, are one development")
    func askedToFollow() {
        let follows = Self.item("fo", "Expect the VTO to publish its list of licensed resellers, and watch whether Kestrel Mobile follows Orvane.",
                                Self.regulator + ["Orvane"], title: "Orvane deletes scam numbers at the VTO's request", seen: "2026-09-03")
        let askedSame = Self.item("as", "The VTO will likely ask Kestrel Mobile to delete the same numbers from its directory next.",
                                  Self.regulator, title: "Orvane deletes 40 scam numbers from its directory", seen: "2026-09-01")
        let asked = Self.read(askedSame.text, Self.regulator)
        #expect(asked.map(\.identity) == ["follow"] && asked.first?.follower == "kestrel mobile")
        #expect(Self.read("Watch whether Kestrel Mobile follows Orvane.", ["Kestrel Mobile", "Orvane"]).first?.follower == "kestrel mobile")
        #expect(Self.groups([follows, askedSame]) == [["as", "fo"]])
        // Near misses: another party asked, another party followed, and a request that is no "same".
        let otherAsked = Self.item("ao", "The VTO will likely ask Dorlan Telecom to delete the same numbers from its directory next.",
                                   ["Velmora Telecoms Office", "Dorlan Telecom"], title: "Orvane deletes 40 scam numbers from its directory",
                                   seen: "2026-09-01")
        #expect(Self.groups([follows, otherAsked]) == [["ao"], ["fo"]])
        var otherLeader = askedSame
        otherLeader.sources[0].title = "Harwick Bank closes scam accounts"
        #expect(Self.groups([follows, otherLeader]) == [["as"], ["fo"]])
        let notSame = Self.item("an", "The VTO will likely ask Kestrel Mobile to delete scam numbers from its directory next.",
                                Self.regulator, title: "Orvane deletes 40 scam numbers from its directory", seen: "2026-09-01")
        #expect(Self.read(notSame.text, Self.regulator).map(\.identity) == ["demand"])
        #expect(Self.groups([follows, notSame]) == [["an"], ["fo"]])
    }

    // MARK: A penalty a case may end in

    static let penaltyPossible = item("x", "The regulator's inquiry into Orvane's past data use continues, and a penalty is still possible.",
                                      ["Orvane"], title: "Velmora lets the Orvane app back in", seen: "2026-09-01")
    static let mayEndInFine = item("y", "The underlying probe remains open and may yet end in a fine.",
                                   title: "Velmora lifts its suspension of the Orvane app")

    @Test("a penalty still possible and a case that may end in a fine are one development of one story")
    func penaltyOfOneStory() {
        #expect(Self.groups([Self.penaltyPossible, Self.mayEndInFine]) == [["x", "y"]])
        // Near misses: the same words from another story, and an appeal of the fine.
        var otherStory = Self.mayEndInFine
        otherStory.sources[0].title = "Velmora lifts its suspension of the Kestrel app"
        #expect(Self.groups([Self.penaltyPossible, otherStory]) == [["x"], ["y"]])
        let appeal = Self.item("z", "Orvane will likely appeal any fine.", ["Orvane"], title: "Velmora lets the Orvane app back in")
        #expect(Self.groups([Self.penaltyPossible, appeal]) == [["x"], ["z"]])
    }

    // MARK: Getting around a measure

    static let floodOfWorkarounds = item(
        "w1", "Expect a flood of workarounds through proxies and resellers, and expect the company to answer with stricter identity checks.",
        ["Orvane"], title: "Orvane cuts Velmoran banks off its payments API", seen: "2026-09-01")
    static let waysAroundCutoff = item(
        "w2", "Expect affected traders to look for ways around the cutoff, and expect Velmoran banks to steer clients toward domestic rails such as Kestrel Pay.",
        ["Kestrel Pay"], title: "Orvane shuts Velmoran banks out of its API", seen: "2026-09-02")

    @Test("workarounds of one measure are one development, though each sentence goes on about another party")
    func workaroundsOfOneMeasure() {
        #expect(Self.groups([Self.floodOfWorkarounds, Self.waysAroundCutoff]) == [["w1", "w2"]])
        #expect(Self.read("Expect affected traders to look for ways around the cutoff").map(\.kind) == ["workaround"])
        #expect(Self.read("Traders are already trading tips on ways to keep using the API.").map(\.kind) == ["workaround"])
        // Near misses: workarounds of another story's measure, and of a measure the clause names as another party's.
        var otherStory = Self.waysAroundCutoff
        otherStory.sources[0].title = "Harwick Bank blocks Velmoran transfers"
        #expect(Self.groups([Self.floodOfWorkarounds, otherStory]) == [["w1"], ["w2"]])
        let otherParty = Self.item("w3", "Expect Kestrel Pay customers to look for ways around the new fees.", ["Kestrel Pay"],
                                   title: "Orvane cuts Velmoran banks off its payments API")
        #expect(Self.groups([Self.floodOfWorkarounds, otherParty]) == [["w1"], ["w3"]])
    }

    @Test("a clause carries the entities it names; one that no clause names may be any clause's")
    func clauseEntities() {
        let clauses = WatchSimilarity.developments(Self.waysAroundCutoff.text)
        #expect(clauses.count == 2)
        #expect(WatchSimilarity.clauseEntities(clauses, entities: ["Kestrel Pay"]) == [[], ["Kestrel Pay"]])
        #expect(WatchSimilarity.clauseEntities(clauses, entities: ["Orvane", "Kestrel Pay"]) == [["Orvane"], ["Orvane", "Kestrel Pay"]])
    }

    @Test("a sentence of two developments joins no group whose items are about its other clause's party only")
    func clausesDoNotChainGroups() {
        // The second clause of w2, alone and in nearly its words: it groups with w2, and then w1 (about Orvane) and
        // this item (about Kestrel Pay) could never be one.
        let steer = Self.item("w4", "Velmoran banks will likely steer clients toward domestic rails such as Kestrel Pay.", ["Kestrel Pay"],
                              title: "Velmoran banks turn to Kestrel Pay", seen: "2026-09-03")
        #expect(Self.groups([Self.floodOfWorkarounds, Self.waysAroundCutoff, steer]) == [["w1"], ["w2", "w4"]])
    }

    static let moveAccounts = item(
        "a1", "Expect customers to move their Orvane accounts to another country's store, the workaround used when Orvane pulled apps in Dorlan.",
        ["Orvane"], title: "Orvane pulls proxy apps from its store in Velmora", seen: "2026-09-01")
    static let switchingAccounts = item(
        "a2", "Customers have started switching their accounts to foreign storefronts to get the apps back.",
        title: "Velmora gets Orvane to pull proxy apps", seen: "2026-09-04")

    @Test("moving one's account to another country's store to get removed apps back is a workaround")
    func accountsMovedAbroad() {
        #expect(Self.groups([Self.moveAccounts, Self.switchingAccounts]) == [["a1", "a2"]])
        // Near misses: another story's store, and money moved abroad (no workaround).
        var otherStory = Self.switchingAccounts
        otherStory.sources[0].title = "Kestrel removes games from its store in Velmora"
        #expect(Self.groups([Self.moveAccounts, otherStory]) == [["a1"], ["a2"]])
        #expect(Self.read("Expect customers to move their savings to foreign banks.").isEmpty)
    }

    // MARK: A measure challenged in court

    static let judicialReview = item("j1", "Expect at least one app maker to seek a judicial review of the law.",
                                     title: "Velmora passes a divest-or-ban law aimed at Orvane", seen: "2026-09-01")
    static let legalChallenge = item("j2", "A legal challenge from Orvane is expected within weeks.", ["Orvane"],
                                     title: "Orvane faces a forced sale in Velmora", seen: "2026-09-03")

    @Test("a review sought in court and a legal challenge of one story are one development")
    func challengeOfOneStory() {
        #expect(Self.read(Self.judicialReview.text).map(\.kind) == ["challenge"])
        #expect(Self.read("Orvane will probably sue.", ["Orvane"]).map(\.kind) == ["challenge"])
        #expect(Self.groups([Self.judicialReview, Self.legalChallenge]) == [["j1", "j2"]])
        // Near misses: the law of another story, and an appeal of a ruling (an appeal, not a challenge of the law).
        var otherStory = Self.judicialReview
        otherStory.sources[0].title = "Dorlan passes a divest-or-ban law aimed at Kestrel"
        #expect(Self.groups([otherStory, Self.legalChallenge]) == [["j1"], ["j2"]])
        let appeal = Self.item("j3", "Orvane will likely appeal the ruling within weeks.", ["Orvane"],
                               title: "Orvane faces a forced sale in Velmora")
        #expect(Self.groups([Self.judicialReview, appeal]) == [["j1"], ["j3"]])
    }

    @Test("two items that name no one, from reports of one real-world event, are one story; other events stay apart")
    func challengeOfOneStoredEvent() {
        // Neither names a party, and their titles differ: only the stored event their articles both state ties them.
        var review = Self.item("s1", "Expect at least one app maker to seek a constitutional review.",
                               title: "Velmora passes a divest-or-ban law", seen: "2026-09-01")
        var lawsuits = Self.item("s2", "Expect lawsuits from at least one developer.",
                                 title: "Lawmakers in Velmora approve app law", seen: "2026-09-03")
        #expect(Self.groups([review, lawsuits]) == [["s1"], ["s2"]])
        review.stories = ["ev_law"]
        lawsuits.stories = ["ev_law", "ev_other"]
        #expect(Self.groups([review, lawsuits]) == [["s1", "s2"]])
        // Near misses: articles about another stored event, and the same event in another week.
        lawsuits.stories = ["ev_other"]
        #expect(Self.groups([review, lawsuits]) == [["s1"], ["s2"]])
        lawsuits.stories = ["ev_law"]
        lawsuits.firstSeen = Self.day("2026-09-08")
        lawsuits.lastSeen = lawsuits.firstSeen
        #expect(Self.groups([review, lawsuits]) == [["s1"], ["s2"]])
    }

    // MARK: Kinds tell developments apart

    @Test("a deadline and a ruling for one party stay apart")
    func deadlineAndRuling() {
        let deadline = Self.item("d", "Orvane has until 30 September to answer the regulator's questions.", ["Orvane"],
                                 title: "Velmora questions Orvane over data use", date: "2026-09-30")
        let ruling = Self.item("u", "A ruling on Orvane's licence is expected within weeks.", ["Orvane"],
                               title: "Velmora questions Orvane over data use")
        #expect(Self.read(deadline.text, deadline.entities).map(\.kind) == ["deadline"])
        #expect(Self.read(ruling.text, ruling.entities).map(\.kind) == ["ruling"])
        #expect(Self.groups([deadline, ruling]) == [["d"], ["u"]])
    }

    @Test("a hearing and a decision on one motion, in one story, are one development; on other matters they stay apart")
    func stepsOnOneMatter() {
        let hearing = Self.item("h1", "A hearing on the temporary restraining order is scheduled before the end of September.",
                                title: "Kestrel Mobile sues Velmora over SIM caps", seen: "2026-09-01")
        let decision = Self.item("h2", "The judge's decision over the temporary restraining order should come within days.",
                                 title: "Kestrel Mobile asks court to halt SIM caps", seen: "2026-09-03")
        #expect(Self.read(hearing.text).map(\.matter) == [["order", "restrain", "temporary"]])
        #expect(Self.read(decision.text).map(\.identity) == ["on order restrain temporary"])
        #expect(Self.groups([hearing, decision]) == [["h1"], ["h2"]])  // two articles, nothing ties their stories yet
        var tied = (hearing, decision)
        tied.0.stories = ["ev_suit"]
        tied.1.stories = ["ev_suit"]
        #expect(Self.groups([tied.0, tied.1]) == [["h1", "h2"]])
        // Near misses: a hearing on another matter of the same case, and a ruling that says on nothing.
        var merits = Self.item("h3", "A hearing on the merits is expected in the spring.", title: "Kestrel Mobile sues Velmora over SIM caps", seen: "2026-09-02")
        merits.stories = ["ev_suit"]
        #expect(Self.groups([merits, tied.1]) == [["h2"], ["h3"]])
        var guide = Self.item("h4", "A ruling will shape how other states write their SIM rules.", title: "Kestrel Mobile sues Velmora over SIM caps", seen: "2026-09-02")
        guide.stories = ["ev_suit"]
        #expect(Self.read(guide.text).map(\.identity) == ["ruling"])
        #expect(Self.groups([guide, tied.1]) == [["h2"], ["h4"]])
    }

    @Test("one development of a sentence that states several meets an item stating it alone")
    func partOfSentence() {
        let both = Self.item("c", "Expect Velmoran employers to write their own rules for the app, and watch whether Kestrel Mobile follows Orvane's lead.",
                             ["Kestrel Mobile", "Orvane"], title: "Orvane shuts out Velmoran payroll firms", seen: "2026-09-01")
        let peers = Self.item("q", "Other carriers will face pressure to adopt similar rules.", title: "Orvane shuts out Velmoran payroll firms")
        #expect(Self.groups([both, peers]) == [["c", "q"]])
    }

    @Test("the list does not depend on the order of the stored items")
    func orderIndependent() {
        var pool = [Self.peersUnderPressure, Self.followTheLeader, Self.ownRules, Self.formalBan, Self.penaltyPossible,
                    Self.mayEndInFine, Self.askToDelete, Self.pressForDeletions,
                    Self.item("g", "Expect Velmoran regulators to ban the app outright.", title: "Payroll apps lose access to Velmoran bank data"),
                    Self.item("o", "Watch whether Orvane follows Harwick Bank's example.", ["Orvane", "Harwick Bank"],
                              title: "Harwick Bank closes foreign accounts", seen: "2026-09-03"),
                    Self.item("s", "Other lenders will likely issue similar bans within days.", title: "Harwick Bank bans crypto purchases on its cards"),
                    Self.item("t", "Expect other lenders to follow suit with bans of their own.", title: "Dorlan Bank bans gambling payments"),
                    Self.floodOfWorkarounds, Self.waysAroundCutoff,
                    Self.item("w4", "Velmoran banks will likely steer clients toward domestic rails such as Kestrel Pay.", ["Kestrel Pay"],
                              title: "Velmoran banks turn to Kestrel Pay", seen: "2026-09-03"),
                    Self.moveAccounts, Self.switchingAccounts, Self.judicialReview, Self.legalChallenge]
        let expected = WhatToWatch(items: pool, today: Self.today)
        #expect(expected.items.count < pool.count)
        var generator = SeededGenerator(seed: 27)
        for _ in 0..<50 {
            pool.shuffle(using: &generator)
            #expect(WhatToWatch(items: pool, today: Self.today) == expected)
        }
    }

    @Test("the bundled kinds read, and a malformed list names its line")
    func lexicon() throws {
        let bundled = WatchDevelopments.bundled
        #expect(bundled.kinds.first { $0.name == "follow" }?.subject == .leader)
        #expect(bundled.kinds.first { $0.name == "restrict" }?.subject == .actor)
        #expect(bundled.anaphors.contains(["the", "tool"]))
        #expect(throws: WatchWordsError.self) { try WatchDevelopments.parse("ban\n", file: "d.txt") }
        do {
            _ = try WatchDevelopments.parse("[follow: leeder]\nfollow+suit\n", file: "d.txt")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "d.txt:1: expected '[kind]' or '[kind: subject]' with a subject of leader, actor, story, matter")
        }
        do {
            _ = try WatchDevelopments.parse("[follow: leader]\nfollow+*\n", file: "d.txt")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "d.txt:2: 'follow+*': a phrase is words joined by '+', and '*' only between words")
        }
    }
}
