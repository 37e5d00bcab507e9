import Foundation

/// Whether two "what to watch" items state the same development (the same deadline, decision or follow-on),
/// however each brief words it, and the groups of items that do.
///
/// Five outlets write five sentences about one expected appeal ("X will likely appeal the ruling to the Ninth
/// Circuit", "An appeal by X to the 9th Circuit is expected"). What they share is what the item is about (its named
/// entities, and its stated date) and what is expected: its content words (lowercased, without the stop, hedge,
/// time and month words of `Resources/watch-words.txt` and the words of its own entities' names, numbers as digits,
/// lightly stemmed so "appeals", "appealed" and "appeal" meet), and its expected act (the first content word after
/// the first hedge: "X may *appeal* the fine", "the regulator may *impose* a new fine"). Two items are the same
/// development when:
///
/// - they state the same date, share an entity and at least one content word; or
/// - they state the same date, one names no entity, and they share at least `anchoredMinimum` content words; or
/// - they share an entity and agree on at least `anchoredMinimum` content words (a further shared entity, such as
///   the court an appeal goes to, counts `entityWeight`), which make up at least `anchoredOverlap` of the shorter
///   item's (the overlap coefficient: a short sentence contained in a longer, more detailed one is still the same
///   development, since the entity anchors both); or
/// - one names no entity, and they share at least `unanchoredMinimum` content words (`bareMinimum` when neither
///   names one) that make up at least `unanchoredDice` of both (the Dice coefficient: with nothing to anchor them,
///   each must say nearly all that the other says); or
/// - they were first seen in one ISO week and state the same kinds of development about the same subjects, in any
///   words (`matchDevelopment`, `WatchDevelopment`): "other carriers will face pressure to adopt similar limits" and
///   "watch whether Orvane follows Velmora's lead", when the first one's article is about Velmora.
///
/// They are never the same development when they state different dates, when both name entities and share none
/// (the same words about another company are another company's news), or when each names an expected act that the
/// other does not mention (an appeal of a fine and a new fine share the fine, not the act).
///
/// `groups(_:keys:)` links the pairs strongest first, as single-linkage clustering does, so that a chain of
/// paraphrases forms one group even where its ends share too few words, but it never joins two groups whose
/// members could never be one (different dates, or entities with none in common): a sentence naming two companies,
/// or one naming none, cannot chain two companies' appeals together; it joins the group it matches best instead.
/// Pairs are taken by score, ties by the items' keys, so the groups depend on the set of items, never their order.
public enum WatchSimilarity {
    /// Shared content words needed when the items share an entity (all of the smaller item's, when it has fewer).
    public static let anchoredMinimum = 2
    /// What a further shared entity counts, past the one that anchors two items, in content words: a second named
    /// party both mention (the court an appeal goes to) is more specific than a shared word.
    public static let entityWeight = 2
    /// Overlap coefficient (shared words over the shorter item's) needed when the items share an entity. Two
    /// wordings of one development keep most of the shorter one's words ("will likely appeal the ruling to the
    /// Second Chamber" and "said it would appeal the court's ruling" share 2 of 3); a company's two filings with
    /// one regulator share the act and the regulator, 2 of 4.
    public static let anchoredOverlap = 0.6
    /// Shared content words needed when one item names entities and the other none.
    public static let unanchoredMinimum = 3
    /// Shared content words needed when neither item names an entity: short generic sentences ("the ban will take
    /// effect") are about too many things to be merged on their words.
    public static let bareMinimum = 4
    /// Dice coefficient (twice the shared words over both items' words) needed when an item names no entity.
    public static let unanchoredDice = 0.75
    /// Whether two items were first seen in one ISO week in articles that state a stored event in common.
    static func sameStory(_ a: Profile, _ b: Profile) -> Bool {
        a.week != nil && a.week == b.week && sharedEntity(a.stories, b.stories) != nil
    }
    /// Without an entity, two items that expect the same act (`Profile.act`) and share at least this many content
    /// words, making up `sameActOverlap` of the shorter item's, are one development too.
    public static let sameActMinimum = 4
    public static let sameActOverlap = 0.8

    /// What the comparison reads of an item.
    public struct Profile: Sendable, Hashable {
        /// Named entities, lowercased, sorted, without repeats.
        public let entities: [String]
        /// `YYYY-MM-DD`, when the item states a date.
        public let date: String?
        /// Content words, sorted, without repeats.
        public let words: [String]
        /// The expected act, a content word: "appeal" in "X is expected to appeal".
        public let act: String?
        /// The developments of a sentence that states several ("Expect a wave of workarounds, and expect the company
        /// to respond with tighter checks"; "…; …"), each read as an item of its own with the sentence's date and the
        /// entities named in it (`clauseEntities`). Empty for a sentence of one development.
        public let parts: [Profile]

        /// It names no entity, or one of its developments names none (`parts`): it may match an item by words without
        /// sharing an entity with it.
        var namesNone: Bool { entities.isEmpty || parts.contains { $0.entities.isEmpty } }

        /// The kinds of development it states, by meaning (`WatchDevelopment`), sorted by kind.
        let developments: [WatchDevelopment]
        /// The titles of its sources, as `WhatToWatch.key`s, sorted: the story an item that names no one is about.
        let titles: [String]
        /// The Monday (a `CivilDay` number) of the ISO week it was first seen in.
        let week: Int?
        /// The stored events its sources' articles state, sorted: two items whose articles report one real-world
        /// event are about the same story, though the articles differ.
        let stories: [String]

        /// Reads an item.
        ///
        /// - Parameters:
        ///   - text: the sentence.
        ///   - entities: the names it mentions.
        ///   - date: the date it states, `YYYY-MM-DD`.
        ///   - titles: the titles of the articles it comes from; a sentence that names no one ("other carriers will
        ///     adopt similar limits") is about the party they name.
        ///   - firstSeen: when it was first seen; items are merged by meaning only within an ISO week.
        ///   - stories: the stored events its sources' articles state (`StoredWatchItem.stories`).
        public init(text: String, entities: [String], date: String?, titles: [String] = [], firstSeen: Date? = nil,
                    stories: [String] = []) {
            self.init(text: text, entities: entities, date: date,
                      titles: Array(Set(titles.map(WhatToWatch.key))).sorted(),
                      week: firstSeen.map { ISOWeek(containing: $0).monday }, stories: Array(Set(stories)).sorted(), split: true)
        }

        init(text: String, entities: [String], date: String?, titles: [String], week: Int?, stories: [String] = [], split: Bool) {
            self.entities = Array(Set(entities.map { $0.lowercased() })).sorted()
            self.date = date
            (self.words, self.act) = WatchSimilarity.contentWords(text, entities: entities)
            developments = WatchDevelopment.read(text, entities: entities)
            self.titles = titles
            self.week = week
            self.stories = stories
            let pieces = split ? WatchSimilarity.developments(text) : []
            parts = pieces.count > 1
                ? zip(pieces, WatchSimilarity.clauseEntities(pieces, entities: entities)).map { piece, named in
                    Profile(text: piece, entities: named, date: date, titles: titles, week: week, stories: stories, split: false)
                } : []
        }
    }

    /// The entities of each clause of a sentence: those whose name it contains, as whole words. An entity that no
    /// clause names (the extractor found it as "the company" or "the ministry") may be any clause's, so every clause
    /// carries it: "Expect affected engineers to look for ways around the block, and expect Chinese groups to push
    /// staff toward Qwen Code" is about Qwen only in its second clause.
    static func clauseEntities(_ clauses: [String], entities: [String]) -> [[String]] {
        let keys = clauses.map { " " + WhatToWatch.key($0) + " " }
        let named = entities.map { entity -> [Bool] in
            let name = " " + WhatToWatch.key(entity) + " "
            return keys.map { name.count > 2 && $0.contains(name) }
        }
        return clauses.indices.map { c in
            zip(entities, named).compactMap { entity, inClause in
                inClause[c] || !inClause.contains(true) ? entity : nil
            }
        }
    }

    /// The strength of the match when `a` and `b` state the same development, `nil` when they do not: the best match
    /// of the two sentences, or of one development of a sentence that states several (`Profile.parts`) with the other
    /// or one of its developments.
    ///
    /// A shared date and entity scores above 1; otherwise the score is the overlap or Dice coefficient, or
    /// `developmentScore` for a match by meaning.
    public static func match(_ a: Profile, _ b: Profile) -> Double? {
        // Most items state one development: compare them without copying them into lists of parts.
        if a.parts.isEmpty && b.parts.isEmpty {
            let byWords = matchOne(a, b)
            guard !a.developments.isEmpty, let byMeaning = matchDevelopment(a, b) else { return byWords }
            return max(byWords ?? 0, byMeaning)
        }
        var best: Double?
        for x in [a] + a.parts {
            for y in [b] + b.parts {
                for score in [matchOne(x, y), matchDevelopment(x, y)] {
                    if let score, score > (best ?? 0) { best = score }
                }
            }
        }
        return best
    }

    /// The developments a sentence states, in order: its clauses split at ";" and at ", and" (or ", while", ", but")
    /// when an expectation (or "watch") follows within three words ("…, and expect the company to respond …"; "…, and
    /// regulators will likely …"; "…, and watch whether …"). Pieces of fewer than four words stay with the clause
    /// before them.
    static func developments(_ text: String, words: WatchWords = .bundled) -> [String] {
        var pieces: [String] = []
        var current = ""
        let scalars = Array(text)
        var i = 0
        // The first `n` words after `from` (four words fit in the next 60 characters).
        func wordsAfter(_ from: Int, _ n: Int) -> [String] {
            String(scalars[from..<min(scalars.count, from + 60)]).lowercased()
                .split(whereSeparator: { !$0.isLetter && $0 != "'" }).prefix(n).map(String.init)
        }
        while i < scalars.count {
            let ch = scalars[i]
            var cut = false
            if ch == ";" {
                cut = true
            } else if ch == ",", i + 1 < scalars.count {
                let next = wordsAfter(i + 1, 4)
                // "…, and watch whether OpenAI follows" opens a development as "…, and expect" does.
                if let first = next.first, ["and", "while", "but"].contains(first),
                   next.dropFirst().contains(where: { words.expect.contains($0) || words.expectObject.contains($0) || $0 == "watch" }) {
                    cut = true
                }
            }
            if cut {
                pieces.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            i += 1
        }
        pieces.append(current)
        var out: [String] = []
        for piece in pieces.map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
            if let last = out.last, piece.split(separator: " ").count < 4 || last.split(separator: " ").count < 4 {
                out[out.count - 1] = last + ", " + piece
            } else {
                out.append(piece)
            }
        }
        return out
    }

    static func matchOne(_ a: Profile, _ b: Profile) -> Double? {
        if let x = a.date, let y = b.date, x != y { return nil }
        if let x = a.act, let y = b.act, binarySearch(b.words, x) == nil, binarySearch(a.words, y) == nil { return nil }
        let shared = sharedCount(a.words, b.words)
        let sharedEntities = sharedCount(a.entities, b.entities)
        if sharedEntities > 0 {
            // Past the entity that anchors them, each further entity counts `entityWeight` words.
            func size(_ p: Profile) -> Int { p.words.count + entityWeight * (p.entities.count - 1) }
            let agreed = shared + entityWeight * (sharedEntities - 1)
            let smaller = min(size(a), size(b))
            guard smaller > 0 else { return nil }
            let overlap = Double(agreed) / Double(smaller)
            if a.date != nil, a.date == b.date, shared >= 1 { return 1 + overlap }
            return agreed >= min(anchoredMinimum, smaller) && overlap >= anchoredOverlap ? overlap : nil
        }
        // The same stated day and what is expected on it ("The law will take effect on September 1" in a brief's
        // body, "The ban is due to take effect on September 1, unless the courts intervene" in its watch section):
        // one development, though neither names who.
        if let x = a.date, x == b.date, a.entities.isEmpty || b.entities.isEmpty, shared >= anchoredMinimum {
            return 1 + Double(shared) / Double(max(1, min(a.words.count, b.words.count)))
        }
        guard a.entities.isEmpty || b.entities.isEmpty,
              shared >= (a.entities.isEmpty && b.entities.isEmpty ? bareMinimum : unanchoredMinimum) else { return nil }
        let dice = 2 * Double(shared) / Double(a.words.count + b.words.count)
        if dice >= unanchoredDice { return dice }
        // The same expected act, and nearly all the shorter one says: a longer sentence that goes on to add a
        // reason or an example ("…, which may be the block's most lasting effect") is still that development.
        let overlap = Double(shared) / Double(min(a.words.count, b.words.count))
        if let x = a.act, x == b.act, shared >= sameActMinimum, overlap >= sameActOverlap { return overlap * unanchoredDice }
        return nil
    }

    /// What a match by meaning scores: below any match by words, so that an item joins the group it shares most
    /// words with first.
    public static let developmentScore = 0.5

    /// `developmentScore` when `a` and `b` were first seen in one ISO week and state the same kinds of development
    /// (`WatchDevelopment`, at least one with a subject) about the same subjects; `nil` otherwise, and always when
    /// they state different dates or both name entities and share none.
    ///
    /// - leader: the same party followed; an item that names none follows a party its sources' titles name, or
    ///   the same as another such item from one of the same articles.
    /// - actor: the shorter actor, of two words or more (or the same word), is all in the other, the party the
    ///   phrases name is the same ("press @ for"), and what follows is the same (half the words of the shorter
    ///   object), or one of them points back ("the tool") or names nothing.
    /// - story: a shared entity; an item that names none is about an entity its sources' titles name, or about the
    ///   story of another item whose articles report the same real-world event (`Profile.stories`).
    /// - matter: steps on one stated matter ("a hearing on the injunction", "a decision on the injunction") are
    ///   compared as that matter, whatever their kind, and agree on the story as a story kind does.
    static func matchDevelopment(_ a: Profile, _ b: Profile) -> Double? {
        guard let week = a.week, week == b.week, !a.developments.isEmpty,
              a.developments.map(\.identity) == b.developments.map(\.identity) else { return nil }
        if let x = a.date, let y = b.date, x != y { return nil }
        if !a.entities.isEmpty, !b.entities.isEmpty, sharedEntity(a.entities, b.entities) == nil { return nil }
        // An entity that a title names, as whole words.
        func titled(_ entity: String, in p: Profile) -> Bool {
            let name = " " + WhatToWatch.key(entity) + " "
            return name.count > 2 && p.titles.contains { (" " + $0 + " ").contains(name) }
        }
        func sameArticle() -> Bool { sharedEntity(a.titles, b.titles) != nil }
        var keyed = false
        for (x, y) in zip(a.developments, b.developments) {
            if x.kind != y.kind, x.asksToFollow || y.asksToFollow {
                // One identity, two kinds: a party asked to do "the same" as another did, and a party following one
                // ("ask Kestrel to delete the same numbers", "watch whether Kestrel follows Velmora"). The same party
                // follows, the party followed is the one the asking item's article is about (or, when neither
                // names it, the items are of one article or story).
                if let p = x.follower, let q = y.follower, p != q { return nil }
                let (follow, asking) = x.subject == .leader ? (x, b) : (y, a)
                if let leader = follow.leader {
                    guard titled(leader, in: asking) else { return nil }
                } else {
                    guard sameArticle() || sameStory(a, b) else { return nil }
                }
                keyed = true
                continue
            }
            switch x.subject {
            case .none:
                continue
            case .matter where x.matter.isEmpty:
                continue
            case .leader:
                switch (x.leader, y.leader) {
                case let (l?, m?): guard l == m else { return nil }
                case let (l?, nil): guard titled(l, in: b) else { return nil }
                case let (nil, m?): guard titled(m, in: a) else { return nil }
                case (nil, nil): guard sameArticle() else { return nil }
                }
            case .actor:
                let (short, long) = x.actor.count <= y.actor.count ? (x.actor, y.actor) : (y.actor, x.actor)
                guard !short.isEmpty, short.count >= 2 || short == long, sharedCount(short, long) == short.count else { return nil }
                if let p = x.addressee, let q = y.addressee, p != q { return nil }
                let smaller = min(x.object.count, y.object.count)
                guard x.objectPointsBack || y.objectPointsBack || smaller == 0
                        || 2 * sharedCount(x.object, y.object) >= smaller else { return nil }
            case .story, .matter:
                switch (a.entities.isEmpty, b.entities.isEmpty) {
                case (false, false): break  // they share one (above)
                case (true, false): guard sameStory(a, b) || b.entities.contains(where: { titled($0, in: a) }) else { return nil }
                case (false, true): guard sameStory(a, b) || a.entities.contains(where: { titled($0, in: b) }) else { return nil }
                case (true, true): guard sameArticle() || sameStory(a, b) else { return nil }
                }
            }
            keyed = true
        }
        return keyed ? developmentScore : nil
    }

    /// The items that state one development, as groups of indices into `profiles`.
    ///
    /// Each group is sorted by key, and the groups by their first key.
    /// - Parameters:
    ///   - profiles: the items.
    ///   - keys: one distinct key per item (WhatToWatch uses the words and date), which orders ties.
    public static func groups(_ profiles: [Profile], keys: [String]) -> [[Int]] {
        precondition(profiles.count == keys.count, "one key per profile")
        // Work in key order, so that every tie below is broken by keys and not by the caller's order.
        let order = profiles.indices.sorted { keys[$0] < keys[$1] }
        let items = order.map { profiles[$0] }
        let links = anchoredLinks(items) + unanchoredLinks(items) + developmentLinks(items)
        var clusters = Clusters(items)
        for link in links.sorted(by: { ($1.score, $0.i, $0.j) < ($0.score, $1.i, $1.j) }) {
            clusters.join(link.i, link.j)
        }
        return clusters.members().map { $0.map { order[$0] } }
    }

    // MARK: Candidate pairs

    struct Link {
        var score: Double
        var i: Int
        var j: Int
    }

    // Pairs that share an entity, each counted once, under the first entity they share.
    static func anchoredLinks(_ items: [Profile]) -> [Link] {
        var byEntity: [String: [Int]] = [:]
        for (i, item) in items.enumerated() {
            for entity in item.entities { byEntity[entity, default: []].append(i) }
        }
        var links: [Link] = []
        for (entity, members) in byEntity where members.count > 1 {
            for x in members.indices {
                for y in (x + 1)..<members.count {
                    let (i, j) = (members[x], members[y])
                    guard sharedEntity(items[i].entities, items[j].entities) == entity,
                          let score = match(items[i], items[j]) else { continue }
                    links.append(Link(score: score, i: i, j: j))
                }
            }
        }
        return links
    }

    // Pairs where one item names no entity. Only pairs whose words are alike enough can match, so each item is
    // indexed by the rarest words of its prefix (prefix filtering, Chaudhuri et al., ICDE 2006): a Dice coefficient
    // of `unanchoredDice` is a Jaccard coefficient of t = d / (2 - d), and two sets with Jaccard >= t share one of
    // the first n - ceil(t * n) + 1 words of each, taken rarest first. Floor instead of ceil keeps a word more.
    static func unanchoredLinks(_ items: [Profile]) -> [Link] {
        guard items.contains(where: \.namesNone) else { return [] }
        var frequency: [String: Int] = [:]
        for item in items { for word in item.words { frequency[word, default: 0] += 1 } }
        let jaccard = unanchoredDice / (2 - unanchoredDice)
        let prefixes = items.map { item in
            let rarestFirst = item.words.sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }
            // A sentence of several developments may match through one of them: all its words are candidates.
            if !item.parts.isEmpty { return rarestFirst[...] }
            return rarestFirst.prefix(rarestFirst.count - Int(jaccard * Double(rarestFirst.count)) + 1)
        }
        var byWord: [String: [Int]] = [:]
        for (i, prefix) in prefixes.enumerated() { for word in prefix { byWord[word, default: []].append(i) } }
        var pairs = Set<[Int]>()
        for (i, item) in items.enumerated() where item.namesNone {
            for word in prefixes[i] {
                for j in byWord[word] ?? [] where j != i { pairs.insert([min(i, j), max(i, j)]) }
            }
        }
        // The same act and `sameActOverlap` of the shorter item's words: the shorter item's rarest
        // n - ceil(overlap * n) + 1 words include one of the other's, which are all indexed.
        var allWords: [String: [Int]] = [:]
        for (i, item) in items.enumerated() { for word in item.words { allWords[word, default: []].append(i) } }
        for (i, item) in items.enumerated() where item.act != nil || !item.parts.isEmpty {
            let rarestFirst = item.words.sorted { (frequency[$0]!, $0) < (frequency[$1]!, $1) }
            let n = rarestFirst.count
            let probe = item.parts.isEmpty ? rarestFirst.prefix(n - Int((sameActOverlap * Double(n)).rounded(.up)) + 1) : rarestFirst[...]
            for word in probe {
                for j in allWords[word] ?? [] where j != i && (item.namesNone || items[j].namesNone) {
                    pairs.insert([min(i, j), max(i, j)])
                }
            }
        }
        // Items of the same stated day, one of them naming no entity.
        var byDate: [String: [Int]] = [:]
        for (i, item) in items.enumerated() { if let date = item.date { byDate[date, default: []].append(i) } }
        for members in byDate.values where members.count > 1 {
            for x in members.indices {
                for y in (x + 1)..<members.count where items[members[x]].namesNone || items[members[y]].namesNone {
                    pairs.insert([members[x], members[y]])
                }
            }
        }
        var links: [Link] = []
        for pair in pairs.sorted(by: { ($0[0], $0[1]) < ($1[0], $1[1]) }) {
            if let score = match(items[pair[0]], items[pair[1]]) { links.append(Link(score: score, i: pair[0], j: pair[1])) }
        }
        return links
    }

    // Pairs first seen in one week that match by meaning (`matchDevelopment`), at `developmentScore`: a sentence, or
    // one of its developments, of the same kinds as the other's (at least one with a subject), that both name no
    // entity or share one. Only those can match by meaning, so only those are compared, and only by meaning: a pair
    // that also matches by words is a link of `anchoredLinks` or `unanchoredLinks` at its higher score, and the
    // lower one here is then a join already made or refused.
    static func developmentLinks(_ items: [Profile]) -> [Link] {
        var byKinds: [String: [(item: Int, profile: Profile)]] = [:]
        for (i, item) in items.enumerated() {
            guard let week = item.week else { continue }
            for p in [item] + item.parts where p.developments.contains(where: { $0.subject != .none }) {
                byKinds["\(week)|" + p.developments.map(\.kind).joined(separator: ","), default: []].append((i, p))
            }
        }
        var pairs = Set<[Int]>()
        for members in byKinds.values where members.count > 1 {
            // Members that name no entity meet every other; the rest only those they share an entity with.
            var candidates = Set<[Int]>()
            var byEntity: [String: [Int]] = [:]
            for (m, member) in members.enumerated() {
                if member.profile.entities.isEmpty {
                    for other in members.indices where other != m { candidates.insert([min(m, other), max(m, other)]) }
                } else {
                    for entity in member.profile.entities { byEntity[entity, default: []].append(m) }
                }
            }
            for sharing in byEntity.values where sharing.count > 1 {
                for x in sharing.indices {
                    for y in (x + 1)..<sharing.count { candidates.insert([sharing[x], sharing[y]]) }
                }
            }
            for candidate in candidates {
                let (a, b) = (members[candidate[0]], members[candidate[1]])
                let pair = [min(a.item, b.item), max(a.item, b.item)]
                guard a.item != b.item, !pairs.contains(pair), matchDevelopment(a.profile, b.profile) != nil else { continue }
                pairs.insert(pair)
            }
        }
        return pairs.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { Link(score: developmentScore, i: $0[0], j: $0[1]) }
    }

    // MARK: Joining

    // Union-find over items in key order. Each group keeps what decides whether it may join another (no two items
    // with different dates, nor two that both name entities and share none): its date and the distinct entities of
    // its members, each as the entity sets of its clauses (`Profile.parts`; one set for a sentence of one
    // development). Two items may be one when a clause of one and a clause of the other share an entity or one of
    // them names none: a sentence about a block and then about Qwen ("…ways around the block, and expect Chinese
    // groups to push staff toward Qwen Code") may join a group about the block, not one about another company.
    struct Clusters {
        var parent: [Int]
        var date: [String?]
        var entitySets: [[[[String]]]]

        init(_ items: [Profile]) {
            parent = Array(items.indices)
            date = items.map(\.date)
            entitySets = items.map { item in
                let clauses = item.parts.isEmpty ? [item.entities] : item.parts.map(\.entities)
                return clauses.contains(where: \.isEmpty) ? [] : [clauses]
            }
        }

        mutating func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }

        static func compatible(_ a: [[String]], _ b: [[String]]) -> Bool {
            a.contains { x in b.contains { y in sharedEntity(x, y) != nil } }
        }

        mutating func join(_ i: Int, _ j: Int) {
            let (a, b) = (find(i), find(j))
            guard a != b else { return }
            if let x = date[a], let y = date[b], x != y { return }
            for ea in entitySets[a] {
                for eb in entitySets[b] where !Self.compatible(ea, eb) { return }
            }
            let (root, child) = (min(a, b), max(a, b))
            parent[child] = root
            date[root] = date[root] ?? date[child]
            for set in entitySets[child] where !entitySets[root].contains(set) { entitySets[root].append(set) }
        }

        mutating func members() -> [[Int]] {
            var byRoot: [Int: [Int]] = [:]
            for i in parent.indices { byRoot[find(i), default: []].append(i) }
            return byRoot.values.sorted { $0[0] < $1[0] }
        }
    }

    // MARK: Words

    static func sharedCount(_ a: [String], _ b: [String]) -> Int {
        var (i, j, count) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    static func binarySearch(_ sorted: [String], _ word: String) -> Int? {
        var (low, high) = (0, sorted.count)
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] == word { return mid }
            if sorted[mid] < word { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    static func sharedEntity(_ a: [String], _ b: [String]) -> String? {
        var (i, j) = (0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { return a[i] } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return nil
    }

    /// The content words of a sentence, sorted, and its expected act: what `match` compares.
    ///
    /// Words are those of `WhatToWatch.key`. A word is dropped when it is a stop, hedge or month word, a day number
    /// next to a month name, a year, a single letter (the "s" of "Acme's"), or a word of one of `entities` (what the
    /// item is about is compared as entities). "9th" and "ninth" become "9"; other words are stemmed (`stem`).
    ///
    /// The act is the first content word after the first hedge ("X will likely *appeal*"); after a hedge that takes
    /// an object ("expect X to *appeal*"), the first after the next "to". When the hedge ends the sentence ("an
    /// *appeal* by X is expected"), it is the sentence's first content word; with no hedge there is none.
    static func contentWords(_ text: String, entities: [String], words: WatchWords = .bundled) -> (words: [String], act: String?) {
        let tokens = words.sameMeaning(WhatToWatch.key(text).split(separator: " ").map(String.init))
        let names = Set(entities.flatMap { WhatToWatch.key($0).split(separator: " ").map(String.init) })
        func nextToMonth(_ i: Int) -> Bool {
            (i > 0 && words.months.contains(tokens[i - 1])) || (i + 1 < tokens.count && words.months.contains(tokens[i + 1]))
        }
        var content: [(at: Int, word: String)] = []
        var hedge: Int?, objectTo: Int?
        for (i, token) in tokens.enumerated() {
            if words.expectObject.contains(token) || words.expect.contains(token) {
                if hedge == nil {
                    hedge = i
                    if words.expectObject.contains(token) { objectTo = tokens[(i + 1)...].firstIndex(of: "to") }
                }
                continue
            }
            if words.months.contains(token) || words.stop.contains(token) || names.contains(token) { continue }
            let digits = ordinalDigits(token)
            if let digits, let day = Int(digits), day >= 1, day <= 31, nextToMonth(i) { continue }
            if let digits, digits.utf8.count == 4, let year = Int(digits), year >= 1990, year <= 2100 { continue }
            if token.utf8.count == 1 && digits == nil { continue }
            content.append((i, digits ?? words.numbers[token] ?? stem(token)))
        }
        var act: String?
        if let hedge {
            act = (objectTo.flatMap { to in content.first { $0.at > to } } ?? content.first { $0.at > hedge } ?? content.first)?.word
        }
        return (Array(Set(content.map(\.word))).sorted(), act)
    }

    // "9", "9th", "21st" as digits; nil for anything else.
    static func ordinalDigits(_ token: String) -> String? {
        let bytes = Array(token.utf8)
        let digitCount = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        guard digitCount > 0 else { return nil }
        let rest = String(decoding: bytes[digitCount...], as: UTF8.self)
        guard ["", "st", "nd", "rd", "th"].contains(rest) else { return nil }
        return String(decoding: bytes[..<digitCount], as: UTF8.self)
    }

    /// A light stemmer for lowercase ASCII words (the plural, third-person, past and gerund steps of Porter's, then
    /// a final "e"), so that "appeals", "appealed" and "appealing" meet "appeal", and "rules", "ruled" and "ruling"
    /// meet "rule". Other words are returned as they are.
    static func stem(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        func ends(_ suffix: String) -> Bool { w.count > suffix.utf8.count && w.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
        func hasVowel(_ stem: ArraySlice<UInt8>) -> Bool { stem.contains { "aeiouy".utf8.contains($0) } }
        if ends("sses") {
            w.removeLast(2)
        } else if ends("ies") {
            w.removeLast(3); w.append(UInt8(ascii: "y"))
        } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
            w.removeLast()
        }
        if ends("eed") {
            w.removeLast()  // "agreed" -> "agree", as "agrees" -> "agree"
        } else if ends("ied") {
            w.removeLast(3); w.append(UInt8(ascii: "y"))
        } else if let cut = ["ed", "ing"].first(where: ends).map({ $0.utf8.count }), w.count - cut >= 3,
                  hasVowel(w[..<(w.count - cut)]) {
            w.removeLast(cut)
            // "banned" -> "ban", but "called" stays "call", "passed" "pass" and "added" "add".
            if let last = w.last, w.count >= 4, w[w.count - 2] == last, !"aeiouylsz".utf8.contains(last) { w.removeLast() }
        }
        if w.count > 3, w.last == UInt8(ascii: "e") { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }
}

/// The word lists of `Resources/watch-words.txt`.
struct WatchWords: Sendable {
    var stop: Set<String> = []
    var expect: Set<String> = []
    var expectObject: Set<String> = []
    var months: Set<String> = []
    var numbers: [String: String] = [:]
    /// Words and phrases of one meaning, to the word that stands for them all (`[same]`): a phrase is its words.
    var same: [[String]: String] = [:]
    /// The most words of a phrase in `same`.
    var longestSame = 1

    /// `tokens` with every word or phrase of `same` (longest first) replaced by the word standing for its meaning.
    func sameMeaning(_ tokens: [String]) -> [String] {
        guard !same.isEmpty else { return tokens }
        var out: [String] = []
        var i = 0
        outer: while i < tokens.count {
            for n in stride(from: min(longestSame, tokens.count - i), through: 1, by: -1) {
                if let word = same[Array(tokens[i..<(i + n)])] {
                    out.append(word)
                    i += n
                    continue outer
                }
            }
            out.append(tokens[i])
            i += 1
        }
        return out
    }

    /// The bundled list. A missing or malformed bundled file is a broken install, not a state to run in.
    static let bundled: WatchWords = loadBundled("watch-words.txt", parse)

    /// Reads the `[stop]`, `[expect]`, `[expect-object]`, `[months]`, `[numbers]` and `[same]` sections; `#` starts a
    /// comment.
    static func parse(_ text: String, file: String) throws -> WatchWords {
        var words = WatchWords()
        var section: String?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                let sections = ["[stop]", "[expect]", "[expect-object]", "[months]", "[numbers]", "[same]"]
                guard sections.contains(line) else {
                    throw WatchWordsError(file: file, line: n + 1,
                                          reason: "unknown section \(line); expected one of \(sections.joined(separator: ", "))")
                }
                section = line
                continue
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
            switch section {
            case "[stop]": words.stop.formUnion(fields)
            case "[expect]": words.expect.formUnion(fields)
            case "[expect-object]": words.expectObject.formUnion(fields)
            case "[months]": words.months.formUnion(fields)
            case "[same]":
                guard fields.count >= 2, fields[0].hasSuffix(":"), fields[0].count > 1 else {
                    throw WatchWordsError(file: file, line: n + 1,
                                          reason: "expected a word, a colon and the words of its meaning, like 'company: companies firms'")
                }
                let word = String(fields[0].dropLast())
                for phrase in fields.dropFirst() {
                    let parts = phrase.split(separator: "+").map(String.init)
                    words.same[parts] = word
                    words.longestSame = max(words.longestSame, parts.count)
                }
            case "[numbers]":
                guard fields.count == 2, let digits = WatchSimilarity.ordinalDigits(fields[1]), digits == fields[1] else {
                    throw WatchWordsError(file: file, line: n + 1, reason: "expected a word and its digits, like 'ninth 9'")
                }
                words.numbers[fields[0]] = digits
            default:
                throw WatchWordsError(file: file, line: n + 1, reason: "words before a section; start with [stop]")
            }
        }
        return words
    }
}

/// Reads and parses a word list bundled with this module (`Resources/NAME`). A missing or malformed bundled file is a
/// broken install, not a state to run in: it stops with the file, the line and what is wrong.
func loadBundled<List>(_ name: String, _ parse: (String, String) throws -> List) -> List {
    do {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources")
                ?? Bundle.module.url(forResource: base, withExtension: ext) else {
            throw WatchWordsError(file: name, line: 0, reason: "bundled resource is missing; reinstall RegWatch")
        }
        return try parse(String(contentsOf: url, encoding: .utf8), name)
    } catch {
        fatalError("\(error)")
    }
}

/// A malformed `watch-words.txt`, as `file:line: reason`.
struct WatchWordsError: Error, CustomStringConvertible {
    var file: String
    var line: Int
    var reason: String
    var description: String { line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)" }
}
