import RegWatchCore

extension EventExtractor {
    /// A watch item for a sentence of a "What to watch" section, or for a forward-looking sentence about regulation
    /// or access elsewhere ("Expect…", "will likely…", "is due to take effect on…").
    ///
    /// Sentences that already state an event are not watch items outside a watch section ("Alibaba will ban staff
    /// from using Claude Code from July 10" is a planned ban), nor are conditionals, instructions to the reader,
    /// fragments of lists, or product and earnings outlooks (the `watch-exclude` cues).
    /// - Parameter company: the company the article spoke of last, which "the company" of an item that names none
    ///   refers to ("Expect the company to tighten its checks"): it is one of the item's entities.
    /// - Parameter government: the government the article spoke of last (or that of the country it is about), which
    ///   "officials", "the ministry" or "the regulator" of an item act for: one of the item's entities, so that two
    ///   outlets' wordings of what one government may do next ("a further batch may be banned", "the ministry may
    ///   ban another batch") are about the same party.
    /// - Parameter product: the product the article is about (the one it names most, else the last), which "the
    ///   tool", "the app" of an item that names no product refers to ("Developers are discussing ways to keep using
    ///   the tool"): it and its maker are among the item's entities, so that the item meets another outlet's item
    ///   about the same product or its maker.
    func watchItem(_ a: Analysed, inSection: Bool, hasEvent: Bool, year: Int?, month: Int? = nil, company: String? = nil,
                   government: String? = nil, product: @autoclosure () -> Mention? = nil) -> WatchItem? {
        let text = a.sentence.text
        guard a.tokens.count >= 4 else { return nil }
        guard let first = text.unicodeScalars.first(where: Tokenizer.isAlnum), !Tokenizer.isLower(first) else { return nil }
        // A product's launch is no development, even in a "What to watch" section: "A business plan for ChatGPT will
        // launch in the coming months".
        if inSection, a.first(CueBit.watchExclude) != nil || a.tokens.indices.contains(where: { k in
            k > 0 && ["will", "would", "to"].contains(a.tokens[k - 1].lower) && launches(a, at: k) }) {
            return nil
        }
        // Nor is a market's course forecast in such a section: "Retail analysts expect the chain's sales to recover".
        if inSection, let at = a.first(CueBit.watch), ["expect", "expects", "expected"].contains(a.tokens[at].lower),
           forecastsEffect(a, cue: at, verb: Self.pastHedges(a.tokens, after: at)) {
            return nil
        }
        // "Would a ban work?": a question asks; it states no development, in a "What to watch" section too.
        if a.tokens.last?.lower == "?" { return nil }
        // A section's sentence that speaks of no measure, no authority and no event, and whose look ahead is no named
        // party's ("Analysts expect the firm's sales in Russia to keep falling", "Expect the argument over age checks
        // to get louder") is an outlook on business or opinion, not a regulatory development. A named party or a
        // country told before the cue is the one whose step is ahead ("Pakistan may restore X before the elections",
        // "Meta has 60 days to respond"); a country named only as a place or after the cue is not.
        if inSection, !hasEvent, a.first(CueBit.watchTopic) == nil,
           !a.tokens.contains(where: { Self.sectionTopicWords.contains($0.lower) }),
           !a.mentions.contains(where: { $0.role == .authority || ($0.isNamed && ($0.kind?.isAuthority ?? false)) }) {
            let cue = a.first(CueBit.watch) ?? a.tokens.count
            let partyAhead = a.mentions.contains { m in
                m.start < cue && !m.isModifier && !m.possessive && (m.isNamed || m.role == .country)
            }
            if !partyAhead { return nil }
        }
        if !inSection {
            if hasEvent || a.sentence.isHeading { return nil }
            // The topic and exclusion cues are precomputed bits: test them before reading the sentence for a cue ahead.
            // A time an authority gave a party to act is about regulation, whatever it is to do: "OpenAI has 20 days to
            // tell the Garante what steps it will take".
            // (The named authority is looked for first: most sentences have none, and the scan for the time is longer.)
            let topic = a.first(CueBit.watchTopic) != nil
                || (a.mentions.contains { $0.isNamed && ($0.kind?.isAuthority ?? false) }
                    && Self.timeGivenToAct(a.tokens, from: 0, to: a.tokens.count, holders: ["has", "have"], inWords: true) != nil)
            guard topic, a.first(CueBit.watchExclude) == nil, hasForwardCue(a, year: year, month: month),
                  !statesProvisions(a) else { return nil }
            // "The company did not say whether it would comply": what a party will not say is no development.
            if a.tokens.contains(where: { Self.declineWords.contains($0.lower) }), a.tokens.indices.contains(where: { k in
                Self.disclosureVerbs.contains(a.tokens[k].lower)
                    && a.tokens[(k + 1)..<min(a.tokens.count, k + 5)].contains { ["whether", "if", "when"].contains($0.lower) } }) {
                return nil
            }
            // "…will be used again whenever there is unrest": what happens whenever something does is a habit, not
            // a development.
            if a.tokens.contains(where: { $0.lower == "whenever" }) { return nil }
        }
        var entities: [String] = []
        for m in a.mentions where m.isNamed && !entities.contains(m.name) { entities.append(m.name) }
        // A body of a government, named or pointed to, acts for that government; so does a country or its capital
        // named as a party ("Norway is considering a ban", "Oslo may follow"), not as a modifier ("Norwegian firms").
        // (A country after "expect" and before "to" — "Expect Beijing to protest" — stays out: as the sentence's
        // other clauses cannot tell it is not theirs, it would be about each of them.)
        for m in a.mentions where m.role == .authority || (m.role == .country && !m.isModifier)
                || (m.isNamed && m.kind != .court && (m.kind?.isAuthority ?? false)) {
            let owner = m.country.flatMap { index.country(code: $0) }.map(Self.governmentName) ?? (m.role == .authority ? government : nil)
            if let owner, !entities.contains(owner) { entities.append(owner) }
        }
        if let company, !a.mentions.contains(where: { $0.isNamed && $0.kind == .company }), !entities.contains(company),
           zip(a.tokens, a.tokens.dropFirst()).contains(where: { $0.lower == "the" && Self.companyNouns.contains($1.lower) }) {
            entities.append(company)
        }
        // "the tool", "the app": the product the article is about, and the company that makes it.
        if !a.mentions.contains(where: { $0.isProduct }), let product = product(), !entities.contains(product.name),
           zip(a.tokens, a.tokens.dropFirst()).contains(where: { $0.lower == "the" && Self.productAnaphors.contains($1.lower) }) {
            entities.append(product.name)
            if let maker = product.parent, !entities.contains(maker) { entities.append(maker) }
        }
        return WatchItem(text: text, entities: entities, date: Self.date(in: a.tokens, year: year))
    }

    /// A cue that looks forward from now: "will", "is due to", "expects". The same words seen from the past ("was
    /// set to", "were due to", "had planned to", "would have broadened") speak of what did or did not happen.
    ///
    /// "Would" reports what someone expected; with a time in the past in the sentence ("said last week that the
    /// apps would stop working") the expectation is itself past news, not a development ahead.
    func hasForwardCue(_ a: Analysed, year: Int? = nil, month: Int? = nil) -> Bool {
        var from = 0
        let saidInThePast = a.first(CueBit.watchPast) != nil
        while let at = a.first(CueBit.watch, from: from) {
            let before = at > 0 ? a.tokens[at - 1].lower : ""
            let after = at + 1 < a.tokens.count ? a.tokens[at + 1].lower : ""
            // "Meta warned last year that it might have to withdraw…": what a party expected then is past news; so
            // is "would" told in a past account ("Drivers were never told that their data would be shared"), though not
            // the "would" of reported speech ("Apple said it was disappointed and would appeal").
            let modal = a.tokens[at].lower
            let reportedPast = (saidInThePast && (modal == "would"
                    || (["might", "may", "could"].contains(modal) && a.first(CueBit.watchPast, from: 0, to: at) != nil)))
                || (modal == "would" && a.tokens[..<at].indices.first { ["was", "were", "had"].contains(a.tokens[$0].lower) }
                    .map { past in !(0..<past).contains { a.has(CueBit.speech, at: $0) } } == true)
            // "VPNs reach content that may be blocked at home": a modal inside a relative clause describes a thing,
            // it does not announce a development.
            // So does any modal in a clause set off by commas ("The law, which will apply to large platforms, was
            // passed in 2022").
            // So does one in a clause that says what a risk or fear is ("citing the risk that data could be shared").
            let describing = (["that", "which", "who"].contains(before) && a.has(CueBit.hypothetical, at: at))
                || (["which", "who"].contains(before) && at >= 2 && a.tokens[at - 2].lower == ",")
                || (max(0, at - 5)..<at).contains { k in
                    Self.riskNouns.contains(a.tokens[k].lower) && k + 1 < at && a.tokens[k + 1].lower == "that" }
            // "would have broadened" tells what did not happen; "would have a week to comply" what is ahead.
            let pastConditional = after == "have" && at + 2 < a.tokens.count && Self.isParticiple(a.tokens[at + 2].lower)
            // "only due to the scale of the deficiencies": "due to" before a noun phrase gives a cause, not a schedule.
            // "is due in part to the ban", "due in large part to…": a cause as well.
            let cause = a.tokens[at].lower == "due" && at + 2 < a.tokens.count
                && ((after == "to" && Self.causeOpeners.contains(a.tokens[at + 2].lower))
                    || (after == "in" && (["part", "large", "no", "some", "great"].contains(a.tokens[at + 2].lower)
                        || (at + 2..<min(a.tokens.count, at + 5)).contains { a.tokens[$0].lower == "to" })))
            // "as expected in the spring", "as planned": a comparison with what was foreseen, not a development.
            // "will continue making every effort", "would continue to operate": carrying on as before is no development.
            let k = Self.pastHedges(a.tokens, after: at)
            // "Smugglers will always find a way": what always happens is no development either.
            let carryingOn = k < a.tokens.count && (Self.carryOnVerbs.contains(a.tokens[k].lower) || a.tokens[k].lower == "always")
            // "the law will stifle free speech", "the ban could backfire", "the ruling would strengthen regulators":
            // what a measure will do to people or markets is a forecast of its effects, not a development
            // ("will push for a ban" is one).
            let effect = forecastsEffect(a, cue: at, verb: k)
            // "VPNs will not be blocked today": what will not happen is no development, unless a time says when it
            // will ("will not take effect until March").
            let ruledOut = (k < a.tokens.count && Self.notWords.contains(a.tokens[k].lower)
                && !a.tokens.contains(where: { Self.untilWords.contains($0.lower) }))
                // "has no plans to ban VPNs", "no immediate intention to": a plan denied.
                || before == "no" || (before == "immediate" && at >= 2 && a.tokens[at - 2].lower == "no")
                // "must now hold a licence": a duty in force, not one ahead.
                || (modal == "must" && after == "now")
            // "released on the condition he must report to the police", "provided that it will delete the data": a
            // modal inside a condition states what is required, not a development ("may resume on condition that…" is).
            let conditionOf = (max(0, at - 4)..<at).contains { Self.conditionWords.contains(a.tokens[$0].lower) }
            // "WhatsApp could only be used there over a VPN", "users could accept all cookies with one click, while
            // refusing them took several steps, and TikTok had not explained…": "could" of what was possible then.
            let pastAbility = a.tokens[at].lower == "could"
                && (after == "only" || a.tokens[(at + 1)...].contains { ["had", "was", "were"].contains($0.lower) })
            // "did not rule out further action" looks ahead; "did not rule out that mistakes were made" looks back
            // (what it does not rule out is a clause of its own, read for a cue of its own).
            let ruleOutClause = at + 3 < a.tokens.count && ["rule", "ruled", "ruling"].contains(a.tokens[at + 1].lower)
                && a.tokens[at + 2].lower == "out" && a.tokens[at + 3].lower == "that"
            // "said the state was considering an appeal": a progressive after "was" in reported speech is the
            // speaker's present, not the past ("The regulator was considering a ban last year" is past).
            let backshifted = ["was", "were"].contains(before) && modal.hasSuffix("ing") && !saidInThePast
                && (0..<at).contains { a.has(CueBit.speech, at: $0) }
            // "If Zambia's bill becomes law, platforms could decide to leave": what could follow a hypothetical is
            // speculation ("If no agency completes the review, the company will be added to the list" is a rule's
            // consequence, and stays).
            // "Only if a platform keeps ignoring orders could the Commission…": the same after a condition that opens the
            // sentence ("Unless the court intervenes, the ban takes effect next week" is a development with its proviso).
            let opener = a.tokens.first?.lower ?? ""
            let speculation = (["could", "might", "may"].contains(modal) && ["if", "should"].contains(opener))
                || (opener == "only" && a.tokens.count > 1 && a.tokens[1].lower == "if")
            if !["was", "were", "had", "as", "been"].contains(before) || backshifted, !speculation, !pastConditional, !ruleOutClause, !reportedPast, !describing, !cause, !carryingOn, !effect,
               !ruledOut, !conditionOf, !pastAbility {
                // A product launch is an outlook, whatever other cue the sentence has ("…in the coming months").
                if launches(a, at: k) { return false }
                if !describesRatherThanAnnounces(a, cue: at, next: k, modal: modal) { return true }
            }
            from = at + 1
        }
        // "flagged for potential blocking", "faces a possible ban", "the looming fine": a measure still ahead.
        // Not when the sentence tells it in the past ("Regulators weighed a possible ban but dropped it").
        for k in a.tokens.indices.dropLast() where Self.aheadAdjectives.contains(a.tokens[k].lower)
            && a.has(CueBit.watchTopic, at: k + 1) && !toldInThePast(a, before: k) {
            return true
        }
        // "is processing the request before the May 27 deadline", "ahead of Friday's deadline": a deadline ahead.
        for k in a.tokens.indices where a.tokens[k].lower == "deadline" || a.tokens[k].lower == "deadlines" {
            let window = a.tokens[max(0, k - 5)..<k].map(\.lower)
            let next = k + 1 < a.tokens.count ? a.tokens[k + 1].lower : ""
            if let by = window.lastIndex(where: { Self.deadlineOpeners.contains($0) }), !window[(by + 1)...].contains(","),
               !Self.deadlinePassed.contains(next), !toldInThePast(a, before: k) {
                return true
            }
            // "has set a deadline of March 31 for the company to respond": a deadline whose date, right after it, is ahead.
            if next == "of" || next == "for", k + 2 < a.tokens.count,
               Self.statesTimeAhead(Array(a.tokens[(k + 2)..<min(a.tokens.count, k + 6)]), year: year, month: month),
               !(max(0, k - 4)..<k).contains(where: { ["was", "were", "had", "missed", "passed", "expired"].contains(a.tokens[$0].lower) }) {
                return true
            }
        }
        // "It has three weeks to take the case to the appeals court": a time to act, still running.
        if Self.timeGivenToAct(a.tokens, from: 0, to: a.tokens.count, holders: ["has", "have", "gets", "get"], inWords: true) != nil {
            return true
        }
        // "The rules take effect next month": taking effect at a time ahead.
        return takesEffectAhead(a, year: year, month: month) != nil
    }

    /// What a forward cue at `cue` (its next word past hedges at `next`) describes rather than announces; read
    /// only once the cue has passed every other test.
    private func describesRatherThanAnnounces(_ a: Analysed, cue at: Int, next k: Int, modal: String) -> Bool {
        let tokens = a.tokens
        // "Such a restriction would last four weeks": what would happen to a kind of case is a general claim, not a
        // development. ("Any appeal must be filed within 30 days" may be one: "any" alone does not tell.)
        if ([0] + Array(max(0, at - 3)..<at)).contains(where: { j in
            j + 1 < tokens.count && tokens[j].lower == "such" && ["a", "an"].contains(tokens[j + 1].lower)
        }) { return true }
        if k + 1 < tokens.count, tokens[k].lower == "be" {
            // "A suspension would be a last resort", "The fine will be the largest yet": what a thing will be called
            // is a characterisation ("will be banned", "will be on Tuesday" are developments).
            if Self.characterDeterminers.contains(tokens[k + 1].lower) { return true }
            // "Critics say the ban will be hard to enforce", "would be very costly": a judgement of a measure.
            var j = k + 1
            if j + 1 < tokens.count, Self.intensifiers.contains(tokens[j].lower) { j += 1 }
            if Self.evaluativeAdjectives.contains(tokens[j].lower) { return true }
            // "…could be used to silence dissent": what a measure may serve for is a risk, not a development.
            if k + 2 < tokens.count, tokens[k + 1].lower == "used", ["to", "for", "against"].contains(tokens[k + 2].lower) { return true }
        }
        // "The government estimates that the decision will delay the rollout by two years": an estimate of effects is a
        // forecast, not a development.
        if (max(0, at - 8)..<at).contains(where: { Self.forecastVerbs.contains(tokens[$0].lower) }) { return true }
        // "The company said it hoped the decision could be reversed": a wish is a party's stance, not a development
        // ("hoped for a decision within months" names no modal, and a cue of its own decides).
        if (max(0, at - 6)..<at).contains(where: { h in
            Self.wishVerbs.contains(tokens[h].lower) && !tokens[(h + 1)..<at].contains { [",", ";", "but", "and"].contains($0.lower) }
        }) { return true }
        // "would rather not have removed…": a preference.
        if k < tokens.count, tokens[k].lower == "rather" { return true }
        // "how quickly a single company could cut off access": a modal in a clause of manner or degree describes what
        // is possible.
        if (max(0, at - 6)..<at).contains(where: { h in
            tokens[h].lower == "how" && h + 1 < at && (tokens[h + 1].lower.hasSuffix("ly") || Self.degreeWords.contains(tokens[h + 1].lower))
        }) { return true }
        // "has been pressing the company … ahead of the October election": "ahead of" sets the time of a state or an
        // act told from the past, not of a development.
        if modal == "ahead", (0..<at).contains(where: { ["has", "have", "had"].contains(tokens[$0].lower)
            && $0 + 1 < at && tokens[$0 + 1].lower == "been" }) || toldInThePast(a, before: at) {
            return true
        }
        return false
    }

    /// "…will launch in the coming months": a product's launch, told without what is launched, is an outlook.
    /// ("The Commission will launch in June a consultation" is no product's: the subject must be a product or company.)
    private func launches(_ a: Analysed, at k: Int) -> Bool {
        k + 1 < a.tokens.count && Self.launchVerbs.contains(a.tokens[k].lower)
            && (Self.timeOpeners.contains(a.tokens[k + 1].lower) || [",", ".", "soon", "later", "next", "this"].contains(a.tokens[k + 1].lower))
            && a.mentions.contains { $0.start < k && ($0.isProduct || $0.kind == .company) }
    }

    /// Verbs of estimating what will follow: "estimates that…", "predicted that…".
    private static let forecastVerbs: Set<String> = Lexicon.bundled.set("forecast-verbs")
    /// Adjectives that judge a measure after "will be": "will be hard to enforce", "would be unworkable".
    private static let evaluativeAdjectives: Set<String> = Lexicon.bundled.set("evaluative-adjectives")
    /// Words that put a watch section's sentence on a regulatory step without a watch-topic cue.
    private static let sectionTopicWords: Set<String> = Lexicon.bundled.set("section-topic-words")
    private static let intensifiers: Set<String> = ["very", "too", "so", "extremely", "largely", "highly", "more", "less", "even"]
    /// Words after "will be" that make it a characterisation: "would be a last resort", "will be the largest".
    private static let characterDeterminers: Set<String> = Lexicon.bundled.set("character-determiners")
    /// Words of degree after "how": "how much", "how far" (with words in "-ly": "how quickly").
    private static let degreeWords: Set<String> = Lexicon.bundled.set("degree-words")
    /// Verbs of a product's launch, told alone: "will launch in the coming months", "will debut next year".
    private static let launchVerbs: Set<String> = Lexicon.bundled.set("launch-verbs")
    private static let deadlineOpeners: Set<String> = Lexicon.bundled.set("deadline-openers")
    /// "before the deadline passed": a deadline behind.
    private static let deadlinePassed: Set<String> = Lexicon.bundled.set("deadline-passed")

    /// Whether a verb in the simple past comes before `end`: a word in "-ed" that no auxiliary, article or
    /// possessive introduces ("weighed", not "has been flagged", "the banned app"), or "was", "were", "had".
    /// A verb of speech ("announced", "acknowledged … and said it is processing") reports; it does not tell the act.
    private func toldInThePast(_ a: Analysed, before end: Int) -> Bool {
        let tokens = a.tokens
        for k in 0..<end where !a.has(CueBit.speech, at: k) {
            let w = tokens[k].lower
            if ["was", "were", "had"].contains(w) { return true }
            guard w.count > 4, w.hasSuffix("ed"), tokens[k].kind == .word, !tokens[k].isCapitalized || k == 0 else { continue }
            let previous = k > 0 ? tokens[k - 1].lower : ""
            if !Self.participleIntroducers.contains(previous) { return true }
        }
        return false
    }
    private static let participleIntroducers: Set<String> = Lexicon.bundled.set("participle-introducers")

    /// Adjectives that put the measure they qualify ahead ("a possible ban", "potential blocking").
    private static let aheadAdjectives: Set<String> = Lexicon.bundled.set("ahead-adjectives")

    private static let cueHedges: Set<String> = ["also", "likely", "still", "simply", "eventually", "ultimately", "even"]
    private static let declineWords: Set<String> = Lexicon.bundled.set("decline-words")
    private static let disclosureVerbs: Set<String> = Lexicon.bundled.set("disclosure-verbs")
    /// Nouns whose "that" clause says what is feared, not what is expected: "the risk that data could be shared".
    private static let riskNouns: Set<String> = Lexicon.bundled.set("risk-nouns")
    private static let conditionWords: Set<String> = Lexicon.bundled.set("condition-words")
    /// Carrying on as before, or a stance a party takes towards what is under way ("would cooperate fully with the
    /// investigation", "will engage with the Commission"): no development.
    private static let carryOnVerbs: Set<String> = Lexicon.bundled.set("carry-on-verbs")
    /// Verbs of what a measure does to people or markets: a forecast of effects, not a development.
    private static let effectVerbs: Set<String> = Lexicon.bundled.set("effect-verbs")
    /// A market's course, forecast: "analysts expect sales to recover".
    private static let marketCourseVerbs: Set<String> = Lexicon.bundled.set("market-course-verbs")
    private static let notWords: Set<String> = ["not", "never", "n't"]
    private static let untilWords: Set<String> = ["until", "before", "till"]

    /// Whether the verb at `k`, after the watch cue at `at` (and its hedges), forecasts what a measure or a market will
    /// do ("the law will stifle free speech", "is expected to affect exporters"): a forecast of effects, not a
    /// development. The verb after the "to" of "is expected to" or "is likely to" is read the same way; not after
    /// "plans to", "is set to" ("is set to strengthen its rules" is a development). After "expect" and its object, the
    /// verb after that object's "to" is what is forecast ("analysts expect demand for the service to rise"), and after
    /// "keep" or "continue", the verb that keeps on ("are expected to keep rising").
    func forecastsEffect(_ a: Analysed, cue at: Int, verb k: Int) -> Bool {
        let modal = a.tokens[at].lower
        let expectedOrLikely = ["expected", "likely"].contains(modal)
        var verb = k < a.tokens.count && a.tokens[k].lower == "to" && expectedOrLikely ? k + 1 : k
        // After "expect" and its object only a market's course is read so ("Analysts expect Brussels to raise the fine"
        // is a development).
        var marketOnly = false
        // The object's "to" is the one before a verb: "expect their sales to European firms to keep rising".
        if ["expect", "expects"].contains(modal),
           let to = (at + 1..<min(a.tokens.count, at + 12)).first(where: { k in
               a.tokens[k].kind == .punct || (a.tokens[k].lower == "to" && k + 1 < a.tokens.count && a.tokens[k + 1].kind == .word
                   && !a.tokens[k + 1].isCapitalized && !EventExtractor.determiners.contains(a.tokens[k + 1].lower))
           }),
           a.tokens[to].lower == "to", to > at + 1 {
            verb = to + 1
            marketOnly = true
        }
        if verb + 1 < a.tokens.count, Self.carryOnVerbs.contains(a.tokens[verb].lower), a.tokens[verb + 1].lower.hasSuffix("ing") {
            // "analysts expect advertisers to keep shifting budgets", "the probe is expected to continue": a course
            // that goes on is an outlook, as "will continue" is (carrying on as before is no development); expected
            // of an authority named as the object, it is one ("expect the Commission to keep fining Apple").
            if expectedOrLikely { return true }
            if marketOnly, !a.mentions.contains(where: { m in
                m.start > at && m.start < verb && (m.role == .authority || (m.kind?.isAuthority ?? false)) }) { return true }
            verb += 1
        }
        guard verb < a.tokens.count, !(verb + 1 < a.tokens.count && a.tokens[verb + 1].lower == "for") else { return false }
        let w = a.tokens[verb].lower
        // "will reach a decision by March", "would hit the company with a fine": an effect verb whose object is a
        // regulatory step, or that comes "with" a penalty, tells that step ("would strengthen the hand of regulators"
        // does not, and "with a bill of $2 billion" is a cost).
        if Self.effectVerbs.contains(w) {
            let object = verb + 1 < a.tokens.count && ["a", "an", "the"].contains(a.tokens[verb + 1].lower) ? verb + 2 : verb + 1
            if object < a.tokens.count, a.has(CueBit.watchTopic, at: object) { return false }
            if let with = (verb + 1..<min(a.tokens.count, verb + 5)).first(where: { a.tokens[$0].lower == "with" }),
               (with + 1..<min(a.tokens.count, with + 4)).contains(where: { EventExtractor.penaltyWords.contains(a.tokens[$0].lower) }) { return false }
        }
        return Self.marketCourseVerbs.contains(w) || (!marketOnly && Self.effectVerbs.contains(w))
    }

    /// The first word after the watch cue at `at` past up to two hedges ("will likely", "may well").
    static func pastHedges(_ tokens: [Token], after at: Int) -> Int {
        var k = at + 1
        while k < tokens.count, k - at <= 2, cueHedges.contains(tokens[k].lower) { k += 1 }
        return k
    }

    /// Kinds of party whose bare plural, opening a sentence, speaks of all of them: "Courts have yet to decide".
    static let genericPluralSubjects: Set<String> = Lexicon.bundled.set("generic-plural-subjects")

    /// The act a watch item expects: the first word after its forward cue that is no hedge, auxiliary or "to"
    /// ("Uber said it would appeal the fine", "We will likely appeal" -> "appea"), cut to five letters so that its
    /// forms meet ("appeal", "appealed").
    func expectedAct(_ a: Analysed) -> String? {
        guard let at = a.first(CueBit.watch) else { return nil }
        var k = at + 1
        while k < a.tokens.count, k - at <= 4, Self.actSkips.contains(a.tokens[k].lower) || a.has(CueBit.watch, at: k) { k += 1 }
        guard k < a.tokens.count, a.tokens[k].kind == .word, !a.tokens[k].isCapitalized else { return nil }
        return String(a.tokens[k].lower.prefix(5))
    }
    /// Whether the sentence opens (after any quotation mark) with a pronoun or "the company": a party named before.
    func opensWithPronoun(_ a: Analysed) -> Bool {
        guard let k = a.tokens.firstIndex(where: { $0.kind == .word }), k < 2 else { return false }
        let w = a.tokens[k].lower
        return ["we", "it", "they", "he", "she"].contains(w)
            || (w == "the" && k + 1 < a.tokens.count && Self.companyNouns.contains(a.tokens[k + 1].lower))
    }
    private static let actSkips: Set<String> = [
        "to", "likely", "also", "soon", "then", "be", "not", "probably", "further", "eventually", "still", "have", "has",
        "now", "quickly", "formally", "again",
    ]

    /// Words that open the noun phrase of a cause after "due to" ("due to the complexity of…", "due to its size").
    static let causeOpeners: Set<String> = Lexicon.bundled.set("cause-openers")

    /// "Under the new law, platforms must…": a sentence that opens by naming an instrument and goes on to say what
    /// it provides describes the rule, not a development to come. So does one that says what will be required of
    /// a kind of thing, with no party and no date ("High-risk systems will have to meet strict requirements", "Low-risk
    /// services will be subject to light rules"): that is what a rule provides, while "The ban will take effect on
    /// 1 March", "Lawmakers will vote on the bill" or "Unregistered VPNs will be blocked" are developments.
    func statesProvisions(_ a: Analysed) -> Bool {
        let tokens = a.tokens
        // "A company that receives a request will have 12 months to comply": a kind of party, defined by what its
        // members do, and the time the rule gives it.
        if tokens.count > 4, ["a", "an", "any"].contains(tokens[0].lower), ["that", "which", "who"].contains(tokens[2].lower),
           let cue = tokens.firstIndex(where: { ["will", "must", "shall"].contains($0.lower) }), cue + 1 < tokens.count,
           tokens[cue + 1].lower == "have", !Self.statesDay(tokens),
           Self.timeGivenToAct(tokens, from: cue + 1, to: min(tokens.count, cue + 6), holders: ["have"], inWords: true) != nil {
            return true
        }
        if tokens.count > 3, tokens[0].lower == "under", let comma = tokens.prefix(10).firstIndex(where: { $0.lower == "," }), comma >= 2 {
            return true
        }
        // "The regulation means sellers will not be able to…", "The rule requires that platforms will…": what an
        // instrument named as the subject does is what it provides, when no day is given for it.
        if tokens.count > 4, ["the", "this", "that", "its", "their", "a"].contains(tokens[0].lower),
           let noun = tokens.prefix(4).firstIndex(where: { Self.instruments.contains($0.lower) }), noun + 1 < tokens.count,
           // ("The law would require platforms to…": its modal does not make a provision a development.)
           Self.provisionVerbs.contains(tokens[noun + 1].lower)
            || (noun + 2 < tokens.count && ["will", "would", "shall"].contains(tokens[noun + 1].lower)
                && Self.provisionVerbs.contains(tokens[noun + 2].lower + "s")),
           !Self.statesDay(tokens) {
            return true
        }
        // "Any government would protect its businesses", "Every platform must verify ages": a rule for all parties of
        // a kind, stated as its subject, is a general claim or a provision, not a development ("Any decision on the
        // ban is expected next week" is one).
        if let first = tokens.firstIndex(where: { $0.kind == .word }), first < 2, ["any", "every", "all"].contains(tokens[first].lower),
           first + 2 < tokens.count, EntityIndex.partyNouns.contains(tokens[first + 1].lower), !Self.statesDay(tokens) {
            return true
        }
        // "Courts have yet to decide", "Platforms will weigh in": a kind of party in the bare plural, as the subject
        // of what lies ahead, is a general claim when the sentence names no party and gives no day.
        if tokens.count > 2, tokens[0].kind == .word, Self.genericPluralSubjects.contains(tokens[0].lower),
           tokens[1].kind == .word, !EntityIndex.partyNouns.contains(tokens[1].lower),
           !a.mentions.contains(where: { $0.isNamed }), !Self.statesDay(tokens) {
            return true
        }
        guard let cue = tokens.firstIndex(where: { ["will", "must", "shall"].contains($0.lower) }), cue >= 2, cue + 2 < tokens.count,
              tokens[0].kind == .word, !Self.subjectOpeners.contains(tokens[0].lower),
              // A kind of thing ("messaging platforms") is no party; a named one or a country's group is.
              !a.mentions.contains(where: { $0.start < cue && !($0.role == .group && $0.country == nil) }),
              !tokens[..<cue].contains(where: { EntityIndex.authorityHeads.contains($0.lower) || Self.companyNouns.contains($0.lower) }),
              !Self.statesDay(tokens), !tokens.contains(where: { $0.isCapitalized && Self.months[$0.lower] != nil && $0.lower != "may" })
        else { return false }
        // What is required of the class.
        let next = tokens[cue + 1].lower, after = tokens[cue + 2].lower
        if (next == "be" && ["subject", "required", "obliged", "able"].contains(after)) || (["have", "need"].contains(next) && after == "to") {
            return true
        }
        // "Apps that collect children's data will be banned": a class defined by what its members do, and what
        // will be done to it, is what a rule provides; "Unregistered VPNs will be blocked" is a development. A clause
        // set off by a comma describes a particular thing, it defines no class ("Damages, which could be large, will
        // be decided later").
        return next == "be" && Self.isParticiple(after)
            && (1..<cue).contains(where: { k in ["that", "which", "who", "whose"].contains(tokens[k].lower) && tokens[k - 1].lower != "," })
    }
    /// What an instrument does to those it covers: "means", "requires", "bars", "obliges".
    static let provisionVerbs: Set<String> = Lexicon.bundled.set("provision-verbs")
    /// Words that open a sentence about a particular thing or party, not a kind of thing.
    static let subjectOpeners: Set<String> = Lexicon.bundled.set("subject-openers")

    /// A past participle, as far as a word alone tells: "broadened", "taken", "been", "made".
    static func isParticiple(_ w: String) -> Bool {
        w.hasSuffix("ed") || w.hasSuffix("en") || w.hasSuffix("wn") || irregularParticiples.contains(w)
    }
    static let irregularParticiples: Set<String> = Lexicon.bundled.set("irregular-participles")

    /// What an article calls the company it is about, once it has named it: "the company", "the firm".
    static let companyNouns: Set<String> = Lexicon.bundled.set("company-nouns")

    /// Month names and their abbreviations, to month numbers (watch dates here, stated dates of acts in `statedDate`).
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The first full date of a sentence as `YYYY-MM-DD`: "July 10", "10 July 2026", "September 4, 2025",
    /// "2026-07-10". A day without a year takes the publication year; a month alone is not a date.
    static func date(in tokens: [Token], year: Int?) -> String? {
        func yearAt(_ i: Int) -> Int? {
            guard i < tokens.count, tokens[i].kind == .number, let y = Int(tokens[i].lower), y >= 1990, y <= 2100 else { return nil }
            return y
        }
        func day(_ i: Int) -> Int? {
            guard i < tokens.count else { return nil }
            var w = tokens[i].lower
            for suffix in ["st", "nd", "rd", "th"] where w.hasSuffix(suffix) && w.count > 2 { w.removeLast(2) }
            guard let d = Int(w), d >= 1, d <= 31 else { return nil }
            return d
        }
        for i in tokens.indices {
            let t = tokens[i]
            if t.kind == .word, t.isCapitalized, let m = months[t.lower], t.lower != "may" || (i + 1 < tokens.count && day(i + 1) != nil) {
                if let d = day(i + 1) {
                    var y = yearAt(i + 2)
                    if y == nil, i + 3 < tokens.count, tokens[i + 2].lower == "," { y = yearAt(i + 3) }
                    if let y = y ?? year { return format(y, m, d) }
                }
            }
            if let d = day(i), i + 1 < tokens.count, tokens[i + 1].isCapitalized, let m = months[tokens[i + 1].lower] {
                if let y = yearAt(i + 2) ?? year { return format(y, m, d) }
            }
            if t.lower.count == 10 {
                let parts = t.lower.split(separator: "-")
                if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                   y >= 1990, y <= 2100, (1...12).contains(m), (1...31).contains(d) {
                    return format(y, m, d)
                }
            }
        }
        return nil
    }

    /// The first day the sentence states, as `MM-DD`, with or without its year ("on 1 March", "by May 5",
    /// "2027-01-01"): a day without a year is read with a stand-in year, which the result leaves out.
    static func dayWithoutYear(in tokens: [Token]) -> String? {
        date(in: tokens, year: 1990).map { String($0.dropFirst(5)) }
    }

    /// Whether the sentence states a day, with or without its year.
    static func statesDay(_ tokens: [Token]) -> Bool {
        dayWithoutYear(in: tokens) != nil
    }

    /// Where a measure is told taking effect at a time ahead: "Kenya's data law comes into force in December" (in a
    /// May article), "The rules take effect next month", "The ban on the app kicks in on Friday". The index of the
    /// verb of taking effect, or nil: not when it is told from the past ("was due to take effect in March", "would
    /// take effect"), nor when no time after the article's date is named ("comes into force today").
    func takesEffectAhead(_ a: Analysed, year: Int?, month: Int?) -> Int? {
        guard let k = a.first(CueBit.inForcePresent) else { return nil }
        let tokens = a.tokens
        if (max(0, k - 4)..<k).contains(where: { Self.pastMarkers.contains(tokens[$0].lower) }) { return nil }
        // The time is the one of the clause of taking effect: "takes effect immediately, the ministry said on Monday"
        // names the day of the saying; "A law that takes effect in March was passed on Monday" tells a passing.
        let end = (k + 1..<tokens.count).first { [",", ";", ":", "but", "while"].contains(tokens[$0].lower) } ?? tokens.count
        if (k + 1..<tokens.count).contains(where: { ["was", "were", "had"].contains(tokens[$0].lower) }) { return nil }
        if tokens[k..<end].contains(where: { Self.nowWords.contains($0.lower) }) { return nil }
        return Self.statesTimeAhead(Array(tokens[k..<end]), year: year, month: month) ? k : nil
    }
    /// Words of the present moment: "takes effect immediately", "comes into force today".
    private static let nowWords: Set<String> = ["immediately", "today", "now", "tonight"]
    /// Words that put what follows them in the past or the unreal: "was due to take effect", "would take effect".
    private static let pastMarkers: Set<String> = ["was", "were", "had", "would", "could", "might"]

    /// Whether the words name a time after the article's publication (`year`, `month`): "next month", "next
    /// Tuesday", "on Friday", "later this year", "in December" in a May article, "from January 2027", "in 2028",
    /// "2027-01-01". A month of the publication's own month or before, or of an earlier year, is not ahead; neither
    /// is "May" the modal, nor "last Friday". Without a publication date, a month or a weekday named counts (it is
    /// the reader's time ahead that the present tense of "takes effect" speaks of); a year or an ISO date cannot
    /// be compared with none, and does not.
    static func statesTimeAhead(_ tokens: [Token], year: Int?, month: Int?) -> Bool {
        func number(_ i: Int) -> Int? {
            guard i >= 0, i < tokens.count, tokens[i].kind == .number else { return nil }
            return Int(tokens[i].lower)
        }
        for i in tokens.indices {
            let w = tokens[i].lower
            let next = i + 1 < tokens.count ? tokens[i + 1].lower : ""
            if w == "next", Self.aheadUnits.contains(next) { return true }
            if w == "later", next == "this", i + 2 < tokens.count, Self.aheadUnits.contains(tokens[i + 2].lower) { return true }
            // "on Friday": a weekday, with a verb of taking effect in the present, is the coming one.
            if tokens[i].isCapitalized, Self.weekdays.contains(w), !(i > 0 && tokens[i - 1].lower == "last") { return true }
            if tokens[i].isCapitalized, let m = months[w] {
                // "May" is a month only before a day or a year, or after "in", "from", "on", "by", "until".
                if w == "may", number(i + 1) == nil, !(i > 0 && Self.timeOpeners.contains(tokens[i - 1].lower)) { continue }
                var y: Int?
                for k in (i + 1)...min(i + 3, tokens.count) where k < tokens.count {
                    if let n = number(k), n >= 1990, n <= 2100 { y = n; break }
                }
                guard let published = year else { return y == nil }
                if let y { if y > published || (y == published && month.map { m > $0 } ?? false) { return true } }
                else if let pm = month, m > pm { return true }
                continue
            }
            // "in 30 days", "within two weeks": a span counted from now.
            if ["in", "within"].contains(w), i + 2 < tokens.count, number(i + 1) != nil || EventExtractor.numberWords.contains(next),
               EventExtractor.timeUnits.contains(tokens[i + 2].lower) {
                return true
            }
            // "in 2028", "from 2027": a later year.
            if Self.timeOpeners.contains(w), let y = number(i + 1), y >= 1990, y <= 2100, let published = year, y > published {
                return true
            }
            // "2027-01-01".
            if w.utf8.count == 10, let published = year {
                let parts = w.split(separator: "-")
                if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), Int(parts[2]) != nil,
                   y > published || (y == published && month.map { m > $0 } ?? false) {
                    return true
                }
            }
        }
        return false
    }
    /// What "next" or "later this" may come before to name a time ahead: "next week", "later this year".
    static let aheadUnits: Set<String> = Lexicon.bundled.set("ahead-units")
    static let weekdays: Set<String> = Lexicon.bundled.set("weekdays")
    /// Words that open a time: "in December", "from 2027", "by March".
    static let timeOpeners: Set<String> = Lexicon.bundled.set("time-openers")

    private static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        let mm = m < 10 ? "0\(m)" : "\(m)"
        let dd = d < 10 ? "0\(d)" : "\(d)"
        return "\(y)-\(mm)-\(dd)"
    }
}

extension EventExtractor.Discourse {
    /// The product the article is about so far: the one it has named most (ties broken by name), else the last one
    /// named, if any.
    var salientProduct: Mention? {
        guard let best = productCounts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }) else {
            return lastProduct
        }
        return productByName[best.key] ?? lastProduct
    }
}
