import Foundation

// What a "what to watch" item expects, by meaning rather than by word (issue 12).
//
// `WatchSimilarity` merges items that share an entity and content words. Briefs also state one development in words
// that share neither: "Other carriers will likely face pressure to adopt similar limits" and "watch whether Orvane and
// Kestrel follow Velmora's lead" both expect Velmora's peers to follow it; "Expect Velmoran employers to set their own
// rules for the app" and "watch whether Velmoran firms formally ban the tool" both expect those employers to restrict
// it. Each sentence is read as a set of kinds of development (`Resources/watch-developments.txt`), each with the
// subject its kind is compared on: who is followed (leader), who acts (actor), what the item is about (story), or what
// a step is on (matter: a hearing and a decision on one injunction are that injunction's fate).
// `WatchSimilarity.matchDevelopment` merges two items of one ISO week read as the same kinds about the same subjects.

/// One kind of development a sentence states, and what its subject is.
struct WatchDevelopment: Sendable, Hashable {
    var kind: String
    var subject: WatchDevelopments.Subject
    /// `.leader`: the entity followed, lowercased, when the sentence names it.
    var leader: String?
    /// `.actor`: the content words of who is expected to act, and "@name" for each entity among them.
    var actor: [String] = []
    /// `.actor`: the entity the phrase names, lowercased: whom a regulator presses ("press @ for").
    var addressee: String?
    /// `.actor`: the content words of what follows the phrase (what is banned), sorted.
    var object: [String] = []
    /// `.actor`: the object points back to what the article is about ("ban the tool").
    var objectPointsBack = false
    /// `.leader`: the entity among the words before the phrase, who is expected to follow ("watch whether Orvane
    /// follows Velmora" -> "orvane"); `.actor`: the addressee asked to do "the same" (`asksToFollow`).
    var follower: String?
    /// `.actor`: a party is asked to do what another did ("ask @ to delete the same numbers", "press @ for the same
    /// deletions"): the addressee following the party the article is about, a follow by its identity.
    var asksToFollow = false
    /// `.matter`: the content words of what the step is on, sorted: "a hearing on the preliminary injunction" is
    /// on ["injunction", "preliminary"]. Empty when the sentence does not say.
    var matter: [String] = []

    /// What two items' developments are compared as: the kind, or, for a step on a stated matter, the matter. A
    /// hearing and a decision on one injunction are one development, the injunction's fate, at two of its steps.
    var identity: String { asksToFollow ? "follow" : matter.isEmpty ? kind : "on " + matter.joined(separator: " ") }

    /// The kinds a sentence states, sorted by kind, each once (its first phrase, leftmost).
    static func read(_ text: String, entities: [String], lexicon: WatchDevelopments = .bundled,
                     words: WatchWords = .bundled) -> [WatchDevelopment] {
        let tokens = WhatToWatch.key(text).split(separator: " ").map(String.init)
        // Most sentences start no phrase at any word.
        guard lexicon.anyStartsWithName || tokens.contains(where: lexicon.firstWords.contains) else { return [] }
        let names = entities.map { (name: $0.lowercased(), tokens: WhatToWatch.key($0).split(separator: " ").map(String.init)) }
            .filter { !$0.tokens.isEmpty }
            .sorted { ($0.tokens.count, $0.name) > ($1.tokens.count, $1.name) }
        var out: [WatchDevelopment] = []
        for kind in lexicon.kinds {
            var found: (start: Int, end: Int, leader: String?)?
            search: for start in tokens.indices {
                // Only the phrases that can start here, in the list's order: those that start with this word, and
                // those that start with an entity name.
                let byWord = kind.phrasesStarting[tokens[start]] ?? []
                let candidates = names.isEmpty || kind.phrasesStartingWithName.isEmpty ? byWord
                    : (byWord + kind.phrasesStartingWithName).sorted()
                for p in candidates {
                    if let (end, leader) = match(kind.phrases[p][...], tokens, start, names) {
                        found = (start, end, leader)
                        break search
                    }
                }
            }
            guard let found else { continue }
            var development = WatchDevelopment(kind: kind.name, subject: kind.subject)
            switch kind.subject {
            case .leader:
                // A name inside the phrase ("follow Velmora's lead") is the one followed.
                development.leader = found.leader ?? names.first { name in
                    contains(tokens[found.start..<found.end], name.tokens)
                }?.name
                let before = tokens[actorSpan(tokens, before: found.start, words: words)]
                development.follower = names.first { $0.name != development.leader && contains(before, $0.tokens) }?.name
            case .actor:
                development.addressee = found.leader
                let span = actorSpan(tokens, before: found.start, words: words)
                let actorTokens = tokens[span]
                development.actor = Array(Set(
                    WatchSimilarity.contentWords(actorTokens.joined(separator: " "), entities: entities, words: words).words
                    + names.filter { contains(actorTokens, $0.tokens) }.map { "@" + $0.name })).sorted()
                let rest = tokens[found.end...]
                development.object = WatchSimilarity.contentWords(rest.joined(separator: " "), entities: entities, words: words).words
                development.objectPointsBack = lexicon.anaphors.contains { rest.starts(with: $0) }
                if let addressee = found.leader, zip(rest.prefix(4), rest.dropFirst().prefix(4)).contains(where: { $0 == "the" && $1 == "same" }) {
                    development.asksToFollow = true
                    development.follower = addressee
                }
            case .matter:
                development.matter = matter(tokens, after: found.end, entities: entities, words: words)
            case .story, .none:
                break
            }
            out.append(development)
        }
        return out.sorted { ($0.identity, $0.kind) < ($1.identity, $1.kind) }
    }

    // What a step is on: "on" or "over" right after the phrase, then up to four words before the first stop, hedge
    // or month word ("a decision on a preliminary injunction will likely come" -> "preliminary injunction").
    private static func matter(_ tokens: [String], after end: Int, entities: [String], words: WatchWords) -> [String] {
        guard end < tokens.count, tokens[end] == "on" || tokens[end] == "over" else { return [] }
        var i = end + 1
        while i < tokens.count, ["a", "an", "the", "its", "their", "his", "her", "this", "that"].contains(tokens[i]) { i += 1 }
        var run: [String] = []
        while i < tokens.count, run.count < 4, !words.stop.contains(tokens[i]), !words.expect.contains(tokens[i]),
              !words.months.contains(tokens[i]) {
            run.append(tokens[i])
            i += 1
        }
        return WatchSimilarity.contentWords(run.joined(separator: " "), entities: entities, words: words).words
    }

    // Matches `phrase` at `tokens[at...]`: the end of the match, and the entity an "@" matched.
    private static func match(_ phrase: ArraySlice<String>, _ tokens: [String], _ at: Int,
                              _ names: [(name: String, tokens: [String])]) -> (Int, String?)? {
        guard let head = phrase.first else { return (at, nil) }
        let rest = phrase.dropFirst()
        switch head {
        case "*":
            for gap in 1...3 where at + gap <= tokens.count {
                if let found = match(rest, tokens, at + gap, names) { return found }
            }
            return nil
        case "@":
            for name in names where tokens[at...].starts(with: name.tokens) {
                let end = at + name.tokens.count
                // "Velmora's" is "velmora s".
                for next in end < tokens.count && tokens[end] == "s" ? [end + 1, end] : [end] {
                    if let (stop, _) = match(rest, tokens, next, names) { return (stop, name.name) }
                }
            }
            return nil
        default:
            guard at < tokens.count, tokens[at] == head else { return nil }
            return match(rest, tokens, at + 1, names)
        }
    }

    // Who is expected to act, as a range of tokens before the phrase: after the last "expect" up to its "to" ("Expect
    // Velmoran employers to ban"), else after the last "whether" ("watch whether Velmoran firms ban"; "expect the
    // VTO to publish its list, and watch whether Orvane follows"), up to the first hedge
    // ("Velmoran firms will likely ban"), else from the start of the sentence.
    private static func actorSpan(_ tokens: [String], before end: Int, words: WatchWords) -> Range<Int> {
        let head = tokens[..<end]
        let whether = head.lastIndex(of: "whether")
        if let expect = head.lastIndex(where: { words.expectObject.contains($0) }), whether.map({ $0 < expect }) ?? true {
            let to = head[(expect + 1)...].firstIndex(of: "to") ?? end
            if head[(expect + 1)..<to].contains("whether") == false { return (expect + 1)..<to }
        }
        let start = whether.map { $0 + 1 } ?? 0
        let stop = head[start...].firstIndex { words.expect.contains($0) } ?? end
        return start..<stop
    }

    private static func contains(_ haystack: ArraySlice<String>, _ needle: [String]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.indices.contains { haystack[$0...].starts(with: needle) }
    }
}

/// The kinds of development of `Resources/watch-developments.txt`.
struct WatchDevelopments: Sendable {
    /// What two items of a kind must agree on to be one development.
    enum Subject: String, Sendable, Hashable {
        case leader, actor, story, matter, none
    }

    struct Kind: Sendable {
        var name: String
        var subject: Subject
        /// Words, "*" (a gap of one to three words) and "@" (an entity name).
        private(set) var phrases: [[String]] = []
        /// The indices of `phrases` by their first word, in order (a sentence is read at each word against only the
        /// phrases that can start there), and of those that start with "@".
        private(set) var phrasesStarting: [String: [Int]] = [:]
        private(set) var phrasesStartingWithName: [Int] = []

        init(name: String, subject: Subject) {
            self.name = name
            self.subject = subject
        }

        mutating func add(_ phrase: [String]) {
            if phrase.first == "@" {
                phrasesStartingWithName.append(phrases.count)
            } else if let first = phrase.first {
                phrasesStarting[first, default: []].append(phrases.count)
            }
            phrases.append(phrase)
        }
    }

    var kinds: [Kind] = [] {
        didSet {
            firstWords = Set(kinds.flatMap(\.phrasesStarting.keys))
            anyStartsWithName = kinds.contains { !$0.phrasesStartingWithName.isEmpty }
        }
    }
    /// The first words of all phrases, and whether a phrase starts with "@".
    private(set) var firstWords: Set<String> = []
    private(set) var anyStartsWithName = false
    /// Objects that point back ("the tool"), as words.
    var anaphors: [[String]] = []

    /// The bundled list. A missing or malformed bundled file is a broken install, not a state to run in.
    static let bundled: WatchDevelopments = loadBundled("watch-developments.txt", parse)

    /// Reads `[kind: subject]` sections of phrases, and `[anaphor]`; `#` starts a comment.
    static func parse(_ text: String, file: String) throws -> WatchDevelopments {
        var lexicon = WatchDevelopments()
        var inAnaphors = false
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw WatchWordsError(file: file, line: n + 1, reason: "expected a section like '[follow: leader]' or '[anaphor]'")
                }
                let inside = line.dropFirst().dropLast().split(separator: ":", maxSplits: 1)
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                if inside == ["anaphor"] {
                    inAnaphors = true
                    continue
                }
                let subjects = ["leader", "actor", "story", "matter"]
                guard let name = inside.first, !name.isEmpty, !name.contains(" "),
                      inside.count == 1 || subjects.contains(inside[1]) else {
                    throw WatchWordsError(file: file, line: n + 1,
                                          reason: "expected '[kind]' or '[kind: subject]' with a subject of \(subjects.joined(separator: ", "))")
                }
                guard !lexicon.kinds.contains(where: { $0.name == name }) else {
                    throw WatchWordsError(file: file, line: n + 1, reason: "kind '\(name)' appears twice")
                }
                lexicon.kinds.append(Kind(name: name, subject: inside.count == 2 ? Subject(rawValue: inside[1])! : .none))
                inAnaphors = false
                continue
            }
            let phrases = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                .map { $0.lowercased().split(separator: "+").map(String.init) }
            if inAnaphors {
                lexicon.anaphors += phrases
                continue
            }
            guard !lexicon.kinds.isEmpty else {
                throw WatchWordsError(file: file, line: n + 1, reason: "phrases before a section; start with a kind like '[follow: leader]'")
            }
            for phrase in phrases {
                guard phrase.first != "*", phrase.last != "*", !phrase.contains("") else {
                    throw WatchWordsError(file: file, line: n + 1,
                                          reason: "'\(phrase.joined(separator: "+"))': a phrase is words joined by '+', and '*' only between words")
                }
                lexicon.kinds[lexicon.kinds.count - 1].add(phrase)
            }
        }
        return lexicon
    }
}
