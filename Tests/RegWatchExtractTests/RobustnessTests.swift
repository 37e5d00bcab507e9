import Foundation
import RegWatchCore
import RegWatchPipeline
import RegWatchTestSupport
import Testing
@testable import RegWatchExtract

/// Any bytes in, events or nothing out, never a crash (Miniflux `FuzzParse` in spirit): seeded random and
/// adversarial inputs, run through the plain-text and the feed-entry paths.
@Suite("Robustness")
struct RobustnessTests {
    static let extractor: EventExtractor = {
        do { return try EventExtractor.bundled() } catch { fatalError("bundled data does not load: \(error)") }
    }()

    static let vocabulary = [
        "banned", "ban", "blocked", "block", "by", "from", "using", "accessing", "the", "company", "it", "its", "they",
        "these", "firms", "Chinese", "China", "Anthropic", "Claude", "Code", "OpenAI", "Nepal", "government",
        "VPNs", "through", "via", "not", "may", "will", "denied", "that", "had", "fined", "sued", "lifted",
        "such", "as", "and", ",", ".", ";", ":", "?", "“", "”", "'s", "’s", "U.S.", "Inc.", "Jan.", "-", "—",
        "What", "to", "watch", "Expect", "hidden", "code", "could", "identify", "users", "•", "1.", "\n", "\n\n",
        "Ministry", "of", "Supreme", "Court", "directive", "including", "restricting", "export", "controls", "é",
        "🙂", "\u{0}", "\u{FEFF}", "&amp;", "<p>", "</p>", "<br>", "&#x1F600;", "&#99999999;", "&", "<", ">",
    ]

    func check(_ text: String) {
        let result = Self.extractor.extract(text: text)
        for e in result.events {
            #expect(!e.evidence.isEmpty)
            #expect(e.confidence > 0 && e.confidence <= 1)
            // Evidence is a sentence of the text, verbatim, and its UTF-16 range points at it.
            #expect(text.contains(e.evidence), "evidence not found verbatim: \(e.evidence.prefix(80))")
            if let range = e.evidenceRange {
                let units = Array(text.utf16)
                #expect(range.upperBound <= units.count)
                if range.upperBound <= units.count {
                    #expect(String(decoding: units[range], as: UTF16.self) == e.evidence)
                }
            }
        }
        for w in result.watch { #expect(text.contains(w.text)) }
        // Extraction is deterministic.
        #expect(Self.extractor.extract(text: text) == result)
    }

    @Test("survives random bytes decoded as UTF-8", arguments: 0..<4)
    func randomBytes(seed: Int) {
        var g = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 1)
        for _ in 0..<60 {
            let bytes = (0..<g.int(3000)).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test("survives random sequences of trigger words, names and punctuation", arguments: 0..<4)
    func randomWords(seed: Int) {
        var g = SeededGenerator(seed: UInt64(seed) &+ 99)
        for _ in 0..<150 {
            let text = (0..<g.int(400)).map { _ in g.pick(Self.vocabulary) }.joined(separator: g.int(4) == 0 ? "" : " ")
            check(text)
            var entry = FeedEntry()
            entry.content = [TextConstruct(.html, text)]
            entry.sections = [Section(heading: "What to watch", text: text)]
            _ = Self.extractor.extract(entry: entry)
        }
    }

    @Test("handles a very long sentence, a 1 MB paragraph and text without punctuation")
    func longInputs() {
        let clause = "Anthropic has blocked Chinese firms such as ByteDance and Ant Group from accessing Claude Code, and "
        let longSentence = String(repeating: clause, count: 2_000) + "that is all."
        check(longSentence)
        let megabyte = String(repeating: "the firms kept using VPNs while the government banned apps ", count: 18_000)
        #expect(megabyte.utf8.count > 1_000_000)
        let start = Date()
        check(megabyte)
        check(String(repeating: "a", count: 1_000_000))
        check(String(repeating: ". ", count: 200_000))
        check(String(repeating: "U.S. ", count: 100_000))
        #expect(Date().timeIntervalSince(start) < 60, "long inputs must stay roughly linear")
    }

    @Test("handles empty and whitespace-only documents")
    func empty() {
        #expect(Self.extractor.extract(text: "") == DocumentExtraction())
        #expect(Self.extractor.extract(text: " \n\n\t ").events.isEmpty)
        #expect(Self.extractor.extract(entry: FeedEntry()).events.isEmpty)
    }

    @Test("handles broken HTML: unclosed tags, comments and scripts")
    func brokenHTML() {
        for html in ["<p>Italy banned ChatGPT<script>alert(1)", "<!-- never closed", "<<<>>>&&&;;", "<p", "&#;&#x;&#xZZ;"] {
            var entry = FeedEntry()
            entry.content = [TextConstruct(.html, html)]
            let result = Self.extractor.extract(entry: entry)
            #expect(result.events.allSatisfy { !$0.evidence.isEmpty })
        }
    }
}

extension SeededGenerator {
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
}
