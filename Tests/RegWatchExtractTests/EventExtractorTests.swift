import Foundation
import RegWatchCore
import RegWatchPipeline
import Testing
@testable import RegWatchExtract

@Suite("Event extraction")
struct EventExtractorTests {
    static let extractor: EventExtractor = {
        do { return try EventExtractor.bundled() } catch { fatalError("bundled data does not load: \(error)") }
    }()

    func events(_ text: String) -> [ExtractedEvent] { Self.extractor.extract(text: text).events }

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var type: EventKind
        var actor: String?
        var targets: [String] = []
        var product: String? = nil
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "Anthropic, the AI company behind Claude Code, has blocked Chinese tech firms such as ByteDance and Ant Group from accessing its platform.",
             type: .block, actor: "Anthropic", targets: ["ByteDance", "Ant Financial"], product: "Claude Code"),
        Case(text: "Samsung Electronics banned employees from using generative AI tools such as ChatGPT.",
             type: .ban, actor: "Samsung Electronics", targets: ["Samsung Electronics employees"], product: "ChatGPT"),
        Case(text: "TikTok was banned by the Government of India in 2020.", type: .ban, actor: "Government of India", targets: [], product: "TikTok"),
        Case(text: "Italy's Garante ordered OpenAI to halt data transfers from the country.", type: .restriction, actor: "Garante", targets: ["OpenAI"]),
        Case(text: "The Federal Trade Commission fined Meta $5 billion over privacy violations.", type: .penalty, actor: "Federal Trade Commission", targets: ["Meta"]),
        Case(text: "The New York Times sued OpenAI and Microsoft over copyright infringement.", type: .lawsuit, actor: "The New York Times", targets: ["OpenAI", "Microsoft"]),
        Case(text: "Nepal has lifted its ban on social media platforms after protests.", type: .lift, actor: "Government of Nepal"),
        Case(text: "Russia's government moved to block Telegram Messenger nationwide.", type: .ban, actor: "Government of Russia", product: "Telegram Messenger"),
        Case(text: "Developers in China kept using ChatGPT by routing traffic through VPNs.", type: .workaround, actor: "developers in China", targets: ["OpenAI"], product: "ChatGPT"),
        Case(text: "Researchers found hidden code in TikTok that secretly tracks users.", type: .tracking, actor: "ByteDance", product: "TikTok"),
        Case(text: "The European Parliament approved the AI Act with a large majority.", type: .legislation, actor: "European Parliament"),
        Case(text: "The Irish Data Protection Commission has been investigating Meta's data transfers since 2020.", type: .investigation, actor: "Irish Data Protection Commission", targets: ["Meta"]),
    ]

    @Test("extracts the type, actor, targets and product of a sentence", arguments: cases)
    func extractsCase(_ c: Case) {
        let found = events(c.text)
        let event = found.first { $0.type == c.type }
        #expect(event != nil, "no \(c.type) event in \(found)")
        guard let event else { return }
        #expect(event.actor == c.actor)
        for t in c.targets { #expect(event.targets.contains(t), "target \(t) missing from \(event.targets)") }
        if let p = c.product { #expect(event.product == p) }
        #expect(event.evidence == c.text)
    }

    @Test("reads status from modality, plans and denials")
    func status() {
        // A ban still weighed is a development to watch, not an event; a bill introduced is a proposed law.
        #expect(events("India's government is considering a ban on TikTok on official devices.").isEmpty)
        #expect(Self.extractor.extract(text: "India's government is considering a ban on TikTok on official devices.").watch.count == 1)
        #expect(events("Lawmakers in India introduced a bill to ban TikTok on official devices.").first?.status == .proposed)
        // A bare possibility is something to watch, not an act.
        #expect(events("India's government may ban TikTok on official devices.").isEmpty)
        #expect(Self.extractor.extract(text: "India's government may ban TikTok on official devices.").watch.count == 1)
        #expect(events("Alibaba will ban employees from using Claude Code starting July 10.").first?.status == .planned)
        #expect(events("Apple denied that it had banned the app from its store.").first { $0.type == .ban || $0.type == .block }?.status == .denied)
    }

    @Test("drops negated, conditional and question triggers")
    func suppressed() {
        #expect(events("The company has no plans to ban ChatGPT.").isEmpty)
        #expect(events("Microsoft did not block the app.").isEmpty)
        #expect(events("If regulators ban the app, users will switch to VPNs.").filter { $0.type == .ban }.isEmpty)
        #expect(events("Will Brussels ban TikTok?").isEmpty)
    }

    @Test("does not read a noun reference as a new act")
    func nounReference() {
        #expect(events("The ban follows months of pressure on TikTok.").filter { $0.type == .ban }.isEmpty)
        #expect(events("Apple unveiled the iPhone 15 and new watches on Tuesday.").isEmpty)
    }

    @Test("resolves 'the company' and 'these companies' to earlier parties")
    func anaphora() {
        let text = """
            OpenAI blocked ByteDance and Tencent from accessing its API.
            Despite the block, these companies continued to use the API through proxies.
            """
        let found = events(text)
        let workaround = found.first { $0.type == .workaround }
        #expect(workaround?.actor == "ByteDance; Tencent")
        #expect(workaround?.method == ["proxy"])
    }

    @Test("merges restatements of one act in one article")
    func merging() {
        let text = "Alibaba has banned employees from using Claude Code. The Alibaba ban takes effect July 10. Alibaba told staff to stop using Claude Code."
        #expect(events(text).filter { $0.type == .ban }.count == 1)
    }

    @Test("finds watch items in a what-to-watch section and forward-looking sentences")
    func watchItems() {
        let text = """
            What happened
            Meta was fined €1.2 billion by the Irish Data Protection Commission.
            Meta said it will appeal the decision.
            Apple will unveil the iPhone 15 on September 12.
            What to watch next
            Expect more regulators to scrutinise data transfers.
            The rules take effect on July 10, 2026 across the bloc.
            """
        let result = Self.extractor.extract(text: text, year: 2026)
        #expect(result.watch.map(\.text) == [
            "Meta said it will appeal the decision.",
            "Expect more regulators to scrutinise data transfers.",
            "The rules take effect on July 10, 2026 across the bloc.",
        ])
        #expect(result.watch.last?.date == "2026-07-10")
        #expect(result.watch.first?.entities == ["Meta"])
    }

    @Test("a watch item about \"the company\" is about the company the article named last")
    func watchItemCompany() {
        let text = """
            On Monday, Cloudflare cut off customers in Belarus from its cloud service.
            What to watch
            Expect the company to tighten identity checks on new accounts.
            Expect regulators in the region to ask for the customer list.
            """
        let watch = Self.extractor.extract(text: text, year: 2026).watch
        #expect(watch.first?.entities == ["Cloudflare"])
        // No company named, none meant.
        #expect(watch.last.map { !$0.entities.contains("Cloudflare") } == true)
    }

    @Test("a watch item about \"the app\" is about the product the article names most, and its maker")
    func watchItemProduct() {
        let text = """
            Peru's telecoms regulator ordered carriers to block WhatsApp on Monday.
            Carriers cut access to WhatsApp within hours, and Instagram was slowed as well.
            What to watch
            Expect users to look for ways to keep using the app.
            Expect regulators in the region to ask carriers for their customer lists.
            """
        let watch = Self.extractor.extract(text: text, year: 2026).watch
        #expect(watch.first.map { $0.entities.contains("WhatsApp") && $0.entities.contains("Meta") && !$0.entities.contains("Instagram") } == true)
        // No product pointed back to, none meant.
        #expect(watch.last.map { !$0.entities.contains("WhatsApp") && !$0.entities.contains("Meta") } == true)
    }

    @Test("a modal inside a relative clause, a past conditional or a sentence about tariffs announces no development to watch")
    func watchNearMisses() {
        func watch(_ s: String) -> [String] { Self.extractor.extract(text: s, year: 2026).watch.map(\.text) }
        #expect(watch("Kenya's regulator may block sites that could host pirated films.").count == 1)
        #expect(watch("Users in Kenya reach sites that may be blocked at home through VPN apps.").isEmpty)
        // Tariffs are outside what RegWatch tracks, however forward-looking.
        #expect(watch("A ruling on the smartphone tariffs is expected next month.").isEmpty)
        #expect(watch("A ruling on the app store case is expected next month.").count == 1)
        // "would have" and a noun is ahead; "would have" and a participle is what did not happen.
        #expect(watch("The ministry said platforms would have a week to comply with the new rule.").count == 1)
        #expect(watch("The ministry said the new rule would have broadened the licence regime.").isEmpty)
    }

    @Test("reads a feed entry's HTML content and its brief sections")
    func feedEntry() {
        var entry = FeedEntry()
        entry.content = [TextConstruct(.html, "<p>Anthropic has blocked Chinese firms from accessing Claude Code.</p><h2>What to watch</h2><p>Other AI providers may adopt similar geo-blocking.</p>")]
        entry.sections = [Section(heading: "What to watch", text: "Other AI providers may adopt similar geo-blocking.")]
        let result = Self.extractor.extract(entry: entry)
        #expect(result.events.map(\.type) == [.block])
        #expect(result.watch.map(\.text) == ["Other AI providers may adopt similar geo-blocking."])
    }

    @Test("is deterministic")
    func deterministic() {
        let text = "Anthropic is blocking Chinese companies from accessing Claude Code, but some are bypassing restrictions via VPNs or overseas subsidiaries."
        let first = Self.extractor.extract(text: text)
        for _ in 0..<5 { #expect(Self.extractor.extract(text: text) == first) }
    }
}

@Suite("The patterns the issue names")
struct IssuePatternTests {
    let extractor = EventExtractorTests.extractor

    func only(_ text: String, _ type: EventKind) -> ExtractedEvent? {
        extractor.extract(text: text).events.first { $0.type == type }
    }

    @Test("X banned Y / Y was banned by X")
    func activeAndPassive() {
        #expect(only("Pakistan banned TikTok in October.", .ban)?.actor == "Government of Pakistan")
        let passive = only("TikTok was banned by Pakistan's government in October.", .ban)
        #expect(passive?.actor == "Government of Pakistan")
        #expect(passive?.product == "TikTok")
    }

    @Test("X barred its employees from using Y")
    func employees() {
        let e = only("Samsung barred its employees from using ChatGPT on company devices.", .ban)
        #expect(e?.actor == "Samsung Electronics")
        #expect(e?.targets == ["Samsung Electronics employees"])
        #expect(e?.product == "ChatGPT")
    }

    @Test("X blocked Y from accessing Z")
    func blockedFromAccessing() {
        let e = only("OpenAI blocked Chinese developers from accessing its API.", .block)
        #expect(e?.actor == "OpenAI")
        #expect(e?.targets == ["Chinese developers"])
        #expect(e?.countries.contains("CN") == true)
    }

    @Test("firms kept using Z by routing access through VPNs")
    func routing() {
        let e = only("Chinese firms kept using Claude by routing access through VPNs and overseas subsidiaries.", .workaround)
        #expect(e?.actor == "Chinese firms")
        #expect(e?.targets == ["Anthropic"])
        #expect(e?.method == ["VPN", "overseas subsidiary"])
    }

    @Test("plans to ban is proposed, may ban is a watch item, denied it had banned is denied, no plans to ban is nothing")
    func modality() {
        #expect(only("Brussels plans to ban TikTok on staff phones.", .ban)?.status == .proposed)
        #expect(extractor.extract(text: "Brussels may ban TikTok on staff phones.").events.isEmpty)
        #expect(only("India's government denied that it had banned Telegram.", .ban)?.status == .denied)
        #expect(extractor.extract(text: "Apple has no plans to ban the app, a spokesperson said.").events.isEmpty)
    }

    @Test("resolves 'the company' to the company named before")
    func theCompany() {
        let events = extractor.extract(text: "Microsoft reviewed its AI tools in March. The company then blocked Russian users from its cloud services.").events
        #expect(events.first { $0.type == .block }?.actor == "Microsoft")
    }
}
