import Foundation
import RegWatchCore

/// The events and watch items of one document.
public struct DocumentExtraction: Sendable, Hashable {
    public var events: [ExtractedEvent]
    public var watch: [WatchItem]

    public init(events: [ExtractedEvent] = [], watch: [WatchItem] = []) {
        self.events = events
        self.watch = watch
    }
}

/// Turns the text of an article into typed events (ban, block, workaround…) and forward-looking watch items.
///
/// The extractor is rule-based and data-driven: trigger patterns, status cues and workaround methods come from a
/// rules file, and names from an entity list, both loaded at run time. For each trigger it finds the clause around
/// it, takes the subject as the actor (the `by` agent in the passive), the objects and "from using X" complements
/// as targets, and resolves "it", "the company" and "these firms" to the nearest fitting party before it.
///
/// ```swift
/// let extractor = try EventExtractor.bundled()
/// let result = extractor.extract(text: "Italy's Garante banned ChatGPT on Friday.")
/// ```
public struct EventExtractor: Sendable {
    /// The entity list it recognises parties with (merging resolves the parties with it too: `PartyResolver`).
    public let entities: EntityList
    let index: EntityIndex
    let parties: PartyResolver
    let rules: RuleSet
    let cues: Cues

    /// Bits of the cue lists in `Analysed.cueBits`.
    enum CueBit {
        static let background: UInt32 = 1 << 0
        static let conditional: UInt32 = 1 << 1
        static let denial: UInt32 = 1 << 2
        static let negation: UInt32 = 1 << 3
        static let planned: UInt32 = 1 << 4
        static let proposed: UInt32 = 1 << 5
        static let scope: UInt32 = 1 << 6
        static let speech: UInt32 = 1 << 7
        static let staff: UInt32 = 1 << 8
        static let watch: UInt32 = 1 << 9
        static let watchExclude: UInt32 = 1 << 10
        static let watchHeading: UInt32 = 1 << 11
        static let watchTopic: UInt32 = 1 << 12
        static let hypothetical: UInt32 = 1 << 13
        static let habitual: UInt32 = 1 << 14
        static let watchPast: UInt32 = 1 << 15
        static let inForcePresent: UInt32 = 1 << 16
    }

    /// The cue lists the extractor consults on every sentence, looked up once, and all their phrases in one list
    /// so that a single pass over a sentence finds where every cue occurs.
    struct Cues: Sendable {
        let background: CueList
        let conditional: CueList
        let denial: CueList
        let negation: CueList
        let planned: CueList
        let proposed: CueList
        let scope: CueList
        let speech: CueList
        let staff: CueList
        let watch: CueList
        let watchExclude: CueList
        let watchHeading: CueList
        let watchTopic: CueList
        let hypothetical: CueList
        let habitual: CueList
        let watchPast: CueList
        /// Raw materials named in trade measures (`cue goods`, optional in a user's rules file).
        let goods: CueList
        /// Verbs of taking effect in the present ("takes effect", "comes into force"; `cue in-force-present`,
        /// optional in a user's rules file): with a time ahead, a measure that has not yet taken effect.
        let inForcePresent: CueList
        /// The network itself (`cue network-access`, optional): "mobile internet", "connectivity".
        let networkAccess: CueList
        /// Words that name a measure (`cue measure`): the sentence of a rule with option `measured` may name one.
        let measure: CueList
        let combined: CueList
        let bitOfPhrase: [UInt32]

        init(_ rules: RuleSet) {
            background = rules.cue("background")
            conditional = rules.cue("conditional")
            denial = rules.cue("denial")
            negation = rules.cue("negation")
            planned = rules.cue("planned")
            proposed = rules.cue("proposed")
            scope = rules.cue("scope")
            speech = rules.cue("speech")
            staff = rules.cue("staff")
            watch = rules.cue("watch")
            watchExclude = rules.cue("watch-exclude")
            watchHeading = rules.cue("watch-heading")
            watchTopic = rules.cue("watch-topic")
            hypothetical = rules.cue("hypothetical")
            habitual = rules.cue("habitual")
            watchPast = rules.cue("watch-past")
            goods = rules.cue("goods")
            inForcePresent = rules.cue("in-force-present")
            networkAccess = rules.cue("network-access")
            measure = rules.cue("measure")
            var combined = CueList(name: "all", phrases: [])
            var bit: [UInt32] = []
            for p in background.phrases { combined.add(p); bit.append(CueBit.background) }
            for p in conditional.phrases { combined.add(p); bit.append(CueBit.conditional) }
            for p in denial.phrases { combined.add(p); bit.append(CueBit.denial) }
            for p in negation.phrases { combined.add(p); bit.append(CueBit.negation) }
            for p in planned.phrases { combined.add(p); bit.append(CueBit.planned) }
            for p in proposed.phrases { combined.add(p); bit.append(CueBit.proposed) }
            for p in scope.phrases { combined.add(p); bit.append(CueBit.scope) }
            for p in speech.phrases { combined.add(p); bit.append(CueBit.speech) }
            for p in staff.phrases { combined.add(p); bit.append(CueBit.staff) }
            for p in watch.phrases { combined.add(p); bit.append(CueBit.watch) }
            for p in watchExclude.phrases { combined.add(p); bit.append(CueBit.watchExclude) }
            for p in watchHeading.phrases { combined.add(p); bit.append(CueBit.watchHeading) }
            for p in watchTopic.phrases { combined.add(p); bit.append(CueBit.watchTopic) }
            for p in hypothetical.phrases { combined.add(p); bit.append(CueBit.hypothetical) }
            for p in habitual.phrases { combined.add(p); bit.append(CueBit.habitual) }
            for p in watchPast.phrases { combined.add(p); bit.append(CueBit.watchPast) }
            for p in inForcePresent.phrases { combined.add(p); bit.append(CueBit.inForcePresent) }
            combined.indexForSpeed()
            self.combined = combined
            self.bitOfPhrase = bit
        }

        /// For each token, the cue lists with a phrase starting there.
        func bits(_ tokens: [Token]) -> [UInt32] {
            var bits = [UInt32](repeating: 0, count: tokens.count)
            for i in tokens.indices { bits[i] = combined.matchingBits(tokens, at: i, bitOfPhrase: bitOfPhrase) }
            // "signed in May": the month is not the modal.
            for i in tokens.indices where i > 0 && tokens[i].isCapitalized && tokens[i].lower == "may" { bits[i] = 0 }
            return bits
        }
    }

    public init(entities: EntityList, rules: RuleSet) {
        self.entities = entities
        self.index = EntityIndex(entities)
        self.parties = PartyResolver(entities)
        self.rules = rules
        self.cues = Cues(rules)
    }

    /// The extractor with the bundled entity list and rules.
    /// - Throws: `ExtractError` if a bundled file is missing or malformed.
    public static func bundled() throws -> EventExtractor {
        EventExtractor(entities: try EntityList.bundled(), rules: try RuleSet.bundled())
    }

    // MARK: - Documents

    /// Extracts from a document's plain text (as `RegWatchIngest.DocumentText` reads it from a feed entry or page),
    /// with the brief sections of the entry telling which sentences are in a "What to watch" part.
    /// - Parameters:
    ///   - published: when the document was published: its year and month date the acts and watch items it states.
    ///   - sections: the entry's named sections; the sentences of one headed like "What to watch" are watch items.
    public func extract(text: String, title: String, published: Date?, sections: [Section]) -> DocumentExtraction {
        var watchSentences: Set<String> = []
        let watchHeadings = cues.watchHeading
        for section in sections {
            let headingTokens = Tokenizer.tokenize(Array(section.heading.lowercased().unicodeScalars))
            guard watchHeadings.occurs(in: headingTokens) != nil else { continue }
            for s in SentenceSplitter.split(section.text) { watchSentences.insert(Self.normalized(s.text)) }
        }
        var year: Int?
        var month: Int?
        if let published {
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: published)
            (year, month) = (parts.year, parts.month)
        }
        return extract(text: text, title: title, year: year, month: month, watchSentences: watchSentences)
    }

    /// Extracts from plain text (paragraphs separated by line breaks).
    /// - Parameters:
    ///   - text: the article's plain text.
    ///   - title: the headline, used only to tell which country the article is about.
    ///   - year: the publication year, to complete dates such as "July 10" in watch items.
    ///   - month: the publication month (1–12): an act stated "in February" in a July article happened in February.
    public func extract(text: String, title: String = "", year: Int? = nil, month: Int? = nil) -> DocumentExtraction {
        extract(text: text, title: title, year: year, month: month, watchSentences: [])
    }

    static func normalized(_ s: String) -> String { PlainTextMarks.comparable(s) }

    // MARK: - The pipeline

    struct Analysed {
        var sentence: Sentence
        var scalars: [Unicode.Scalar]
        var tokens: [Token]
        var mentions: [Mention] = []
        /// Per-sentence lookups done at most once: in tech scope, workaround methods named.
        var inScope: Bool?
        var methods: [String]?
        /// For each token, the cue lists (`CueBit`) with a phrase starting there.
        var cueBits: [UInt32] = []

        /// The first token in `from..<to` where a phrase of the cue list starts.
        func first(_ bit: UInt32, from: Int = 0, to: Int? = nil) -> Int? {
            let end = min(to ?? cueBits.count, cueBits.count)
            var i = max(0, from)
            while i < end {
                if cueBits[i] & bit != 0 { return i }
                i += 1
            }
            return nil
        }

        func has(_ bit: UInt32, at i: Int) -> Bool { i >= 0 && i < cueBits.count && cueBits[i] & bit != 0 }
    }

    /// State carried from sentence to sentence for anaphora.
    struct Discourse {
        var lastCompany: Mention?
        var lastAuthority: Mention?
        var lastPlural: (name: String, names: [String], country: String?)?
        var lastProduct: Mention?
        /// How often each product was named so far: "the app" is the one the article is about (the most named),
        /// not one named in passing in the sentence before.
        var productCounts: [String: Int] = [:]
        var productByName: [String: Mention] = [:]
        var lastProductSentence = 0
        var sentenceIndex = 0
        var lastBlocker: (name: String, kind: EntityKind?, country: String?)?
        /// The previous sentence was about a law or an order ("The law was passed in May."), so a sentence-initial
        /// "It" is that law, acting for the authority that made it.
        var previousSubjectIsInstrument = false
        var lastGovernment: Mention?
        /// The last regulator named: "the regulator", "the watchdog", "the DPA" point back to it even when a
        /// government was named since.
        var lastRegulator: Mention?
        /// The last court or judge named: a court's instruments ("the injunction") act for it.
        var lastCourt: Mention?
        /// The authorities named so far, latest last (a few): "the Commission" is the last one whose name ends so,
        /// though another authority was named since.
        var authoritiesNamed: [Mention] = []
        /// Events extracted from the sentences before (all in scope).
        var eventsSoFar = 0
        /// A sentence before was about technology (it named a technology word, a listed company or a product): the
        /// article is a technology story, whose court steps and laws need not name technology again.
        var inTechStory = false
        var documentCountry: String?
        /// Kind and country of every actor named so far, for merging a ministry into its government.
        var actorKinds: [String: (EntityKind, String?)] = [:]
    }

    /// `REGWATCH_EXTRACT_TRACE=1` prints, for every trigger, the rule line, clause and parties chosen (stderr).
    static let trace = ProcessInfo.processInfo.environment["REGWATCH_EXTRACT_TRACE"] != nil

    // Long inputs: work on at most this many sentences and tokens per sentence, so that a 1 MB paragraph without
    // punctuation costs linear time and bounded memory.
    static let maxSentences = 5_000
    static let maxTokensPerSentence = 400

    func extract(text: String, title: String, year: Int?, month: Int? = nil, watchSentences: Set<String>) -> DocumentExtraction {
        var sentences = SentenceSplitter.splitKeepingScalars(text)
        if sentences.count > Self.maxSentences { sentences.removeLast(sentences.count - Self.maxSentences) }
        var analysed: [Analysed] = []
        analysed.reserveCapacity(sentences.count)
        var countryCounts: [String: Int] = [:]
        let titleTokens = Tokenizer.tokenize(Array(title.unicodeScalars))
        // A headline that opens with a country ("Taiwan passes divest-or-ban law for Chinese-controlled apps") is
        // about it: its subject counts three times what a country named further on does.
        let firstWord = titleTokens.firstIndex { $0.kind == .word }
        for (k, t) in titleTokens.enumerated() where t.isCapitalized {
            if let code = index.countryCode(word: t.lower) ?? index.countryCode(prefixOf: t.lower) {
                countryCounts[code, default: 0] += k == firstWord && !t.lower.contains("-") ? 6 : 2
            }
        }
        for (s, scalars) in sentences {
            var tokens = Tokenizer.tokenize(scalars)
            if tokens.count > Self.maxTokensPerSentence { tokens.removeLast(tokens.count - Self.maxTokensPerSentence) }
            for t in tokens where t.isCapitalized {
                if let code = index.countryCode(word: t.lower) ?? index.countryCode(prefixOf: t.lower) {
                    countryCounts[code, default: 0] += 1
                }
            }
            var item = Analysed(sentence: s, scalars: scalars, tokens: tokens)
            item.cueBits = cues.bits(tokens)
            analysed.append(item)
        }
        var discourse = Discourse()
        // The country an article is about: the most mentioned one, ties broken by code for determinism.
        discourse.documentCountry = countryCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
        let documentGovernment = discourse.documentCountry.flatMap { index.country(code: $0) }.map(Self.governmentName)
        for k in analysed.indices {
            analysed[k].mentions = index.mentions(in: analysed[k].tokens, scalars: analysed[k].scalars,
                                                  documentCountry: discourse.documentCountry)
        }
        nameKnownNamesAgain(&analysed)
        placeBareChambers(&analysed, counts: countryCounts, country: discourse.documentCountry)
        nameJudgesInFull(&analysed)
        namePeopleBySurname(&analysed)

        let onlyHeadings = !analysed.contains { !$0.sentence.isHeading }
        var events: [ExtractedEvent] = []
        var watch: [WatchItem] = []
        var watchActs: [(act: String?, pointsBack: Bool, day: String?)] = []
        var inWatchSection = false
        let background = cues.background
        var times: [String: String] = [:]
        var candidateBuffer: [Int] = []
        let sectionHeading = rules.cue("section-heading")
        let watchHeading = rules.cue("watch-heading")
        // The bodies of each country's government that the article quotes ("…, the commerce ministry said").
        var announcers: [String: Set<String>] = [:]
        for k in analysed.indices {
            var a = analysed[k]
            discourse.sentenceIndex = k
            // "What to watch. Montana will likely appeal…": a short first sentence that names a section is a heading.
            if !a.sentence.isHeading, a.tokens.count <= 6, k == 0 || analysed[k - 1].sentence.line != a.sentence.line,
               a.first(CueBit.watchHeading) == 0 || sectionHeading.match(a.tokens, at: 0) != nil {
                a.sentence.isHeading = true
            }
            if a.sentence.isHeading {
                inWatchSection = a.first(CueBit.watchHeading) != nil
                if !onlyHeadings { updateDiscourse(&discourse, with: a.mentions, tokens: a.tokens); continue }
            }
            // "What to watch: whether access is restored…": a heading that asks what comes, run into its sentence after a
            // colon or a dash, makes that sentence one to watch (not the sentences after it: a run-in heading opens no
            // section; and not "Outlook: India banned…", a word that also names a product, or "Key dates: …").
            var runIn = false
            if !a.sentence.isHeading, a.first(CueBit.watchHeading) == 0, a.tokens.first?.lower == "what",
               let length = watchHeading.match(a.tokens, at: 0), length < a.tokens.count,
               [":", "-", "\u{2013}", "\u{2014}"].contains(a.tokens[length].lower) {
                runIn = true
            }
            var sentenceEvents: [ExtractedEvent] = []
            var claimed: [Range<Int>] = []
            let watched = inWatchSection || runIn || (!watchSentences.isEmpty && watchSentences.contains(Self.normalized(a.sentence.text)))
            // A "What to watch" section speaks of what may come, not of what happened.
            for i in a.tokens.indices where a.tokens[i].kind == .word && !watched {
                rules.candidates(for: a.tokens[i].lower, into: &candidateBuffer)
                if candidateBuffer.isEmpty { continue }
                for r in candidateBuffer {
                    guard let end = rules.match(r, a.tokens, at: i) else { continue }
                    if claimed.contains(where: { $0.contains(i) }) { continue }
                    // "announced it paused its export restrictions": a measure whose words span the reversal of it
                    // is the object of that lift, not an act of its own.
                    // ("The court declined to lift the order": a lift refused is no lift, and the refusal is the act.)
                    if rules.rules[r].type != .lift, liftStarts(in: a.tokens, from: i + 1, to: end),
                       !(i..<end).contains(where: { Self.refusalWords.contains(a.tokens[$0].lower) }) { continue }
                    // A court's ruling is an act of its case, and what it does ("…, lifting Montana's ban") one of its own.
                    if let first = claimed.first?.lowerBound, sentenceEvents.first?.type != .lawsuit,
                       elaboratesAct(at: i, after: first, in: a) { continue }
                    if let event = buildEvent(rule: rules.rules[r], trigger: i, end: end, in: &a, discourse: &discourse) {
                        // "…, the Dutch DPA had to lead the investigation": "the investigation" of an article that
                        // has told of one already points back to it; it is no second probe.
                        if pointsBack(at: i, type: event.type, in: a.tokens, told: events) {
                            claimed.append(i..<end)
                            if Self.trace { _ = dropped("pointsBack", EventDraft(rule: rules.rules[r], trigger: i, end: end), a) }
                            break
                        }
                        // An act still weighed, expected or voted on is a development to watch, not an event.
                        if isDevelopmentAhead(event, rule: rules.rules[r], trigger: i, end: end, in: a, year: year, month: month) {
                            claimed.append(i..<end)
                            if Self.trace { _ = dropped("isDevelopmentAhead", EventDraft(rule: rules.rules[r], trigger: i, end: end), a) }
                            break
                        }
                        sentenceEvents.append(event)
                        // A lift's object ("the withdrawal of its decision to ban X") is not a new act.
                        claimed.append(event.type == .lift ? i..<a.tokens.count : i..<end)
                        break
                    }
                }
            }
            // (No method reference here: `map(governmentActedFor)` would copy the whole extractor for each sentence.)
            var government = documentGovernment
            if let body = discourse.lastGovernment { government = governmentActedFor(body) }
            if let item = watchItem(a, inSection: watched, hasEvent: !sentenceEvents.isEmpty, year: year, month: month,
                                      company: discourse.lastCompany?.name,
                                      government: government,
                                      product: discourse.salientProduct) {
                // One item per development: "Uber said it would appeal the fine" and, later, "We will appeal" are one.
                // An item that names no party but opens with a pronoun ("We will appeal…") is about the party named
                // before; one that names none and no pronoun is about none in particular, and stays apart.
                // Days compare without their year, which a text without a publication date does not give.
                let act = expectedAct(a), pointsBack = item.entities.isEmpty && opensWithPronoun(a)
                let day = Self.dayWithoutYear(in: a.tokens)
                if !watchActs.indices.contains(where: { k in
                    act != nil && watchActs[k].act == act && (watchActs[k].day == nil || day == nil || watchActs[k].day == day)
                        && ((pointsBack && !watch[k].entities.isEmpty) || (watchActs[k].pointsBack && !item.entities.isEmpty)
                            || !Set(watch[k].entities).isDisjoint(with: item.entities))
                }) {
                    watch.append(item)
                    watchActs.append((act, pointsBack, day))
                }
            }
            // Each act is dated by the clause of its trigger (`claimed` starts at each event's trigger).
            for j in sentenceEvents.indices {
                sentenceEvents[j].occurred = Self.statedDate(in: a.tokens, published: year, month: month,
                                                             trigger: claimed[j].lowerBound)
            }
            // "Apple removed the app following a request from the regulator": a provider's block at an authority's
            // request is also the authority's ban.
            if let block = sentenceEvents.first(where: { $0.type == .block }), !sentenceEvents.contains(where: { $0.type == .ban }),
               let requester = a.mentions.first(where: { m in
                   Self.isRequester(m, a.tokens) && (m.role == .country || (m.isNamed && (m.kind == .government || m.kind == .regulator)))
               }) {
                let (name, kind, country) = resolve(requester, in: a, discourse: discourse, before: requester.start)
                if let name, name != block.actor {
                    // The store the provider removed apps from is the place of the authority's ban, not its product.
                    var ban = ExtractedEvent(type: .ban, status: block.status, actor: name, targets: block.targets,
                                             product: block.product.flatMap { Self.isStore($0) ? nil : $0 },
                                             countries: (country.map { [$0] } ?? []) + block.countries.filter { $0 != country },
                                             evidence: block.evidence, confidence: block.confidence,
                                             evidenceRange: block.evidenceRange)
                    ban.occurred = block.occurred
                    if let kind { discourse.actorKinds[name] = (kind, country) }
                    // Without what it bans (the provider's own country is no target of its ban) it could be any ban
                    // of that authority, and would join whichever one is near.
                    ban.targets.removeAll { $0 == name || index.record(named: $0)?.kind == .country }
                    if !ban.targets.isEmpty || ban.product != nil { sentenceEvents.append(ban) }
                }
            }
            if !sentenceEvents.isEmpty, let at = a.first(CueBit.background), let length = background.match(a.tokens, at: at) {
                times[a.sentence.text] = a.tokens[at..<at + length].map(\.lower).joined(separator: " ")
            } else if !sentenceEvents.isEmpty, let earlier = Self.earlierYear(in: a.tokens, published: year) {
                times[a.sentence.text] = "in \(earlier)"
            }
            events.append(contentsOf: sentenceEvents)
            for m in a.mentions where isGovernmentBody(m) && isAttribution(m, in: a) {
                if let code = m.country { announcers[code, default: []].insert(qualifiedBody(m.name, country: code)) }
            }
            updateDiscourse(&discourse, with: a.mentions, tokens: a.tokens, events: sentenceEvents)
            if !discourse.inTechStory {
                discourse.inTechStory = a.inScope ?? (a.first(CueBit.scope) != nil || a.mentions.contains { m in m.isProduct || m.kind == .company })
            }
            discourse.previousSubjectIsInstrument = a.tokens.count > 1 && ["the", "this", "that", "its"].contains(a.tokens[0].lower)
                && Self.instruments.contains(a.tokens[1].lower)
        }
        // A sentence repeated in a section and in the body is one watch item.
        var seenWatch = Set<String>()
        watch = watch.filter { seenWatch.insert(Self.normalized($0.text)).inserted }
        var merged = merge(events, kinds: discourse.actorKinds, times: times)
        actThroughAnnouncer(&merged, announcers: announcers, kinds: discourse.actorKinds)
        // The headline counts too: "Claude Code cut off for ByteDance, Ant Group and other Chinese-controlled companies".
        let titleScalars = Array(title.unicodeScalars)
        let headline = (tokens: titleTokens, mentions: title.isEmpty ? [] : index.mentions(in: titleTokens, scalars: titleScalars,
                                                                                            documentCountry: discourse.documentCountry))
        addMembers(Self.groupMembers(in: [headline] + analysed.map { ($0.tokens, $0.mentions) }), to: &merged)
        dropSelfTargets(&merged)
        merged = finesApart(merged)
        nameThePublicOnline(&merged)
        nameEponymousProducts(&merged)
        return DocumentExtraction(events: merged, watch: watch)
    }

    /// The date a sentence states for its act when it lies in a year before the article's (`published`): "in July
    /// 2023" (`2023-07`), "on March 3, 2022" or "3 March 2022" (`2022-03-03`), "in 2021", "during 2021", "early 2021"
    /// (`2021`), "last year" (the year before), "since 2020, when …" (`2020`: the clause dates an act). A bare year
    /// inside a name or an amount ("the 2023 law", "2023 revenue") is not a date of the act, nor is "since 2021" (a
    /// state that lasts). Nil without a publication year.
    ///
    /// With the publication month, a month of the same year before it dates the act too: "in February", "on
    /// February 3", "last February", "February 3, 2026" in a July 2026 article (`2026-02`, `2026-02-03`), and "last
    /// December" the December before. A later month of the same year is ahead, not a date of the act. "Last month" is
    /// the month before the article's, and "earlier this month" its own month (placed mid-month: reports of the act
    /// from any day of it fall within the merge window).
    ///
    /// With the act's `trigger`, a date in a clause that a subordinator opens before the trigger ("it comes after
    /// OpenAI disclosed last month that it had halted …") dates the act, and the main clause's dates do not; a
    /// relative clause after the trigger ("lifted the block it placed on the app in June") dates something else.
    static func statedDate(in tokens: [Token], published: Int?, month publishedMonth: Int? = nil, trigger: Int? = nil) -> String? {
        guard let published else { return nil }
        func opensClause(_ i: Int) -> Bool {
            let w = tokens[i].lower
            // "since 2020, when TikTok was banned": the "when" clause is dated by the year before it, not opened apart.
            let datedWhen = w == "when" && i >= 3 && tokens[i - 1].lower == "," && tokens[i - 2].kind == .number
                && tokens[i - 2].lower.utf8.count == 4 && ["since", "in"].contains(tokens[i - 3].lower)
            if i > 0, Self.datedClauseOpeners.contains(w), !datedWhen,
               !(w == "since" && i + 3 < tokens.count && tokens[i + 2].lower == "," && tokens[i + 3].lower == "when") {
                return true
            }
            // A relative clause after the act's object: "lifted the block which it placed on the app in June",
            // "lifted the block it placed …" (a pronoun and a past verb right after a noun).
            guard let trigger, i > trigger + 1 else { return false }
            if ["which", "who"].contains(w) { return true }
            return ["it", "they"].contains(w) && tokens[i - 1].kind == .word && !Self.prepositions.contains(tokens[i - 1].lower)
                && i + 1 < tokens.count && tokens[i + 1].lower.hasSuffix("ed") && tokens[i - 1].lower != "that"
        }
        var start = 0
        if let trigger, trigger > 1, let opener = (1..<min(trigger, tokens.count)).last(where: opensClause) { start = opener + 1 }
        func year(_ i: Int) -> Int? {
            guard i >= 0, i < tokens.count, tokens[i].kind == .number, tokens[i].lower.utf8.count == 4,
                  let y = Int(tokens[i].lower), y >= 1990, y < published else { return nil }
            return y
        }
        func day(_ i: Int) -> Int? {
            guard i >= 0, i < tokens.count, tokens[i].kind == .number, let d = Int(tokens[i].lower), d >= 1, d <= 31 else { return nil }
            return d
        }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for i in tokens.indices where i >= start {
            let w = tokens[i].lower
            // "The law was passed after RedNote gained users during a shutdown in January 2025": a date after a
            // subordinator inside the sentence dates the clause it opens, not the act.
            if i > start, opensClause(i) { break }
            if let month = Self.months[w] {
                // "March 3, 2022", "March 3 2022", "March 2022"; "3 March 2022".
                if let d = day(i + 1) {
                    let y = tokens.indices.contains(i + 2) && tokens[i + 2].lower == "," ? year(i + 3) : year(i + 2)
                    if let y { return "\(y)-\(pad(month))-\(pad(d))" }
                }
                if let y = year(i + 1) {
                    if let d = day(i - 1) { return "\(y)-\(pad(month))-\(pad(d))" }
                    return "\(y)-\(pad(month))"
                }
                // The same year, before the publication month.
                if let pm = publishedMonth, i > 0 {
                    let before = tokens[i - 1].lower
                    let d = day(i + 1)
                    let next = tokens.indices.contains(i + (d == nil ? 1 : 2)) ? tokens[i + (d == nil ? 1 : 2)] : nil
                    let nextYear = next?.kind == .number && next?.lower.utf8.count == 4 ? Int(next!.lower) : nil
                    let yearAfterComma = d != nil && next?.lower == "," && tokens.indices.contains(i + 3)
                        && tokens[i + 3].kind == .number && tokens[i + 3].lower.utf8.count == 4 ? Int(tokens[i + 3].lower) : nil
                    let statedYear = nextYear ?? yearAfterComma
                    let opens = ["in", "during", "early", "late", "mid", "mid-", "on", "last", "by", "from", "between"].contains(before)
                    guard statedYear == nil || statedYear == published, opens || d != nil || statedYear != nil else { continue }
                    var y = published
                    if before == "last", month >= pm { y = published - 1 } else if month >= pm { continue }
                    return d.map { "\(y)-\(pad(month))-\(pad($0))" } ?? "\(y)-\(pad(month))"
                }
                continue
            }
            if ["in", "during", "early", "late", "mid", "mid-"].contains(w), let y = year(i + 1) { return "\(y)" }
            // "since 2020, when TikTok was banned": the clause after the year says what happened then.
            if w == "since", let y = year(i + 1), i + 3 < tokens.count, tokens[i + 2].lower == ",", tokens[i + 3].lower == "when" {
                return "\(y)"
            }
            if w == "last", i + 1 < tokens.count, tokens[i + 1].lower == "year" { return "\(published - 1)" }
            // "last month", "earlier this month": the month before the article's, or its own.
            if let pm = publishedMonth {
                if w == "last", i + 1 < tokens.count, tokens[i + 1].lower == "month" {
                    return pm == 1 ? "\(published - 1)-12" : "\(published)-\(pad(pm - 1))"
                }
                if w == "earlier", i + 2 < tokens.count, tokens[i + 1].lower == "this", tokens[i + 2].lower == "month" {
                    return "\(published)-\(pad(pm))"
                }
            }
        }
        return nil
    }

    static let datedClauseOpeners: Set<String> = ["after", "before", "when", "while", "following", "amid", "until"]

    /// "in 2023", "during 2021": a year before the article's own, which places an act in the story's past (so an
    /// act of the same type and actor stated with it is another act). Without a publication year, any year counts.
    static func earlierYear(in tokens: [Token], published: Int?) -> Int? {
        for i in tokens.indices.dropLast() where ["in", "during", "since"].contains(tokens[i].lower) {
            let next = tokens[i + 1]
            guard next.kind == .number, next.lower.utf8.count == 4, let y = Int(next.lower), y >= 1990, y <= 2100 else { continue }
            if let published, y >= published { continue }
            return y
        }
        return nil
    }

    // MARK: - Events

    static let prepositions: Set<String> = [
        "of", "by", "from", "to", "with", "for", "like", "including", "behind", "against", "on", "at", "in", "over",
        "into", "through", "via", "under", "about", "toward", "towards", "than", "among", "between", "off",
    ]
    static let clauseBreaks: Set<String> = [";", "but", "while", "whereas", "although", "though", ":"]
    /// Words that open a subordinate clause inside a sentence, before its own subject and verb.
    static let midSentenceSubordinators: Set<String> = ["after", "before", "when", "because", "once", "until", "since", "whereas"]
    /// Words that open a subordinate clause at the start of a sentence: the main clause starts after the comma.
    static let subordinators: Set<String> = [
        "although", "though", "while", "despite", "after", "because", "since", "if", "when", "whereas", "before",
        "as", "amid", "following", "with", "without", "unlike", "in",
    ]
    static let rightBreaks: Set<String> = [
        ";", "but", "while", "whereas", "although", "though", "after", "because", "since", "citing", "saying", "as",
        "according", "following", "amid", "despite", "which", "who", "before", "when", "where", "so",
    ]
    static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "'s"]
    /// Adverbs that may stand between a subject, an auxiliary and the act: "Twitter permanently suspended…".
    static let adverbs: Set<String> = Lexicon.bundled.set("act-adverbs")
    static let relativePronouns: Set<String> = ["which", "that", "who"]
    /// Group heads that name things, not agents: they cannot circumvent, ban or sue.
    static let nonAgentHeads: Set<String> = Lexicon.bundled.set("non-agent-heads")

    func isParticiple(_ w: String) -> Bool {
        w.hasSuffix("ed") || w == "cut" || w == "shut" || w == "hit" || w == "struck" || w == "taken" || w == "given"
            || w == "set" || w == "put" || w == "sued" || w == "barred" || w == "banned" || w == "withdrawn" || w == "overturned" || w == "forbidden"
            || w == "found"
    }

    /// The parties coordinated with `m` to its left: "DeepSeek, Moonshot and MiniMax".
    func coordinatedList(ending m: Mention, in a: Analysed) -> [Mention] {
        var list = [m]
        var current = m
        while let prev = a.mentions.last(where: { $0.end <= current.start }), prev.isNamed, !prev.isProduct {
            let between = a.tokens[prev.end..<current.start].map(\.lower)
            guard !between.isEmpty, between.allSatisfy({ $0 == "," || $0 == "and" }) else { break }
            list.insert(prev, at: 0)
            current = prev
        }
        return list
    }

    /// The named parties and products coordinated with `m` to its right, up to `limit`: "WhatsApp, Telegram and
    /// Skype", "Hikvision or Dahua".
    func coordinatedList(starting m: Mention, before limit: Int, in a: Analysed) -> [Mention] {
        var list = [m]
        var current = m
        while let next = a.mentions.first(where: { $0.start >= current.end }), next.start < limit, next.isNamed, !next.isModifier {
            let between = a.tokens[current.end..<next.start].map(\.lower)
            // "The CNIL and the Garante": an article may open the next name of the list.
            guard between.contains(where: { $0 != "the" }),
                  between.allSatisfy({ $0 == "," || $0 == "and" || $0 == "or" || $0 == "the" }) else { break }
            list.append(next)
            current = next
        }
        return list
    }

    /// The event a rule's match at `t` states, or nil when it states none. Its stages, each in
    /// `Events/EventExtractor+*.swift`, fill in an `EventDraft` in turn: cues, clause bounds, status and voice,
    /// whether the words state an act, party finding (subject, actor and target mentions, product), the actor with
    /// anaphors resolved, the targets, and the event's type, countries and confidence.
    func buildEvent(rule: Rule, trigger t: Int, end: Int, in a: inout Analysed, discourse: inout Discourse) -> ExtractedEvent? {
        var d = EventDraft(rule: rule, trigger: t, end: end)
        guard admitTrigger(&d, in: &a, discourse: discourse) else { return dropped("admitTrigger", d, a) }
        findClauseBounds(&d, in: a)
        guard decideStatus(&d, in: a) else { return dropped("decideStatus", d, a) }
        decideVoice(&d, in: a)
        guard statesAnAct(d, in: a) else { return dropped("statesAnAct", d, a) }
        findSubject(&d, in: a)
        findActorAndTargetMentions(&d, in: a)
        findProduct(&d, in: a, discourse: discourse)
        resolveActorMention(&d, in: a, discourse: discourse)
        guard resolveActorFromContext(&d, in: a, discourse: discourse) else { return dropped("resolveActorFromContext", d, a) }
        collectTargets(&d, in: a, discourse: discourse)
        guard let event = finishEvent(&d, in: a, discourse: &discourse) else { return dropped("finishEvent", d, a) }
        return event
    }

    /// Nil, after saying under `REGWATCH_EXTRACT_TRACE` which stage dropped which trigger.
    private func dropped(_ stage: String, _ d: EventDraft, _ a: Analysed) -> ExtractedEvent? {
        if Self.trace {
            FileHandle.standardError.write(Data("trace: rules.txt:\(d.rule.line) t=\(a.tokens[d.trigger].lower) dropped by \(stage)\n".utf8))
        }
        return nil
    }

    /// What rises when people circumvent a block: "use of VPNs surged", "a spike in downloads".
    static let usageNouns: Set<String> = Lexicon.bundled.set("usage-nouns")

    /// Nouns whose "of" or "on" phrase is the thing a measure concerns: "exports of gallium", "a ban on drones".
    private static let measureObjectNouns: Set<String> = Lexicon.bundled.set("measure-object-nouns")
    /// Words that end the phrase of a thing: prepositions of place, time, cause and party, and clause openers.
    private static let thingStops: Set<String> = Lexicon.bundled.set("thing-stops")

    /// The noun phrase after "exports of", "a ban on", … within the clause, up to eight words: what the measure
    /// concerns when no listed product names it. Nothing when it is a party or a pronoun.
    func objectPhrase(after end: Int, before right: Int, in a: Analysed) -> String? {
        let tokens = a.tokens
        var k = max(0, end - 1)
        while k < min(right, end + 4) {
            let w = tokens[k].lower
            if (w == "of" || w == "on"), k > 0, Self.measureObjectNouns.contains(tokens[k - 1].lower) { break }
            k += 1
        }
        guard k < min(right, end + 4) else { return nil }
        var start = k + 1
        while start < right, ["the", "a", "an", "all", "its", "their", "certain", "some"].contains(tokens[start].lower) { start += 1 }
        var stop = start
        while stop < right, stop - start < 8, tokens[stop].kind != .punct || tokens[stop].lower == "-",
              !Self.thingStops.contains(tokens[stop].lower) { stop += 1 }
        // "gallium, germanium and antimony": a list goes on across its commas, if it is one: closed by "and" or "or".
        // "chipmaking equipment, adding 23 items to its list" is a thing and a clause after it.
        let beforeList = stop
        while stop + 1 < right, tokens[stop].lower == ",", stop - start < 12, tokens[stop + 1].kind == .word,
              !Self.thingStops.contains(tokens[stop + 1].lower), !a.mentions.contains(where: { $0.start == stop + 1 }) {
            stop += 1
            while stop < right, stop - start < 12, tokens[stop].kind != .punct, !Self.thingStops.contains(tokens[stop].lower) { stop += 1 }
        }
        if stop > beforeList, !tokens[beforeList..<stop].contains(where: { $0.lower == "and" || $0.lower == "or" }) { stop = beforeList }
        guard stop > start else { return nil }
        // A party or a pronoun is a target, not a thing.
        if a.mentions.contains(where: { $0.start == start && $0.canAct }) { return nil }
        if ["it", "them", "this", "that", "these", "those"].contains(tokens[start].lower) { return nil }
        // "the ban on the app": a product noun after "the" points back to the product the article is about.
        if stop - start == 1, start > 0, ["the", "its"].contains(tokens[start - 1].lower),
           Self.productAnaphors.contains(tokens[start].lower) { return nil }
        // "a ban on June 29", "the ban on Friday": a time, not a thing.
        if Self.timeWords.contains(tokens[start].lower) || tokens[start].kind == .number { return nil }
        return String(String.UnicodeScalarView(a.scalars[tokens[start].start..<tokens[stop - 1].end]))
    }

    /// A named body of a government (a ministry, an agency, a regulator), not the government itself.
    func isGovernmentBody(_ m: Mention) -> Bool {
        m.isNamed && (m.kind == .government || m.kind == .regulator) && !m.name.hasPrefix("Government of")
            && index.record(named: m.name)?.kind != .country
    }

    /// "China unveiled curbs on gallium exports" in an article that quotes the commerce ministry on them: a country's
    /// act is the act of the one body of its government the article quotes, when it quotes exactly one. With none or
    /// several, which body acted is not told and the government stays the actor. A law is a legislature's act and
    /// keeps its actor.
    func actThroughAnnouncer(_ events: inout [ExtractedEvent], announcers: [String: Set<String>],
                             kinds: [String: (EntityKind, String?)]) {
        for i in events.indices where events[i].type != .legislation && events[i].type != .workaround
            && events[i].type != .tracking {
            guard let actor = events[i].actor, actor.hasPrefix("Government of"),
                  let code = kinds[actor]?.1, let bodies = announcers[code], bodies.count == 1,
                  let body = bodies.first else { continue }
            events[i].actor = body
        }
    }

    /// A government body named without its country ("the Commerce Ministry said", in an article about China) as the
    /// list's body of that country whose name holds the same topic words ("Ministry of Commerce of China"), so that
    /// the act it announces is named as in the reports that name the country; the name as it is when the list has
    /// none or several such bodies.
    func qualifiedBody(_ name: String, country code: String) -> String {
        guard index.record(named: name) == nil else { return name }
        let words = name.lowercased().split(separator: " ").map(String.init)
        return index.listedMinistry(topics: words, country: code) ?? name
    }

    /// The materials of `cue goods` named in tokens `from..<to`, in order, each once: "gallium and germanium",
    /// "gallium, germanium and antimony". Every spelling of rare earths ("rare-earth", "rare earth elements") is
    /// "rare earths", so that reports of one measure name it alike. Nil when none is named.
    func goodsNamed(from: Int, to: Int, in a: Analysed) -> String? {
        guard !cues.goods.phrases.isEmpty else { return nil }
        var names: [String] = []
        var i = from
        while i < min(to, a.tokens.count) {
            guard let length = cues.goods.match(a.tokens, at: i) else { i += 1; continue }
            var name = a.tokens[i..<i + length].map(\.lower).joined(separator: " ")
            if name.hasPrefix("rare") { name = "rare earths" }
            if !names.contains(name) { names.append(name) }
            i += length
        }
        guard let last = names.last else { return nil }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }

    /// A government or union as a whole ("Government of Kenya", "European Union"), not one of its bodies.
    /// A body of a government named as a ministry, department or office ("Ministry of Interior of Pakistan").
    static func isMinistry(_ name: String) -> Bool {
        let first = name.split(separator: " ").first.map { $0.lowercased() } ?? ""
        return ["ministry", "department", "office", "minister"].contains(first) || name.contains(" Ministry")
            || name.contains(" Department")
    }
    func isGovernmentItself(_ name: String) -> Bool {
        name.hasPrefix("Government of") || index.record(named: name)?.kind == .country
    }

    /// The owner "its" stands for after a trigger: the nearest company or product named before it in the sentence,
    /// unless that is the actor itself.
    func possessiveOwner(of m: Mention, in a: Analysed, actor: String?) -> Mention? {
        guard let nearest = a.mentions.last(where: { c in
            c.start < m.start && c.isNamed && !c.isModifier && (c.kind == .company || c.kind == .product)
        }), nearest.name != actor else { return nil }
        return nearest
    }

    /// A party named as the source of a statement: a speech word right after it or right before it ("…, the
    /// regulator said", "according to the commission").
    func isAttribution(_ m: Mention, in a: Analysed) -> Bool {
        if a.has(CueBit.speech, at: m.end) || (m.start > 0 && a.has(CueBit.speech, at: m.start - 1)) { return true }
        // "The AEPD, Spain's data protection regulator, said…": the speech word after an apposition set off by commas.
        guard m.end + 2 < a.tokens.count, a.tokens[m.end].lower == ",",
              let close = (m.end + 2..<min(a.tokens.count, m.end + 10)).first(where: { a.tokens[$0].lower == "," }) else { return false }
        return a.has(CueBit.speech, at: close + 1)
    }

    /// Verbs by which an authority lays a duty on those it addresses ("told operators to register").
    static let directingVerbs: Set<String> = Lexicon.bundled.set("directing-verbs")

    /// The parties a directive addresses: the list between the verb at `t` and its "to" ("asked businesses,
    /// freelancers and software houses to register"), each item up to four words, without determiners or
    /// parentheses. Empty when no "to" follows within twelve words.
    func addressees(after t: Int, before right: Int, in a: Analysed) -> [String] {
        let tokens = a.tokens
        guard let to = (t + 1..<min(right, t + 14)).first(where: { tokens[$0].lower == "to" }), to > t + 1 else { return [] }
        var result: [String] = []
        var piece: [Int] = []
        var depth = 0
        func flush() {
            defer { piece = [] }
            guard !piece.isEmpty, piece.count <= 4 else { return }
            let from = tokens[piece[0]].start, until = tokens[piece[piece.count - 1]].end
            if piece.count == 1, Self.determiners.contains(tokens[piece[0]].lower) { return }
            result.append(String(String.UnicodeScalarView(a.scalars[from..<until])))
        }
        for k in t + 1..<to {
            let w = tokens[k].lower
            if w == "(" { depth += 1; continue }
            if w == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if w == "," || w == "and" || w == "or" { flush(); continue }
            guard tokens[k].kind == .word else { return [] }
            if piece.isEmpty, ["all", "the", "their", "its", "every", "each", "local", "other"].contains(w) { continue }
            piece.append(k)
        }
        flush()
        return result
    }

    /// A class of things named right after a verb: up to four words with no party among them, ending in a plural
    /// ("illegal VPNs", "unregistered proxy services", "foreign messaging apps"). Not "access to", not a pronoun,
    /// not a time.
    func objectClass(at start0: Int, before right: Int, in a: Analysed) -> String? {
        let tokens = a.tokens
        var start = start0
        while start < right, ["the", "all", "any", "some", "certain", "those", "these", "\"", "\u{201C}", "'", "\u{2018}"].contains(tokens[start].lower) { start += 1 }
        var stop = start
        while stop < right, stop - start < 4, tokens[stop].kind == .word, !Self.objectClassStops.contains(tokens[stop].lower),
              !a.mentions.contains(where: { $0.isNamed && $0.start <= stop && stop < $0.end }) { stop += 1 }
        guard stop > start, stop == right || tokens[stop].kind == .punct || Self.objectClassStops.contains(tokens[stop].lower) else { return nil }
        let words = tokens[start..<stop].map(\.lower)
        guard let last = words.last, last.count > 3, last.hasSuffix("s"), !last.hasSuffix("ss"), !last.hasSuffix("'s"),
              !Self.objectClassExcluded.contains(words[0]), !Self.objectClassExcluded.contains(last),
              // A bare "services" or "users" says nothing about which.
              words.count > 1 || !EntityIndex.groupHeads.contains(last),
              !Self.timeWords.contains(words[0]), !words.contains(where: { Self.determiners.contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(a.scalars[tokens[start].start..<tokens[stop - 1].end]))
    }
    private static let objectClassStops: Set<String> = thingStops.union([
        "across", "throughout", "nationwide", "within", "during", "through", "via", "and", "or", "but", "despite", "of",
    ])
    /// Words that open or end no class of things acted on: pronouns, access and use, amounts and times.
    private static let objectClassExcluded: Set<String> = Lexicon.bundled.set("object-class-excluded")

    /// Nouns that, after "the", point back to a product named before.
    static let productAnaphors: Set<String> = Lexicon.bundled.set("product-anaphors")

    /// Words that open a time phrase: months, weekdays and the like.
    static let timeWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
        "tomorrow", "tonight", "week", "month", "year", "weekend", "midnight", "noon",
    ]

    /// Nouns of quantity whose "of" phrase names who acts: "a number of firms", "millions of users".
    static let quantityNouns: Set<String> = Lexicon.bundled.set("quantity-nouns")

    /// Verbs that hand an act to someone else ("a law that lets the Commerce Department ban…"). Verbs of command
    /// are not among them: whoever orders app stores to remove an app is the one who bans it.
    static let enablingVerbs: Set<String> = Lexicon.bundled.set("enabling-verbs")
    /// Where the verb of a party's clause starts, past a perfect's auxiliary: "the regulator (had) ordered".
    static func verbAfter(_ m: Mention, _ tokens: [Token]) -> Int {
        m.end < tokens.count && ["had", "has", "have"].contains(tokens[m.end].lower) ? m.end + 1 : m.end
    }
    /// A party named as the one who asked for an act: "at the request of X", "at the behest of X", "on the orders
    /// of X", "following an order from X", "on instructions from X".
    static func isRequester(_ m: Mention, _ tokens: [Token]) -> Bool {
        // "…, saying the regulator ordered it to do so": the party that told the provider to do what it did.
        let v = verbAfter(m, tokens)
        if v + 4 < tokens.count, commandVerbs.contains(tokens[v].lower),
           (v + 2...min(v + 4, tokens.count - 3)).contains(where: { k in
               tokens[k].lower == "to" && tokens[k + 1].lower == "do" && tokens[k + 2].lower == "so"
           }) {
            return true
        }
        var i = m.start - 1
        if i >= 0, tokens[i].lower == "the" { i -= 1 }
        guard i >= 1, ["of", "from", "by"].contains(tokens[i].lower) else { return false }
        // "…after being ordered to do so by the country's internet regulator", "was told by the ministry to": the
        // agent of a command told in the passive.
        if tokens[i].lower == "by", (max(0, i - 5)..<i).contains(where: { commandVerbs.contains(tokens[$0].lower) }) { return true }
        // "a request relayed by the ministry", "an order issued by the regulator".
        if i >= 2, tokens[i].lower == "by", isParticiple(tokens[i - 1].lower) { return requestNouns.contains(tokens[i - 2].lower) }
        return requestNouns.contains(tokens[i - 1].lower)
    }
    private static let requestNouns: Set<String> = Lexicon.bundled.set("request-nouns")
    /// Verbs of telling someone to act: "the regulator ordered it to do so".
    private static let commandVerbs: Set<String> = Lexicon.bundled.set("command-verbs")
    /// Steps whose outcome is still open when told as ahead: a vote, a decision, a review, a hearing.
    static let openSteps: Set<String> = Lexicon.bundled.set("open-steps")
    /// Words of an intention still open: "is considering", "weighs", "is looking to".
    static let openIntentions: Set<String> = Lexicon.bundled.set("open-intentions")
    /// Words of an expectation: an act expected ("is expected to publish rules restricting exports", "Expect the
    /// government to publish the decree") is a development to watch, not a planned event.
    static let expectationWords: Set<String> = Lexicon.bundled.set("expectation-words")
    /// Words that open the condition an act ahead waits on: "once it complies", "if the company registers".
    static let conditionOpeners: Set<String> = ["once", "if", "unless"]
    /// Nouns of a decided intention, which an announcement makes news: "has announced its intention to restrict".
    static let intentionNouns: Set<String> = Lexicon.bundled.set("intention-nouns")

    /// Whether an act the rules read is only a development ahead: "The regulator is considering ordering operators to
    /// block the app", "Parliament will vote next week on the bill", "is expected to publish rules restricting exports",
    /// "Expect the government to publish the decree barring…"; an intention to sue or appeal; an act ahead that waits
    /// on a condition ("will be restored once it complies"); a measure taking effect at a time ahead ("the law comes
    /// into force in December"). It is a watch item then, not an event. What stays an event: a proposal published
    /// ("proposed regulations", a bill introduced), an intention announced ("has announced its intention to restrict
    /// users"), and an act decided for a day ahead with no condition ("will ban staff from using it from July 10").
    func isDevelopmentAhead(_ event: ExtractedEvent, rule: Rule, trigger i: Int, end: Int? = nil, in a: Analysed,
                            year: Int? = nil, month: Int? = nil) -> Bool {
        let tokens = a.tokens
        let before = max(0, i - 6)..<i
        // "Expect…": what a sentence tells the reader to expect has not happened.
        if tokens.first?.lower == "expect" { return true }
        // "Kenya's data law comes into force in December", "Thailand's ban on payment apps kicks in next month": a
        // measure named as the subject of taking effect at a time ahead (or a rule that reads the taking effect itself)
        // has not taken effect. Not the act of a verb
        // ("Parliament passed a law that takes effect in March": the passing is news).
        if let k = takesEffectAhead(a, year: year, month: month), k > i,
           !(i + 1..<k).contains(where: { j in
               Self.clauseBreaks.contains(tokens[j].lower) || Self.midSentenceSubordinators.contains(tokens[j].lower)
                   // "Ghana's parliament passed a law … that takes effect in December": a verb told in the past.
                   || (tokens[j].lower.hasSuffix("ed") && !Self.nounMarkers.contains(tokens[j - 1].lower))
           }),
           k < (end ?? i) || !isVerbUse(i, in: a) || Self.modifiesSubject(i, tokens) {
            return true
        }
        // "He said he would file a broader case", "Epic plans to appeal": an intention to sue or appeal is a development
        // to watch, not a case (a case filed or a ruling given is one).
        if event.type == .lawsuit, event.status == .planned || event.status == .proposed { return true }
        // "The blocks would be lifted as soon as the companies register", "will be restored once it complies": an act
        // ahead that waits on a condition is a development.
        // (A proposal is news whatever it would do: "A bill introduced in Congress would ban the app unless…".)
        // The condition is in the act's own clause ("…, but did not say if" is another), and "provided" opens one only
        // as "provided that" ("services provided by foreign firms").
        if event.status == .planned,
           case let clauseEnd = (i + 1..<tokens.count).first(where: { Self.clauseBreaks.contains(tokens[$0].lower) || tokens[$0].lower == "," }) ?? tokens.count,
           (i + 1..<clauseEnd).contains(where: { k in
               Self.conditionOpeners.contains(tokens[k].lower)
                   || (tokens[k].lower == "provided" && k + 1 < tokens.count && tokens[k + 1].lower == "that")
                   || (tokens[k].lower == "as" && k + 2 < tokens.count && tokens[k + 1].lower == "soon" && tokens[k + 2].lower == "as")
           }) {
            return true
        }
        // "Analysts expect Washington to add more firms to its entity list": an act someone expects, whoever it is
        // expected of, has not happened (the "to" right before the act, past at most one word).
        // (An authority that expects a party to act demands it: "the ministry expects Apple to remove the apps".)
        if let k = before.last(where: { Self.expectationWords.contains(tokens[$0].lower) && !tokens[$0].isCapitalized }),
           tokens[k].lower.hasPrefix("expect"), (max(k + 1, i - 2)..<i).contains(where: { tokens[$0].lower == "to" }),
           !a.mentions.contains(where: { m in
               m.end <= k && m.canAct && !m.isModifier && (m.kind?.isAuthority ?? false || m.role == .authority) && m.kind != .court
           }) {
            return true
        }
        switch event.status {
        case .proposed:
            // Still weighed: "is considering", "weighs", "is looking to" (also when the rule itself proposes).
            if (before.lowerBound...i).contains(where: { Self.openIntentions.contains(tokens[$0].lower) }) { return true }
            // An intention, promise or plan that no proposal rule states and no announcement makes news.
            let announced = before.contains { Self.intentionNouns.contains(tokens[$0].lower) }
                && (max(0, i - 8)..<i).contains { a.has(CueBit.speech, at: $0) }
            return rule.status != .proposed && !announced
        case .planned:
            // A step whose outcome is open ("will vote on", "will rule on"), or an act expected ("is expected to",
            // "likely to"); the same word inside a name ("Apple's App Review") is no step.
            return (before.lowerBound...i).contains { k in
                Self.openSteps.contains(tokens[k].lower) && (k == i || !tokens[k].isCapitalized)
            } || before.contains { k in Self.expectationWords.contains(tokens[k].lower) && !tokens[k].isCapitalized }
        default:
            return false
        }
    }
    /// What a party decides or undertakes, before "to" and the act: "Beijing's measures to tighten exports".
    static let decisionNouns: Set<String> = Lexicon.bundled.set("decision-nouns")
    /// Verbs that tell a measure named as a noun as someone's act after it: "the shutdown that the government imposed".
    static let imposingVerbs: Set<String> = Lexicon.bundled.set("imposing-verbs")

    /// A participle after a noun describes it, it is no verb of its own: "the law banning foreign payment apps", "a
    /// decree requiring platforms to verify users" ("is banning", "of banning" are verbs).
    static func modifiesSubject(_ i: Int, _ tokens: [Token]) -> Bool {
        guard i > 0, tokens[i].lower.hasSuffix("ing") else { return false }
        let previous = tokens[i - 1]
        return previous.kind == .word && !beForms.contains(previous.lower) && !prepositions.contains(previous.lower)
            && !["and", "or", "also", "not", "still", "now"].contains(previous.lower)
    }

    /// A definite mention of an act of a type the article has told already points back to it; it is no second act:
    /// "the investigation" ("…, the Dutch DPA had to lead the investigation"), and "the effort to block access" or
    /// "this decision to ban the app" (a decision noun, "to" and the trigger), where "a decision to ban" is news.
    func pointsBack(at i: Int, type: EventKind, in tokens: [Token], told: [ExtractedEvent]) -> Bool {
        guard told.contains(where: { $0.type == type }) else { return false }
        if type == .investigation, i > 0, Self.definiteWords.contains(tokens[i - 1].lower), tokens[i].lower.hasPrefix("investigation") {
            return true
        }
        // "The complaint, filed in federal court, argues…", "The suits seek civil penalties": a case the article has
        // told, referred to by its noun as the subject of what it argues or seeks ("The lawsuit was filed last year by
        // three authors" tells the filing, and is the case told in full).
        // ("The lawsuit brought by Utah on Tuesday claims…" names a party of its own: another case.)
        if type == .lawsuit, i > 0, Self.definiteWords.contains(tokens[i - 1].lower), Self.lawsuitNouns.contains(tokens[i].lower),
           let verb = (i + 1..<min(tokens.count, i + 14)).first(where: { k in
               tokens[k].kind == .word && !tokens[k].isCapitalized && (Self.caseContentVerbs.contains(tokens[k].lower) || tokens[k].lower == "was" || tokens[k].lower == "were")
           }), Self.caseContentVerbs.contains(tokens[verb].lower), !(i + 1..<verb).contains(where: { tokens[$0].lower == "by" }) {
            return true
        }
        return i >= 3 && tokens[i - 1].lower == "to" && Self.decisionNouns.contains(tokens[i - 2].lower)
            && Self.definiteWords.contains(tokens[i - 3].lower)
    }
    /// Refusing, before what is not done: "declined to lift the order".
    static let refusalWords: Set<String> = Lexicon.bundled.set("refusal-words")
    /// What a case says or asks for, after its noun: "The complaint argues…", "The suits seek civil penalties".
    static let caseContentVerbs: Set<String> = Lexicon.bundled.set("case-content-verbs")
    /// Words that make a noun phrase point back to what was told: "the investigation", "this decision to ban".
    private static let definiteWords: Set<String> = ["the", "this", "that", "its", "their"]
    /// "Washington added the drone maker to a trade blacklist, barring US firms from selling to it", "moved to tighten
    /// access, announcing a ban on Chinese-owned companies": a participle clause after an act, with no subject of its
    /// own, tells what that act does; it is not a second act. A clause with its own party ("…, prompting Alibaba to
    /// ban the tool") and a list of instances ("…, including an experiment to identify users") are acts of their own.
    func elaboratesAct(at trigger: Int, after act: Int, in a: Analysed) -> Bool {
        let tokens = a.tokens
        var p = trigger
        while p > act + 1, tokens[p - 1].lower != "," {
            if tokens[p - 1].kind == .punct { return false }
            p -= 1
        }
        guard p > act + 1, Self.opensParticipleClause(tokens, at: p - 1) else { return false }
        return !a.mentions.contains { $0.start > p && $0.start < trigger && $0.canAct && !$0.isModifier }
    }
    /// Whether the comma at `r` opens a participle clause: ", barring US firms from…", ", prompting Alibaba to…". Not
    /// a gerund in a list ("mining, smelting and separation") nor a list of instances (", including…").
    static func opensParticipleClause(_ tokens: [Token], at r: Int) -> Bool {
        guard r + 2 < tokens.count, tokens[r].lower == ",", tokens[r + 1].kind == .word, !tokens[r + 1].isCapitalized else { return false }
        let w = tokens[r + 1].lower
        guard w.count > 5, w.hasSuffix("ing"), !listOpeners.contains(w) else { return false }
        return !["and", "or", ",", "."].contains(tokens[r + 2].lower)
    }
    /// Participles that open a list of instances rather than say what the act before them does.
    /// Speech ("…, saying that…") is read as reported speech, not as a clause of the act.
    static let listOpeners: Set<String> = Lexicon.bundled.set("list-openers")
    /// Participles that make another party act of its own accord: "…, prompting Alibaba to ban the tool".
    static let causativeParticiples: Set<String> = Lexicon.bundled.set("causative-participles")

    /// Nouns of a case, which a filing rule may start at: "the lawsuit was filed by…".
    static let lawsuitNouns: Set<String> = Lexicon.bundled.set("lawsuit-nouns")
    /// Participles of bringing a case: "was filed last year by…".
    static let filingParticiples: Set<String> = Lexicon.bundled.set("filing-participles")
    /// Words after which the parties bringing a case are no longer listed.
    static let filingListEnds: Set<String> = Lexicon.bundled.set("filing-list-ends")
    /// Whether a lift rule matches at a word strictly inside a span.
    func liftStarts(in tokens: [Token], from: Int, to end: Int) -> Bool {
        guard from < end else { return false }
        var buffer: [Int] = []
        for j in from..<end where tokens[j].kind == .word {
            rules.candidates(for: tokens[j].lower, into: &buffer)
            if buffer.contains(where: { rules.rules[$0].type == .lift && rules.match($0, tokens, at: j) != nil }) { return true }
        }
        return false
    }
    /// What proposes an act without making it: "a bill to ban", "a proposal to block".
    static let proposalNouns: Set<String> = Lexicon.bundled.set("proposal-nouns")
    /// App and extension stores: the places products are offered, named as products.
    static func isStore(_ name: String) -> Bool {
        name.hasSuffix(" Store") || name.hasSuffix(" Play") || name == "AppGallery"
    }
    /// Groups of people who get around a block where they live.
    static let peopleHeads: Set<String> = Lexicon.bundled.set("people-heads")
    /// A legislature named by its bare title or its members, of no country: "Parliament", "lawmakers".
    static let bareLegislatures: Set<String> = Lexicon.bundled.set("bare-legislatures")
    /// Words of being able, before the "to" of what was done: "were still able to get online", "managed to stay connected".
    static let abilityWords: Set<String> = Lexicon.bundled.set("ability-words")
    /// Where an app leaves a store ("removed from", "pulled off") and where it comes back ("restored to", "back in").
    static let placesLeft: Set<String> = ["from", "off"]
    static let placesReached: Set<String> = ["to", "in", "on"]
    /// The auxiliaries of a passive verb ("has been removed", "was banned").
    static let passiveAuxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being", "has", "have", "had"]
    /// Whether only auxiliaries and adverbs fill `range`, as between a subject and its verb ("Starlink quietly
    /// disabled", "Baidu's keyboard app was sending").
    static func onlyAuxiliaries(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        range.allSatisfy { adverbs.contains(tokens[$0].lower) || passiveAuxiliaries.contains(tokens[$0].lower) }
    }
    /// Goods named after their maker ("Nvidia chips", "Huawei phones"): the maker before them owns them.
    static let goodsNouns: Set<String> = Lexicon.bundled.set("goods-nouns")
    /// Who runs a country's networks: their blocks carry out its government's bans.
    static let networkOperatorHeads: Set<String> = Lexicon.bundled.set("network-operator-heads")
    /// Words that may describe network operators before the head ("mobile operators", "internet service
    /// providers"); any other ("VPN providers", "drone operators") names another trade.
    static let networkWords: Set<String> = Lexicon.bundled.set("network-words")
    /// "Telecom operators in Guinea", "internet providers", "mobile carriers": who runs a country's networks.
    static func isNetworkOperators(_ m: Mention) -> Bool {
        guard let head = m.head, networkOperatorHeads.contains(head) else { return false }
        let written = m.name.split(separator: " ").map(String.init)
        let words = written.map { $0.lowercased() }
        guard let at = words.firstIndex(of: head) else { return false }
        let before = words[..<at]
        if head == "providers", !before.contains(where: { ["internet", "telecom", "telecoms", "telecommunications", "network", "broadband", "mobile", "service"].contains($0) }) {
            return false
        }
        // "Russian telecom operators": the country's adjective, first, says whose networks they are.
        return before.indices.allSatisfy { k in
            networkWords.contains(before[k]) || before[k].hasSuffix("'s")
                || (k == 0 && m.country != nil && written[k].first?.isUppercase == true)
        }
    }
    /// Words of a tie between a party and a country ("links to China", "ties to Russia", "close to Beijing").
    static let relationNouns: Set<String> = Lexicon.bundled.set("relation-nouns")
    static let capacityNouns: Set<String> = Lexicon.bundled.set("capacity-nouns")
    static let determiners: Set<String> = ["a", "an", "the", "its", "their", "his", "her", "this", "that", "any", "new"]
    /// Verbs that judge an act named as a subject ("blocking VPNs was not viable", "banning the app would hurt").
    static let judgementCopulas: Set<String> = Lexicon.bundled.set("judgement-copulas")
    /// The end of the clause that starts at `t`: the next sentence break.
    func right0(_ t: Int, _ tokens: [Token]) -> Int {
        (t..<tokens.count).first { [";", ".", ":", "?", "!"].contains(tokens[$0].lower) } ?? tokens.count
    }
    static let requestVerbs: Set<String> = Lexicon.bundled.set("request-verbs")
    /// Request verbs that, said by a government or regulator to those under it, direct rather than plead.
    static let directiveVerbs: Set<String> = Lexicon.bundled.set("directive-verbs")
    /// A court's instruments: the court acts through them.
    static let judicialInstruments: Set<String> = Lexicon.bundled.set("judicial-instruments")
    static let instruments: Set<String> = Lexicon.bundled.set("instruments")
    static let genericAttemptNouns: Set<String> = Lexicon.bundled.set("generic-attempt-nouns")
    private static let adjectiveContext: Set<String> = Lexicon.bundled.set("adjective-context")
    static let nounMarkers: Set<String> = Lexicon.bundled.set("noun-markers")

    /// The trigger word is used as a verb: not after a determiner or adjective ("the ban", "its internal ban"),
    /// not part of a name ("the Claude Code ban"), and not followed by "on"/"of" ("a ban on", "fine of").
    func isVerbUse(_ t: Int, in a: Analysed) -> Bool {
        let tokens = a.tokens
        if t > 0 {
            let prev = tokens[t - 1].lower
            if Self.nounMarkers.contains(prev) { return false }
            // After "of" only a gerund is a verb: "accused of banning", but "a range of bypass methods".
            if prev == "of" && !tokens[t].lower.hasSuffix("ing") { return false }
            // "to reach blocked sites", "all banned apps": a participle used as an adjective.
            if tokens[t].lower.hasSuffix("ed"), Self.adjectiveContext.contains(prev), t + 1 < tokens.count,
               tokens[t + 1].kind == .word, !tokens[t + 1].isCapitalized { return false }
            // "the Claude Code ban", "a Nepal block": a name before a bare trigger makes it a noun; "India banned"
            // is still a verb.
            let w = tokens[t].lower
            let inflected = w.hasSuffix("ed") || w.hasSuffix("ing") || (w.hasSuffix("s") && !w.hasSuffix("ss"))
            if !inflected, a.mentions.contains(where: { $0.end == t && ($0.isProduct || $0.role == .country) && !$0.possessive }) { return false }
        }
        // "a ban on", "the chip ban has escalated", "the block was lifted": a noun before its preposition or verb.
        if t + 1 < tokens.count, ["on", "of", "against", "for", "in", "across", "covering", "that", "which", "are", "were",
                                  "has", "had", "have", "is", "was", "remains", "remained"].contains(tokens[t + 1].lower),
           !tokens[t].lower.hasSuffix("ed"), !tokens[t].lower.hasSuffix("ing") { return false }
        return true
    }

    /// A government below the national one that the entity list knows: a US state, an Indian state, a province.
    func isState(_ m: Mention) -> Bool {
        m.isNamed && m.kind == .government && index.record(named: m.name)?.subnational == true
    }

    func append(_ list: inout [String], _ value: String) {
        if !list.contains(value) { list.append(value) }
    }

    /// Canonical name, kind and country of a mention, following anaphors back.
    /// Acts only an authority takes (`resolve`).
    static let authorityActs: Set<EventKind> = [.penalty, .investigation, .legislation]

    func resolve(_ m: Mention, in a: Analysed, discourse: Discourse, before position: Int,
                 authorityAct: EventKind? = nil) -> (String?, EntityKind?, String?) {
        switch m.role {
        case .named(let kind):
            return (m.name, kind, m.country)
        case .country:
            if let code = m.country, let rec = index.country(code: code) { return (Self.governmentName(rec), .government, code) }
            return (m.name, .government, m.country)
        case .group:
            // "lawmakers in Brazil", "EU regulators", "Iran's judiciary": groups that act with authority.
            return (m.name, m.head.flatMap { EntityIndex.authorityGroupKinds[$0] }, m.country)
        case .company:
            // "it": the nearest organisation before it in the sentence ("The Ministry … said that it instructed");
            // "the company": the nearest company.
            let anyKind = m.name == "it" || m.name == "its"
            // "The government is focused on blocking Temu; it is also looking to…": "it" is the subject before it
            // (a party not inside a prepositional phrase, a pointer to an authority too), not the object nearest to it.
            // "Beijing announced it paused …": a country is what "it" may point to as well.
            let candidates = a.mentions.filter { $0.start < position && !$0.isProduct && !$0.isModifier
                && (($0.isNamed && (anyKind || $0.kind == .company)) || (anyKind && ($0.role == .authority || $0.role == .country))) }
            let subjectLike = candidates.first { c in
                c.start == 0 || !(Self.prepositions.contains(a.tokens[c.start - 1].lower) || a.tokens[c.start - 1].lower == "according")
            }
            if let earlier = anyKind ? (subjectLike ?? candidates.last) : candidates.last {
                if earlier.role == .authority || earlier.role == .country { return resolve(earlier, in: a, discourse: discourse, before: earlier.start) }
                return (earlier.name, earlier.kind, earlier.country)
            }
            // "Facebook said it had taken down…": a product that is the sentence's subject speaks for its maker, and
            // "it" is that maker.
            if anyKind, let p = a.mentions.first(where: { c in
                c.start < position && c.isProduct && !c.isModifier
                    && (c.start == 0 || !Self.prepositions.contains(a.tokens[c.start - 1].lower))
            }), let maker = p.parent, let record = index.record(named: maker), record.kind == .company {
                return (record.name, .company, record.country)
            }
            if anyKind, position == 0, discourse.previousSubjectIsInstrument,
               let auth = discourse.lastGovernment ?? discourse.lastAuthority {
                return (auth.name, auth.kind ?? .government, auth.country)
            }
            // "In 2018, it fined Uber": fines, probes and laws are an authority's acts, so "it" is the authority
            // the article named, not the company it was last about (which is often the one fined).
            if anyKind, let act = authorityAct, Self.authorityActs.contains(act), let auth = discourse.lastAuthority {
                return (auth.name, auth.kind ?? .regulator, auth.country)
            }
            if let c = discourse.lastCompany { return (c.name, .company, c.country) }
            return (nil, nil, nil)
        case .plural:
            if let earlier = a.mentions.last(where: { $0.start < position && $0.role == .group && $0.country != nil }) {
                // ("Regulators in Brazil said they…": a group of authority keeps its kind, when no other party comes
                // between it and the pronoun: "regulators fined the banks after they blocked…".)
                let between = a.mentions.contains { o in o.start >= earlier.end && o.start < m.start && o.canAct && !o.isModifier }
                return (earlier.name, between ? nil : earlier.head.flatMap { EntityIndex.authorityGroupKinds[$0] }, earlier.country)
            }
            // "Malaysian authorities said they were investigating", "Regulators in Brazil said they had opened an
            // inquiry": a body named by a plural head before the pronoun, as the subject of its clause.
            // (The sentence's subject, with no other party between it and the pronoun: not "Telegram executives met
            // Russian authorities and said they…", nor "regulators fined the banks after they…".)
            if let earlier = a.mentions.first(where: { c in c.start < position && c.canAct && !c.isModifier && !c.isProduct }),
               !earlier.possessive, earlier.end <= position,
               earlier.kind?.isAuthority ?? false || earlier.role == .authority,
               (earlier.start..<earlier.end).contains(where: { k in
                   let w = a.tokens[k].lower
                   return w.hasSuffix("s") && PartyResolver.authorityHeads.contains(w)
               }),
               !a.mentions.contains(where: { o in o.start >= earlier.end && o.end <= position && o.start < m.start && o.canAct && !o.isModifier }) {
                return earlier.role == .authority ? resolve(earlier, in: a, discourse: discourse, before: earlier.start)
                    : (earlier.name, earlier.kind, earlier.country)
            }
            if let p = discourse.lastPlural { return (p.name, nil, p.country) }
            return (nil, nil, nil)
        case .authority:
            let head = m.head ?? m.name.lowercased()
            // "the Dutch government": the government of the country it names.
            if head == "government", let code = m.country, let rec = index.country(code: code) {
                return (Self.governmentName(rec), .government, code)
            }
            // "the court" is the last court; "the regulator" the last regulator; "the government", "authorities",
            // "officials" the last government (or the government of the country the article is about).
            // "The European Commission fined X… The Commission opened proceedings": a head that the name of an authority
            // told before ends with is that authority, whatever its kind.
            if ["commission", "authority", "agency", "office", "bureau", "council", "board", "inspectorate"].contains(head) {
                let earlier = a.mentions.filter { $0.start < position && $0.isNamed && ($0.kind?.isAuthority ?? false) }
                // ("the Dutch authority" is only an authority of the Netherlands.)
                if let found = (discourse.authoritiesNamed + earlier).last(where: { f in
                    f.name.lowercased().split(separator: " ").last.map(String.init) == head && (m.country == nil || f.country == m.country) }) {
                    return (found.name, found.kind, found.country)
                }
            }
            let wanted: EntityKind = head == "court" ? .court
                : (["regulator", "watchdog", "commission", "authority", "agency", "dpa"].contains(head) ? .regulator : .government)
            // "Authorities in Balochistan", "officials in Texas", "the provincial government of Sindh": the authorities
            // of the place named right after them, a country or a state the list knows.
            if wanted == .government, m.end + 1 < a.tokens.count, ["in", "of"].contains(a.tokens[m.end].lower),
               let place = a.mentions.first(where: { $0.start == m.end + 1 && !$0.isModifier }) {
                if place.role == .country { return resolve(place, in: a, discourse: discourse, before: place.start) }
                if isState(place) { return (place.name, .government, place.country) }
            }
            if let earlier = a.mentions.last(where: { $0.start < position && $0.kind == wanted }) {
                return (earlier.name, earlier.kind, earlier.country)
            }
            // "Peru's trade ministry added… The ministry also banned…": a ministry is the last ministry named.
            if ["ministry", "minister", "department"].contains(head), let auth = discourse.lastAuthority, auth.kind == .government,
               auth.name.contains("Ministry") || auth.name.contains("Department") || auth.name.contains("Minister") {
                return (auth.name, .government, auth.country)
            }
            // "Pakistan's interior ministry withdrew its directive. The government has also proposed…": "the government"
            // is the government the ministry named last belongs to, not the ministry.
            // (Only a ministry of the country the article is about: after "China's commerce ministry called the move
            // discriminatory" in a story of India's bans, "the government" is not China's.)
            if head == "government", let gov = discourse.lastGovernment, !isGovernmentItself(gov.name), let code = gov.country,
               code == discourse.documentCountry, let rec = index.country(code: code), Self.isMinistry(gov.name) {
                return (Self.governmentName(rec), .government, code)
            }
            if wanted == .government, let gov = discourse.lastGovernment { return (gov.name, .government, gov.country) }
            // "Peru's trade ministry added… The government also banned…": the government whose body acted last.
            if wanted == .government, let auth = discourse.lastAuthority, auth.kind == .government, let code = auth.country,
               let rec = index.country(code: code) {
                return (Self.governmentName(rec), .government, code)
            }
            if wanted == .government, let code = discourse.documentCountry, let rec = index.country(code: code) {
                return (Self.governmentName(rec), .government, code)
            }
            if wanted != .government, let auth = discourse.lastAuthority, auth.kind == wanted {
                return (auth.name, auth.kind, auth.country)
            }
            if wanted == .regulator, let regulator = discourse.lastRegulator {
                return (regulator.name, .regulator, regulator.country)
            }
            if let code = m.country ?? discourse.documentCountry, let rec = index.country(code: code) {
                return (Self.governmentName(rec), .government, code)
            }
            // "Governor Tate Reeves signed the law": an official named in full, with no government the article names,
            // acts under their own name.
            if m.isPerson { return (m.name, .government, m.country) }
            return (nil, nil, nil)
        }
    }

    /// "The Senate passed the bill" in an Australian story: a chamber named by its bare title is the chamber of the
    /// country the article is about (named at least twice), not the one the list files the title under (the US
    /// Senate), when the article never names that country. "The U.S. Senate" names its country and keeps it.
    /// "Parliament passed the act", "was passed by lawmakers": a legislature named by its bare title or by its
    /// members, of no other country, is the legislature of the article's country.
    func placeBareChambers(_ analysed: inout [Analysed], counts: [String: Int], country: String?) {
        guard let code = country, let rec = index.country(code: code) else { return }
        let placesChambers = Self.chamberCountries.contains(code.lowercased()) && counts[code, default: 0] >= 2
        for k in analysed.indices {
            for j in analysed[k].mentions.indices {
                let m = analysed[k].mentions[j]
                guard m.kind == .legislature || m.role == .authority || m.role == .group else { continue }
                let words = analysed[k].tokens[m.start..<min(m.end, analysed[k].tokens.count)].filter { $0.lower != "the" }
                guard !words.isEmpty else { continue }
                if words.count == 1, Self.bareLegislatures.contains(words[0].lower), m.country == nil || m.country == code {
                    analysed[k].mentions[j].name = "Legislature of \(rec.name)"
                    analysed[k].mentions[j].country = code
                    if m.role == .authority { analysed[k].mentions[j].role = .named(.legislature) }
                    continue
                }
                guard placesChambers, m.kind == .legislature, let listed = m.country, listed != code, counts[listed] == nil,
                      words.allSatisfy({ Self.chamberWords.contains($0.lower) }) else { continue }
                analysed[k].mentions[j].name = EntityIndex.titled(words.map(\.lower)) + " of \(rec.name)"
                analysed[k].mentions[j].country = code
            }
        }
    }
    /// The words of a chamber's bare title: "Senate", "House of Representatives", "National Assembly".
    static let chamberWords: Set<String> = Lexicon.bundled.set("chamber-words")
    /// Countries whose chambers news calls the Senate, the House of Representatives or the National Assembly (a
    /// country with none keeps the listed chamber: "the Senate" in a story about China is the US Senate).
    static let chamberCountries: Set<String> = Lexicon.bundled.set("chamber-countries")

    /// "Judge Alsup" after "US District Judge William Alsup": a judge named again by title and surname is the judge
    /// the article named in full, so both acts have one actor. Two judges of one surname keep their short names.
    func nameJudgesInFull(_ analysed: inout [Analysed]) {
        func words(_ name: String) -> [Substring] { name.split(whereSeparator: { $0 == " " }) }
        var full: [Substring: Set<String>] = [:]
        for a in analysed {
            for m in a.mentions where m.kind == .court {
                let w = words(m.name)
                guard w.count >= 3, let title = w.firstIndex(where: { EntityIndex.judicialTitles.contains($0.lowercased()) }),
                      title + 1 < w.count, let surname = w.last else { continue }
                full[surname, default: []].insert(m.name)
            }
        }
        guard !full.isEmpty else { return }
        for k in analysed.indices {
            for j in analysed[k].mentions.indices where analysed[k].mentions[j].kind == .court {
                let w = words(analysed[k].mentions[j].name)
                guard w.count == 2, EntityIndex.judicialTitles.contains(w[0].lowercased()),
                      let names = full[w[1]], names.count == 1, let name = names.first,
                      words(name).contains(where: { $0.lowercased() == w[0].lowercased() }) else { continue }
                analysed[k].mentions[j].name = name
            }
        }
    }

    /// "Attorney General Pam Bondi ordered… Bondi said…": a person named in full once (with an office, a role or a
    /// judge's title) and by surname later is the same party; the later surname stands for the full mention. A
    /// surname two people share stands for neither.
    func namePeopleBySurname(_ analysed: inout [Analysed]) {
        var people: [String: (sentence: Int, mention: Mention)] = [:]
        var shared: Set<String> = []
        for (k, a) in analysed.enumerated() {
            for m in a.mentions where m.isPerson && m.end <= a.tokens.count {
                let surname = a.tokens[m.end - 1].lower
                if let known = people[surname], known.mention.name != m.name { shared.insert(surname) }
                if people[surname] == nil { people[surname] = (k, m) }
            }
        }
        for s in shared { people[s] = nil }
        guard !people.isEmpty else { return }
        for k in analysed.indices {
            let tokens = analysed[k].tokens
            for j in tokens.indices where tokens[j].isCapitalized && tokens[j].kind == .word {
                // The surname alone: not a word of a longer name ("the Bondi Beach app", "Ana Silva").
                guard let person = people[tokens[j].lower], person.sentence < k || (person.sentence == k && person.mention.end <= j),
                      !(j + 1 < tokens.count && tokens[j + 1].isCapitalized && tokens[j + 1].kind == .word),
                      !(j > 0 && tokens[j - 1].isCapitalized && tokens[j - 1].kind == .word),
                      !analysed[k].mentions.contains(where: { $0.start <= j && j < $0.end }) else { continue }
                var m = person.mention
                m.start = j
                m.end = j + 1
                m.possessive = false
                if j + 1 < tokens.count, tokens[j + 1].lower == "'s" { m.possessive = true; m.end += 1 }
                let at = analysed[k].mentions.firstIndex { $0.start > j } ?? analysed[k].mentions.count
                analysed[k].mentions.insert(m, at: at)
            }
        }
    }

    /// "…cut on state provider CANTV… Earlier this week, CANTV also restricted access to Signal": a name the entity
    /// list does not know, recognised once by its shape inside a sentence (after a describing noun, where a party
    /// stands), names the same party wherever it comes again, at a sentence's start or after a phrase set before its
    /// subject, where a capital alone says nothing. Not inside a longer capitalised name, nor when the article also
    /// writes the name as a word in lower case.
    func nameKnownNamesAgain(_ analysed: inout [Analysed]) {
        var known: [String: (words: [String], kind: EntityKind)] = [:]
        for a in analysed {
            for m in a.mentions where m.start > 0 && (m.kind == .company || m.kind == .product) && index.record(named: m.name) == nil {
                let words = a.tokens[m.start..<min(m.end, a.tokens.count)].filter { $0.lower != "'s" }.map(\.lower)
                if let first = words.first, known[first] == nil { known[first] = (words, m.kind!) }
            }
        }
        guard !known.isEmpty else { return }
        // Whether the article writes a name's first word in lower case, asked only of names found again.
        var writtenLower: [String: Bool] = [:]
        func isWrittenLower(_ w: String) -> Bool {
            if let known = writtenLower[w] { return known }
            let found = analysed.contains { a in a.tokens.contains { $0.kind == .word && !$0.isCapitalized && $0.lower == w } }
            writtenLower[w] = found
            return found
        }
        for k in analysed.indices {
            let tokens = analysed[k].tokens
            var j = 0
            while j < tokens.count {
                defer { j += 1 }
                // (Not a name that is also a word the article writes in lower case, "nothing", "jazz"; not right after
                // a verb of speech, where a capital may open reported words: "said Nothing was banned".)
                guard tokens[j].isCapitalized, tokens[j].kind == .word, let name = known[tokens[j].lower],
                      !(j > 0 && analysed[k].has(CueBit.speech, at: j - 1)),
                      !(j > 0 && tokens[j - 1].isCapitalized && tokens[j - 1].kind == .word),
                      j + name.words.count <= tokens.count,
                      zip(tokens[j...], name.words).allSatisfy({ $0.0.lower == $0.1 }) else { continue }
                let end = j + name.words.count
                guard !(end < tokens.count && tokens[end].isCapitalized && tokens[end].kind == .word),
                      !analysed[k].mentions.contains(where: { $0.start < end && j < $0.end }),
                      !isWrittenLower(tokens[j].lower) else { continue }
                var m = Mention(start: j, end: end, role: .named(name.kind),
                                name: String(String.UnicodeScalarView(analysed[k].scalars[tokens[j].start..<tokens[end - 1].end])))
                if end < tokens.count, tokens[end].lower == "'s" { m.possessive = true; m.end += 1 }
                let at = analysed[k].mentions.firstIndex { $0.start > j } ?? analysed[k].mentions.count
                analysed[k].mentions.insert(m, at: at)
            }
        }
    }

    /// The government a body acts for: "Government of Taiwan" for Taiwan's interior ministry, which "officials"
    /// or "the ministry" of a later sentence act for as well (the ministry named last may not be the one meant).
    func governmentActedFor(_ body: Mention) -> String {
        body.country.flatMap { index.country(code: $0) }.map(Self.governmentName) ?? body.name
    }

    /// "Government of Nepal", "Government of the United States"; the EU acts as "European Union".
    static func governmentName(_ country: EntityRecord) -> String {
        if country.country == "EU" { return country.name }
        let name = country.name
        let needsArticle = name.hasPrefix("United ") || ["Netherlands", "Philippines", "Czech Republic", "Bahamas", "Gambia"].contains(name)
        return "Government of " + (needsArticle ? "the " : "") + name
    }

    func updateDiscourse(_ d: inout Discourse, with mentions: [Mention], tokens: [Token] = [], events: [ExtractedEvent] = []) {
        // "…, as the Commission negotiated with the U.S. government. … since it opened the investigation": an
        // authority named after "with", "to", "from" or "against" is what another acts on or deals with, and "it",
        // "the regulator" of a later sentence point back to the one that acted, when the sentence names one.
        func oblique(_ m: Mention) -> Bool {
            var k = m.start - 1
            if k >= 0, tokens.indices.contains(k), tokens[k].lower == "the" { k -= 1 }
            return k >= 0 && tokens.indices.contains(k) && Self.obliquePrepositions.contains(tokens[k].lower)
        }
        let actingAuthority = mentions.contains { m in (m.role == .authority || (m.kind?.isAuthority == true && m.isNamed)) && !oblique(m) }
        for m in mentions {
            switch m.role {
            case .named(let kind):
                if kind == .company { if d.lastCompany == nil || m.start == mentions.first(where: { $0.kind == .company })?.start { d.lastCompany = m } }
                if kind.isAuthority, actingAuthority, oblique(m) { continue }
                if kind.isAuthority {
                    d.lastAuthority = m
                    d.authoritiesNamed.removeAll { $0.name == m.name }
                    d.authoritiesNamed.append(m)
                    if d.authoritiesNamed.count > 8 { d.authoritiesNamed.removeFirst() }
                }
                if kind == .regulator { d.lastRegulator = m }
                if kind == .court { d.lastCourt = m }
                if kind == .government, m.name.hasPrefix("Government of") || index.record(named: m.name)?.kind == .government {
                    d.lastGovernment = m
                }
                // A store is where apps are offered and delisted: what a later sentence blocks or bans is not the
                // store ("the apps were gone from Google Play and the App Store. Most of the blocked apps …").
                if kind == .product, !Self.isStore(m.name) {
                    d.lastProduct = m
                    d.lastProductSentence = d.sentenceIndex
                    d.productCounts[m.name, default: 0] += 1
                    d.productByName[m.name] = m
                }
            case .group:
                if m.country != nil, !EntityIndex.staffHeads.contains(m.head ?? ""), !Self.nonAgentHeads.contains(m.head ?? "") {
                    d.lastPlural = (m.name, [], m.country)
                }
            case .country:
                // "India has tightened its stance on Chinese apps. The government banned …": a country that opens a
                // sentence is its subject, and "the government" after it is that country's, not the one most named.
                if m.start == 0, !m.isModifier, let code = m.country, let rec = index.country(code: code) {
                    d.lastGovernment = Mention(start: 0, end: 0, role: .named(.government), name: Self.governmentName(rec), country: code)
                }
            default:
                break
            }
        }
        d.eventsSoFar += events.count
        // The subject company of this sentence is what "it" most likely means in the next one.
        if let first = mentions.first(where: { $0.kind == .company }) { d.lastCompany = first }
        for e in events {
            if e.type == .block || e.type == .ban || e.type == .restriction, let actor = e.actor {
                d.lastBlocker = (actor, d.actorKinds[actor]?.0, d.actorKinds[actor]?.1)
            }
            // Named parties, listed or recognised by their shape ("Zentrix and Northwind Systems"), that "the companies"
            // or "the listed firms" of a later sentence refer to.
            let named = e.targets.filter { t in
                index.record(named: t) != nil
                    || (t.split(separator: " ").allSatisfy { $0.first?.isUppercase == true } && parties.groupKey(t) == nil
                        && !t.hasPrefix("Government of"))
            }
            if named.count >= 2 {
                d.lastPlural = (named.joined(separator: "; "), named, e.countries.last)
            } else if let first = e.targets.first, e.type != .workaround, index.record(named: first) == nil,
                      !first.hasSuffix(" employees"), !first.hasPrefix("Government of") {
                d.lastPlural = (first, [], e.countries.last)
            }
            if let actor = e.actor, let rec = index.record(named: actor), rec.kind.isAuthority {
                d.lastAuthority = Mention(start: 0, end: 0, role: .named(rec.kind), name: actor, country: rec.country)
            } else if let actor = e.actor, actor.hasPrefix("Government of ") {
                d.lastAuthority = Mention(start: 0, end: 0, role: .named(.government), name: actor, country: e.countries.first)
                d.lastGovernment = d.lastAuthority
            }
        }
    }

    /// The public of a country that gets around a block ("users in Pakistan", "people in Pakistan", "Pakistanis
    /// turned to VPNs") is named by what it does there: "internet users in Pakistan", alike in every report. Named
    /// parties and groups set apart otherwise ("developers in China", "Chinese companies") keep their names.
    func nameThePublicOnline(_ events: inout [ExtractedEvent]) {
        for i in events.indices where events[i].type == .workaround {
            guard let actor = events[i].actor, let space = actor.firstIndex(of: " "),
                  Self.publicHeads.contains(String(actor[..<space])), actor[space...].hasPrefix(" in ") else { continue }
            events[i].actor = "internet users" + actor[space...]
        }
    }
    static let publicHeads: Set<String> = ["users", "people", "residents", "citizens", "consumers"]

    /// An act on a company known by its product ("Telegram", maker of "Telegram Messenger") that names no product
    /// concerns that product: a probe of Telegram is about the messenger, as reports that name it say.
    func nameEponymousProducts(_ events: inout [ExtractedEvent]) {
        for i in events.indices where events[i].product == nil && events[i].type != .workaround {
            if let product = events[i].targets.lazy.compactMap({ self.index.eponymousProduct[$0] }).first {
                events[i].product = product
            }
        }
    }

    /// Prepositions before a party that another acts on or deals with ("negotiated with the U.S. government").
    static let obliquePrepositions: Set<String> = ["with", "to", "from", "against", "between", "toward", "towards"]

    /// One event per real-world act per article: events of the same type by the same actor are merged, the
    /// earliest sentence kept as evidence (articles state the news first, then restate it).
    /// - Parameter times: the background time phrase of each evidence sentence ("last month", "in february");
    ///   an act reported with another time is another act ("Last month, OpenAI cracked down on…").
    func merge(_ events: [ExtractedEvent], kinds: [String: (EntityKind, String?)] = [:], times: [String: String] = [:]) -> [ExtractedEvent] {
        // A ministry or department acts for its government: "Government of Nepal" and "Ministry of Communication"
        // are one actor.
        // So are a regulator and its government ("Roskomnadzor" and "the Russian government"), as merging across
        // articles holds them (`PartyResolver.actorKey`).
        var roots: [String: String] = [:]
        func root(_ actor: String) -> String {
            if let known = roots[actor] { return known }
            let found = resolveRoot(actor)
            roots[actor] = found
            return found
        }
        func resolveRoot(_ actor: String) -> String {
            var root = index.root(of: actor)
            if let (kind, country) = kinds[actor], kind == .government, index.record(named: actor) == nil,
               let code = country, let rec = index.country(code: code) {
                root = Self.governmentName(rec)
            }
            let key = parties.actorKey(root, country: kinds[actor]?.1)
            return key.hasPrefix("gov:") ? key : root
        }
        var merged: [ExtractedEvent] = []
        for e in oneCourtPerCase(events, kinds: kinds, times: times) {
            if let actor = e.actor,
               let i = merged.firstIndex(where: { m in
                   m.type == e.type && m.actor.map { root($0) == root(actor) } == true
               }), times[merged[i].evidence] == times[e.evidence], merged[i].occurred == e.occurred {
                // "The European Union has fined Apple… The European Commission announced that Apple has been fined":
                // the body that acted names the act better than the government or union it acts for.
                if let kept = merged[i].actor, isGovernmentItself(kept), !isGovernmentItself(actor) { merged[i].actor = actor }
                for t in e.targets where !merged[i].targets.contains(t) { merged[i].targets.append(t) }
                for c in e.countries where !merged[i].countries.contains(c) { merged[i].countries.append(c) }
                for m in e.method where !merged[i].method.contains(m) { merged[i].method.append(m) }
                if merged[i].product == nil { merged[i].product = e.product }
                merged[i].confidence = max(merged[i].confidence, e.confidence)
                continue
            }
            if e.actor == nil, merged.contains(where: { $0.type == e.type && $0.evidence == e.evidence }) { continue }
            // "…published the day the suit was filed": an act told again without its actor, of the type of one the
            // article told with it and naming nothing else, is that act (one event per real-world act per article).
            // So is one that names nothing at all and no time of its own, after any act of its type: "the suit" is
            // the suit told before, whether or not the article named who brought it.
            // (A product taken from the sentences before is not named by it.)
            let bare = e.targets.isEmpty && (e.product.map { !e.evidence.contains($0) } ?? true)
                && times[e.evidence] == nil && e.occurred == nil
            if e.actor == nil, merged.contains(where: { m in
                m.type == e.type && Set(e.targets).isSubset(of: Set(m.targets))
                    && (bare || ((e.product == nil || e.product == m.product) && m.actor != nil
                        && times[m.evidence] == times[e.evidence] && m.occurred == e.occurred))
            }) { continue }
            merged.append(e)
        }
        return merged
    }

    /// "An Australian court has ordered X to hide the posts… Justice Geoffrey Kennett granted the request": a ruling
    /// told by a court described only by its rank and country ("a federal judge", "an Australian court") is the
    /// ruling of the one court or judge the article names among its rulings, told again. The described court takes
    /// that name, so both mentions are one act, when nothing dates them apart. Not when the article names two courts
    /// of its own, nor when the description ranks the court in a way the name does not ("an appeals court" is not
    /// District Judge Molloy), nor across countries.
    func oneCourtPerCase(_ events: [ExtractedEvent], kinds: [String: (EntityKind, String?)],
                         times: [String: String]) -> [ExtractedEvent] {
        func words(_ name: String) -> [String] { name.lowercased().split(separator: " ").map(String.init) }
        func isDescribed(_ name: String) -> Bool {
            words(name).allSatisfy { w in
                PartyResolver.courtHeads.contains(w) || EntityIndex.courtModifiers.contains(w) || namesCountry(w)
            }
        }
        // A country by its name or demonym ("Australian"), not by its capital ("Islamabad High Court" is named).
        func namesCountry(_ w: String) -> Bool {
            guard let code = index.countryCode(word: w), let country = index.country(code: code) else { return false }
            return country.name.lowercased() == w || country.demonyms.contains { $0.lowercased() == w }
        }
        let courts = events.compactMap { e -> String? in
            guard e.type == .lawsuit, let actor = e.actor, kinds[actor]?.0 == .court else { return nil }
            return actor
        }
        let named = Set(courts.filter { !isDescribed($0) })
        guard named.count == 1, let name = named.first, courts.contains(where: isDescribed) else { return events }
        let nameWords = Set(words(name))
        // The named court's rulings, by when they are told: a described ruling told for another time ("Last year a
        // judge in California blocked…") is another court's.
        // A ruling told as another case's ("Separately, Judge Alsup dismissed…", "in another case") is not the
        // described one either.
        func isSeparate(_ e: ExtractedEvent) -> Bool {
            e.evidence.lowercased().split(whereSeparator: { !$0.isLetter }).contains { ["separately", "separate", "another", "meanwhile"].contains($0) }
        }
        let namedRulings = events.filter { $0.type == .lawsuit && $0.actor == name && !isSeparate($0) }
        return events.map { e in
            guard e.type == .lawsuit, let actor = e.actor, kinds[actor]?.0 == .court, isDescribed(actor), !isSeparate(e),
                  namedRulings.contains(where: { n in
                      times[n.evidence] == times[e.evidence] && n.occurred == e.occurred
                  }) else { return e }
            // ("A state judge" is not a federal district judge.)
            let ranks = words(actor).filter { EntityIndex.courtModifiers.contains($0) && $0 != "federal" }
            guard ranks.allSatisfy(nameWords.contains) else { return e }
            // The country the description names, not one the context lent it.
            let stated = words(actor).compactMap { namesCountry($0) ? index.countryCode(word: $0) : nil }
            if let a = stated.first, let b = kinds[name]?.1, a != b { return e }
            var renamed = e
            renamed.actor = name
            return renamed
        }
    }
}

// MARK: - Parties named around an event

extension EventExtractor {
    /// Words between a list of names and the group they belong to: "ByteDance, Ant Group and a number of other
    /// Chinese companies".
    private static let otherWords: Set<String> = ["and", "or", ",", "a", "number", "of", "several", "many", "some", "few",
                                                  "handful", "dozens", "hundreds", "other", "others", "more", "the"]

    /// The named companies and organisations an article gives as members of a described group, by the group's key
    /// (`PartyResolver.groupKey`): "Chinese-controlled companies, ByteDance and Ant Group among them", "Chinese firms
    /// such as ByteDance", "firms including Tencent", "ByteDance, Ant Group and other Chinese companies". Every
    /// sentence counts, so an event stated about the group carries the members named elsewhere in the article.
    static func groupMembers(in analysed: [(tokens: [Token], mentions: [Mention])]) -> [(group: String, members: [String])] {
        var found: [(group: String, members: [String])] = []
        for a in analysed {
            let tokens = a.tokens
            var named: [Int: Mention] = [:]   // by start
            var namedByEnd: [Int: Mention] = [:]
            for m in a.mentions where m.kind == .company || m.kind == .organization {
                named[m.start] = m
                namedByEnd[m.end] = m
            }
            if named.isEmpty { continue }
            func word(_ i: Int) -> String? { i >= 0 && i < tokens.count ? tokens[i].lower : nil }
            func isSeparator(_ i: Int) -> Bool { word(i) == "," || word(i) == "and" || word(i) == "or" }
            /// Names listed from `start` on: "ByteDance, Tencent and Ant Group".
            func list(from start: Int) -> (names: [String], end: Int) {
                var names: [String] = []
                var i = start
                while let m = named[i] {
                    names.append(m.name)
                    i = m.end
                    var j = i
                    while isSeparator(j) { j += 1 }
                    guard j > i, named[j] != nil else { break }
                    i = j
                }
                return (names, i)
            }
            // A group, or a plural phrase that describes one ("other Chinese-run companies"; `addMembers` keeps only
            // the phrases that resolve to a group key).
            for g in a.mentions where g.role == .group || g.role == .plural {
                var members: [String] = []
                // After the group: ", such as / including / like / notably" and a list; or ", <list> among them".
                var i = g.end
                if word(i) == "," { i += 1 }
                if word(i) == "such", word(i + 1) == "as" {
                    members = list(from: i + 2).names
                } else if let w = word(i), ["including", "like", "notably", "especially", "particularly", "namely"].contains(w) {
                    members = list(from: i + 1).names
                } else if i > g.end {
                    let l = list(from: i)
                    if word(l.end) == "among" || word(l.end) == "amongst" { members = l.names }
                }
                // Before the group: "<list> and (a number of) other <group>".
                if members.isEmpty {
                    var j = g.start - 1
                    // The group's own first word may be "other": "Baidu, Tencent and other Chinese firms".
                    var sawOther = word(g.start) == "other" || word(g.start) == "more"
                    while j >= 0, let w = word(j), otherWords.contains(w), namedByEnd[j + 1] == nil {
                        if w == "other" || w == "others" || w == "more" { sawOther = true }
                        j -= 1
                    }
                    if sawOther, let last = namedByEnd[j + 1] {
                        var names = [last.name]
                        var k = last.start - 1
                        while k >= 0 {
                            var sep = k
                            while sep >= 0 && isSeparator(sep) { sep -= 1 }
                            guard sep < k, let m = namedByEnd[sep + 1] else { break }
                            names.insert(m.name, at: 0)
                            k = m.start - 1
                        }
                        members = names
                    }
                }
                guard !members.isEmpty else { continue }
                found.append((g.name, members))
            }
        }
        return found
    }

    /// A party does not act upon itself: a target that stands for the same institution as the actor ("Taiwan" in a
    /// ban by Taiwan's legislature, "India" in a ban by India's IT ministry) is the place the act happens, not what it
    /// is against. A group of its own people is a target all the same ("government officials in Nepal" in a ban
    /// by Nepal's government: a ban on its own devices and staff).
    /// "The Commission fined Apple €500 million and Meta €200 million": a fine is a decision about one party, so a
    /// penalty naming several companies is one penalty each (with the same actor and evidence), unless the sentence
    /// says the fine is one for them all ("fined jointly", "a joint fine"; "a combined €700 million" sums two fines).
    /// Described groups ("platforms", "Chinese firms") stay with every fine they are named in.
    func finesApart(_ events: [ExtractedEvent]) -> [ExtractedEvent] {
        func isCompany(_ name: String) -> Bool {
            if let record = index.record(named: name) { return record.kind == .company }
            let words = name.split(separator: " ")
            return !words.isEmpty && words.allSatisfy { $0.first?.isUppercase == true } && parties.groupKey(name) == nil
        }
        return events.flatMap { e -> [ExtractedEvent] in
            guard e.type == .penalty, e.targets.count >= 2 else { return [e] }
            // "fined Microsoft's LinkedIn": the owner named with the company fined is no second company fined.
            let named = e.targets.filter(isCompany)
            let companies = named.filter { c in
                !(named.contains { index.record(named: $0)?.parent == c } && (e.evidence.contains(c + "'s") || e.evidence.contains(c + "\u{2019}s")))
            }
            // "fined jointly", "a joint fine": one fine for them all. ("A combined €700 million" sums two fines.)
            let joint = e.evidence.lowercased().split(whereSeparator: { !$0.isLetter }).contains { ["joint", "jointly"].contains($0) }
            guard companies.count >= 2, !joint else { return [e] }
            let others = e.targets.filter { !isCompany($0) }
            return companies.map { company in
                var one = e
                one.targets = [company] + others
                return one
            }
        }
    }

    func dropSelfTargets(_ events: inout [ExtractedEvent]) {
        // The events of an article name the same few parties again and again; each is resolved once.
        var keys: [String: String] = [:]
        func key(_ name: String) -> String {
            if let known = keys[name] { return known }
            let k = parties.actorKey(name)
            keys[name] = k
            return k
        }
        for i in events.indices {
            guard let actor = events[i].actor else { continue }
            let actorKey = key(actor)
            guard actorKey.hasPrefix("gov:") else { continue }
            events[i].targets.removeAll { target in
                guard key(target) == actorKey else { return false }
                let words = target.lowercased().split(whereSeparator: { !$0.isLetter })
                return !words.contains { EntityIndex.groupHeads.contains(String($0)) }
            }
        }
    }

    /// Adds to each event, as parties, the members of the described groups among its actor and targets.
    func addMembers(_ found: [(group: String, members: [String])], to events: inout [ExtractedEvent]) {
        guard !found.isEmpty else { return }
        var byKey: [String: [String]] = [:]
        for (group, members) in found {
            guard let key = parties.groupKey(group) else { continue }
            for m in members where !(byKey[key]?.contains(m) ?? false) { byKey[key, default: []].append(m) }
        }
        guard !byKey.isEmpty else { return }
        var groupKeys: [String: String?] = [:]
        func groupKey(_ name: String) -> String? {
            if let known = groupKeys[name] { return known }
            let k = parties.groupKey(name)
            groupKeys[name] = k
            return k
        }
        for i in events.indices {
            let described = (events[i].targets + [events[i].actor].compactMap { $0 }).compactMap(groupKey)
            var named = Set(events[i].targets)
            if let actor = events[i].actor { named.formUnion(actor.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }) }
            for key in described {
                for m in byKey[key] ?? [] where !named.contains(m) && !events[i].parties.contains(m) {
                    events[i].parties.append(m)
                }
            }
        }
    }
}
