import RegWatchCore
@testable import RegWatchExtract
import Testing

/// Parties named around an event (issue 12): the members an article gives of a group that an event is stated about.
@Suite("Members of a described group")
struct GroupMembersTests {
    static let extractor: EventExtractor = {
        do { return try EventExtractor.bundled() } catch { fatalError("bundled data does not load: \(error)") }
    }()

    func event(_ text: String, _ type: EventKind) throws -> ExtractedEvent {
        try #require(Self.extractor.extract(text: text).events.first { $0.type == type })
    }

    @Test("members listed after the group in another sentence ('…, X and Y among them')")
    func amongThem() throws {
        let e = try event("OpenAI blocked Chinese-run companies from its API on Monday. The move hit Chinese-run companies, "
                          + "Tencent and Baidu among them, within hours.", .block)
        #expect(e.parties == ["Tencent", "Baidu"])
    }

    @Test("members listed before the group ('X, Y and a number of other …')")
    func andOthers() throws {
        let e = try event("Anthropic cut off Chinese firms on Friday. Engineers at Baidu, Tencent and a number of other "
                          + "Chinese companies lost their sessions.", .block)
        #expect(e.parties == ["Baidu", "Tencent"])
    }

    @Test("members after 'such as' and 'including' in another sentence")
    func suchAs() throws {
        let e = try event("Washington restricted exports of advanced chips to Chinese firms last week. Analysts said Chinese "
                          + "companies including Huawei would feel it first.", .restriction)
        #expect(e.parties.contains("Huawei"))
    }

    @Test("members named in the headline")
    func headline() throws {
        let e = try #require(Self.extractor.extract(text: "OpenAI blocked Chinese-run companies from its API on Monday.",
                                                    title: "API cut off for Baidu, Tencent and other Chinese-run companies")
            .events.first { $0.type == .block })
        #expect(e.parties == ["Baidu", "Tencent"])
        let other = try #require(Self.extractor.extract(text: "OpenAI blocked Chinese-run companies from its API on Monday.",
                                                        title: "Baidu and Tencent report earnings").events.first { $0.type == .block })
        #expect(other.parties.isEmpty)
    }

    @Test("near misses: names without a group, another country's group, a group the event is not about")
    func nearMisses() throws {
        // Outlets named beside the event are not members of anything.
        #expect(try event("Anthropic cut off Chinese firms on Friday. Reuters and Bloomberg reported the move.", .block).parties.isEmpty)
        // Members of Japanese companies are not members of the Chinese firms the block is about.
        #expect(try event("Anthropic cut off Chinese firms on Friday. Japanese companies such as Sony were not affected.", .block)
            .parties.isEmpty)
        // Members already among the targets are not repeated as parties.
        #expect(try event("Anthropic cut off Chinese firms such as Baidu on Friday.", .block).parties.isEmpty)
    }
}

/// The date a sentence states for an act told again from an earlier year (issue 12: a background act is not news).
@Suite("Stated dates of acts from earlier years")
struct StatedDateTests {
    static let extractor = GroupMembersTests.extractor

    func occurred(_ text: String, year: Int? = 2026) -> String? {
        Self.extractor.extract(text: text, year: year).events.first?.occurred
    }

    @Test("a month and year, a full date, a bare year after 'in', and 'last year' date the act")
    func stated() {
        #expect(occurred("Peru's telecoms regulator banned Zapchat in March 2024.") == "2024-03")
        #expect(occurred("Peru's telecoms regulator banned Zapchat on March 3, 2024.") == "2024-03-03")
        #expect(occurred("Peru's telecoms regulator banned Zapchat on 3 March 2024.") == "2024-03-03")
        #expect(occurred("Peru's telecoms regulator banned Zapchat in 2023.") == "2023")
        #expect(occurred("Last year Peru's telecoms regulator banned Zapchat.") == "2025")
        #expect(occurred("Peru has blocked dozens of apps since 2021, when Zapchat was banned by its telecoms regulator.") == "2021")
    }

    @Test("near misses: this year, no publication year, a year in a name or an amount, a lasting state")
    func notStated() {
        #expect(occurred("Peru's telecoms regulator banned Zapchat in March 2026.") == nil)
        #expect(occurred("Peru's telecoms regulator banned Zapchat in 2023.", year: nil) == nil)
        #expect(occurred("Peru's telecoms regulator banned Zapchat under its 2023 law.") == nil)
        #expect(occurred("Peru's telecoms regulator banned Zapchat, whose 2023 revenue fell.") == nil)
        #expect(occurred("Peru's telecoms regulator has banned Zapchat since 2023.") == nil)
    }

    @Test("in one article, an act told from an earlier year stays apart from this year's act of the same actor")
    func keptApart() {
        let events = Self.extractor.extract(text: "Peru's telecoms regulator banned the Zapchat messaging app on Monday. "
                                                  + "Osiptel also banned the Quillnet app in May 2024.", year: 2026).events.filter { $0.type == .ban }
        #expect(events.count == 2)
        #expect(events.map(\.occurred) == [nil, "2024-05"])
    }
}
