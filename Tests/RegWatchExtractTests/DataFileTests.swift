import Foundation
import RegWatchCore
import Testing
@testable import RegWatchExtract

/// The entity list and the rules are user-editable data: they load at run time, and a bad line is reported with
/// its file and line number.
@Suite("Entity list and rules files")
struct DataFileTests {
    static let bundledRules: String = {
        do { return try Bundled.text("rules.txt") } catch { fatalError("\(error)") }
    }()

    @Test("the bundled entity list and rules load")
    func bundledLoad() throws {
        let entities = try EntityList.bundled()
        #expect(entities.records.contains { $0.name == "Ant Financial" && $0.aliases.contains("Ant Group") })
        #expect(try RuleSet.bundled().ruleCount > 40)
    }

    @Test("reports a bad rule with the file and line", arguments: [
        ("rule bann: ban|bans", "unknown event type \"bann\""),
        ("rule ban [verbb]: ban", "unknown rule option \"verbb\""),
        ("rule ban: ... ban", "cannot start with a gap"),
        ("rule ban: ban {nosuchcue}", "unknown cue list \"{nosuchcue}\""),
        ("rule ban [status=maybe]: ban", "status must be"),
        ("rule lawsuit [not-after=]: charges", "not-after needs words"),
        ("frobnicate ban: ban", "unknown line kind \"frobnicate\""),
        ("rule ban ban ban", "no ':' found"),
    ])
    func badRule(line: String, message: String) {
        let text = Self.bundledRules + "\n" + line + "\n"
        let lineNumber = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            _ = try RuleSet.parse(text, file: "my-rules.txt")
            Issue.record("no error for \(line)")
        } catch let error as ExtractError {
            #expect(error.file == "my-rules.txt")
            #expect(error.line == lineNumber)
            #expect(error.description.hasPrefix("my-rules.txt:\(lineNumber): "))
            #expect(error.reason.contains(message), "\(error.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("reports a bad entity line with the file and line", arguments: [
        ("company | Acme", "expected 4 to 6 fields"),
        ("startup | Acme | US | |", "unknown entity kind \"startup\""),
        ("company | Acme | USA | |", "not a two-letter ISO 3166-1 code"),
        ("company | Acme | US | Nobody |", "parent \"Nobody\" is not defined"),
        ("company | Anthropic | US | |", "already defined on line 1"),
    ])
    func badEntity(line: String, message: String) {
        let text = "company | Anthropic | US | |\n# a comment\n" + line + "\n"
        do {
            _ = try EntityList.parse(text, file: "ents.txt")
            Issue.record("no error for \(line)")
        } catch let error as ExtractError {
            #expect(error.description.hasPrefix("ents.txt:3: "), "\(error.description)")
            #expect(error.reason.contains(message), "\(error.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the bundled lexicon holds exactly the word classes the code reads, none empty")
    func lexiconClasses() throws {
        let lexicon = try Lexicon.parse(try Bundled.text("lexicon.txt"), file: "lexicon.txt")
        for (name, words) in lexicon.classes {
            #expect(!words.isEmpty, "[\(name)] is empty")
            #expect(Set(words).count == words.count, "[\(name)] lists a word twice")
            #expect(words.allSatisfy { $0 == $0.lowercased() }, "[\(name)] has a capitalised word; tokens are compared lowercased")
        }
        // The classes the sources ask for, found by reading them: a class renamed on one side only fails here, not
        // at run time.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/RegWatchExtract").standardized
        var asked: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(!files.isEmpty, "no sources found under \(sources.path)")
        let pattern = try NSRegularExpression(pattern: #"Lexicon\.bundled\.(?:set|list)\("([a-z-]+)"\)"#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                asked.insert((text as NSString).substring(with: match.range(at: 1)))
            }
        }
        #expect(asked.count > 50)
        #expect(asked.subtracting(lexicon.classes.keys).sorted() == [], "classes the code reads that lexicon.txt lacks")
        #expect(Set(lexicon.classes.keys).subtracting(asked).sorted() == [], "classes of lexicon.txt no code reads")
    }

    @Test("reports a bad lexicon line with the file and line", arguments: [
        ("ban, block", "words before a class"),
        ("[group-heads]\nfirms,, groups", "an empty word"),
        ("[group-heads]\nfirms\n[group-heads]", "declared twice"),
        ("[group-heads]\nmedia companies", "has a space"),
        ("[]", "a class header is a name in brackets"),
    ])
    func badLexicon(text: String, message: String) {
        let lines = ("# a comment\n" + text).split(separator: "\n", omittingEmptySubsequences: false)
        do {
            _ = try Lexicon.parse(lines.joined(separator: "\n"), file: "my-lexicon.txt")
            Issue.record("no error for \(text)")
        } catch let error as ExtractError {
            #expect(error.description.hasPrefix("my-lexicon.txt:\(lines.count): "), "\(error.description)")
            #expect(error.reason.contains(message), "\(error.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("a lexicon's classes keep their words in file order over several lines")
    func lexiconOrder() throws {
        let lexicon = try Lexicon.parse("[heads]\nfirms, groups,\n# between\nlabs   # after\n", file: "x.txt")
        #expect(lexicon.list("heads") == ["firms", "groups", "labs"])
        #expect(lexicon.set("heads") == ["labs", "groups", "firms"])
    }

    @Test("names the file when it cannot be read")
    func missingFile() {
        #expect(throws: ExtractError.self) { try RuleSet.load(path: "/nonexistent/rules.txt") }
        do { _ = try EntityList.load(path: "/nonexistent/ents.txt") } catch let error as ExtractError {
            #expect(error.description.hasPrefix("/nonexistent/ents.txt: cannot read"))
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test("a user rule and a user entity change what is extracted, without recompiling")
    func userData() throws {
        let rules = try RuleSet.parse(Self.bundledRules + "\nrule ban [verb]: embargoed|embargoes\n", file: "user-rules.txt")
        let entities = try EntityList.parse("""
            company | Zorblax | ZZ | |
            country | Freedonia | FD | | | Freedonian
            government | Freedonian Telecom Office | FD | | FTO
            """, file: "user-entities.txt")
        let extractor = EventExtractor(entities: entities, rules: rules)
        let events = extractor.extract(text: "The FTO embargoes Zorblax, the Freedonian regulator said.").events
        #expect(events.count == 1)
        #expect(events.first?.type == .ban)
        #expect(events.first?.actor == "Freedonian Telecom Office")
        #expect(events.first?.targets == ["Zorblax"])
        #expect(events.first?.countries.contains("FD") == true)
        // Without the user's rule there is no event.
        let plain = EventExtractor(entities: entities, rules: try RuleSet.bundled())
        #expect(plain.extract(text: "The FTO embargoes Zorblax, the Freedonian regulator said.").events.isEmpty)
    }
}
