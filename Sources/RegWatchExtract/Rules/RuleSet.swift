import Foundation
import RegWatchCore

/// The first two bytes of a word: the key of the small buckets that rule and cue lookups scan, so that finding
/// the candidates for a token hashes an integer instead of a string.
@inline(__always) func bucketKey(_ word: String) -> UInt16 {
    var it = word.utf8.makeIterator()
    let a = it.next() ?? 0
    let b = it.next() ?? 0
    return UInt16(a) << 8 | UInt16(b)
}

/// A first word of a pattern or phrase: an exact word or a prefix, and what it leads to.
struct FirstWordEntry: Sendable {
    var word: String
    var isPrefix: Bool
    var target: Int
    /// UTF-8 length of `word`, compared before the bytes: most entries of a bucket differ in length.
    var length: Int

    init(word: String, isPrefix: Bool, target: Int) {
        self.word = word
        self.isPrefix = isPrefix
        self.target = target
        self.length = word.utf8.count
    }

    @inline(__always) func matches(_ w: String) -> Bool {
        let n = w.utf8.count
        return isPrefix ? (n >= length && w.hasPrefix(word)) : (n == length && w == word)
    }
}

/// A set of words or phrases: `ban`, `export control*`, `set to`. A trailing `*` matches any word with that prefix.
struct WordSet: Sendable {
    private var exact: Set<String> = []
    private var prefixes: [String] = []
    private var suffixes: [String] = []
    /// The first bytes of the exact words and prefixes, as a 256-bit map: most words a pattern is tried on start
    /// with a letter none of its words does, and are turned away without hashing them.
    private var firstByte: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ items: [String]) {
        for item in items {
            if item.hasSuffix("*") { prefixes.append(String(item.dropLast())) }
            else if item.hasPrefix("*") { suffixes.append(String(item.dropFirst())) }
            else { exact.insert(item) }
        }
        for w in Array(exact) + prefixes {
            guard let b = w.utf8.first else { continue }
            let bit = UInt64(1) << UInt64(b & 63)
            switch b >> 6 {
            case 0: firstByte.0 |= bit
            case 1: firstByte.1 |= bit
            case 2: firstByte.2 |= bit
            default: firstByte.3 |= bit
            }
        }
    }

    @inline(__always) private func mayStartWith(_ b: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: return firstByte.0 & bit != 0
        case 1: return firstByte.1 & bit != 0
        case 2: return firstByte.2 & bit != 0
        default: return firstByte.3 & bit != 0
        }
    }

    @inline(__always) func contains(_ word: String) -> Bool {
        if suffixes.isEmpty, let b = word.utf8.first, !mayStartWith(b) { return false }
        if exact.contains(word) { return true }
        for p in prefixes where word.hasPrefix(p) { return true }
        for p in suffixes where word.hasSuffix(p) && word.count > p.count { return true }
        return false
    }

    var firstWords: [String] { Array(exact) }
    var hasSuffixes: Bool { !suffixes.isEmpty }
    var prefixWords: [String] { prefixes }
}

/// A named list of phrases (`cue proposed: may, might, weighs*`), each phrase a sequence of word sets.
///
/// Phrases are indexed by their first word (exact words in a dictionary, prefixes by their first two letters), so
/// scanning a sentence for a cue costs one lookup per token rather than one comparison per phrase.
struct CueList: Sendable {
    var name: String
    private(set) var phrases: [[WordSet]] = []
    private var buckets: [UInt16: [FirstWordEntry]] = [:]
    private var others: [Int] = []
    /// For the hot lists (every token of every sentence is looked up): bucket key → 1 + position in `bucketArray`,
    /// a plain array read instead of a hash.
    private var direct: [UInt16] = []
    private var bucketArray: [[FirstWordEntry]] = []
    /// `bucketArray` with each first word once: the phrases of one word alone, and the longer ones it starts (many
    /// lists share a first word: "will", "set to", "set for"), so that a token is compared with each word once.
    private var mergedArray: [[(entry: FirstWordEntry, singles: [Int], longer: [Int])]] = []

    /// Builds the direct table (128 KB) for a list that is consulted on every token.
    mutating func indexForSpeed() {
        direct = [UInt16](repeating: 0, count: 65_536)
        bucketArray = []
        mergedArray = []
        for (key, entries) in buckets.sorted(by: { $0.key < $1.key }) where bucketArray.count < 65_535 {
            bucketArray.append(entries)
            var merged: [(entry: FirstWordEntry, singles: [Int], longer: [Int])] = []
            for e in entries {
                let k = merged.firstIndex { $0.entry.word == e.word && $0.entry.isPrefix == e.isPrefix } ?? {
                    merged.append((e, [], []))
                    return merged.count - 1
                }()
                if phrases[e.target].count == 1 { merged[k].singles.append(e.target) } else { merged[k].longer.append(e.target) }
            }
            mergedArray.append(merged)
            direct[Int(key)] = UInt16(bucketArray.count)
        }
    }

    @inline(__always) private func bucket(_ key: UInt16) -> [FirstWordEntry]? {
        if direct.isEmpty { return buckets[key] }
        let slot = direct[Int(key)]
        return slot == 0 ? nil : bucketArray[Int(slot) - 1]
    }

    init(name: String, phrases: [[WordSet]]) {
        self.name = name
        for p in phrases { add(p) }
    }

    mutating func add(_ phrase: [WordSet]) {
        let index = phrases.count
        phrases.append(phrase)
        let first = phrase[0]
        for w in first.firstWords { buckets[bucketKey(w), default: []].append(FirstWordEntry(word: w, isPrefix: false, target: index)) }
        for p in first.prefixWords {
            if p.utf8.count >= 2 { buckets[bucketKey(p), default: []].append(FirstWordEntry(word: p, isPrefix: true, target: index)) }
            else { others.append(index) }
        }
        if first.hasSuffixes { others.append(index) }
    }

    /// Length in tokens of the longest phrase that starts at `i`, if any.
    func match(_ tokens: [Token], at i: Int) -> Int? {
        let word = tokens[i].lower
        var best = 0
        @inline(__always) func check(_ c: Int) {
            let count = phrases[c].count
            if count > best, restMatches(c, tokens, at: i), phrases[c][0].contains(word) { best = count }
        }
        if let bucket = bucket(bucketKey(word)) {
            for entry in bucket where entry.matches(word) { check(entry.target) }
        }
        for c in others { check(c) }
        return best > 0 ? best : nil
    }

    /// Whether the words of phrase `c` after its first match the tokens after `i`.
    @inline(__always) private func restMatches(_ c: Int, _ tokens: [Token], at i: Int) -> Bool {
        let phrase = phrases[c]
        guard i + phrase.count <= tokens.count else { return false }
        var k = 1
        while k < phrase.count {
            if !phrase[k].contains(tokens[i + k].lower) { return false }
            k += 1
        }
        return true
    }

    /// The union of `bitOfPhrase` over the phrases that match at `i` (one bucket lookup, no closure).
    func matchingBits(_ tokens: [Token], at i: Int, bitOfPhrase: [UInt32]) -> UInt32 {
        let word = tokens[i].lower
        var bits: UInt32 = 0
        if !direct.isEmpty {
            let slot = direct[Int(bucketKey(word))]
            if slot != 0 {
                for m in mergedArray[Int(slot) - 1] where m.entry.matches(word) {
                    for c in m.singles { bits |= bitOfPhrase[c] }
                    for c in m.longer where restMatches(c, tokens, at: i) { bits |= bitOfPhrase[c] }
                }
            }
        } else if let bucket = bucket(bucketKey(word)) {
            for entry in bucket where entry.matches(word) && restMatches(entry.target, tokens, at: i) {
                bits |= bitOfPhrase[entry.target]
            }
        }
        for c in others where phrases[c][0].contains(word) && restMatches(c, tokens, at: i) { bits |= bitOfPhrase[c] }
        return bits
    }

    /// Calls `body` with the index of every phrase that matches at `i`.
    func phrasesMatching(_ tokens: [Token], at i: Int, _ body: (Int) -> Void) {
        let word = tokens[i].lower
        func check(_ c: Int) {
            if phrases[c][0].contains(word), restMatches(c, tokens, at: i) { body(c) }
        }
        if let bucket = bucket(bucketKey(word)) {
            for entry in bucket where entry.matches(word) { check(entry.target) }
        }
        for c in others { check(c) }
    }

    func occurs(in tokens: [Token], from: Int = 0, to: Int? = nil) -> Int? {
        let end = min(to ?? tokens.count, tokens.count)
        var i = max(0, from)
        while i < end {
            if match(tokens, at: i) != nil { return i }
            i += 1
        }
        return nil
    }
}

/// Words and cue lists a sentence must (or must not) contain for a rule to apply.
struct WordCondition: Sendable {
    var words: WordSet
    var cues: [String]
}

/// One element of a rule's pattern.
enum PatternElement: Sendable {
    case words(WordSet)
    /// A cue list, by its position in `RuleSet.cueLists` (no name to hash on every match).
    case cue(Int)
    case gap(Int)
}

/// One trigger rule: an event type and the token pattern that states it.
struct Rule: Sendable {
    var type: EventKind
    var elements: [PatternElement]
    /// Event type to use instead when the actor is an authority (government, regulator...) or a company.
    var typeIfAuthority: EventKind?
    var typeIfCompany: EventKind?
    var status: EventStatus?
    /// The sentence must contain one of these words or cue phrases.
    var requires: WordCondition?
    var excludes: WordCondition?
    /// None of these words or cue phrases may follow within `RuleSet.objectWindow` words of the match: what the act
    /// is done to ("blocked a phishing campaign" is no block of access; "blocked Telegram, saying hackers used it" is).
    var objectExcludes: WordCondition?
    /// Workaround rules that only count when a method (VPN, subsidiary...) is named.
    var needsMethod = false
    /// The act only counts in a story of a measure: the sentence names one (`cue measure`), or the article told of a
    /// ban, block or restriction, or named an authority, before it ("renting chips from cloud providers" is no way
    /// round anything in a story about data-centre demand).
    var needsMeasure = false
    /// The subject of the pattern is the target and the actor comes from elsewhere ("was levied on").
    var passive = false
    /// The actor is the maker of the product named (tracking found in a product).
    var actorIsOwner = false
    /// The trigger must be used as a verb, not as a noun after a determiner ("the ban", "its block").
    var verbOnly = false
    /// The word before the trigger must be one of these ("will fine", "to fine").
    var after: Set<String>?
    /// The word before the trigger must not be one of these ("data charges" are a price, not a criminal charge).
    var notAfter: Set<String>?
    /// The actor is only ever taken from the sentence itself ("a fine of €746 million, levied on Amazon in 2021").
    var noFallback = false
    /// A way round a block that people take, told without naming them ("others stay online through satellite
    /// links"): the actor is the people of the country where the article's block was imposed.
    var byPeople = false
    /// The trigger must be part of a named party ("the Supreme Court ruled", not "a court ruling").
    var needsNamed = false
    /// The act's object, right after the pattern, must be a listed product or service ("suspended Twitter").
    var needsNamedObject = false
    /// What comes right after the pattern must be a country or a state ("withdrew its news service from Canada").
    var needsPlaceObject = false
    /// Only an authority (government, regulator, court, legislature) acts so: "told operators to register" is a
    /// duty when a regulator says it, advice when a rights group does.
    var needsAuthority = false
    var confidence = 0.8
    /// Where the rule was defined, for messages.
    var line: Int
}

/// The extraction rules: trigger patterns per event type, the cue lists that set status and suppress events,
/// and the workaround methods. Loaded at run time from a line-based file; see `Resources/rules.txt`.
public struct RuleSet: Sendable {
    var rules: [Rule] = []
    /// Per rule, whether it has `object-excludes=`: read on every match without touching the rule itself.
    private var hasObjectExcludes: [Bool] = []
    var cues: [String: CueList] = [:]
    /// The cue lists rules refer to, by position: what `PatternElement.cue` holds.
    var cueLists: [CueList] = []
    var methods: [(label: String, phrases: CueList)] = []
    /// All method phrases in one list, and the method each phrase names: one scan finds every method.
    var allMethods = CueList(name: "methods", phrases: [])
    var methodOfPhrase: [Int] = []
    var methodBitOfPhrase: [UInt32] = []
    /// Rules indexed by the exact first word of their pattern; `prefixRules` are tried on every word.
    var byFirstWord: [String: [Int]] = [:]
    var prefixRules: [(prefix: String, rule: Int)] = []
    /// First words of all rules (exact and prefixes), bucketed by their first two bytes.
    var ruleBuckets: [UInt16: [FirstWordEntry]] = [:]
    /// `ruleBuckets` as a direct table: key → 1 + position in `ruleBucketArray` (0: none).
    var ruleDirect: [UInt16] = []
    /// Each bucket's first words once, with every rule they lead to (many rules share a first word: "sent", "ban").
    var ruleBucketArray: [[(entry: FirstWordEntry, rules: [Int])]] = []

    /// Cue lists the extractor relies on; a rules file must define them all.
    static let requiredCues = [
        "negation", "proposed", "planned", "denial", "speech", "staff", "conditional", "watch-heading", "watch",
        "watch-topic", "watch-exclude", "scope", "background",
    ]

    /// Parses a rules file.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the name used in error messages.
    /// - Throws: `ExtractError` naming the file and the line of the first problem.
    public static func parse(_ text: String, file: String) throws -> RuleSet {
        var set = RuleSet()
        var pendingRules: [(line: Int, head: Substring, body: Substring)] = []
        var cueLines: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine.trimmingSpaces()
            if let hash = line.firstIndex(of: "#") { line = line[..<hash].trimmingSpaces() }
            if line.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw ExtractError(file: file, line: lineNumber, reason: "expected \"rule TYPE: PATTERN\", \"cue NAME: phrases\" or \"method LABEL: phrases\"; no ':' found")
            }
            let head = line[..<colon].trimmingSpaces()
            let body = line[line.index(after: colon)...].trimmingSpaces()
            guard !body.isEmpty else { throw ExtractError(file: file, line: lineNumber, reason: "nothing after ':'") }
            if head.hasPrefix("rule ") || head == "rule" {
                // The type is checked now, so that errors come in line order; patterns wait for all cue lists.
                var spec = head.dropFirst(4).trimmingSpaces()
                if let open = spec.firstIndex(of: "[") { spec = spec[..<open].trimmingSpaces() }
                guard EventKind(rawValue: String(spec)) != nil else {
                    let kinds = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ExtractError(file: file, line: lineNumber, reason: "unknown event type \"\(spec)\"; use one of \(kinds)")
                }
                pendingRules.append((lineNumber, head, body))
            } else if head.hasPrefix("cue ") {
                let name = String(head.dropFirst(4).trimmingSpaces())
                guard !name.isEmpty, !name.contains(" ") else {
                    throw ExtractError(file: file, line: lineNumber, reason: "a cue list needs a one-word name: \"cue NAME: phrase, phrase\"")
                }
                let phrases = try parsePhrases(body, file: file, line: lineNumber)
                if var existing = set.cues[name] {
                    for p in phrases { existing.add(p) }
                    set.cues[name] = existing
                } else {
                    set.cues[name] = CueList(name: name, phrases: phrases)
                    cueLines[name] = lineNumber
                }
            } else if head.hasPrefix("method ") {
                let label = String(head.dropFirst(7).trimmingSpaces())
                guard !label.isEmpty else { throw ExtractError(file: file, line: lineNumber, reason: "a method needs a label: \"method VPN: vpn, vpns\"") }
                let phrases = try parsePhrases(body, file: file, line: lineNumber)
                set.methods.append((label, CueList(name: label, phrases: phrases)))
                guard set.methods.count <= 16 else {
                    throw ExtractError(file: file, line: lineNumber, reason: "at most 16 workaround methods are supported; merge some labels")
                }
                for p in phrases {
                    set.allMethods.add(p)
                    set.methodOfPhrase.append(set.methods.count - 1)
                    set.methodBitOfPhrase.append(UInt32(1) << UInt32(set.methods.count - 1))
                }
            } else {
                throw ExtractError(file: file, line: lineNumber, reason: "unknown line kind \"\(head.split(separator: " ").first ?? "")\"; use rule, cue or method")
            }
        }
        for name in requiredCues where set.cues[name] == nil {
            throw ExtractError(file: file, line: 0, reason: "the cue list \"\(name)\" is missing; start from a copy of the bundled rules.txt and add a line \"cue \(name): ...\"")
        }
        let cueNames = set.cues.keys.sorted()
        set.cueLists = cueNames.map { set.cues[$0]! }
        let cueSlots = Dictionary(uniqueKeysWithValues: cueNames.enumerated().map { ($1, $0) })
        for pending in pendingRules {
            let rule = try parseRule(head: pending.head, body: pending.body, cues: set.cues, cueSlots: cueSlots, file: file, line: pending.line)
            let index = set.rules.count
            set.rules.append(rule)
            set.hasObjectExcludes.append(rule.objectExcludes != nil)
            switch rule.elements[0] {
            case .words(let words):
                for w in words.firstWords { set.byFirstWord[w, default: []].append(index) }
                for p in words.prefixWords { set.prefixRules.append((p, index)) }
                if words.hasSuffixes { throw ExtractError(file: file, line: rule.line, reason: "the first word of a pattern cannot be a suffix (*word)") }
            case .cue(let slot):
                for phrase in set.cueLists[slot].phrases {
                    for w in phrase[0].firstWords { set.byFirstWord[w, default: []].append(index) }
                    for p in phrase[0].prefixWords { set.prefixRules.append((p, index)) }
                }
            case .gap:
                break
            }
        }
        for entry in set.prefixRules {
            guard entry.prefix.utf8.count >= 2 else {
                throw ExtractError(file: file, line: set.rules[entry.rule].line, reason: "a prefix at the start of a pattern needs at least two letters before '*'")
            }
            set.ruleBuckets[bucketKey(entry.prefix), default: []].append(FirstWordEntry(word: entry.prefix, isPrefix: true, target: entry.rule))
        }
        for (word, list) in set.byFirstWord {
            for rule in list { set.ruleBuckets[bucketKey(word), default: []].append(FirstWordEntry(word: word, isPrefix: false, target: rule)) }
        }
        set.ruleDirect = [UInt16](repeating: 0, count: 65_536)
        for (key, entries) in set.ruleBuckets.sorted(by: { $0.key < $1.key }) {
            var merged: [(entry: FirstWordEntry, rules: [Int])] = []
            for e in entries {
                if let k = merged.firstIndex(where: { $0.entry.word == e.word && $0.entry.isPrefix == e.isPrefix }) {
                    if !merged[k].rules.contains(e.target) { merged[k].rules.append(e.target) }
                } else {
                    merged.append((e, [e.target]))
                }
            }
            set.ruleBucketArray.append(merged)
            set.ruleDirect[Int(key)] = UInt16(set.ruleBucketArray.count)
        }
        set.allMethods.indexForSpeed()
        return set
    }

    /// The rules shipped with RegWatch (`Resources/rules.txt`).
    public static func bundled() throws -> RuleSet {
        try parse(try Bundled.text("rules.txt"), file: "rules.txt (bundled)")
    }

    /// Reads a rules file.
    /// - Throws: `ExtractError` when the file cannot be read or a line is malformed.
    public static func load(path: String) throws -> RuleSet {
        try parse(try Bundled.readFile(path), file: path)
    }

    /// Number of trigger rules, for `--help`-style summaries and tests.
    public var ruleCount: Int { rules.count }

    private static func parsePhrases(_ body: Substring, file: String, line: Int) throws -> [[WordSet]] {
        var phrases: [[WordSet]] = []
        for item in body.split(separator: ",") {
            let words = item.split(separator: " ").map { normalizeWord(String($0)) }.filter { !$0.isEmpty }
            guard !words.isEmpty else { throw ExtractError(file: file, line: line, reason: "empty phrase in a comma-separated list") }
            phrases.append(words.map { WordSet($0.split(separator: "|").map(String.init)) })
        }
        return phrases
    }

    static func normalizeWord(_ word: String) -> String {
        word.lowercased().replacingOccurrences(of: "’", with: "'")
    }

    private static func parseRule(head: Substring, body: Substring, cues: [String: CueList], cueSlots: [String: Int], file: String, line: Int) throws -> Rule {
        var spec = head.dropFirst(4).trimmingSpaces()
        var options: [Substring] = []
        if let open = spec.firstIndex(of: "[") {
            guard let close = spec.lastIndex(of: "]"), close > open else {
                throw ExtractError(file: file, line: line, reason: "unclosed '[' in rule options")
            }
            options = spec[spec.index(after: open)..<close].split(separator: ",").map { $0.trimmingSpaces() }
            spec = spec[..<open].trimmingSpaces()
        }
        guard let type = EventKind(rawValue: String(spec)) else {
            let kinds = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ExtractError(file: file, line: line, reason: "unknown event type \"\(spec)\"; use one of \(kinds)")
        }
        var elements: [PatternElement] = []
        for raw in body.split(separator: " ") {
            let word = String(raw)
            if word.hasPrefix("...") {
                let n = word.count == 3 ? 6 : Int(word.dropFirst(3))
                guard let n, n > 0, n <= 30 else {
                    throw ExtractError(file: file, line: line, reason: "a gap is \"...\" or \"...N\" with N from 1 to 30, not \"\(word)\"")
                }
                elements.append(.gap(n))
            } else if word.hasPrefix("{") {
                guard word.hasSuffix("}"), word.count > 2 else { throw ExtractError(file: file, line: line, reason: "unclosed cue reference \"\(word)\"") }
                let name = String(word.dropFirst().dropLast())
                guard let slot = cueSlots[name] else {
                    throw ExtractError(file: file, line: line, reason: "unknown cue list \"{\(name)}\"; define it with \"cue \(name): ...\"")
                }
                elements.append(.cue(slot))
            } else {
                let alternatives = word.split(separator: "|").map { normalizeWord(String($0)) }
                guard !alternatives.contains(where: { $0.hasPrefix("{") }) else {
                    throw ExtractError(file: file, line: line, reason: "a {cue} must stand alone, not among alternatives in \"\(word)\"; write a second rule")
                }
                guard !alternatives.contains(where: { $0.isEmpty || $0 == "*" }) else {
                    throw ExtractError(file: file, line: line, reason: "empty alternative in \"\(word)\"")
                }
                elements.append(.words(WordSet(alternatives)))
            }
        }
        guard let first = elements.first else { throw ExtractError(file: file, line: line, reason: "empty pattern") }
        if case .gap = first { throw ExtractError(file: file, line: line, reason: "a pattern cannot start with a gap") }
        if case .gap = elements.last! { throw ExtractError(file: file, line: line, reason: "a pattern cannot end with a gap") }
        var rule = Rule(type: type, elements: elements, line: line)
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map { String($0.trimmingSpaces()) }
            let key = parts[0]
            let value = parts.count > 1 ? parts[1] : nil
            func kind() throws -> EventKind {
                guard let value, let k = EventKind(rawValue: value) else {
                    throw ExtractError(file: file, line: line, reason: "option \(key) needs an event type, e.g. \(key)=ban")
                }
                return k
            }
            switch key {
            case "authority": rule.typeIfAuthority = try kind()
            case "company": rule.typeIfCompany = try kind()
            case "status":
                guard let value, let s = EventStatus(rawValue: value) else {
                    throw ExtractError(file: file, line: line, reason: "status must be in_effect, planned, proposed or denied")
                }
                rule.status = s
            case "requires", "excludes", "object-excludes":
                guard let value, !value.isEmpty else { throw ExtractError(file: file, line: line, reason: "\(key) needs words: \(key)=word|word") }
                let words = value.split(separator: "|").map { normalizeWord(String($0)) }
                var condition = WordCondition(words: WordSet(words.filter { !$0.hasPrefix("{") }), cues: [])
                for w in words where w.hasPrefix("{") {
                    let name = String(w.dropFirst().dropLast())
                    guard w.hasSuffix("}"), cues[name] != nil else {
                        throw ExtractError(file: file, line: line, reason: "unknown cue list \"\(w)\" in \(key)=")
                    }
                    condition.cues.append(name)
                }
                switch key {
                case "requires": rule.requires = condition
                case "excludes": rule.excludes = condition
                default: rule.objectExcludes = condition
                }
            case "method": rule.needsMethod = true
            case "measured": rule.needsMeasure = true
            case "passive": rule.passive = true
            case "verb": rule.verbOnly = true
            case "named": rule.needsNamed = true
            case "object":
                switch value {
                case "named": rule.needsNamedObject = true
                case "place": rule.needsPlaceObject = true
                default: throw ExtractError(file: file, line: line, reason: "object takes named or place: object=named, object=place")
                }
            case "nofallback": rule.noFallback = true
            case "people": rule.byPeople = true
            case "after":
                guard let value, !value.isEmpty else { throw ExtractError(file: file, line: line, reason: "after needs words: after=to|will") }
                rule.after = Set(value.split(separator: "|").map { normalizeWord(String($0)) })
            case "not-after":
                guard let value, !value.isEmpty else { throw ExtractError(file: file, line: line, reason: "not-after needs words: not-after=data|service") }
                rule.notAfter = Set(value.split(separator: "|").map { normalizeWord(String($0)) })
            case "owner": rule.actorIsOwner = true
            case "authority-only": rule.needsAuthority = true
            case "confidence":
                guard let value, let c = Double(value), c > 0, c <= 1 else {
                    throw ExtractError(file: file, line: line, reason: "confidence must be a number in (0, 1]")
                }
                rule.confidence = c
            default:
                throw ExtractError(file: file, line: line, reason: "unknown rule option \"\(key)\"; use verb, named, object=named, object=place, nofallback, people, authority-only, after=, not-after=, authority=, company=, status=, requires=, excludes=, object-excludes=, method, passive, owner or confidence=")
            }
        }
        return rule
    }

    /// Indices of rules whose first element can match `word`.
    func candidates(for word: String, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        let slot = ruleDirect[Int(bucketKey(word))]
        guard slot != 0 else { return }
        // Indexed, so that no entry is copied out of the bucket to be tested.
        let bucket = ruleBucketArray[Int(slot) - 1]
        for b in bucket.indices where bucket[b].entry.matches(word) {
            for r in bucket[b].rules where !out.contains(r) { out.append(r) }
        }
        // Rules are tried in file order: earlier rules claim their words first.
        if out.count > 1 { out.sort() }
    }

    /// Matches rule `r` at token `i`; returns the index after the last matched token.
    @inline(__always) func match(_ r: Int, _ tokens: [Token], at i: Int) -> Int? {
        guard let end = matchElements(rules[r].elements, from: 0, tokens, at: i) else { return nil }
        if r < hasObjectExcludes.count, hasObjectExcludes[r], excludedObject(r, tokens, after: end) { return nil }
        return end
    }

    /// Whether a word of the rule's `object-excludes=` follows its match `end`, within its clause.
    private func excludedObject(_ r: Int, _ tokens: [Token], after end: Int) -> Bool {
        guard let excluded = rules[r].objectExcludes, end < tokens.count else { return false }
        // The act's object: the words after the match up to the end of its clause.
        var stop = end
        while stop < min(tokens.count, end + Self.objectWindow), ![",", ";", ":", ".", "(", "—"].contains(tokens[stop].lower) { stop += 1 }
        return stop > end && sentence(Array(tokens[end..<stop]), satisfies: excluded)
    }
    /// How many words after a match `object-excludes=` reads, at most: the act's object ("blocking attempts by
    /// hackers to access its systems"), up to the end of its clause.
    static let objectWindow = 6

    /// Matches `elements[from...]` at token `i0`: words and cues in a loop, a gap by trying each place the rest may
    /// start (no slices of the pattern are made).
    private func matchElements(_ elements: [PatternElement], from start: Int, _ tokens: [Token], at i0: Int) -> Int? {
        var e = start
        var i = i0
        while e < elements.count {
            switch elements[e] {
            case .words(let set):
                guard i < tokens.count, set.contains(tokens[i].lower) else { return nil }
                i += 1
            case .cue(let slot):
                guard i < tokens.count, let length = cueLists[slot].match(tokens, at: i) else { return nil }
                i += length
            case .gap(let n):
                var k = i
                var skipped = 0
                while skipped <= n, k <= tokens.count {
                    if let end = matchElements(elements, from: e + 1, tokens, at: k) { return end }
                    guard k < tokens.count else { break }
                    let t = tokens[k].lower
                    // The period of an abbreviation the sentence splitter kept inside the sentence ("on Oct. 9") ends nothing.
                    if t == ".", k > 0, Self.abbreviations.contains(tokens[k - 1].lower) { k += 1; skipped += 1; continue }
                    if t == ";" || t == "." || t == "?" || t == "!" || t == ":" || t == "but" { break }
                    k += 1
                    skipped += 1
                }
                return nil
            }
            e += 1
        }
        return i
    }

    /// Words whose period abbreviates them: months, titles and company forms. (A subset of what SentenceSplitter
    /// knows; "U.S." keeps its period inside its token, so no separate period follows it.)
    static let abbreviations: Set<String> = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr",
        "inc", "corp", "ltd", "co", "no", "gov", "sen", "rep", "st",
    ]

    /// Labels of the workaround methods a sentence names, in the order of the rules file.
    func methodLabels(in tokens: [Token]) -> [String] {
        var found: UInt64 = 0
        for i in tokens.indices { found |= UInt64(allMethods.matchingBits(tokens, at: i, bitOfPhrase: methodBitOfPhrase)) }
        return methods.indices.filter { found & (1 << UInt64($0)) != 0 }.map { methods[$0].label }
    }

    /// Whether a workaround method's phrase starts within `range` of the tokens ("shell companies", "proxies").
    func namesMethod(_ tokens: [Token], in range: Range<Int>) -> Bool {
        range.contains { allMethods.matchingBits(tokens, at: $0, bitOfPhrase: methodBitOfPhrase) != 0 }
    }

    func cue(_ name: String) -> CueList { cues[name] ?? CueList(name: name, phrases: []) }

    /// The sentence contains one of the condition's words or cue phrases.
    func sentence(_ tokens: [Token], satisfies condition: WordCondition) -> Bool {
        if tokens.contains(where: { condition.words.contains($0.lower) }) { return true }
        for name in condition.cues where cue(name).occurs(in: tokens) != nil { return true }
        return false
    }
}
