/// A span of a sentence that names, describes or refers back to a party.
struct Mention: Sendable {
    enum Role: Sendable, Equatable {
        /// An entity of the list, or an organisation recognised from its shape ("Ministry of …", "… Inc").
        case named(EntityKind)
        /// A country named as such ("China", "in Nepal").
        case country
        /// A generic group: "Chinese companies", "users in China", "employees".
        case group
        /// "it", "the company" (a company); "they", "these firms" (a plural group); "the government", "authorities".
        case company, plural, authority

        // Written out: the synthesized `==` of an enum with a payload goes through the runtime on every call, and
        // the extractor compares roles in its inner loops.
        @inline(__always) static func == (a: Role, b: Role) -> Bool {
            switch (a, b) {
            case (.named(let x), .named(let y)): return x == y
            case (.country, .country), (.group, .group), (.company, .company), (.plural, .plural), (.authority, .authority): return true
            default: return false
            }
        }
    }

    var start: Int
    var end: Int
    var role: Role
    /// Canonical name (entities), label (groups), or the surface (anaphors, until resolved).
    var name: String
    var country: String?
    /// Owner of a product or subsidiary, as a canonical name.
    var parent: String?
    /// Followed by a possessive `'s`.
    var possessive = false
    /// A country named only as a modifier ("Chinese e-commerce giant", "China-linked"): never a subject.
    var isModifier = false
    /// Head noun of a group ("employees"), for rules about staff.
    var head: String?
    /// A person named in full ("Attorney General Pam Bondi", "novelist Jane Morrow", "Judge Maria Silva"): a later
    /// sentence may name them by surname alone (`EventExtractor.namePeopleBySurname`).
    var isPerson = false

    var isNamed: Bool { if case .named = role { return true }; return false }
    var kind: EntityKind? { if case .named(let k) = role { return k }; return role == .country ? .country : nil }
    var isProduct: Bool { kind == .product }
    /// Can be the actor of an event: an organisation, a government, a group, or a word that points back to one.
    var canAct: Bool {
        switch role {
        case .named(let k): return k != .product
        case .country, .group, .company, .plural, .authority: return true
        }
    }
    var isAnaphor: Bool { role == .company || role == .plural || role == .authority }
}

/// Finds the parties a sentence mentions: entities of the list (by name or alias), organisations that are not
/// in the list (by their shape), countries (by name, demonym, or as a prefix such as "China-linked"), generic
/// groups, and anaphors to resolve later.
struct EntityIndex: Sendable {
    struct Alias: Sendable {
        var words: [String]
        /// Words whose first letter must be a capital in the text (so "ant" the insect is not Ant Financial).
        var capitals: [Bool]
        var record: Int
        var isDemonym: Bool
    }

    let records: [EntityRecord]
    private var aliasesByFirst: [String: [Alias]] = [:]
    /// Everything known about a word, found with one lookup per token: aliases starting with it, its word
    /// classes, and the country it names.
    struct WordInfo: Sendable {
        var aliases: [Alias] = []
        var cls: UInt32 = 0
        var country: String?
    }
    private var wordInfo: [String: WordInfo] = [:]
    /// `wordInfo` as an array, and each known word's index in it: tokens carry a small integer, not a copy.
    private var infos: [WordInfo] = []
    private var infoIndex: [String: Int32] = [:]
    /// `infoIndex` as a direct table on the first two bytes (1 + position in `infoBuckets`), so that looking a
    /// token up compares a few short strings instead of hashing one.
    private var infoDirect: [UInt16] = []
    private var infoBuckets: [[FirstWordEntry]] = []
    /// The aliases of each known word (by slot) for matching: the one-word ones, and the longer ones by their
    /// second word, so that a word that starts many aliases costs one lookup, not a comparison with each. Kept
    /// beside `infos` so that reading a word's class or country copies nothing more.
    private var singleAliases: [[Alias]] = []
    private var longerAliases: [[String: [Alias]]] = []

    /// The bucket of a known word: its first two bytes mixed with its length and last byte. Unlike the rules'
    /// `bucketKey`, no prefix is ever looked up here, so the key can spread the thousands of words of a large
    /// entity list ("co…", "mi…") over more buckets.
    @inline(__always) static func wordKey(_ word: String) -> UInt16 {
        let utf8 = word.utf8
        var it = utf8.makeIterator()
        let a = UInt16(it.next() ?? 0)
        let b = UInt16(it.next() ?? 0)
        let last = UInt16(utf8.last ?? 0)
        let length = UInt16(truncatingIfNeeded: utf8.count)
        return (a << 8 | b) ^ (last << 3) ^ (length << 11)
    }

    @inline(__always) func slot(of word: String) -> Int32 {
        let b = infoDirect[Int(Self.wordKey(word))]
        guard b != 0 else { return -1 }
        for entry in infoBuckets[Int(b) - 1] where entry.matches(word) { return Int32(entry.target) }
        return -1
    }
    private var byName: [String: Int] = [:]
    private var countryByCode: [String: Int] = [:]
    /// Single-word names, aliases and demonyms of countries, for hyphenated prefixes ("China-based").
    private var countryWord: [String: Int] = [:]
    private var demonymOf: [String: String] = [:]
    /// Each country's governments, ministries and departments with the lowercase words of their names and aliases, read
    /// by `listedMinistry` without lowercasing the list at every call.
    private var governmentWords: [String: [(name: String, words: [Set<String>])]] = [:]
    /// A company's product named after it ("Telegram" → "Telegram Messenger"): what an act on the company concerns
    /// when the sentence names no product.
    private(set) var eponymousProduct: [String: String] = [:]

    init(_ list: EntityList) {
        records = list.records
        for record in records where record.kind == .product {
            guard let maker = record.parent, record.name.hasPrefix(maker + " ") || record.name == maker else { continue }
            if eponymousProduct[maker] == nil { eponymousProduct[maker] = record.name }
        }
        for (index, record) in records.enumerated() {
            if record.kind == .government, let code = record.country {
                let words = ([record.name] + record.aliases).map { alias in
                    Set(alias.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init))
                }
                governmentWords[code, default: []].append((record.name, words))
            }
            byName[record.name.lowercased()] = index
            if record.kind == .country, let code = record.country {
                countryByCode[code] = index
                demonymOf[code] = record.demonyms.first
            }
            for name in [record.name] + record.aliases {
                add(name, record: index, isDemonym: false)
            }
            for demonym in record.demonyms { add(demonym, record: index, isDemonym: true) }
        }
        for (word, aliases) in aliasesByFirst {
            wordInfo[word, default: WordInfo()].aliases = aliases
            if let i = countryWord[word] { wordInfo[word]!.country = records[i].country }
            else if let a = aliases.first(where: { $0.words.count == 1 && records[$0.record].kind == .country }) {
                wordInfo[word]!.country = records[a.record].country
            }
        }
        for (word, i) in countryWord where wordInfo[word]?.country == nil { wordInfo[word, default: WordInfo()].country = records[i].country }
        for (word, bits) in Self.classTable { wordInfo[word, default: WordInfo()].cls |= bits }
        var buckets: [UInt16: [FirstWordEntry]] = [:]
        for (word, info) in wordInfo.sorted(by: { $0.key < $1.key }) {
            infoIndex[word] = Int32(infos.count)
            buckets[Self.wordKey(word), default: []].append(FirstWordEntry(word: word, isPrefix: false, target: infos.count))
            infos.append(info)
            var single: [Alias] = []
            var longer: [String: [Alias]] = [:]
            for a in info.aliases {
                if a.words.count == 1 { single.append(a) } else { longer[a.words[1], default: []].append(a) }
            }
            singleAliases.append(single)
            longerAliases.append(longer)
        }
        infoDirect = [UInt16](repeating: 0, count: 65_536)
        for (key, entries) in buckets.sorted(by: { $0.key < $1.key }) {
            infoBuckets.append(entries)
            infoDirect[Int(key)] = UInt16(infoBuckets.count)
        }
    }

    private mutating func add(_ name: String, record: Int, isDemonym: Bool) {
        let scalars = Array(name.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars)
        guard !tokens.isEmpty else { return }
        // "the Dutch privacy watchdog": an article before a name is not part of it (mentions() steps over "the"
        // when a name follows), so a list may write aliases with or without it.
        let named = tokens.count > 1 && tokens[0].lower == "the" ? Array(tokens.dropFirst()) : tokens
        let words = named.map(\.lower)
        let capitals = named.map(\.isCapitalized)
        aliasesByFirst[words[0], default: []].append(Alias(words: words, capitals: capitals, record: record, isDemonym: isDemonym))
        if records[record].kind == .country, words.count == 1 {
            countryWord[words[0]] = record
        }
    }

    func record(named name: String) -> EntityRecord? { byName[name.lowercased()].map { records[$0] } }
    func country(code: String) -> EntityRecord? { countryByCode[code].map { records[$0] } }
    func demonym(of code: String) -> String? { demonymOf[code] }

    /// The top owner of an entity, following parents ("Instagram" → "Meta").
    func root(of name: String) -> String {
        var current = name
        var steps = 0
        while let r = record(named: current), let parent = r.parent, steps < 5 {
            current = parent
            steps += 1
        }
        return current
    }

    /// The country of a hyphenated word's first part: "China-linked" → CN.
    func countryCode(prefixOf word: String) -> String? {
        guard word.utf8.contains(0x2D), let dash = word.firstIndex(of: "-"), dash != word.startIndex else { return nil }
        return countryCode(word: String(word[..<dash]))
    }

    func countryCode(of name: String) -> String? {
        if let r = record(named: name) { return r.country }
        return nil
    }

    /// The ISO code of a single word used as a country or demonym ("chinese", "nepal", "u.s.").
    func countryCode(word: String) -> String? {
        wordInfo[word]?.country
    }

    // MARK: - Recognition

    private static let orgSuffixes: Set<String> = Lexicon.bundled.set("org-suffixes")
    /// The head of a body's capitalised name and the kind of body it makes: "Ministry of …", "Supreme Court",
    /// "Communications Commission". One lexicon class per kind.
    private static let bodyHeads = kinds([(Lexicon.bundled.set("body-heads-government"), .government),
                                          (Lexicon.bundled.set("body-heads-regulator"), .regulator),
                                          (Lexicon.bundled.set("body-heads-court"), .court),
                                          (Lexicon.bundled.set("body-heads-legislature"), .legislature)], of: "body-heads")
    private static let appositiveHeads: Set<String> = Lexicon.bundled.set("appositive-heads")
    static let groupHeads: Set<String> = Lexicon.bundled.set("group-heads")
    /// Groups that can impose, pass or investigate ("lawmakers in Brazil", "EU regulators"), and the kind of authority
    /// each acts as. One lexicon class per kind.
    static let authorityGroupKinds = kinds([(Lexicon.bundled.set("authority-groups-government"), .government),
                                            (Lexicon.bundled.set("authority-groups-regulator"), .regulator),
                                            (Lexicon.bundled.set("authority-groups-court"), .court),
                                            (Lexicon.bundled.set("authority-groups-legislature"), .legislature)], of: "authority-groups")
    /// One map from lexicon classes that each give their words one kind; a word in two classes stops the load (a head
    /// names one kind of body, a group acts as one kind of authority).
    private static func kinds(_ classes: [(words: Set<String>, kind: EntityKind)], of family: String) -> [String: EntityKind] {
        var map: [String: EntityKind] = [:]
        for (words, kind) in classes {
            for w in words {
                precondition(map[w] == nil, "lexicon.txt lists '\(w)' in two \(family) classes; each word has one kind")
                map[w] = kind
            }
        }
        return map
    }
    static let authorityHeads: Set<String> = Set(authorityGroupKinds.keys)
    static let staffHeads: Set<String> = Lexicon.bundled.set("staff-heads")
    private static let groupModifiers: Set<String> = Lexicon.bundled.set("group-modifiers")
    /// What a group's members make or run, kept in its name: "Chinese chip suppliers", "foreign messaging apps",
    /// "Russian VPN providers".
    static let categoryModifiers: Set<String> = Lexicon.bundled.set("category-modifiers")
    /// Modifiers that say which group is meant ("government officials", "foreign companies"), kept in its name;
    /// quantifiers and vague sizes ("some", "major") are not.
    private static let namingModifiers: Set<String> = Lexicon.bundled.set("naming-modifiers")
    private static let singularAnaphorHeads: Set<String> = Lexicon.bundled.set("singular-anaphor-heads")
    private static let authorityWords: Set<String> = Lexicon.bundled.set("authority-words")
    private static let regulatorWords: Set<String> = Lexicon.bundled.set("regulator-words")
    /// Abbreviations of a kind of body, not of one body: "the DPA" is whichever data protection authority the
    /// article named.
    static let genericAcronyms: Set<String> = Lexicon.bundled.set("generic-acronyms")
    private static let countrySubjectFollowers: Set<String> = Lexicon.bundled.set("country-subject-followers")
    private static let quantifiers: Set<String> = ["some", "several", "many", "other", "others", "certain", "various"]
    private static let organisationHeads: Set<String> = Lexicon.bundled.set("organisation-heads")
    private static let verbsAfterBareQuantifier: Set<String> = Lexicon.bundled.set("verbs-after-bare-quantifier")
    // Word classes as bits: one dictionary lookup per token instead of one set lookup per class and use.
    private static let cGroupHead: UInt32 = 1, cGroupModifier: UInt32 = 2, cAppositive: UInt32 = 4, cSingular: UInt32 = 8,
                       cAuthority: UInt32 = 16, cRegulator: UInt32 = 32, cBodyHead: UInt32 = 64, cOrgSuffix: UInt32 = 128,
                       cConnector: UInt32 = 256, cCourt: UInt32 = 512, cFunction: UInt32 = 1024, cArticle: UInt32 = 2048,
                       cKin: UInt32 = 4096
    private static let classTable: [String: UInt32] = {
        var table: [String: UInt32] = [:]
        func add(_ words: Set<String>, _ bit: UInt32) { for w in words { table[w, default: 0] |= bit } }
        add(groupHeads, cGroupHead)
        add(groupModifiers, cGroupModifier)
        add(appositiveHeads, cAppositive)
        add(singularAnaphorHeads, cSingular)
        add(authorityWords, cAuthority)
        add(regulatorWords, cRegulator)
        add(Set(bodyHeads.keys), cBodyHead)
        add(orgSuffixes, cOrgSuffix)
        add(lowercaseConnectors, cConnector)
        add(["court"], cCourt)
        // Words that open an anaphor, a quantified group or a described court: the only lowercase words, besides
        // group words, that step 4 looks at.
        add(["it", "its", "they", "them", "their", "some", "several", "many", "others", "authorities", "officials",
             "police", "the", "these", "those", "such", "a", "an"], cFunction)
        add(["a", "an", "the"], cArticle)
        add(kinNouns, cKin)
        return table
    }()

    private static let lowercaseConnectors: Set<String> = ["of", "and", "for", "&", "on", "the"]

    /// All mentions of a sentence, left to right, without overlaps. `documentCountry` names the country that
    /// unqualified "the government" or "Supreme Court" belong to.
    /// All mentions of a sentence, left to right, without overlaps. `documentCountry` names the country that
    /// unqualified "the government" or "Supreme Court" belong to.
    ///
    /// At each token the recognisers below are tried in turn, and the first that finds a mention there appends it
    /// and says where the next one may start: listed entities, listed names in the plural, hyphenated country
    /// prefixes, organisation shapes, unlisted names, anaphors, anaphors by description, and generic groups. Then
    /// the countries that only locate something are marked as modifiers.
    func mentions(in tokens: [Token], scalars: [Unicode.Scalar], documentCountry: String?) -> [Mention] {
        var result: [Mention] = []
        var i = 0
        let n = tokens.count
        let slots: [Int32] = tokens.map { slot(of: $0.lower) }
        let cls: [UInt32] = slots.map { $0 >= 0 ? infos[Int($0)].cls : 0 }
        let scan = MentionScan(tokens: tokens, scalars: scalars, n: n, slots: slots, cls: cls,
                               info: InfoView(slots: slots, infos: infos), documentCountry: documentCountry)
        while i < n {
            let t = tokens[i]
            guard t.kind == .word || t.kind == .number else { i += 1; continue }
            if let next = listedEntity(at: i, scan, &result) { i = next; continue }
            if let next = pluralOfListedName(at: i, scan, &result) { i = next; continue }
            if let next = countryPrefix(at: i, scan, &result) { i = next; continue }
            if let next = organisationShape(at: i, scan, &result) { i = next; continue }
            if let next = unlistedName(at: i, scan, &result) { i = next; continue }
            if let next = anaphor(at: i, scan, &result) { i = next; continue }
            if let next = definiteDescription(at: i, scan, &result) { i = next; continue }
            if let next = genericGroup(at: i, scan, &result) { i = next; continue }
            i += 1
        }
        markLocatingCountries(&result, in: tokens)
        return result
    }

    /// What every recogniser of `mentions(in:)` reads about one sentence: its tokens and their text, each token's
    /// slot in the word table and word classes, and the country the article is about.
    private struct MentionScan {
        let tokens: [Token]
        let scalars: [Unicode.Scalar]
        let n: Int
        let slots: [Int32]
        let cls: [UInt32]
        let info: InfoView
        let documentCountry: String?

        /// The text of tokens `a..<b` as written.
        func surface(_ a: Int, _ b: Int) -> String {
            String(String.UnicodeScalarView(scalars[tokens[a].start..<tokens[b - 1].end]))
        }

        /// Adds `m` to `result`, taking in a possessive "'s" right after it ("the ministry's"), and returns where
        /// the scan goes on.
        @inline(__always)
        func emit(_ m: Mention, into result: inout [Mention]) -> Int {
            var m = m
            if m.end < n, tokens[m.end].lower == "'s" { m.possessive = true; m.end += 1 }
            result.append(m)
            return m.end
        }
    }

    /// Listed entities: the longest alias of the list at `i`. A country opens a longer phrase when one follows:
    /// its government, leader, regulator, ministry or legislature, a body named after it, or a group of its
    /// people; a demonym before a name only gives a country.
    @inline(__always)
    private func listedEntity(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens, n = scan.n, cls = scan.cls, info = scan.info, documentCountry = scan.documentCountry
        // 1. Entities of the list, longest alias first.
        if let a = bestAlias(tokens, at: i, info, country: { result.last(where: { $0.role == .country })?.country ?? documentCountry }) {
            let record = records[a.record]
            var end = i + a.words.count
            if record.kind == .country {
                // "Nepal's government", "the Nepal government", "Chinese government" → its government.
                var j = end
                if j < n, tokens[j].lower == "'s" { j += 1 }
                if j < n, tokens[j].lower == "government" || tokens[j].lower == "authorities" || tokens[j].lower == "cabinet" {
                    result.append(Mention(start: i, end: j + 1, role: .named(.government), name: EventExtractor.governmentName(record), country: record.country))
                    return j + 1
                }
                // "Romania's constitutional court", "Kenya's high court": the country's court of that rank.
                if j > end, j < n, !tokens[j].isCapitalized, let courtEnd = courtPhrase(tokens, from: j),
                   ["court", "tribunal"].contains(tokens[courtEnd - 1].lower),
                   (j..<courtEnd).allSatisfy({ !tokens[$0].isCapitalized }) {
                    let title = Self.titled(tokens[j..<courtEnd].map(\.lower))
                    result.append(Mention(start: i, end: courtEnd, role: .named(.court), name: "\(title) of \(record.name)", country: record.country))
                    return courtEnd
                }
                // "Brazilian President Luiz Inácio Lula da Silva", "India's Prime Minister Narendra Modi's government":
                // the head of state or government, named or not, acts for the government.
                if let leader = leaderPhrase(tokens, from: j) {
                    result.append(Mention(start: i, end: leader, role: .named(.government), name: EventExtractor.governmentName(record), country: record.country))
                    return leader
                }
                // "Italy's privacy watchdog", "Ireland's data protection regulator", "China's internet regulator".
                // "Turkey's information and communication technologies authority": topics joined by "and".
                if let body = regulatorPhrase(tokens, from: j, country: record, code: record.country) {
                    result.append(Mention(start: i, end: body.end, role: .named(.regulator), name: body.name, country: record.country))
                    return body.end
                }
                // "China's commerce ministry", "Pakistan's interior minister": the ministry (a minister acts
                // for it), named after the list's body of that country when one matches the topic.
                if let ministry = ministryPhrase(tokens, from: j, country: record) {
                    result.append(Mention(start: i, end: ministry.end, role: .named(.government), name: ministry.name, country: record.country))
                    return ministry.end
                }
                if j < n, tokens[j].isCapitalized, let body = bodyName(tokens, cls, from: j) {
                    // "India's Ministry of …" is the Ministry (of India); "US Treasury Department" keeps its prefix.
                    var name = j > end ? scan.surface(j, body.end) : scan.surface(i, body.end)
                    // "the Dutch Department of Economic Affairs": the list's ministry of that country for those
                    // topics, whichever head ("ministry", "department") the outlet gave it.
                    if body.kind == .government, let code = record.country,
                       let listed = listedMinistry(topics: tokens[j..<body.end].map(\.lower), country: code) {
                        name = listed
                    }
                    result.append(Mention(start: i, end: body.end, role: .named(body.kind), name: name, country: record.country))
                    return body.end
                }
                if j < n, ["legislature", "parliament", "congress", "lawmakers", "legislators"].contains(tokens[j].lower) {
                    // "Taiwan's legislature", "Nepal's parliament", "Brazilian lawmakers".
                    result.append(Mention(start: i, end: j + 1, role: .named(.legislature), name: "Legislature of \(record.name)", country: record.country))
                    return j + 1
                }
                if a.isDemonym || (end < n && cls[end] & (Self.cGroupHead | Self.cGroupModifier) != 0),
                   let group = groupPhrase(tokens, from: end, countryWord: scan.surface(i, end)) {
                    result.append(Mention(start: i, end: group.end, role: .group, name: group.name, country: record.country, head: group.head))
                    return group.end
                }
                if a.isDemonym {
                    // A demonym before a name ("Chinese e-commerce giant Alibaba") only gives a country.
                    var m = Mention(start: i, end: end, role: .country, name: record.name, country: record.country)
                    m.isModifier = true
                    result.append(m)
                    return end
                }
            }
            var m = Mention(start: i, end: end, role: record.kind == .country ? .country : .named(record.kind),
                            name: record.name, country: record.country, parent: record.parent)
            if end < n, tokens[end].lower == "'s" { m.possessive = true; end += 1; m.end = end }
            result.append(m)
            return end
        }
        return nil
    }

    /// A listed name in the plural: the people of a country ("Pakistanis"), or a product or company named in
    /// one word ("iPhones").
    @inline(__always)
    private func pluralOfListedName(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let info = scan.info, scalars = scan.scalars
        let t = scan.tokens[i]
        // "iPhones", "Teslas": the plural of a product or company named in one word stands for it.
        if t.kind == .word, t.lower.utf8.count > 3, t.lower.hasSuffix("s"), info[i]?.aliases.isEmpty ?? true, Self.hasCapital(scalars, t) {
            let singular = slot(of: String(t.lower.dropLast()))
            // "Pakistanis", "Iranians": the people of a country, a group that can act (circumvent, protest).
            if singular >= 0, t.isCapitalized, let demonym = infos[Int(singular)].aliases.first(where: { $0.isDemonym && $0.words.count == 1 }) {
                let record = records[demonym.record]
                result.append(Mention(start: i, end: i + 1, role: .group, name: "people in \(record.name)",
                                      country: record.country, head: "people"))
                return i + 1
            }
            if singular >= 0, let alias = infos[Int(singular)].aliases.first(where: { a in
                a.words.count == 1 && !a.isDemonym && [.product, .company].contains(records[a.record].kind)
                    && (t.isCapitalized || !a.capitals[0])
            }) {
                let record = records[alias.record]
                result.append(Mention(start: i, end: i + 1, role: .named(record.kind), name: record.name,
                                      country: record.country, parent: record.parent))
                return i + 1
            }
        }
        return nil
    }

    /// A country as the prefix of a hyphenated word: "China-based firms" (a group of the country), else a
    /// modifier that only gives the country.
    @inline(__always)
    private func countryPrefix(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens
        let t = tokens[i]
        // 2. Hyphenated country prefixes: "China-based", "Chinese-controlled", "U.S.-developed".
        if t.kind == .word, t.lower.utf8.contains(0x2D), let dash = t.lower.firstIndex(of: "-") {
            let prefix = String(t.lower[..<dash])
            if let code = countryCode(word: prefix) {
                if let group = groupPhrase(tokens, from: i + 1, countryWord: scan.surface(i, i + 1)) {
                    result.append(Mention(start: i, end: group.end, role: .group, name: group.name, country: code, head: group.head))
                    return group.end
                } else {
                    var m = Mention(start: i, end: i + 1, role: .country, name: country(code: code)?.name ?? prefix, country: code)
                    m.isModifier = true
                    result.append(m)
                    return i + 1
                }
            }
        }
        return nil
    }

    /// Organisation shapes: a body the list does not name, recognised by its form: "Government of India",
    /// "Ministry of …", "Supreme Court", "… Inc", "Judge Maria Silva".
    @inline(__always)
    private func organisationShape(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens, n = scan.n, cls = scan.cls, documentCountry = scan.documentCountry
        let t = tokens[i]
        // 3. Organisations by shape: "Government of India", "Ministry of …", "Supreme Court", "… Inc".
        if t.isCapitalized, t.lower == "government", i + 2 < n, tokens[i + 1].lower == "of",
           let code = countryCode(word: tokens[i + 2].lower), let rec = country(code: code) {
            var end = i + 3
            if end < n, let rest = aliasesByFirst[tokens[i + 2].lower]?.first(where: { records[$0.record].kind == .country && $0.words.count > 1 }),
               i + 2 + rest.words.count <= n, (0..<rest.words.count).allSatisfy({ tokens[i + 2 + $0].lower == rest.words[$0] }) {
                end = i + 2 + rest.words.count
            }
            result.append(Mention(start: i, end: end, role: .named(.government), name: EventExtractor.governmentName(rec), country: code))
            return end
        }
        if t.isCapitalized, t.lower != "the", t.lower != "a", let body = bodyName(tokens, cls, from: i) {
            var name = scan.surface(i, body.end)
            var country = documentCountry
            if body.kind == .court, body.end - i <= 2, let c = documentCountry, let rec = self.country(code: c) {
                name = "\(name) of \(rec.name)"
            } else if body.kind != .court {
                country = documentCountry
            }
            let m = Mention(start: i, end: body.end, role: .named(body.kind), name: name, country: country)
            return scan.emit(m, into: &result)
        }
        if t.isCapitalized, cls[i] & Self.cArticle == 0, let org = suffixedOrg(tokens, cls, from: i) {
            let m = Mention(start: i, end: org, role: .named(.company), name: scan.surface(i, org))
            return scan.emit(m, into: &result)
        }
        // "Attorney General Pam Bondi", "Interior Minister Ana Ruiz", "Governor Greg Gianforte": an official named
        // with the office acts for the government. "general" ends an office only after "attorney" or "solicitor".
        if t.isCapitalized, let end = officialTitle(tokens, from: i), end < n, tokens[end].isCapitalized, tokens[end].kind == .word,
           scan.info[end] == nil, !Self.notNames.contains(tokens[end].lower) {
            var nameEnd = end
            while nameEnd < n, nameEnd - end < 3, tokens[nameEnd].isCapitalized, tokens[nameEnd].kind == .word,
                  !Self.notNames.contains(tokens[nameEnd].lower) { nameEnd += 1 }
            nameEnd = Self.pastParticles(tokens, from: nameEnd)
            // The official acts for the government of the country the title names ("German Interior Minister Nancy
            // Ruiz", "French President Jean Morel"), as a ministry does. A title without
            // its country ("Communications Minister Ana Ruiz", "President Jean Morel") points, as "the minister"
            // does, to the government the article speaks of.
            let head = tokens[end - 1].lower
            guard let last = result.last, last.role == .country, last.end == i, !last.possessive,
                  let code = last.country, let rec = self.country(code: code) else {
                var m = Mention(start: i, end: nameEnd, role: .authority, name: scan.surface(i, nameEnd), head: head)
                m.isPerson = nameEnd - end >= 2
                return scan.emit(m, into: &result)
            }
            result.removeLast()
            var m = Mention(start: last.start, end: nameEnd, role: .named(.government), name: EventExtractor.governmentName(rec), country: code)
            m.isPerson = nameEnd - end >= 2
            return scan.emit(m, into: &result)
        }
        // "Judge Maria Silva", "Justice Ortega": a judge named with the title acts for the court.
        if t.isCapitalized, Self.judicialTitles.contains(t.lower), i + 1 < n, tokens[i + 1].isCapitalized,
           tokens[i + 1].kind == .word, !Self.notNames.contains(tokens[i + 1].lower), tokens[i + 1].lower != "of" {
            var end = i + 1
            while end < n, end - i <= 3, tokens[end].isCapitalized, tokens[end].kind == .word,
                  !Self.notNames.contains(tokens[end].lower) { end += 1 }
            end = Self.pastParticles(tokens, from: end)
            // "US District Judge William Alsup", "Chief Justice Ortega": the court's words before the title are
            // part of how the judge is named, with the country that opens them.
            var start = i
            while start > 0, tokens[start - 1].isCapitalized, Self.judicialDescriptors.contains(tokens[start - 1].lower) { start -= 1 }
            var country = documentCountry
            if start < i, let last = result.last, last.role == .country, last.end == start, !last.possessive {
                start = last.start
                country = last.country
                result.removeLast()
            }
            var m = Mention(start: start, end: end, role: .named(.court), name: scan.surface(start, end), country: country)
            m.isPerson = end - i >= 3
            return scan.emit(m, into: &result)
        }
        return nil
    }

    /// Names the list does not know: kin acting for a person, a person named with a role, a capitalised name where
    /// an act's party stands or shaped like a product or company, a name right after a company noun.
    @inline(__always)
    private func unlistedName(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens, n = scan.n, cls = scan.cls, info = scan.info, scalars = scan.scalars
        let t = tokens[i]
        // "the parents of Jonah Pike", "the family of a nurse, Rosa Imbert,", "the estate of Ada Quill": kin acting
        // for a person named after "of" are one party, named by the relation and the person.
        let kin = cls[i] & Self.cArticle != 0 && t.lower == "the" && i + 1 < n ? i + 1 : i
        if cls[kin] & Self.cKin != 0, !tokens[kin].isCapitalized || kin == 0, kin + 3 < n, tokens[kin + 1].lower == "of",
           let (nameStart, nameEnd) = kinPerson(tokens, info, from: kin + 2) {
            result.append(Mention(start: kin, end: nameEnd, role: .named(.organization),
                                  name: "\(tokens[kin].lower) of \(scan.surface(nameStart, nameEnd))"))
            return nameEnd
        }
        // "novelist Jane Morrow", "The Good Nurse author Charles Graeber", "Jane Morrow, a novelist,", "Jane Morrow and
        // Peter Hale, the parents of…": a person, named by a role before the name or in an apposition after it.
        if t.isCapitalized, t.kind == .word, info[i] == nil, i + 1 < n, tokens[i + 1].isCapitalized, info[i + 1] == nil,
           let end = personName(tokens, info, from: i),
           (i > 0 && Self.personRoles.contains(tokens[i - 1].lower)) || personApposition(tokens, info, after: end) {
            var m = Mention(start: i, end: end, role: .named(.organization), name: scan.surface(i, end))
            m.isPerson = end - i >= 2
            return scan.emit(m, into: &result)
        }
        if t.isCapitalized, t.kind == .word, info[i] == nil, !Self.isPluralAcronym(scalars, t), Self.inArgumentPosition(tokens, at: i) {
            // "fined Zentrix", "a probe into Northwind Traders": a name the list does not know, where an act's
            // party stands.
            var end = i + 1
            while end < n, end - i < 3, tokens[end].isCapitalized, tokens[end].kind == .word, info[end] == nil,
                  !Self.notNames.contains(tokens[end].lower) { end += 1 }
            // A possessor ("blocked Sam Altman's project Worldcoin") owns the party rather than being it.
            if end >= n || tokens[end].lower != "'s" {
                result.append(Mention(start: i, end: end, role: .named(.company), name: scan.surface(i, end)))
                return end
            }
        }
        if t.isCapitalized, t.kind == .word, info[i] == nil, let kind = unknownName(tokens, scalars, at: i) {
            var end = i + 1
            while end < n, tokens[end].isCapitalized, tokens[end].kind == .word, info[end] == nil, end - i < 3,
                  kind == .product || Self.isCamelCase(scalars, tokens[end]) { end += 1 }
            let m = Mention(start: i, end: end, role: .named(kind), name: scan.surface(i, end))
            return scan.emit(m, into: &result)
        }
        if !t.isCapitalized, cls[i] & Self.cAppositive != 0, i + 1 < n, tokens[i + 1].isCapitalized,
           tokens[i + 1].kind == .word, i > 0, !Self.notNames.contains(tokens[i + 1].lower),
           !Self.commonAcronyms.contains(tokens[i + 1].lower) {
            // "Chinese AI startup Zhipu", "the budgeting app CediWise", "the operator Zim Mobile": a capitalised
            // name right after a company or service noun.
            var end = i + 1
            while end < n, tokens[end].isCapitalized, tokens[end].kind == .word, end - i <= 3, (info[end]?.aliases.isEmpty ?? true),
                  !Self.notNames.contains(tokens[end].lower) { end += 1 }
            if end > i + 1 {
                let m = Mention(start: i + 1, end: end, role: .named(.company), name: scan.surface(i + 1, end))
                return scan.emit(m, into: &result)
            }
        }
        return nil
    }

    /// Anaphors and authorities: a court by its description, "its commerce ministry", the pronouns "it" and
    /// "they", a bare quantifier that acts ("some have complied"), "authorities" and "officials". A word of no
    /// such class ends the search at `i`.
    @inline(__always)
    private func anaphor(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens, n = scan.n, cls = scan.cls, documentCountry = scan.documentCountry
        let t = tokens[i]
        // 4. Anaphors and authorities.
        let lower = t.lower
        let c = cls[i]
        if c & Self.cFunction == 0 && c & Self.cGroupHead == 0 && c & Self.cGroupModifier == 0 && c & Self.cAppositive == 0 {
            return i + 1
        }
        if c & Self.cArticle != 0, let court = courtPhrase(tokens, from: i + 1) {
            // "a federal appeals court", "the district judge": a court, named by its description.
            let name = tokens[i + 1].isCapitalized ? scan.surface(i + 1, court) : tokens[(i + 1)..<court].map(\.lower).joined(separator: " ")
            if court - i > 2 || lower != "the" {
                result.append(Mention(start: i, end: court, role: .named(.court), name: name, country: documentCountry))
                return court
            }
        }
        // "its commerce ministry": the ministry of the first country named in the sentence (its subject), else of the one
        // the article is about.
        if lower == "its", let code = result.first(where: { $0.role == .country || $0.kind == .government })?.country ?? documentCountry,
           let rec = self.country(code: code), let ministry = ministryPhrase(tokens, from: i + 1, country: rec) {
            result.append(Mention(start: i, end: ministry.end, role: .named(.government), name: ministry.name, country: code))
            return ministry.end
        }
        // "the country's internet regulator": that country's regulator for the topic.
        if lower == "the", i + 3 < n, tokens[i + 1].lower == "country", tokens[i + 2].lower == "'s",
           let code = documentCountry, let rec = self.country(code: code), let body = regulatorPhrase(tokens, from: i + 3, country: rec, code: code) {
            result.append(Mention(start: i, end: body.end, role: .named(.regulator), name: body.name, country: code))
            return body.end
        }
        // "under the IT Act", "India's IT ministry": a capital inside the sentence makes "IT" an acronym.
        if c & Self.cFunction != 0, lower == "it" || lower == "its",
           !(lower == "it" && t.isCapitalized && i > 0 && !["\"", "(", ":", "-", "'", ";"].contains(tokens[i - 1].lower)) {
            result.append(Mention(start: i, end: i + 1, role: .company, name: lower))
            return i + 1
        }
        if c & Self.cFunction != 0, lower == "they" || lower == "them" || lower == "their" {
            result.append(Mention(start: i, end: i + 1, role: .plural, name: lower))
            return i + 1
        }
        if c & Self.cFunction != 0, (lower == "some" || lower == "several" || lower == "many" || lower == "others"), i + 1 < n,
           Self.verbsAfterBareQuantifier.contains(tokens[i + 1].lower) {
            result.append(Mention(start: i, end: i + 1, role: .plural, name: lower))
            return i + 1
        }
        if c & Self.cFunction != 0, lower == "authorities" || lower == "officials" || lower == "police" {
            result.append(Mention(start: i, end: i + 1, role: .authority, name: lower))
            return i + 1
        }
        return nil
    }

    /// Anaphors by description: "the country's ministry", "the country" as a subject, and "the company",
    /// "these firms", "the regulator", "the senators"; an article before a listed name, or before an
    /// appositive followed by the name, is stepped over.
    @inline(__always)
    private func definiteDescription(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens, n = scan.n, slots = scan.slots, cls = scan.cls, info = scan.info, documentCountry = scan.documentCountry
        let t = tokens[i]
        let lower = t.lower
        let c = cls[i]
        // "the country's communications ministry": the country the article is about.
        if lower == "the", i + 3 < n, tokens[i + 1].lower == "country", tokens[i + 2].lower == "'s",
           let code = documentCountry, let rec = self.country(code: code), let ministry = ministryPhrase(tokens, from: i + 3, country: rec) {
            result.append(Mention(start: i, end: ministry.end, role: .named(.government), name: ministry.name, country: code))
            return ministry.end
        }
        // "In 2021, the country shut down mobile internet": "the country" or "the nation" as a subject (opening
        // the sentence or its clause) is the government of the country the article is about.
        if lower == "the", i + 1 < n, ["country", "nation"].contains(tokens[i + 1].lower),
           !(i + 2 < n && tokens[i + 2].lower == "'s"), i == 0 || tokens[i - 1].lower == ",",
           let code = documentCountry {
            result.append(Mention(start: i, end: i + 2, role: .authority, name: "the government", country: code, head: "government"))
            return i + 2
        }
        // "the Dutch privacy watchdog", "the Federal Trade Commission": an article before a listed name.
        if lower == "the", i + 1 < n, slots[i + 1] >= 0, bestAlias(tokens, at: i + 1, info) != nil {
            return i + 1
        }
        if c & Self.cFunction != 0, lower == "the" || lower == "these" || lower == "those" || lower == "such" {
            // "the company", "the US firm", "The Chinese tech giant", "these companies", "the government".
            var j = i + 1
            var country: String?
            while j < n, j - i <= 3 {
                let w = tokens[j].lower
                // "After the storm, users in Kenya…": a description does not run past a comma or a bracket.
                if [",", ";", ":", "(", ")", "-", "\""].contains(w) { j = n; break }
                if cls[j] & (Self.cSingular | Self.cAuthority | Self.cRegulator | Self.cGroupHead | Self.cCourt) != 0
                    || Self.genericAcronyms.contains(w) { break }
                if let code = info[j]?.country ?? countryCode(prefixOf: w) { country = code }
                j += 1
            }
            // "The Federal Trade Commission", "the Ministry of …": a name, not an anaphor.
            // "the DPA" (a data protection authority) is written in capitals and is still a pointer back.
            let isGenericAcronym = j < n && Self.genericAcronyms.contains(tokens[j].lower)
            // "the Commission said", "the Court ruled": a capitalised head alone, that no name continues ("the Commission
            // for Communications Regulation", "the Ministry of Commerce"), points back like "the regulator".
            let bareHead = j < n && cls[j] & (Self.cAuthority | Self.cRegulator | Self.cCourt) != 0 && j == i + 1
                && !(j + 1 < n && (tokens[j + 1].isCapitalized || ["of", "for", "on"].contains(tokens[j + 1].lower)))
            let isName = j < n && tokens[j].isCapitalized && !isGenericAcronym && !bareHead
            if j < n, j - i <= 3, !isName {
                let w = tokens[j].lower
                // "the Chinese commerce ministry": a ministry of the country named, not "the government";
                // "the trade ministry": of the country the article is about.
                if Self.ministryHeads.contains(w), let code = country ?? documentCountry, let rec = self.country(code: code),
                   let ministry = ministryPhrase(tokens, from: ((i + 1..<j).first { info[$0]?.country != nil } ?? i) + 1, country: rec),
                   ministry.end == j + 1 {
                    result.append(Mention(start: i, end: j + 1, role: .named(.government), name: ministry.name, country: code))
                    return j + 1
                }
                // An appositive ("the Chinese tech giant Alibaba") is the name that follows, not an anaphor.
                let nameFollows = j + 1 < n && tokens[j + 1].isCapitalized && tokens[j + 1].kind == .word
                if nameFollows {
                    // "The router maker Lanxin": a name the list does not know is the party the description
                    // introduces (a listed one is read by the list).
                    let k = j + 1
                    if info[k] == nil, !Self.notNames.contains(tokens[k].lower), !Self.commonAcronyms.contains(tokens[k].lower),
                       !Self.genericAcronyms.contains(tokens[k].lower), lower == "the",
                       cls[j] & (Self.cSingular | Self.cAppositive | Self.cRegulator) != 0 {
                        var end = k + 1
                        while end < n, end - k < 3, tokens[end].isCapitalized, tokens[end].kind == .word, info[end] == nil,
                              !Self.notNames.contains(tokens[end].lower) { end += 1 }
                        let kind: EntityKind = cls[j] & Self.cRegulator != 0 ? .regulator : .company
                        let m = Mention(start: k, end: end, role: .named(kind), name: scan.surface(k, end))
                        return scan.emit(m, into: &result)
                    }
                    return j + 1
                }
                var role: Mention.Role?
                if cls[j] & Self.cSingular != 0 && lower == "the" { role = .company }
                else if cls[j] & Self.cAuthority != 0 { role = .authority }
                else if cls[j] & Self.cRegulator != 0 || isGenericAcronym { role = .authority }
                else if w == "court" { role = .authority }
                else if cls[j] & Self.cGroupHead != 0 && Self.authorityHeads.contains(w) {
                    // "the senators", "the regulators": a group that can act, not a pointer back.
                    role = .group
                }
                else if cls[j] & Self.cGroupHead != 0 && (lower != "the" || country == nil) { role = .plural }
                if let role {
                    let name = role == .group ? tokens[(i + 1)...j].map(\.lower).joined(separator: " ") : scan.surface(i, j + 1)
                    let m = Mention(start: i, end: j + 1, role: role, name: name, country: country, head: w)
                    return scan.emit(m, into: &result)
                }
            }
        }
        return nil
    }

    /// Groups without a country word: "employees", "some firms" (organisations named before), "local developers"
    /// (of the country the article is about).
    @inline(__always)
    private func genericGroup(at i: Int, _ scan: MentionScan, _ result: inout [Mention]) -> Int? {
        let tokens = scan.tokens, n = scan.n, cls = scan.cls, documentCountry = scan.documentCountry
        let t = tokens[i]
        let lower = t.lower
        // 5. Generic groups without a country word: "employees", "some firms", "users in China".
        if cls[i] & Self.cGroupHead != 0 || (cls[i] & Self.cGroupModifier != 0 && i + 1 < n) {
            if let group = groupPhrase(tokens, from: i, countryWord: nil) {
                var name = group.name
                var country = group.country
                var role = Mention.Role.group
                // "some firms", "several companies": organisations named before; "local developers": of the
                // country the article is about.
                if group.country == nil, Self.quantifiers.contains(lower), Self.organisationHeads.contains(group.head) {
                    role = .plural
                } else if group.country == nil, tokens[i..<group.end].contains(where: { $0.lower == "local" }),
                          let code = documentCountry, let rec = self.country(code: code) {
                    name = "\(group.head) in \(rec.name)"
                    country = code
                }
                result.append(Mention(start: i, end: group.end, role: role, name: name, country: country, head: group.head))
                return group.end
            }
        }
        return nil
    }

    /// Countries that only locate something: a possessive country right before a party, and a country that is not
    /// the subject of a verb. They become modifiers, which give a country but do not act.
    private func markLocatingCountries(_ result: inout [Mention], in tokens: [Token]) {
        let n = tokens.count
        // "Italy's Garante", "China's Alibaba": a possessive country right before a party only locates it.
        for k in result.indices where result[k].role == .country && result[k].possessive {
            if k + 1 < result.count, result[k + 1].start == result[k].end, result[k + 1].canAct { result[k].isModifier = true }
        }
        // A country acts only as a subject followed by its verb ("Nepal on Thursday moved", "China has
        // implemented"); "US company", "the US and China", "a major US AI company" only locate something.
        // Countries coordinated before one verb act together ("Indonesia and Malaysia cut off access", "Turkey,
        // Russia and Iran blocked…"), unless the list is a preposition's object ("talks between the US and China
        // stalled").
        var coordinatedSubjects = Set<Int>()
        for k in result.indices where result[k].role == .country && !result[k].possessive && !result[k].isModifier
            && !coordinatedSubjects.contains(k) {
            var chain = [k]
            var j = k
            while j + 1 < result.count, result[j].end < n, [",", "and"].contains(tokens[result[j].end].lower) {
                // "France, Germany and Italy", "France, Germany, and Italy".
                let serial = tokens[result[j].end].lower == "," && result[j].end + 1 < n && tokens[result[j].end + 1].lower == "and"
                let gap = serial ? 2 : 1
                guard result[j + 1].start == result[j].end + gap, result[j + 1].role == .country, !result[j + 1].possessive else { break }
                let joinedByAnd = serial || tokens[result[j].end].lower == "and"
                j += 1
                chain.append(j)
                if joinedByAnd { break }
            }
            guard chain.count > 1, tokens[result[j].start - 1].lower == "and" else { continue }
            // The list opens its clause ("Indonesia and Malaysia cut…", "…, and Turkey and Russia blocked…"); after a
            // verb it is that verb's object ("Tourists who visited Russia and Belarus used VPNs").
            let first = result[k].start
            guard opensClause(first > 1 && tokens[first - 1].lower == "the" ? first - 1 : first) else { continue }
            if verbFollows(result[j], prev: "") { coordinatedSubjects.formUnion(chain) }
        }
        /// Whether the word at `start` opens its clause: the sentence's first, or after a comma, a semicolon, a colon
        /// or a clause opener ("and", "while", "instead"…).
        func opensClause(_ start: Int) -> Bool {
            start == 0 || [",", ";", ":"].contains(tokens[start - 1].lower) || Self.clauseOpeners.contains(tokens[start - 1].lower)
        }
        func verbFollows(_ m: Mention, prev: String) -> Bool {
            // "Russia, on Monday, blocked Telegram", "Russia, on Monday, quietly blocked Telegram": a when or where set
            // off by commas between the country and its verb when the country opens its clause (not "Teachers across
            // Brazil, last year, banned…"). The verb, or the adverb before it, is read after the closing comma.
            if m.end + 1 < n, tokens[m.end].lower == ",", opensClause(m.start),
               EventExtractor.reducedRelativeFollowers.contains(tokens[m.end + 1].lower),
               let close = (m.end + 2..<min(n, m.end + 7)).first(where: { tokens[$0].lower == "," }),
               verb(at: close + 1, afterSetOff: true) {
                return true
            }
            return verb(at: m.end, afterSetOff: false)

            /// Whether the word at `at`, right after the country or after its set-off phrase, is the country's verb or
            /// an adverb before it. After a set-off phrase a present in -s is not read as a verb.
            func verb(at: Int, afterSetOff: Bool) -> Bool {
                guard at < n, !tokens[at].isCapitalized, tokens[at].kind == .word else { return false }
                let w = tokens[at].lower
                // "the EU just fined", "Kenya quietly banned": an adverb before the verb.
                let adverbThenVerb = (w == "just" || (w.hasSuffix("ly") && w.count > 4)) && at + 1 < n
                    && tokens[at + 1].kind == .word && !tokens[at + 1].isCapitalized
                    && (tokens[at + 1].lower.hasSuffix("ed") || Self.countrySubjectFollowers.contains(tokens[at + 1].lower))
                    // "EU highly skilled workers": a participle before a group is an adjective.
                    && !(at + 2 < n && Self.groupHeads.contains(tokens[at + 2].lower))
                // "prompting Peru to ban the tool", "pressed Kenya to block it": made or asked to act, the country acts.
                let madeToAct = w == "to" && Self.objectControlVerbs.contains(prev) && at + 1 < n
                    && tokens[at + 1].kind == .word && !tokens[at + 1].isCapitalized
                let presentVerb = !afterSetOff && w.hasSuffix("s") && !Self.groupHeads.contains(w)
                return Self.countrySubjectFollowers.contains(w) || w.hasSuffix("ed") || presentVerb || adverbThenVerb || madeToAct
            }
        }
        for k in result.indices where result[k].role == .country && !result[k].possessive && !result[k].isModifier
            && !coordinatedSubjects.contains(k) {
            let m = result[k]
            let prev = m.start > 0 ? tokens[m.start - 1].lower : ""
            if !verbFollows(m, prev: prev) || ["a", "an", "major", "its", "and", "or", "between"].contains(prev) {
                result[k].isModifier = true
            }
        }
    }

    /// The longest alias of the list that matches at token `i` (capitals where the alias has them).
    /// An alias several bodies share ("CNPD" in Portugal and in Luxembourg) means the one of `country` (the country
    /// the sentence named last, or the article's), when one is.
    private func bestAlias(_ tokens: [Token], at i: Int, _ info: InfoView, country: () -> String? = { nil }) -> Alias? {
        let slot = Int(info.slots[i])
        guard slot >= 0 else { return nil }
        let n = tokens.count
        var best: Alias?
        func consider(_ a: Alias) {
            let longer = a.words.count > (best?.words.count ?? 0)
            // Asked only on a tie between two bodies, which is rare: finding the country costs a scan.
            let betterPlaced = best.map { b in
                guard a.words.count == b.words.count, records[a.record].country != records[b.record].country,
                      let country = country() else { return false }
                return records[a.record].country == country
            } ?? false
            guard i + a.words.count <= n, longer || betterPlaced else { return }
            for k in 0..<a.words.count {
                let tk = tokens[i + k]
                if tk.lower != a.words[k] || (a.capitals[k] && !tk.isCapitalized) { return }
            }
            best = a
        }
        if i + 1 < n, !longerAliases[slot].isEmpty, let longer = longerAliases[slot][tokens[i + 1].lower] { for a in longer { consider(a) } }
        if best == nil { for a in singleAliases[slot] { consider(a) } }
        return best
    }

    /// `info[i]` for token `i`, looked up through the token's slot.
    struct InfoView {
        let slots: [Int32]
        let infos: [WordInfo]
        subscript(_ i: Int) -> WordInfo? { slots[i] >= 0 ? infos[Int(slots[i])] : nil }
    }

    /// Capitalised words that are never names of companies or products: months and their abbreviations (the date
    /// reader's table), weekdays, pronouns, function words and titles.
    private static let notNames: Set<String> = Set([
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "i", "we", "he",
        "she", "they", "it", "this", "that", "these", "those", "in", "on", "at", "last", "next", "meanwhile", "however",
        "but", "and", "so", "still", "yet", "also", "earlier", "later", "today", "yesterday", "tomorrow", "when", "while",
        "after", "before", "since", "although", "despite", "if", "as", "for", "with", "from", "by", "per", "what", "why",
        "how", "who", "where", "mr", "mrs", "ms", "dr", "prof", "president", "minister", "prime", "chief", "ceo", "rs",
    ]).union(EventExtractor.months.keys)
    /// Capitalised words of technology that name kinds of things, not parties: "ordered VPN providers to register".
    static let commonAcronyms: Set<String> = Lexicon.bundled.set("common-acronyms")
    private static let productNouns: Set<String> = Lexicon.bundled.set("product-nouns")
    private static let orgNouns: Set<String> = Lexicon.bundled.set("org-nouns")
    /// Nouns for a party of any kind, one or many: "government", "platform", "companies", "regulators".
    static let partyNouns: Set<String> = appositiveHeads.union(singularAnaphorHeads).union(productNouns).union(orgNouns)
        .union(groupHeads).union(authorityHeads).union(PartyResolver.authorityHeads).union(PartyResolver.courtHeads)
        .union(PartyResolver.legislatureHeads)

    /// "controlled", "owned", "based", "linked" after a group and before a country: who the group belongs to.
    static let ownershipParticiples: Set<String> = Lexicon.bundled.set("ownership-participles")
    /// Verbs whose object is the one who then acts: "prompting Peru to ban", "pressed Kenya to block".
    static let objectControlVerbs: Set<String> = Lexicon.bundled.set("object-control-verbs")
    /// "Alexandre de Moraes", "Ursula von der Leyen", "Mohammed bin Salman": a name goes on past lowercase particles
    /// to the capitalised words after them (at most two particles, then up to two words).
    static func pastParticles(_ tokens: [Token], from end: Int) -> Int {
        var k = end
        while k < tokens.count, k - end < 2, !tokens[k].isCapitalized, nameParticles.contains(tokens[k].lower) { k += 1 }
        guard k > end, k < tokens.count, tokens[k].isCapitalized, tokens[k].kind == .word, !notNames.contains(tokens[k].lower) else { return end }
        var last = k
        while last < tokens.count, last - k < 2, tokens[last].isCapitalized, tokens[last].kind == .word,
              !notNames.contains(tokens[last].lower) { last += 1 }
        return last
    }

    /// Two or three capitalised words that no list knows, none of them a month, a weekday, a title or a function word:
    /// the end of a person's name starting at `i`.
    func personName(_ tokens: [Token], _ info: InfoView, from i: Int) -> Int? {
        var end = i
        while end < tokens.count, end - i < 3, tokens[end].isCapitalized, tokens[end].kind == .word, info[end] == nil,
              !Self.notNames.contains(tokens[end].lower), !Self.commonAcronyms.contains(tokens[end].lower),
              !Self.personRoles.contains(tokens[end].lower), !tokens[end].lower.contains("-"),
              tokens[end].lower.count > 1 { end += 1 }
        return end - i >= 2 ? end : nil
    }

    /// Relatives and heirs who act for a person: "the parents of …", "the widow of …".
    static let kinNouns: Set<String> = Lexicon.bundled.set("kin-nouns")

    /// The person's name after a kin noun's "of": at `j` ("Jonah Pike"), after a role ("15-year-old student Jonah
    /// Pike"), or after a short description set off by commas ("a 15-year-old student, Jonah Pike,").
    func kinPerson(_ tokens: [Token], _ info: InfoView, from j: Int) -> (Int, Int)? {
        if j < tokens.count, tokens[j].isCapitalized, let end = personName(tokens, info, from: j) { return (j, end) }
        // "of 15-year-old Oregon student Jonah Pike": a role right before the name, after a few describing words.
        var r = j
        while r < tokens.count, r - j < 6, tokens[r].lower != ",", !Self.personRoles.contains(tokens[r].lower) { r += 1 }
        if r + 1 < tokens.count, Self.personRoles.contains(tokens[r].lower), tokens[r + 1].isCapitalized,
           let end = personName(tokens, info, from: r + 1) {
            return (r + 1, end)
        }
        guard j < tokens.count, ["a", "an", "the", "their", "her", "his"].contains(tokens[j].lower) else { return nil }
        var k = j + 1
        while k < tokens.count, k - j <= 5, tokens[k].lower != ",", !tokens[k].isCapitalized || tokens[k].kind != .word { k += 1 }
        guard k + 1 < tokens.count, tokens[k].lower == ",", tokens[k + 1].isCapitalized,
              let end = personName(tokens, info, from: k + 1), end < tokens.count, tokens[end].lower == "," else { return nil }
        return (k + 1, end)
    }

    /// ", a novelist", ", the parents of …", "and Peter Hale, two authors": a role set off by a comma after a name or a
    /// coordination of names.
    func personApposition(_ tokens: [Token], _ info: InfoView, after end: Int) -> Bool {
        var k = end
        // "Jane Morrow and Peter Hale, …": the apposition may follow the last name of a pair.
        if k + 1 < tokens.count, tokens[k].lower == "and", let next = personName(tokens, info, from: k + 1) { k = next }
        guard k + 2 < tokens.count, tokens[k].lower == "," else { return false }
        var j = k + 1
        if ["a", "an", "the", "two", "three"].contains(tokens[j].lower) { j += 1 }
        var adjectives = 0
        while j < tokens.count, adjectives < 3, !Self.personRoles.contains(tokens[j].lower), tokens[j].kind == .word,
              !tokens[j].isCapitalized { j += 1; adjectives += 1 }
        return j < tokens.count && Self.personRoles.contains(tokens[j].lower)
    }

    /// What people are called by their work or place in a story, before or after their name.
    static let personRoles: Set<String> = Lexicon.bundled.set("person-roles")

    /// Titles before a person's name that make the person act for a court.
    static let judicialTitles: Set<String> = Lexicon.bundled.set("judicial-titles")
    /// The last word of an office held for a government, before the holder's name: "Attorney General", "Governor".
    static let officialTitles: Set<String> = Lexicon.bundled.set("official-titles")
    /// Words of an office before its last word: "Attorney", "Prime", "Deputy".
    static let officialModifiers: Set<String> = Lexicon.bundled.set("official-modifiers")

    /// The end of an office written before a name, capitalised, from `i`: modifiers or a ministry's topics, then the
    /// office's last word ("Attorney General", "Deputy Digital Minister", "Governor"); nil when there is none.
    func officialTitle(_ tokens: [Token], from i: Int) -> Int? {
        var j = i
        while j < tokens.count, j - i < 3, tokens[j].isCapitalized,
              Self.officialModifiers.contains(tokens[j].lower) || Self.ministryTopics.contains(tokens[j].lower) { j += 1 }
        guard j < tokens.count, tokens[j].isCapitalized, Self.officialTitles.contains(tokens[j].lower) else { return nil }
        if tokens[j].lower == "general", !(j > i && ["attorney", "solicitor"].contains(tokens[j - 1].lower)) { return nil }
        return j + 1
    }

    /// The end of a head of state's or government's title and name at `j` ("President Luiz Inácio Lula da Silva",
    /// "Prime Minister Narendra Modi's government", "president"), or nil when no such title is there.
    func leaderPhrase(_ tokens: [Token], from j: Int) -> Int? {
        let n = tokens.count
        guard j < n else { return nil }
        var end: Int
        let w = tokens[j].lower
        if j + 1 < n, (w == "prime" && tokens[j + 1].lower == "minister") || (w == "vice" && tokens[j + 1].lower == "president")
            || (w == "crown" && tokens[j + 1].lower == "prince") || (w == "supreme" && tokens[j + 1].lower == "leader") {
            end = j + 2
        } else if Self.leaderTitles.contains(w) {
            end = j + 1
        } else {
            return nil
        }
        // The name: capitalised words, with the particles of names between them ("Lula da Silva").
        let nameStart = end
        while end < n, end - nameStart < 6, tokens[end].kind == .word,
              tokens[end].isCapitalized || (Self.nameParticles.contains(tokens[end].lower) && end + 1 < n && tokens[end + 1].isCapitalized) {
            end += 1
        }
        if end < n, tokens[end].lower == "'s" {
            // "Modi's government", "Ruto's administration": the government itself.
            if end + 1 < n, ["government", "administration", "cabinet"].contains(tokens[end + 1].lower) { return end + 2 }
            return end > nameStart ? end + 1 : nil
        }
        return end
    }
    static let leaderTitles: Set<String> = Lexicon.bundled.set("leader-titles")
    static let nameParticles: Set<String> = Lexicon.bundled.set("name-particles")
    /// Words of a court before a judge's title: "District Judge", "Chief Justice", "Federal Magistrate".
    static let judicialDescriptors: Set<String> = Lexicon.bundled.set("judicial-descriptors")
    /// Nouns of acts whose party follows "of", "on" or "to": "a probe of X", "a ban on X", "access to X".
    private static let actNouns: Set<String> = Lexicon.bundled.set("act-nouns")
    private static let determiners: Set<String> = [
        "the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "that", "these", "those", "newly",
    ]
    /// Verbs in "-ed" that are followed by a place, not a party ("visited Lagos").
    private static let placeVerbs: Set<String> = Lexicon.bundled.set("place-verbs")

    /// Whether a capitalised word that the list does not know stands where an act's party does: after "against"
    /// or "into", after an act's noun and "of", "on" or "to" ("a ban on X"), or right after a verb in the past
    /// ("fined X", "sued X", "imposed on X"). Sentence-initial words, months and days, and words after place verbs
    /// are not.
    static func inArgumentPosition(_ tokens: [Token], at i: Int) -> Bool {
        // "…said that Zentrix was removed from the store", "#Zentrix had been blocked": the one a passive act is done
        // to, after "that" or a mark (not at a sentence's start, where any word has a capital).
        // (The auxiliary after the word is looked at first: it is rare, and the word lists are not.)
        if i >= 1, i + 2 < tokens.count, tokens[i - 1].lower == "that" || tokens[i - 1].kind != .word {
            var k = i + 1
            switch tokens[k].lower {
            case "has", "have", "had": k = k + 2 < tokens.count && tokens[k + 1].lower == "been" ? k + 2 : -1
            case "was", "were", "is", "are": k += 1
            default: k = -1
            }
            if k > 0, EventExtractor.isParticiple(tokens[k].lower), !notNames.contains(tokens[i].lower),
               !commonAcronyms.contains(tokens[i].lower) { return true }
        }
        // A hyphenated word is a modifier more often than a name ("a ban on Friday-branded routers").
        guard i >= 2, !notNames.contains(tokens[i].lower), !commonAcronyms.contains(tokens[i].lower),
              !tokens[i].lower.contains("-") else { return false }
        let previous = tokens[i - 1].lower
        if previous == "against" || previous == "into" { return true }
        if ["of", "on", "to"].contains(previous) {
            // "a ban on X", "access to X"; "imposed on X", "levied on X".
            let before = tokens[i - 2].lower
            return actNouns.contains(before) || (previous == "on" && before.hasSuffix("ed") && before.count >= 5 && !placeVerbs.contains(before))
        }
        // After a determiner the "-ed" word is an adjective ("the updated Terms of Service").
        // "un-" words in "-ed" are adjectives ("unregistered VPNs", "unlicensed apps").
        return tokens[i - 1].kind == .word && !tokens[i - 1].isCapitalized && previous.count >= 5 && previous.hasSuffix("ed")
            && !previous.hasPrefix("un")
            && !placeVerbs.contains(previous) && !determiners.contains(tokens[i - 2].lower)
    }

    /// A capital anywhere in the word ("Teslas", "iPhones"), so that "apples" is never Apple.
    static func hasCapital(_ scalars: [Unicode.Scalar], _ t: Token) -> Bool {
        (t.start..<t.end).contains { scalars[$0].value >= 0x41 && scalars[$0].value <= 0x5A }
    }

    /// "VPNs", "ISPs", "GPUs": the plural of an abbreviation is a class of things, never one party's name.
    static func isPluralAcronym(_ scalars: [Unicode.Scalar], _ t: Token) -> Bool {
        guard t.end - t.start >= 3, scalars[t.end - 1] == "s" else { return false }
        return (t.start..<t.end - 1).allSatisfy { scalars[$0].value >= 0x41 && scalars[$0].value <= 0x5A }
    }

    /// "RedNote", "DeepMind": a capital inside a word names a company or product.
    static func isCamelCase(_ scalars: [Unicode.Scalar], _ t: Token) -> Bool {
        guard t.end - t.start >= 4 else { return false }
        var sawLower = false
        for k in t.start..<t.end {
            let c = scalars[k]
            if c.value >= 0x61 && c.value <= 0x7A { sawLower = true }
            else if c.value >= 0x41 && c.value <= 0x5A, sawLower { return true }
        }
        return false
    }

    /// A capitalised word that is not in the list but is shaped like a name: camel case ("RedNote"), an
    /// appositive that says what it is ("Kimi, the chatbot made by…"), or a product noun after it ("the
    /// Tunnelfox extension").
    private func unknownName(_ tokens: [Token], _ scalars: [Unicode.Scalar], at i: Int) -> EntityKind? {
        let n = tokens.count
        if Self.notNames.contains(tokens[i].lower) { return nil }
        if Self.isCamelCase(scalars, tokens[i]) { return .company }
        var j = i + 1
        while j < n, j - i < 3, tokens[j].isCapitalized, tokens[j].kind == .word { j += 1 }
        if i == 0 {
            // A capital at a sentence's start says nothing by itself, but a closed apposition that says what the
            // name is still names a party there ("Dreamwidth, a blogging site, stopped…"); a sentence adverb before
            // one does not ("Separately, the company, …").
            if tokens[0].lower.hasSuffix("ly") || EventExtractor.adverbs.contains(tokens[0].lower)
                || Self.clauseOpeners.contains(tokens[0].lower) { return nil }
            return closedApposition(tokens, after: j)
        }
        if j < n, Self.productNouns.contains(tokens[j].lower), tokens[i - 1].lower == "the" || tokens[i - 1].lower == "its" { return .product }
        if j + 2 < n, tokens[j].lower == ",", tokens[j + 1].lower == "the" || tokens[j + 1].lower == "a" || tokens[j + 1].lower == "an" {
            var k = j + 2
            while k < n, k - j < 6, tokens[k].lower != "," {
                if Self.productNouns.contains(tokens[k].lower) { return .product }
                if Self.orgNouns.contains(tokens[k].lower) { return .company }
                k += 1
            }
        }
        if ["by", "from"].contains(tokens[i - 1].lower), i >= 2, ["owned", "backed", "made", "developed", "run", "operated"].contains(tokens[i - 2].lower) {
            return .company
        }
        return nil
    }

    /// ", a blogging site," after a name, followed by a lowercase word: an apposition closed by a comma whose last
    /// word says what kind of party the name is. "Meanwhile, a small startup, …" stays nothing: the caller has
    /// already set aside the words that are never names.
    private func closedApposition(_ tokens: [Token], after j: Int) -> EntityKind? {
        let n = tokens.count
        guard j + 3 < n, tokens[j].lower == ",", ["a", "an", "the"].contains(tokens[j + 1].lower) else { return nil }
        var k = j + 2
        while k < n, k - j <= 8, tokens[k].lower != "," { k += 1 }
        guard k + 1 < n, tokens[k].lower == ",", k - 1 > j + 1,
              tokens[k + 1].kind == .word, !tokens[k + 1].isCapitalized else { return nil }
        // The name stands as the subject here, so a service that acts ("a blogging site") is the party itself. An
        // outlet ("Caixin, a business newspaper, reported…") tells of acts rather than doing them, and a regulator is
        // left to the ways authorities are recognised.
        let head = tokens[k - 1].lower
        if EventExtractor.mediaWords.contains(head) || Self.regulatorHeads.contains(head) { return nil }
        if Self.orgNouns.contains(head) || Self.appositiveHeads.contains(head) { return .company }
        if Self.productNouns.contains(head) { return .product }
        return nil
    }

    static let courtModifiers: Set<String> = Lexicon.bundled.set("court-modifiers")
    /// Words written as a title, each capitalised but "of": "constitutional court" → "Constitutional Court",
    /// "house of representatives" → "House of Representatives".
    static func titled(_ words: [String]) -> String {
        words.map { $0 == "of" ? $0 : $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
    /// Words after which a clause opens, so that a list of countries there is its subject: "…, and Turkey and Russia
    /// blocked…", "Instead, Indonesia and Malaysia cut…".
    private static let clauseOpeners: Set<String> = Lexicon.bundled.set("clause-openers")

    /// End of "federal appeals court" / "judge" after an article, if the words there describe a court.
    private func courtPhrase(_ tokens: [Token], from start: Int) -> Int? {
        var j = start
        while j < tokens.count, j - start < 3, Self.courtModifiers.contains(tokens[j].lower), !tokens[j].isCapitalized { j += 1 }
        // "a Seoul court", "a Paris appeals court": the place it sits in, named in one word.
        if j < tokens.count, tokens[j].isCapitalized, tokens[j].kind == .word, j + 1 < tokens.count {
            var k = j + 1
            while k < tokens.count, k - j <= 2, Self.courtModifiers.contains(tokens[k].lower), !tokens[k].isCapitalized { k += 1 }
            if k < tokens.count, !tokens[k].isCapitalized, ["court", "judge", "tribunal"].contains(tokens[k].lower) { return k + 1 }
        }
        guard j < tokens.count, !tokens[j].isCapitalized, ["court", "judge", "tribunal", "justice"].contains(tokens[j].lower) else { return nil }
        return j + 1
    }

    /// The regulator of a country in the list, for "Ireland's regulator" (the first one listed) or "Italy's privacy
    /// watchdog" (the first whose names mention the topic; privacy and data are one topic).
    func regulator(of code: String?, topic: String? = nil) -> String? {
        guard let code else { return nil }
        let candidates = records.filter { $0.kind == .regulator && $0.country == code }
        guard let topic else { return candidates.first?.name }
        let words = ["data", "privacy", "data-protection"].contains(topic) ? ["data", "privacy"] : [topic]
        if let found = candidates.first(where: { r in
            ([r.name] + r.aliases).contains { name in words.contains { name.lowercased().contains($0) } }
        }) { return found.name }
        // A government body that news calls a regulator or watchdog of the topic ("China's internet regulator" is
        // the Cyberspace Administration, listed as a government body).
        return records.first { r in
            r.kind == .government && r.country == code && r.aliases.contains { alias in
                let lower = alias.lowercased()
                return (lower.hasSuffix("regulator") || lower.hasSuffix("watchdog")) && words.contains { lower.contains($0) }
            }
        }?.name
    }

    private static let regulatorHeads: Set<String> = Lexicon.bundled.set("regulator-heads")
    private static let ministryHeads: Set<String> = Lexicon.bundled.set("ministry-heads")
    /// What a ministry is for, as news writes it before the head ("the commerce ministry", "its interior minister").
    private static let ministryTopics: Set<String> = Lexicon.bundled.set("ministry-topics")

    /// "commerce ministry", "economic affairs minister" after a country word: the end of the phrase and the name of
    /// the ministry. The list's government body of that country whose names hold the topic wins; otherwise the name
    /// is built from the words ("Ministry of Commerce of China").
    /// A country's regulator named by its topic after the country: "(Italy's) privacy watchdog", "(the country's)
    /// internet regulator", "(Turkey's) information and communication technologies authority". The list's regulator
    /// of that country for the topic, else one named from the words. A bare "authority" is no regulator, nor is a
    /// head followed by a name ("the regulator Ofcom" is Ofcom's).
    func regulatorPhrase(_ tokens: [Token], from start: Int, country record: EntityRecord, code: String?) -> (end: Int, name: String)? {
        let n = tokens.count
        // "China's top internet regulator", "the country's main privacy watchdog".
        var j = start
        while j < n, j - start < 2, Self.rankAdjectives.contains(tokens[j].lower) { j += 1 }
        let head = Self.topicRun(tokens, from: j, topics: Self.regulatorTopics, heads: Self.regulatorHeads, lowercaseOnly: false)
        let topic = head > j ? tokens[j].lower : nil
        guard head < n, Self.regulatorHeads.contains(tokens[head].lower), head > j || tokens[head].lower != "authority",
              !(head + 1 < n && tokens[head + 1].isCapitalized && tokens[head + 1].kind == .word) else { return nil }
        let name = regulator(of: code, topic: topic)
            ?? "\(record.demonyms.first ?? record.name) \(topic.map { "\($0) " } ?? "")regulator"
        return (head + 1, name)
    }

    /// Words of rank before a regulator's topic: "the top internet regulator".
    private static let rankAdjectives: Set<String> = Lexicon.bundled.set("rank-adjectives")

    func ministryPhrase(_ tokens: [Token], from j: Int, country: EntityRecord) -> (end: Int, name: String)? {
        // "its trade and industry ministry": topics joined by "and".
        let head = Self.topicRun(tokens, from: j, topics: Self.ministryTopics, heads: Self.ministryHeads, lowercaseOnly: true)
        let topics = tokens[j..<head].map(\.lower)
        guard !topics.isEmpty, head < tokens.count, !tokens[head].isCapitalized, Self.ministryHeads.contains(tokens[head].lower) else { return nil }
        return (head + 1, ministryName(topics: topics, country: country))
    }

    /// The heads of a government body's name that a listed ministry is found by, with its topics ("Department of
    /// Economic Affairs"); fewer than the government's body heads (not "council", "cabinet", "administration").
    private static let governmentBodyHeads: Set<String> = Lexicon.bundled.set("ministry-name-heads")
    private static let nameFillers: Set<String> = ["of", "the", "and", "for", "&"]

    /// The canonical name of the one government body of `country` in the list whose name or an alias is a ministry or
    /// department holding every topic word of `words` ("Department of Economic Affairs" -> "Dutch Ministry of
    /// Economic Affairs"), or nil when none or several are.
    func listedMinistry(topics words: [String], country: String) -> String? {
        let heads = Self.governmentBodyHeads
        let topics = Set(words.filter { !Self.nameFillers.contains($0) && !heads.contains($0) })
        guard !topics.isEmpty, words.contains(where: heads.contains) else { return nil }
        var found: String?
        for body in governmentWords[country] ?? [] {
            guard body.words.contains(where: { !$0.isDisjoint(with: heads) && topics.isSubset(of: $0) }) else { continue }
            if found != nil, found != body.name { return nil }
            found = body.name
        }
        return found
    }

    /// The name of a country's ministry for `topics`: the list's government body of that country whose names hold
    /// the topic, or one built from the words ("Ministry of Interior of Pakistan").
    func ministryName(topics: [String], country: EntityRecord) -> String {
        let key = topics.first { $0 != "affairs" && $0 != "state" && $0 != "public" && $0 != "and" } ?? topics[0]
        if let code = country.country, let listed = records.first(where: { r in
            r.kind == .government && r.country == code
                && ([r.name] + r.aliases).contains { $0.lowercased().contains("ministry") && $0.lowercased().contains(key) }
        }) {
            return listed.name
        }
        let topicName = topics.map { $0 == "it" ? "IT" : $0 == "and" ? "and" : $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        let article = country.name.hasPrefix("United ") || country.name == "Netherlands" || country.name == "Philippines" ? "the " : ""
        return "Ministry of \(topicName) of \(article)\(country.name)"
    }

    private static let regulatorTopics: Set<String> = Lexicon.bundled.set("regulator-topics")

    /// The end of the run of topic words that starts at `j` before a body's head: at most five words of `topics`,
    /// "and" only between two of them ("information and communication technologies authority", "trade and industry
    /// ministry"), stopping at a word of `heads` and, when `lowercaseOnly`, at a capitalised word.
    static func topicRun(_ tokens: [Token], from j: Int, topics: Set<String>, heads: Set<String>, lowercaseOnly: Bool) -> Int {
        var head = j
        while head < tokens.count, head - j < 5, !heads.contains(tokens[head].lower),
              !(lowercaseOnly && tokens[head].isCapitalized),
              topics.contains(tokens[head].lower)
                || (head > j && tokens[head].lower == "and" && head + 1 < tokens.count && topics.contains(tokens[head + 1].lower)) {
            head += 1
        }
        return head
    }

    /// "Ministry of Communication and Information Technology", "Supreme Court", "Treasury Department".
    private func bodyName(_ tokens: [Token], _ cls: [UInt32], from i: Int) -> (end: Int, kind: EntityKind)? {
        let n = tokens.count
        var j = i
        var headKind: EntityKind?
        var headAt = -1
        while j < n, j - i < 10 {
            let t = tokens[j]
            if t.isCapitalized, t.kind == .word {
                if cls[j] & Self.cBodyHead != 0, let k = Self.bodyHeads[t.lower] { headKind = k; headAt = j }
                j += 1
                continue
            }
            // "Commission for Communications", not "Commission on Thursday": a day or month after a connector ends the name.
            // "the Ministry of Foreign Affairs and Apple did not comment": "and" before a party the list knows joins
            // two parties, it does not continue the body's name.
            if cls[j] & Self.cConnector != 0, j + 1 < n, tokens[j + 1].isCapitalized, headKind != nil || t.lower == "of",
               !Self.notNames.contains(tokens[j + 1].lower),
               !((t.lower == "and" || t.lower == "&") && startsKnownName(tokens, at: j + 1)) {
                if t.lower == "of" && headKind == nil { break }
                j += 1
                continue
            }
            break
        }
        guard let kind = headKind else { return nil }
        // A head alone at the start ("Commission said") is too vague to name a body.
        if j - i == 1 && (tokens[i].lower != "parliament" && tokens[i].lower != "congress") { return nil }
        _ = headAt
        return (j, kind)
    }

    /// Whether a name of the entity list starts at `i` (whole: every word of one of its aliases).
    private func startsKnownName(_ tokens: [Token], at i: Int) -> Bool {
        (aliasesByFirst[tokens[i].lower] ?? []).contains { alias in
            i + alias.words.count <= tokens.count && (0..<alias.words.count).allSatisfy { tokens[i + $0].lower == alias.words[$0] }
        }
    }

    /// The last word of a law's name: "the Information Technology Act", "the Digital Services Regulation".
    private static let lawNameHeads: Set<String> = Lexicon.bundled.set("law-name-heads")

    /// "ByteDance Ltd", "Zhipu AI": capitalised words ending with a company suffix.
    private func suffixedOrg(_ tokens: [Token], _ cls: [UInt32], from i: Int) -> Int? {
        var j = i
        let n = tokens.count
        // "Other US AI providers": a quantifier opens a description, not a name.
        if Self.quantifiers.contains(tokens[i].lower) || ["most", "all", "both", "each", "every", "such", "few", "no", "any"].contains(tokens[i].lower) {
            return nil
        }
        while j < n, tokens[j].isCapitalized || tokens[j].kind == .number, tokens[j].kind != .punct, j - i < 5 {
            if j > i, cls[j] & Self.cOrgSuffix != 0 {
                // "the Information Technology Act" names a law, not a company.
                // So does "the Mobile Software Competition Act": a law's word ends the capitalised run.
                var k = j + 1
                while k < n, k - j <= 4 {
                    if Self.lawNameHeads.contains(tokens[k].lower) { return nil }
                    guard tokens[k].isCapitalized, tokens[k].kind == .word else { break }
                    k += 1
                }
                // "US AI providers": the word describes the group after it.
                if j + 1 < n, Self.groupHeads.contains(tokens[j + 1].lower) { return nil }
                var end = j + 1
                if end < n, tokens[end].lower == "." , tokens[j].lower.count <= 4 { end += 0 }
                return end
            }
            j += 1
        }
        return nil
    }

    /// A group noun phrase: optional modifiers and a plural head, plus "in/from COUNTRY" or "linked to COUNTRY".
    private func groupPhrase(_ tokens: [Token], from i: Int, countryWord: String?) -> (end: Int, name: String, head: String, country: String?)? {
        let n = tokens.count
        var j = i
        var modifiers: [String] = []
        while j < n, j - i < 4, !Self.groupHeads.contains(tokens[j].lower) {
            let w = tokens[j].lower
            guard Self.groupModifiers.contains(w) || Self.categoryModifiers.contains(w) || w.hasSuffix("-controlled") || w.hasSuffix("-owned") || w.hasSuffix("-based")
                    || w.hasSuffix("-run") || w.hasSuffix("-linked") || w.hasSuffix("-backed") || w.hasSuffix("-registered") else { return nil }
            if Self.categoryModifiers.contains(w) {
                modifiers.append(w == "vpn" ? "VPN" : w)
            } else if countryWord == nil, w.contains("-") || Self.namingModifiers.contains(w) {
                modifiers.append(w)
            }
            j += 1
        }
        guard j < n, Self.groupHeads.contains(tokens[j].lower) else { return nil }
        let head = tokens[j].lower
        var end = j + 1
        var country: String?
        var suffix = ""
        if end + 1 < n, tokens[end].lower == "in" || tokens[end].lower == "from", let code = countryCode(word: tokens[end + 1].lower) {
            country = code
            suffix = " in \(self.country(code: code)?.name ?? tokens[end + 1].lower)"
            end += 2
        } else if end + 2 < n, Self.ownershipParticiples.contains(tokens[end].lower), ["by", "from", "in", "to"].contains(tokens[end + 1].lower),
                  let code = countryCode(word: tokens[end + 2].lower) {
            // "companies controlled from China", "firms owned by Chinese investors", "groups linked to Russia".
            country = code
            suffix = " \(tokens[end].lower) \(tokens[end + 1].lower) \(self.country(code: code)?.name ?? tokens[end + 2].lower)"
            end += 3
        }
        var words: [String] = []
        if let countryWord { words.append(countryWord) }
        words += modifiers
        words.append(head)
        return (end, words.joined(separator: " ") + suffix, head, country)
    }
}
