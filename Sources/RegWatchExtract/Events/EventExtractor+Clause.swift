import RegWatchCore

// The first stages of `buildEvent`: whether a rule's match can be an act at all, the clause it sits in, and the
// status and voice the clause gives it.
extension EventExtractor {
    /// Cues: whether the rule applies at this trigger at all (its required and excluded words, the word before it,
    /// verb use, a named party in its own words, the sentence in technology scope, a workaround method named).
    /// Notes the party named by the act's own words and the methods a workaround names.
    func admitTrigger(_ d: inout EventDraft, in a: inout Analysed, discourse: Discourse) -> Bool {
        let rule = d.rule, t = d.trigger
        let tokens = a.tokens
        if let requires = rule.requires, !rules.sentence(tokens, satisfies: requires) { return false }
        if let excludes = rule.excludes, rules.sentence(tokens, satisfies: excludes) { return false }
        if let after = rule.after, t == 0 || !after.contains(tokens[t - 1].lower) { return false }
        if let notAfter = rule.notAfter, t > 0, notAfter.contains(tokens[t - 1].lower) { return false }
        if rule.verbOnly && !isVerbUse(t, in: a) { return false }
        // The act's own words may name who does it: "the Supreme Court ruled", "lawmakers in Brazil approved".
        let containing = a.mentions.first { m in
            m.start <= t && t < m.end && m.canAct
                && (m.isNamed || (m.role == .group && m.country != nil && EntityIndex.authorityHeads.contains(m.head ?? "")))
        }
        if rule.needsNamed && containing == nil { return false }
        if rule.type == .lawsuit, Self.isCitedCause(at: t, tokens) { return false }
        // "suspended Twitter", "switched off WhatsApp": what the act is done to, right after the pattern (past an
        // article or a possessive), is a listed product or service; "suspended its chief executive" is not.
        if rule.needsNamedObject {
            // Past an article, a possessive or a describing noun ("fines fintech PayLanka").
            var o = d.end
            while o < tokens.count, o - d.end < 3,
                  ["the", "its", "their", "his", "her", "all"].contains(tokens[o].lower) || EntityIndex.partyNouns.contains(tokens[o].lower) { o += 1 }
            guard a.mentions.contains(where: { $0.start == o && $0.isNamed && !$0.isPerson && ($0.isProduct || $0.kind == .company) })
            else { return false }
        }
        // "withdrew its news service from Canada": a country or a state right after the pattern ("withdrew its staff
        // from the talks" names none).
        if rule.needsPlaceObject {
            var o = d.end
            if o < tokens.count, tokens[o].lower == "the" { o += 1 }
            guard a.mentions.contains(where: { $0.start == o && ($0.role == .country || isState($0)) }) else { return false }
        }
        if a.inScope == nil {
            a.inScope = a.first(CueBit.scope) != nil || a.mentions.contains { m in m.isProduct || m.kind == .company }
        }
        // Methods are looked up once per sentence, and only for workarounds (whose step in a technology story they
        // may tell, below).
        var methods: [String] = []
        if rule.type == .workaround || rule.needsMethod {
            if a.methods == nil { a.methods = rules.methodLabels(in: tokens) }
            methods = a.methods ?? []
        }
        if a.inScope == false, !isStepOfTechStory(rule, in: a, discourse: discourse) { return false }
        if rule.needsMethod && methods.isEmpty { return false }
        if rule.needsMeasure, discourse.lastBlocker == nil, discourse.lastAuthority == nil,
           cues.measure.occurs(in: tokens) == nil { return false }
        d.containing = containing
        d.methods = methods
        // (Asked only where a habit is told: the measure's words are looked up in the sentence then.)
        if rule.type == .workaround, a.first(CueBit.habitual) != nil {
            d.inMeasureStory = discourse.lastBlocker != nil || cues.measure.occurs(in: tokens) != nil
        }
        return true
    }

    /// Whether an act whose sentence names no technology is a step of the story about technology the article tells.
    /// - "The High Court summoned the interior secretary on the matter": a court's step in such a story is a step of
    ///   that story's case; so is a case its people bring ("The lawsuit was filed by novelist Jane Morrow…") and a suit
    ///   between parties of the story ("In October the company sued the Department of Defense").
    /// - So is an investigation, a penalty or a lift by a party of the story, named or pointed to, told as done ("the
    ///   CNIL carried out inspections at the company's sites", "an investigation that the Commission opened in
    ///   December"); one told ahead is left to what to watch. A lift rule whose pattern names no party ("The block was
    ///   lifted in June", "Internet access returned") is about the story's own measure.
    /// - A way round the story's measure, named as a measure or by its means, is a step of that story.
    /// - And so is "the law" passed or signed in such a story ("Parliament passed the law in June"): the law it is about.
    func isStepOfTechStory(_ rule: Rule, in a: Analysed, discourse: Discourse) -> Bool {
        guard discourse.inTechStory else { return false }
        switch rule.type {
        case .lawsuit:
            return a.mentions.contains { ($0.isNamed && !$0.isProduct) || $0.role == .company }
        case .investigation, .penalty, .lift:
            return a.first(CueBit.watch) == nil
                && (a.mentions.contains { ($0.isNamed && !$0.isProduct) || $0.role == .company || $0.role == .authority }
                    || (rule.type == .lift && rule.passive))
        case .workaround:
            // "Developers are getting around the restrictions by routing traffic through Singapore": a way round the
            // story's measure, named as such or by its means, need not name the technology again.
            // (`admitTrigger` has looked up the sentence's methods for every workaround rule before asking.)
            return a.tokens.contains { Self.measureNouns.contains($0.lower) } || !(a.methods ?? []).isEmpty
        case .legislation:
            return zip(a.tokens, a.tokens.dropFirst()).contains { w, n in
                (w.lower == "the" || w.lower == "this") && Self.lawNouns.contains(n.lower) }
        default:
            return false
        }
    }

    /// "call on", "called for": a request when "on" or "for" follows (not "a company called Signal").
    static let callVerbs: Set<String> = Lexicon.bundled.set("call-verbs")
    /// Verbs that end an act told by the gerund after them: "to stop removing", "ceased blocking".
    static let stoppingVerbs: Set<String> = Lexicon.bundled.set("stopping-verbs")

    /// Nouns of a law a story tells of, after "the": "the law", "the bill".
    static let lawNouns: Set<String> = Lexicon.bundled.set("law-nouns")

    /// Words that open a noun phrase naming an act as a clause's subject ("after the suit was filed").
    static let actDeterminers: Set<String> = Lexicon.bundled.set("act-determiners")

    /// "Turkey blocked Discord following a court ruling", "under a court order.": a ruling of a court nobody names,
    /// cited as the ground of another act and told no further, is that act's cause, not a step of a case the article
    /// tells. "After the Supreme Court's ruling" names its court and is left to the rules.
    static func isCitedCause(at t: Int, _ tokens: [Token]) -> Bool {
        guard t >= 2, t + 1 < tokens.count, ["a", "an"].contains(tokens[t - 1].lower),
              citingWords.contains(tokens[t - 2].lower) else { return false }
        var k = t + 1
        while k < tokens.count, k - t <= 2, !citedRulings.contains(tokens[k].lower), tokens[k].kind == .word,
              !tokens[k].isCapitalized, !["that", "which", "in", "of", "to"].contains(tokens[k].lower) { k += 1 }
        // The ruling only cited: nothing of its own follows ("after a court ruling struck down the law", "a court
        // ruling that it monopolised…", "a court judgment handed down in Nairobi" tell the ruling itself).
        guard k < tokens.count, citedRulings.contains(tokens[k].lower) else { return false }
        var r = k + 1
        while r < tokens.count, r - k <= 6, ![",", ".", ";", ")", "!", "?"].contains(tokens[r].lower) {
            let w = tokens[r].lower
            if ["that", "which", "who", "struck", "found", "held", "upheld", "said", "says", "rules", "ruled"].contains(w)
                || (w.hasSuffix("ed") && !tokens[r].isCapitalized) { return false }
            r += 1
        }
        return true
    }
    /// Words that cite a ground: "following a court ruling", "under a court order", "citing a court decision".
    static let citingWords: Set<String> = Lexicon.bundled.set("citing-words")
    /// What a court decides, as a ground cited: "a court order", "a court's decision".
    static let citedRulings: Set<String> = Lexicon.bundled.set("cited-rulings")

    /// "The agency told Apple to halt sales": "told" with an addressee and a "to" right before the act commands it,
    /// it reports nothing, so the teller stays the subject (as after "ordered"). "Told reporters that…" still reports.
    /// The addressee is one party, right after "told", and the "to" comes right after it ("Meta told Reuters the
    /// government had decided to ban…" reports).
    static func tellsToAct(at s: Int, trigger t: Int, in a: Analysed) -> Bool {
        let tokens = a.tokens
        guard s + 2 < t, ["told", "tell", "tells", "telling"].contains(tokens[s].lower),
              let to = (s + 2..<t).last(where: { tokens[$0].lower == "to" }), t - to <= 2, to - s <= 6 else { return false }
        var start = s + 1
        if ["the", "its", "their", "all"].contains(tokens[start].lower) { start += 1 }
        return a.mentions.contains { $0.start == start && $0.end == to } || (to == start + 1 && tokens[start].kind == .word)
    }

    /// Clause bounds: the clause around the trigger, `left..<right`. It opens after a clause break, a subordinate
    /// clause's opener, a coordinated clause's "and" or reported speech, and closes before the next clause, a
    /// participle clause that names its own parties, or an attribution ("…, the regulator said").
    func findClauseBounds(_ d: inout EventDraft, in a: Analysed) {
        let t = d.trigger, end = d.end
        let tokens = a.tokens
        // Clause around the trigger.
        var left = 0
        var k = t - 1
        while k >= 0 {
            let w = tokens[k].lower
            if Self.clauseBreaks.contains(w) { left = Self.subordinators.contains(w) ? k : k + 1; break }
            // "Users were angry after the government blocked Facebook": an act inside a clause that a subordinator
            // opens mid-sentence has that clause's subject, not the sentence's.
            // So does one whose subject is the act itself ("OpenAI added controls after the suit was filed": the
            // suit is not OpenAI's).
            if k > 0, Self.midSentenceSubordinators.contains(w), !(k + 1..<t).contains(where: { tokens[$0].lower == "," }),
               a.mentions.contains(where: { $0.start > k && $0.start < t && $0.canAct && !$0.isModifier })
                || (t - k <= 3 && Self.actDeterminers.contains(tokens[k + 1].lower)) {
                left = k + 1
                break
            }
            // "…, prompting Alibaba to ban the tool": a clause that makes a party of its own act has that party as its
            // subject. Not "…, joining Nepal in banning it" (who joins is the subject), nor "…, instructing telecom
            // companies to block it" (they carry out the subject's act).
            if k > 0, tokens[k - 1].lower == ",", Self.causativeParticiples.contains(w), Self.opensParticipleClause(tokens, at: k - 1),
               a.mentions.contains(where: { $0.start > k && $0.start < t && $0.canAct && !$0.isModifier }) {
                left = k + 1
                break
            }
            // "…, and Anthropic is closing…", "— and the FT reports…": a coordinated clause.
            // Not in a list of parties ("ByteDance, Tencent, and Alibaba").
            if w == "and", k > 1, tokens[k - 1].lower == "," || tokens[k - 1].lower == "-",
               a.mentions.contains(where: { $0.start == k + 1 && $0.canAct }),
               !a.mentions.contains(where: { $0.end == k - 1 }) { left = k + 1; break }
            k -= 1
        }
        // "Although China is not supported, many developers use…": the main clause starts after the comma.
        if left < t, Self.subordinators.contains(tokens[left].lower) {
            if let comma = (left..<t).first(where: { tokens[$0].lower == "," }) { left = comma + 1 }
            else if Self.clauseBreaks.contains(tokens[left].lower) { left += 1 }
        }
        // Reported speech: "X said (that) Y banned Z" puts the subject after the speech verb.
        var s = t - 1
        while s >= left {
            if a.has(CueBit.speech, at: s), !a.mentions.contains(where: { $0.start <= s && s < $0.end }),
               !Self.tellsToAct(at: s, trigger: t, in: a) {
                // "According to X, Y blocked Z": the source is not the subject.
                if tokens[s].lower == "according", let comma = (s..<t).first(where: { tokens[$0].lower == "," }) {
                    left = comma + 1
                    break
                }
                let after = tokens[s + 1..<t]
                if a.mentions.contains(where: { $0.start > s && $0.start < t && $0.canAct && !$0.isModifier }) || after.first?.lower == "that" {
                    left = s + 1
                    if left < t, tokens[left].lower == "that" { left += 1 }
                    break
                }
            }
            s -= 1
        }
        var right = tokens.count
        var r = end
        // "Three days after Anthropic blocked X from Y, engineers…": a clause opened by a subordinator before the
        // trigger ends at the next comma.
        let opensSubordinate = (left..<t).contains { k in
            Self.subordinators.contains(tokens[k].lower) && !(k..<t).contains { tokens[$0].lower == "," }
        }
        while r < tokens.count {
            if opensSubordinate, tokens[r].lower == "," { right = r; break }
            // "…, and engineers answered with VPNs": a new clause, not another target.
            if tokens[r].lower == "and", r > 0, tokens[r - 1].lower == ",",
               let next = a.mentions.first(where: { $0.start == r + 1 }), next.end < tokens.count,
               tokens[next.end].kind == .word, !tokens[next.end].isCapitalized,
               !Self.prepositions.contains(tokens[next.end].lower), tokens[next.end].lower != "and", tokens[next.end].lower != "as" {
                right = r - 1
                break
            }
            // "…added 140 companies to its entity list, restricting their access to chips": a participle clause says
            // what the act does, and its parties are not the act's, when the act has named its own ("imposed
            // penalties, fining Apple and Meta" names them in the participle clause).
            if Self.opensParticipleClause(tokens, at: r),
               a.mentions.contains(where: { $0.start > t && $0.start < r && $0.canAct && !$0.isModifier
                   && !["its", "their"].contains(tokens[$0.start].lower) }) { right = r; break }
            if Self.rightBreaks.contains(tokens[r].lower) || tokens[r].lower == "." {
                // "such as" and "as well as" continue a list.
                if tokens[r].lower == "as", r > 0, tokens[r - 1].lower == "such" || tokens[r - 1].lower == "well" { r += 1; continue }
                if tokens[r].lower == "as", r + 1 < tokens.count, tokens[r + 1].lower == "well" { r += 1; continue }
                right = r
                break
            }
            // "…, the regulator Roskomnadzor said": the attribution is not part of the clause.
            if tokens[r].lower == "," || tokens[r].lower == "\"", a.first(CueBit.speech, from: r + 1, to: min(tokens.count, r + 7)) != nil,
               (r + 1..<min(tokens.count, r + 7)).allSatisfy({ tokens[$0].lower != "that" }) {
                right = r
                break
            }
            r += 1
        }
        d.left = left
        d.right = right
    }

    /// Status: whether the clause states the act at all (not negated, conditional, habitual, hypothetical or
    /// asked), and if so whether it is in effect, planned, proposed or denied.
    func decideStatus(_ d: inout EventDraft, in a: Analysed) -> Bool {
        let rule = d.rule, t = d.trigger, end = d.end, left = d.left, right = d.right
        let tokens = a.tokens
        // Status: negation, denial, modality, conditions.
        let window = max(left, t - 6)
        if a.first(CueBit.negation, from: window, to: t) != nil { return false }
        // "called on Apple to stop removing VPN apps", "ceased blocking the site": an act that stops is not told.
        if t > 0, tokens[t].lower.hasSuffix("ing"), Self.stoppingVerbs.contains(tokens[t - 1].lower) { return false }
        if a.first(CueBit.conditional, from: left, to: t) != nil { return false }
        // "Governments routinely block websites": a habit stated in general, not an act. So are acts told as
        // repeated ("X was briefly restored multiple times", "blocked the site several times last year").
        // (Not a habit told of a party in a clause set off before the act: "Russia, which has tightened controls in
        // recent years, blocked Signal on Friday".)
        // (A way round a measure told as a practice is still one, in a story of the measure: "Chinese developers have
        // long accessed Claude through overseas subsidiaries", "Iranians routinely use VPNs to reach Instagram".)
        let practiceRound = rule.type == .workaround && d.inMeasureStory
        if !practiceRound, let h = a.first(CueBit.habitual, from: left, to: t),
           !((left..<h).contains { k in tokens[k].lower == "," && k + 1 < h && ["which", "who"].contains(tokens[k + 1].lower) }
             && (h..<t).contains { tokens[$0].lower == "," }) { return false }
        if !practiceRound, a.first(CueBit.habitual, from: end, to: min(right, end + 4)) != nil { return false }
        // "Meta said it would block news for users in Canada": "would" after a speech verb is the reported "will" of
        // a decision, a planned act, when no condition is attached; "said it would appeal" stays an intention.
        let reportedPlan = (max(left, t - 3)..<t).contains { tokens[$0].lower == "would" }
            && (rule.type == .ban || rule.type == .block || rule.type == .restriction || rule.type == .lift)
            && (0..<t).contains { k in a.has(CueBit.speech, at: k) && (k + 1..<t).contains { tokens[$0].lower == "would" } }
            && a.first(CueBit.conditional) == nil
            // "would resume only after the platforms register", "would stay until…": a condition all the same.
            && !tokens.indices.contains { k in tokens[k].lower == "until" || (tokens[k].lower == "only" && k + 1 < tokens.count
                && ["after", "if", "when", "once"].contains(tokens[k + 1].lower)) }
        // "the regulator may fine the platform", "a ban could follow": a possibility is something to watch, not an
        // act; a law that is proposed is still a legislative act.
        // "some said they could still reach it through VPNs": "could still" after "said", "told" or "reported" tells
        // what people were able to do, an ability in the past, not a possibility ("analysts warned that users could
        // still…" is one).
        let pastAbility = rule.type == .workaround && (max(left, t - 3)..<t).contains { k in
            tokens[k].lower == "could" && k + 1 < t && tokens[k + 1].lower == "still"
                && (max(0, k - 6)..<k).contains { s in Self.pastReportVerbs.contains(tokens[s].lower) }
        }
        if rule.type != .legislation, !reportedPlan, !pastAbility, a.first(CueBit.hypothetical, from: max(left, t - 3), to: t) != nil
            || (a.first(CueBit.hypothetical, from: end, to: min(right, end + 2)) != nil && !isVerbUse(t, in: a)) { return false }
        // "a regulator could order providers to block VPN servers": a possibility that governs the verb commanding
        // the act governs the act after its "to" too ("ordered providers to block" stays an act).
        if rule.type != .legislation, !reportedPlan, t >= 2, tokens[t - 1].lower == "to",
           let v = (max(left, t - 7)..<(t - 1)).last(where: { Self.directingVerbs.contains(tokens[$0].lower) }),
           a.first(CueBit.hypothetical, from: max(left, v - 3), to: v) != nil { return false }
        // "sites could receive notices and ultimately be blocked": a bare "be" after "and" or "or" is governed by the
        // possibility before the first of the coordinated verbs.
        // (An adverb between is any listed one or any word in -ly: "and ultimately be blocked".)
        if rule.type != .legislation, !reportedPlan, t >= 2, case var b = t - 1, true {
            func isAdverb(_ w: String) -> Bool { Self.adverbs.contains(w) || (w.count > 4 && w.hasSuffix("ly")) }
            while b > left, isAdverb(tokens[b].lower) { b -= 1 }
            if b > left, tokens[b].lower == "be" {
                var c = b - 1
                while c > left, isAdverb(tokens[c].lower) { c -= 1 }
                if c > left, ["and", "or"].contains(tokens[c].lower), a.first(CueBit.hypothetical, from: left, to: c) != nil { return false }
            }
        }
        // "The company may lodge an appeal with the agency or file one with the court": a possibility governs each verb
        // coordinated with the first it precedes, when no other party comes between.
        if rule.type != .legislation, !reportedPlan, t >= 2, ["or", "and"].contains(tokens[t - 1].lower),
           let h = a.first(CueBit.hypothetical, from: max(left, t - 25), to: t - 1),
           !a.mentions.contains(where: { m in
               // (A party after a preposition, past its article, is no new subject: "with the Director of the AEPD".)
               var p = m.start - 1
               if p >= 0, ["the", "a", "an"].contains(tokens[p].lower) { p -= 1 }
               return m.start > h && m.start < t - 1 && m.canAct && !m.isModifier && !(p >= 0 && Self.prepositions.contains(tokens[p].lower))
           }),
           !(h..<t).contains(where: { Self.clauseBreaks.contains(tokens[$0].lower) }) { return false }
        // "content that may be inaccessible or blocked": a possibility whose "be" governs a list of states.
        if rule.type != .legislation, let h = a.first(CueBit.hypothetical, from: max(left, t - 7), to: t), h + 1 < t,
           ["be", "become", "get"].contains(tokens[h + 1].lower),
           (h + 2..<t).contains(where: { ["or", "and", ","].contains(tokens[$0].lower) }) { return false }
        // "would be lifted once they register": a conditional future is a watch item, not an act. A threat with a
        // condition ("threatened to block Telegram unless…") is still a threat.
        let threat = (window..<t).contains { tokens[$0].lower.hasPrefix("threat") || tokens[$0].lower.hasPrefix("warn") }
        if !threat, let c = a.first(CueBit.conditional, from: end, to: right), c > end - 1,
           a.first(CueBit.proposed, from: window, to: t) != nil || a.first(CueBit.planned, from: window, to: t) != nil {
            return false
        }
        // "Lawmakers said they would introduce a bill to ban the app": proposing a law is itself still ahead, a
        // development to watch; a bill introduced, or one that "would ban" the app, is proposed legislation.
        // So is what such a bill would do ("…would introduce a bill to ban the app": no ban proposed yet).
        if rule.type == .legislation, rule.status == .proposed, t >= 1,
           (max(left, t - 3)..<t).contains(where: { Self.intentWords.contains(tokens[$0].lower) }) {
            return false
        }
        if let v = (max(left, t - 6)..<t).last(where: { Self.proposingVerbs.contains(tokens[$0].lower) }),
           (max(left, v - 3)..<v).contains(where: { Self.intentWords.contains(tokens[$0].lower) }) {
            return false
        }
        if tokens.last?.lower == "?" { return false }
        var status = rule.status ?? .inEffect
        // "introduced a bill to ban TikTok", "a plan to block the app": an act that a proposal would make is proposed.
        let proposedBy = t >= 2 && tokens[t - 1].lower == "to" && Self.proposalNouns.contains(tokens[t - 2].lower)
        if a.first(CueBit.denial, from: max(0, t - 8), to: t) != nil {
            status = .denied
        } else if reportedPlan, !proposedBy {
            if rule.status == nil { status = .planned }
        } else if proposedBy || (!pastAbility && a.first(CueBit.proposed, from: window, to: t) != nil) || promisedAcross(t, left: left, in: tokens) {
            status = .proposed
        } else if a.first(CueBit.planned, from: window, to: t) != nil
                    || a.first(CueBit.planned, from: end, to: min(right, end + 3)) != nil {
            if rule.status == nil { status = .planned }
        }
        d.status = status
        return true
    }

    /// "had promised during his campaign to loosen online restrictions", "vowed on Monday to ban the app": a promise
    /// or a plan whose "to" governs the act across a phrase set between them (of time, place or occasion) makes the act
    /// proposed, as "promised to" right before it does.
    func promisedAcross(_ t: Int, left: Int, in tokens: [Token]) -> Bool {
        guard t >= 3, tokens[t - 1].lower == "to", max(left, t - 9) < t - 2,
              let v = (max(left, t - 9)..<(t - 2)).last(where: { Self.promiseVerbs.contains(tokens[$0].lower) }),
              Self.insertedPhraseOpeners.contains(tokens[v + 1].lower) else { return false }
        return !(v + 1..<(t - 1)).contains { k in
            ["to", "and", "that"].contains(tokens[k].lower) || Self.clauseBreaks.contains(tokens[k].lower)
        }
    }
    static let promiseVerbs: Set<String> = Lexicon.bundled.set("promise-verbs")
    static let insertedPhraseOpeners: Set<String> = Lexicon.bundled.set("inserted-phrase-openers")

    /// Voice: whether the act is told in the passive, so that its subject is what it is done to.
    func decideVoice(_ d: inout EventDraft, in a: Analysed) {
        let rule = d.rule, t = d.trigger, left = d.left
        let tokens = a.tokens
        // Voice.
        var passive = rule.passive
        if !passive && isParticiple(tokens[t].lower) {
            var b = t - 1
            while b >= left, Self.adverbs.contains(tokens[b].lower) { b -= 1 }
            if b >= left, Self.beForms.contains(tokens[b].lower) { passive = true }
            // "…will be removed from app stores and blocked by internet providers": a participle with its agent
            // after "by" is passive, though its "be" governs the first of the coordinated verbs.
            if t + 1 < tokens.count, tokens[t + 1].lower == "by", t > 0, ["and", "or", ","].contains(tokens[t - 1].lower) { passive = true }
            // "The gaming platform, blocked on Wednesday over…, remained unreachable": a participle set off after a
            // comma and followed by when, where or why is a reduced relative, in the passive ("Russia, on Monday,
            // blocked Telegram" has its object after the verb).
            if t >= 2, tokens[t - 1].lower == ",", tokens[t - 2].kind == .word, t + 1 < tokens.count,
               Self.reducedRelativeFollowers.contains(tokens[t + 1].lower) { passive = true }
        }
        d.passive = passive
    }

    /// Verbs of a lasting state before a participle: "remain blocked", "stayed banned".
    static let stateVerbs: Set<String> = Lexicon.bundled.set("state-verbs")
    /// Words of an act still intended, before "introduce" or "propose": "said they would introduce a bill".
    static let intentWords: Set<String> = Lexicon.bundled.set("intent-words")
    /// Verbs of putting a law forward, after an intent word: "would introduce a bill", "plans to propose rules".
    static let proposingVerbs: Set<String> = Lexicon.bundled.set("proposing-verbs")
    /// Who investigates as the press does: "a newspaper investigation", "a media probe".
    static let mediaWords: Set<String> = Lexicon.bundled.set("media-words")
    /// Units of a time given to act: "24 hours to comply".
    static let timeUnits: Set<String> = Lexicon.bundled.set("time-units")
    /// Verbs of telling someone: what they are told they are banned from is an act announced.
    static let tellingVerbs: Set<String> = Lexicon.bundled.set("telling-verbs")
    /// "has been blocked", "have now been banned": a participle after the perfect of "be".
    func isPerfectPassive(_ t: Int, _ tokens: [Token]) -> Bool {
        guard isParticiple(tokens[t].lower) else { return false }
        var b = t - 1
        while b >= 0, Self.adverbs.contains(tokens[b].lower) { b -= 1 }
        guard b >= 1, tokens[b].lower == "been" else { return false }
        b -= 1
        while b >= 0, Self.adverbs.contains(tokens[b].lower) { b -= 1 }
        return b >= 0 && ["has", "have", "had", "'ve", "'s"].contains(tokens[b].lower)
    }
    /// "is", "are": the present of "be", which with a participle tells a state.
    func isPresentBe(_ k: Int, _ tokens: [Token]) -> Bool { k >= 0 && ["is", "are", "'re"].contains(tokens[k].lower) }

    /// Where "to" follows a time given to act: "was given 24 hours to", "has three weeks to", "have a month to".
    /// With `inWords`, numbers written as words count too ("has three weeks to").
    static func timeGivenToAct(_ tokens: [Token], from: Int, to end: Int, holders: Set<String> = givenWords, inWords: Bool = false) -> Int? {
        let start = max(3, from)
        guard start < end else { return nil }
        return (start..<end).first { k in
            guard tokens[k].lower == "to", timeUnits.contains(tokens[k - 1].lower) else { return false }
            // "has 60 working days to": a kind of day between the number and its unit.
            let n = k >= 4 && unitKinds.contains(tokens[k - 2].lower) ? k - 3 : k - 2
            return (tokens[n].kind == .number || (inWords && numberWords.contains(tokens[n].lower)))
                && holders.contains(tokens[n - 1].lower)
        }
    }
    /// Past verbs of reporting, shortly before "could still": "some said they could still reach it through VPNs".
    static let pastReportVerbs: Set<String> = Lexicon.bundled.set("past-report-verbs")
    static let reducedRelativeFollowers: Set<String> = Lexicon.bundled.set("reduced-relative-followers")
    /// Verbs of suing, before "to" and what the suit is brought to do: "sued Ohio to block the law".
    static let suingVerbs: Set<String> = Lexicon.bundled.set("suing-verbs")
    /// Words of a penalty whose "for" gives what it punishes: "fined Google for placing cookies".
    static let penaltyWords: Set<String> = Lexicon.bundled.set("penalty-words")
    /// Wishing, before what is wished: "hoped to restore access", "hoped the ban could be reversed".
    static let wishVerbs: Set<String> = Lexicon.bundled.set("wish-verbs")
    /// Participles of a purpose, between "be" and "to": "was meant to stop", "is designed to block".
    static let purposeParticiples: Set<String> = Lexicon.bundled.set("purpose-participles")
    /// Nouns of a purpose, before "was to" and the act aimed at: "the aim was to limit…".
    static let purposeNouns: Set<String> = Lexicon.bundled.set("purpose-nouns")
    /// What a party asks a court or an authority for: "a request to suspend the ban", "a bid to block the app".
    static let petitionNouns: Set<String> = Lexicon.bundled.set("petition-nouns")
    /// Verbs that grant what was asked: "granted the request to lift the ban".
    static let grantingVerbs: Set<String> = Lexicon.bundled.set("granting-verbs")
    /// Ranks that place an act among others when it is named as what something is: "the first lawsuit", "the
    /// largest fine", "one of the biggest probes".
    static let rankingWords: Set<String> = Lexicon.bundled.set("ranking-words")
    /// Sizes of a party's record, after an act told in a relative clause: "which has sued several states".
    static let recordQuantifiers: Set<String> = Lexicon.bundled.set("record-quantifiers")
    /// Kinds of day between a number and its unit: "60 working days", "ten business days".
    static let unitKinds: Set<String> = Lexicon.bundled.set("unit-kinds")
    static let givenWords: Set<String> = ["given", "has", "have", "had", "gets", "got"]
    /// Words that open a clause whose subject may be a kind of party: "when governments restrict access".
    static let genericClauseOpeners: Set<String> = ["when", "whenever", "if", "where", "once", "because", "as", "unless"]
    /// Numbers in words: "three weeks", "a month".
    static let numberWords: Set<String> = Lexicon.bundled.set("number-words")
    /// Units of a state that has lasted, after "for": "have for years been barred".
    static let lastingUnits: Set<String> = Lexicon.bundled.set("lasting-units")

    /// Whether the trigger's words state an act rather than name one in general: not circumvention by no one, a
    /// capacity, a request, a purpose, a thing already told, a standing state, a habit, a deadline ahead, or the act
    /// as the subject of a judgement.
    func statesAnAct(_ d: EventDraft, in a: Analysed) -> Bool {
        let rule = d.rule, t = d.trigger, left = d.left
        let tokens = a.tokens
        // "attempts to evade the policy", "ways to bypass the ban": circumvention in general, by no one named.
        if rule.type == .workaround, t >= 2, tokens[t - 1].lower == "to", Self.genericAttemptNouns.contains(tokens[t - 2].lower) { return false }
        // "It is the first lawsuit brought under the Texas privacy law", "This was the largest fine yet": an act named as
        // what something is, ranked among others, characterises an act told elsewhere; it tells none of its own.
        if t >= 3, !isVerbUse(t, in: a), let k = (max(left, t - 5)..<t).last(where: { ["is", "was", "are", "were", "'s"].contains(tokens[$0].lower) }),
           k + 1 < t, (k + 1..<t).contains(where: { Self.rankingWords.contains(tokens[$0].lower) }),
           tokens[k + 1].lower == "the" || tokens[k + 1].lower == "one" || tokens[k + 1].lower == "among" {
            return false
        }
        // "a reason to ban foreign tools", "the power to block apps": a capacity, not an act.
        if t >= 2, tokens[t - 1].lower == "to", Self.capacityNouns.contains(tokens[t - 2].lower) { return false }
        // "sued Ohio to block the law", "filed suit to stop the rule": what a suit is brought to do is not done.
        // (The suit is in the act's own clause: "Weeks after Meta sued, Chad's regulator ordered operators to block
        // WhatsApp" tells an act.)
        if t >= 2, tokens[t - 1].lower == "to", (max(left, t - 10)..<(t - 1)).contains(where: { k in
            let w = tokens[k].lower
            return (Self.suingVerbs.contains(w)
                || (Self.lawsuitNouns.contains(w) && k > left && (tokens[k - 1].lower.hasPrefix("fil") || tokens[k - 1].lower.hasPrefix("brought"))))
                && !(k + 1..<t).contains { [",", ";", ":"].contains(tokens[$0].lower) }
        }) { return false }
        // "hoped to restore access", "wishes to lift the ban": a wish, not an act.
        if t >= 2, tokens[t - 1].lower == "to", Self.wishVerbs.contains(tokens[t - 2].lower) { return false }
        // "licences that would let it restore access", "a rule allowing the ministry to block apps": what a party is
        // let or allowed to do is not done.
        if let e = (max(left, t - 12)..<t).last(where: { Self.enablingVerbs.contains(tokens[$0].lower) }),
           (e + 1..<t).allSatisfy({ k in tokens[k].lower == "to" || a.mentions.contains { $0.start <= k && k < $0.end } || ["it", "them", "him", "her", "us"].contains(tokens[k].lower)
               || (tokens[k].lower == "the" && a.mentions.contains { $0.start == k + 1 })
               // "enables the ministry to block or reverse decisions": a verb coordinated before the trigger.
               || (["or", "and"].contains(tokens[k].lower) && k + 1 == t) || (k + 2 == t && ["or", "and"].contains(tokens[k + 1].lower)) }) {
            return false
        }
        // "the shutdown was meant to stop protesters", "is designed to block": a purpose told, not an act.
        if t >= 3, tokens[t - 1].lower == "to", Self.purposeParticiples.contains(tokens[t - 2].lower),
           Self.beForms.contains(tokens[t - 3].lower) || Self.adverbs.contains(tokens[t - 3].lower) { return false }
        // "the aim was to limit China's access", "the goal is to block": a purpose told, not an act.
        if t >= 3, tokens[t - 1].lower == "to", ["is", "was", "being"].contains(tokens[t - 2].lower),
           Self.purposeNouns.contains(tokens[t - 3].lower) { return false }
        // "asking a federal court to block the law", "urged Apple to remove": a request, not yet an act. But an
        // executive authority that asks or directs those under it to block is the one who bans ("the interior ministry
        // asked the telecom regulator to block proxies", "the ministry demanded that Apple remove the app").
        // "Rights groups called on the regulator to open an investigation": "call on" or "call for" asks too.
        if let v = (max(left, t - 8)..<t).last(where: { k in
            Self.requestVerbs.contains(tokens[k].lower)
                || (Self.callVerbs.contains(tokens[k].lower) && k + 1 < t && ["on", "for", "upon"].contains(tokens[k + 1].lower))
        }),
           !((Self.directiveVerbs.contains(tokens[v].lower) || Self.callVerbs.contains(tokens[v].lower)) && [.ban, .block, .restriction].contains(rule.type)
             && a.mentions.contains(where: { m in
                 m.start >= left && m.end <= v && m.canAct && !m.isModifier && (m.kind == .government || m.kind == .regulator)
                     && (m.start == left || !Self.prepositions.contains(tokens[m.start - 1].lower))
                     // ("Romanian authorities asked the European Commission to suspend TikTok": an authority of
                     // another country or union is not under the one asking; it is asked.)
                     && !a.mentions.contains(where: { o in
                         o.start > v && o.end <= t && (o.kind?.isAuthority ?? false) && o.kind != .country
                             && o.country != nil && m.country != nil && o.country != m.country
                     })
             })) { return false }
        // "refused Apple's request to suspend the ban", "rejected the state's bid to block the app": what a party asked
        // for is not done, unless it was granted ("granted the request to lift the ban").
        if t >= 3, tokens[t - 1].lower == "to",
           let n = (max(left, t - 4)..<(t - 1)).last(where: { Self.petitionNouns.contains(tokens[$0].lower) }),
           // ("refused to grant the request to suspend the ban": a grant refused grants nothing.)
           !(max(left, n - 6)..<n).contains(where: { g in Self.grantingVerbs.contains(tokens[g].lower)
               && !(max(left, g - 2)..<g).contains { ["refused", "refuses", "declined", "declines", "not", "n't", "denied", "rejected"].contains(tokens[$0].lower) } }) {
            return false
        }
        // "to share data for criminal investigations", "fined for blocking rivals": a purpose or a reason, not an act.
        // But what a product was fined for is the finding the fine rests on: "fined Google for placing cookies without
        // consent" tells the tracking.
        if let f = t >= 1 && tokens[t - 1].lower == "for" ? t - 1 : (t >= 2 && tokens[t - 2].lower == "for" && tokens[t - 1].kind == .word
            && !tokens[t - 1].isCapitalized && !Self.determiners.contains(tokens[t - 1].lower) ? t - 2 : nil),
           !(rule.type == .tracking && (max(left, f - 10)..<f).contains(where: { Self.penaltyWords.contains(tokens[$0].lower) })) { return false }
        // "under the newly enacted act", "its recently imposed curbs": a participle between a determiner and its
        // noun describes a thing already told, it tells no act.
        if tokens[t].lower.hasSuffix("ed"), t >= 2, tokens[t - 1].lower.hasSuffix("ly"), tokens[t - 1].lower.count > 3,
           ["the", "a", "an", "its", "their", "his", "her", "this", "these", "those"].contains(tokens[t - 2].lower) { return false }
        // "Government employees have for years been barred from…": a state that has lasted, told before its verb, is
        // no act ("sold drivers' data for years" tells how long an act went on, and stays).
        if (max(left, t - 6)..<t).contains(where: { k in
            tokens[k].lower == "for" && k + 1 < t && Self.lastingUnits.contains(tokens[k + 1].lower) }) {
            return false
        }
        // "Dozens of sites have been blocked for years", "Signal has been blocked there since 2019": a perfect passive
        // that has lasted, told after its verb, is a standing state ("has been blocked since Monday" is news).
        if [.ban, .block, .restriction].contains(rule.type), isPerfectPassive(t, tokens),
           (d.end..<min(right0(t, tokens), d.end + 6)).contains(where: { k in
               k + 1 < tokens.count && ((tokens[k].lower == "for" && Self.lastingUnits.contains(tokens[k + 1].lower))
                   || (tokens[k].lower == "since" && tokens[k + 1].kind == .number && tokens[k + 1].lower.count == 4))
           }) {
            return false
        }
        // "the first month of the export controls": a measure the article already told, referred to.
        if t >= 2, tokens[t - 1].lower == "the", tokens[t - 2].lower == "of" { return false }
        // "Thousands of websites are blocked in Turkey", "the app is still banned there": a present passive tells a
        // standing state ("is being blocked" is an act under way; "is blocked by the regulator" names who acts; "Durov
        // is charged with…" tells a step of a case).
        if [.ban, .block, .restriction].contains(rule.type), t >= 1, tokens[t].lower.hasSuffix("ed"), isPresentBe(t - 1, tokens) || (t >= 2 && isPresentBe(t - 2, tokens)
            && ["still", "now", "currently", "already", "largely", "officially", "formally", "effectively", "also"].contains(tokens[t - 1].lower)),
           !(t + 1 < tokens.count && tokens[t + 1].lower == "by"),
           // "Alibaba told its employees that they are banned from using it": the present of what is announced is news.
           !(0..<t).contains(where: { k in Self.tellingVerbs.contains(tokens[k].lower) && (k + 1..<t).contains { tokens[$0].lower == "that" } }) {
            return false
        }
        // "Instagram and X remain blocked", "the app has stayed banned since", "Huawei remains on a US trade
        // blacklist": a standing state, not an act.
        if t >= 1, Self.stateVerbs.contains(tokens[t - 1].lower)
            || (t >= 2 && Self.stateVerbs.contains(tokens[t - 2].lower) && ["largely", "still", "officially", "formally"].contains(tokens[t - 1].lower)) {
            return false
        }
        if let v = (max(left, t - 5)..<t).last(where: { Self.stateVerbs.contains(tokens[$0].lower) }), v + 1 < t,
           ["on", "under", "in"].contains(tokens[v + 1].lower), !isVerbUse(t, in: a) || tokens[t].lower.hasSuffix("list") {
            return false
        }
        // "after a newspaper investigation revealed the practice": what journalists investigate is no authority's probe.
        if rule.type == .investigation, t >= 1, Self.mediaWords.contains(tokens[t - 1].lower)
            || (t >= 2 && Self.mediaWords.contains(tokens[t - 2].lower)) {
            return false
        }
        // "Demand for VPNs spikes when governments restrict access to platforms": a kind of party, unnamed and
        // unplaced, doing the act in the present tense in a clause of its own is a general statement, not an act.
        if t >= 2, Self.genericClauseOpeners.contains(tokens[t - 2].lower), EntityIndex.groupHeads.contains(tokens[t - 1].lower),
           !tokens[t].lower.hasSuffix("ed"), !tokens[t].lower.hasSuffix("s"), tokens[t].kind == .word {
            return false
        }
        // "NetChoice, which has sued several states over similar laws, said…": what a relative clause set off by a
        // comma says a party has done to many others is its record, not an act of the story.
        if t >= 3, ["has", "have"].contains(tokens[t - 1].lower), Self.relativePronouns.contains(tokens[t - 2].lower),
           tokens[t - 3].lower == ",", t + 1 < tokens.count, Self.recordQuantifiers.contains(tokens[t + 1].lower) {
            return false
        }
        // "Anatel was given 24 hours to make sure providers cut off access", "Huawei has three weeks to take the case
        // to the appeals court": a time to act is a deadline ahead.
        if let to = Self.timeGivenToAct(tokens, from: max(left, t - 12), to: t)
            ?? Self.timeGivenToAct(tokens, from: max(left, t - 12), to: t, holders: ["has", "have"], inWords: true), to < t {
            return false
        }
        // "Google removes apps when it receives valid orders": an act in the present, told as what happens whenever
        // something does, is a habit, not an act.
        if tokens[t].lower.hasSuffix("s"), isVerbUse(t, in: a), t >= 1, !["has", "is", "was"].contains(tokens[t - 1].lower),
           (t + 1..<tokens.count).contains(where: { ["when", "whenever"].contains(tokens[$0].lower) && tokens[$0 - 1].lower != "even" }) {
            // ("…logs drivers' location even when it is closed" is what it does against their choice, not a habit.)
            return false
        }
        // "blocking VPNs was not a viable idea": the act as the subject of a judgement, not an act.
        if tokens[t].lower.hasSuffix("ing"), t == left || (t >= 1 && ["that", "said", "says", ","].contains(tokens[t - 1].lower)),
           (t + 1..<min(right0(t, tokens), t + 8)).contains(where: { Self.judgementCopulas.contains(tokens[$0].lower) }) { return false }
        return true
    }
}
