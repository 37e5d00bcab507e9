import Foundation
import RegWatchCore
import RegWatchEvents
import Testing

/// A stored event, as alert rules see it.
private func event(_ type: EventKind = .ban, status: EventStatus = .inEffect, actor: String? = "Italy",
                   targets: [String] = ["ChatGPT"], product: String? = nil, countries: [String] = ["IT"],
                   url: String? = "https://news.example/1") -> StoredEvent {
    StoredEvent(id: "ev_1", type: type, status: status, actor: actor, targets: targets, product: product,
                countries: countries, method: [], evidence: "Italy banned ChatGPT.", confidence: 0.9,
                firstSeen: Date(timeIntervalSince1970: 0), lastSeen: Date(timeIntervalSince1970: 0),
                sources: url.map { [EventSource(url: $0, title: nil, outlet: nil, published: nil, evidence: "Italy banned ChatGPT.")] } ?? [])
}

@Suite("Alert rules: parsing, matching, messages")
struct AlertRuleTests {
    @Test("parses every key, with several values, companies through their key and countries uppercased")
    func parsesKeys() throws {
        let rule = try AlertRule("type=ban,block company=Ant_Group,ByteDance country=it,us product=TikTok status=planned",
                                 origin: "--alert", key: { $0 == "Ant Group" ? "ant financial" : $0.lowercased() })
        #expect(rule.types == [.ban, .block])
        #expect(rule.companies == ["ant financial", "bytedance"])
        #expect(rule.countries == ["IT", "US"])
        #expect(rule.products == ["tiktok"])
        #expect(rule.statuses == [.planned])
        #expect(rule.text == "type=ban,block company=Ant_Group,ByteDance country=it,us product=TikTok status=planned")
    }

    @Test("an empty rule matches every event")
    func emptyRuleMatchesAll() throws {
        #expect(try AlertRule("", origin: "--alert").matches(event(.lawsuit, actor: nil, targets: [])))
    }

    @Test("names the origin and the part that does not parse", arguments: [
        ("type", "--alert 'type': 'type' is not key=value; write e.g. 'type=ban,block company=ByteDance'"),
        ("type=", "--alert 'type=': 'type=' is not key=value; write e.g. 'type=ban,block company=ByteDance'"),
        ("type=bann", "--alert 'type=bann': type 'bann' is not an event type; use ban, block, workaround, restriction, lift, "
            + "investigation, penalty, lawsuit, legislation, tracking"),
        ("status=done", "--alert 'status=done': status 'done' is not a status; use in_effect, planned, proposed, denied"),
        ("kind=ban", "--alert 'kind=ban': unknown key 'kind'; use type, company, country, product or status"),
    ])
    func errors(text: String, message: String) {
        #expect(throws: AlertRuleError(origin: "--alert '\(text)'", message: String(message.split(separator: ": ", maxSplits: 1)[1]))) {
            try AlertRule(text, origin: "--alert '\(text)'")
        }
        do {
            _ = try AlertRule(text, origin: "--alert '\(text)'")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test("matches when every condition holds", arguments: [
        ("type=ban", true), ("type=block", false), ("type=block,ban", true),
        ("company=Italy", true), ("company=chatgpt", true), ("company=OpenAI", false),
        ("country=it", true), ("country=US", false),
        ("status=in_effect", true), ("status=planned", false),
        ("product=GPT-4", true), ("product=Gemini", false),
        ("type=ban company=OpenAI", false), ("type=ban company=Italy country=IT status=in_effect product=gpt-4", true),
    ])
    func matching(text: String, matches: Bool) throws {
        let rule = try AlertRule(text, origin: "--alert")
        #expect(rule.matches(event(product: "GPT-4")) == matches)
    }

    @Test("a product condition never matches an event without product")
    func productNeedsProduct() throws {
        #expect(!(try AlertRule("product=GPT-4", origin: "--alert").matches(event(product: nil))))
    }

    @Test("the first matching rule announces the event, and an event no rule matches is not announced")
    func firstMatch() throws {
        let rules = try ["type=block", "company=Italy", "type=ban"].map { try AlertRule($0, origin: "--alert") }
        #expect(AlertRule.firstMatch(rules, for: event())?.text == "company=Italy")
        #expect(AlertRule.firstMatch(rules, for: event(.lawsuit, actor: "France")) == nil)
    }

    @Test("announces an event on one line: rule, id, type, status, actor, targets, product and first source")
    func announcement() throws {
        let rule = try AlertRule("type=ban", origin: "--alert")
        #expect(rule.announcement(of: event(product: "GPT-4"))
                == "alert [type=ban]: ev_1 ban in_effect by Italy → ChatGPT (GPT-4) https://news.example/1")
        #expect(rule.announcement(of: event(actor: nil, targets: [], url: nil)) == "alert [type=ban]: ev_1 ban in_effect by -")
    }

    @Test("a rules file skips blank lines and comments, and an error names the file and line")
    func rulesFile() throws {
        let rules = try AlertRule.rules(in: "# bans\n\ntype=ban\n   \n  company=Italy  \n", file: "alerts.txt")
        #expect(rules.map(\.text) == ["type=ban", "company=Italy"])
        #expect(throws: AlertRuleError(origin: "alerts.txt:3", message: "unknown key 'kind'; use type, company, country, product or status")) {
            try AlertRule.rules(in: "type=ban\n# ok\nkind=ban\n", file: "alerts.txt")
        }
    }

    @Test("loads a rules file, and names a file that cannot be read")
    func loadFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("alerts.txt").path
        try "type=ban\nstatus=soon\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: AlertRuleError(origin: "\(path):2", message: "status 'soon' is not a status; use in_effect, planned, proposed, denied")) {
            try AlertRule.load(path: path)
        }
        try "type=ban\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try AlertRule.load(path: path).map(\.types) == [[.ban]])
        let missing = dir.appendingPathComponent("missing.txt").path
        #expect(throws: AlertRuleError(origin: missing, message: "cannot read the alerts file; check the path (--alerts-file)")) {
            try AlertRule.load(path: missing)
        }
    }
}
