import RegWatchCore

// Party finding in `buildEvent`: the clause's subject, the mentions that stand for the actor and the targets, and
// the product or thing the act concerns.
extension EventExtractor {
    /// Subject: who the clause is about, with the named parties coordinated with it, and whether that is an
    /// instrument (a law, an order) or a court's instrument, which act for whoever made them.
    func findSubject(_ d: inout EventDraft, in a: Analysed) {
        let rule = d.rule, t = d.trigger, left = d.left, passive = d.passive
        let tokens = a.tokens
        // Subject. In a relative clause ("terms of service, which bar…") it is the antecedent, the nearest party
        // before the relative pronoun; otherwise the first party of the clause outside prepositional phrases and
        // parentheses.
        let parenthesized = Set(a.mentions.indices.filter { i in
            let m = a.mentions[i]
            let opens = tokens[..<m.start].lastIndex { $0.lower == "(" }
            let closes = tokens[..<m.start].lastIndex { $0.lower == ")" }
            return opens != nil && (closes == nil || closes! < opens!)
        }.map { a.mentions[$0].start })
        var b = t - 1
        while b >= left, Self.adverbs.contains(tokens[b].lower) || a.has(CueBit.proposed, at: b)
                || a.has(CueBit.planned, at: b) { b -= 1 }
        var subject: Mention?
        var subjectList: [Mention] = []
        // A circumvention in a non-finite clause ("…campaigns by DeepSeek and MiniMax, using proxies to evade
        // restrictions") is done by the nearest agent before it.
        let nonFinite = t > 0 && (tokens[t - 1].lower == "to" || (tokens[t].lower.hasSuffix("ing") && tokens[t - 1].lower == ","))
        if rule.type == .workaround, nonFinite,
           let nearest = a.mentions.last(where: { m in
               m.end <= t && m.start >= left && m.canAct && !m.isModifier && !m.isProduct
                   && !(m.role == .group && Self.nonAgentHeads.contains(m.head ?? ""))
                   // "Smugglers have been moving Nvidia chips into China to evade…": a maker named before its goods
                   // says whose goods they are, it does not act.
                   && !(m.end < t && Self.goodsNouns.contains(tokens[m.end].lower))
                   // "For Chinese companies, relying on subsidiaries to bypass…" is commentary, not an agent; nor is
                   // "renting GPUs from cloud providers in Malaysia to get around…" (a category word may come between).
                   && !(m.start > 0 && Self.prepositions.contains(tokens[m.start - 1].lower) && tokens[m.start - 1].lower != "by")
                   && !(m.start > 1 && EntityIndex.categoryModifiers.contains(tokens[m.start - 1].lower)
                        && Self.prepositions.contains(tokens[m.start - 2].lower) && tokens[m.start - 2].lower != "by")
                   // "…registered shell companies in Kazakhstan to keep access": the means is no agent.
                   && !rules.namesMethod(tokens, in: max(left, m.start - 1)..<m.end)
           }) {
            subject = nearest
            subjectList = nearest.isNamed ? coordinatedList(ending: nearest, in: a) : [nearest]
        }
        // "a bill that would let the Commerce Department ban…", "forcing Apple to block…": the party after the
        // enabling verb does the act.
        if subject == nil, let enabler = (left..<t).last(where: { Self.enablingVerbs.contains(tokens[$0].lower) }),
           let agent = a.mentions.first(where: { $0.start > enabler && $0.start <= enabler + 2 && $0.canAct && !$0.isModifier }),
           agent.end == t || (agent.end + 1 == t && tokens[agent.end].lower == "to") {
            subject = agent
        }
        if subject != nil {
            // Found above.
        } else if b >= left, Self.relativePronouns.contains(tokens[b].lower),
           let antecedent = a.mentions.last(where: { $0.end <= b && $0.canAct && !$0.isModifier }) {
            subject = antecedent
            subjectList = coordinatedList(ending: antecedent, in: a)
        } else {
            // "Portugal's data regulator CNPD ordered…": a country in the possessive right before the body it owns is
            // not the subject; the body is.
            let bodies = a.mentions.filter { $0.isNamed && ($0.kind?.isAuthority ?? false) && $0.kind != .country }
            func ownsBody(_ m: Mention) -> Bool {
                m.role == .country && m.end < tokens.count && (tokens[m.end].lower == "'s" || m.possessive)
                    && bodies.contains { $0.start > m.start && $0.start <= m.end + 4 && $0.end <= t }
            }
            let inClauseBefore = a.mentions.filter { m in
                m.end <= t && m.start >= left && !m.isModifier && m.canAct && !parenthesized.contains(m.start) && !ownsBody(m)
            }
            subject = inClauseBefore.first { m in
                guard m.start > left else { return true }
                let prev = tokens[m.start - 1].lower
                if prev == "as" { return m.start < 2 || tokens[m.start - 2].lower != "such" }
                // "a large number of Pakistanis", "thousands of users": the quantity's members are the subject.
                if prev == "of", m.start >= 2, Self.quantityNouns.contains(tokens[m.start - 2].lower) { return true }
                return !Self.prepositions.contains(prev)
            } ?? inClauseBefore.first { m in
                // "a Chinese firm like Alibaba might bar…": the example is the subject when nothing else is.
                guard m.start > left, m.isNamed, !m.isProduct else { return false }
                let prev = tokens[m.start - 1].lower
                // "a ban announced by Denmark's agency prohibits…": an authority after "by"; not "backed by Amazon".
                return ["like", "including", "as", "of"].contains(prev) || (prev == "by" && (m.kind?.isAuthority ?? false))
            }
            // "Jane Morrow and Peter Hale, the parents of…, sued": named parties coordinated as the subject act together.
            if let s = subject, s.isNamed, !s.isProduct, s.start >= left {
                let list = coordinatedList(starting: s, before: t, in: a).filter { !$0.isProduct }
                if list.count > 1 { subjectList = list }
            }
        }
        // "Starlink disabled terminals used by scam centres", "ChatGPT blocked the accounts", "TikTok sued the state": a product that opens the
        // clause as the subject of an active act stands for its maker, which acts. A product the list gives no maker
        // ("Discord has stopped serving users in Colorado") stands for the company of its name.
        if subject == nil, !passive, [.ban, .block, .restriction, .lift, .lawsuit].contains(rule.type),
           let m = a.mentions.first(where: { $0.isProduct && !$0.isModifier && $0.start >= left && $0.end <= t }),
           m.start == left || !Self.prepositions.contains(tokens[m.start - 1].lower),
           Self.onlyAuxiliaries(m.end..<t, in: tokens) {
            let maker = m.parent.flatMap { index.record(named: $0) }
            if m.parent == nil || maker?.kind == .company {
                var stand = m
                stand.role = .named(.company)
                stand.name = maker?.name ?? m.name
                stand.country = maker?.country ?? m.country
                subject = stand
                subjectList = [stand]
            }
        }
        // "…while Meta, the parent company of Facebook, was fined": a description set off by commas after a party
        // is that party ("After talks with Google, the company was banned" sets nothing off).
        if let s = subject, s.role == .company, s.start >= 2, tokens[s.start - 1].lower == ",",
           (s.end..<t).contains(where: { tokens[$0].lower == "," }),
           let named = a.mentions.last(where: { $0.end == s.start - 1 && $0.isNamed && $0.canAct && !$0.isModifier }) {
            subject = named
            subjectList = [named]
        }
        // "The law bars RedNote… and fines app stores": an instrument is the subject, and acts for the authority
        // that made it; parties named after it are its objects.
        let instrumentSubject = left + 1 < t && ["the", "this", "that", "its", "their"].contains(tokens[left].lower)
            && Self.instruments.contains(tokens[left + 1].lower)
        if instrumentSubject, let s = subject, s.start > left + 2, !passive { subject = nil }
        // "The preliminary injunction lifts the ban": a court's instrument, which acts for the court that issued it.
        // "The judge found…" after "A federal judge in Missoula granted…": the court named before, when the trigger
        // is the judge or court itself.
        let judicialSubject = (left + 1 < t && ["the", "this", "that", "its", "their", "a"].contains(tokens[left].lower)
            && (left + 1..<min(t, left + 4)).contains { Self.judicialInstruments.contains(tokens[$0].lower) })
            || (t == left + 1 && ["the", "that"].contains(tokens[left].lower) && PartyResolver.courtHeads.contains(tokens[t].lower))
        d.subject = subject
        d.subjectList = subjectList
        d.instrumentSubject = instrumentSubject
        d.judicialSubject = judicialSubject
    }

    /// Actor and target mentions: in the passive, what the act is done to and the agent after "by" or named
    /// elsewhere; in the active, the subject (or the owner of a decision, the authority a penalty is settled with,
    /// who filed a case) and the parties after the trigger. A group that names its members acts through them.
    func findActorAndTargetMentions(_ d: inout EventDraft, in a: Analysed) {
        let rule = d.rule, t = d.trigger, left = d.left, right = d.right, passive = d.passive
        let containing = d.containing, subject = d.subject
        var subjectList = d.subjectList
        let tokens = a.tokens
        let after = a.mentions.filter { $0.start >= t + 1 && $0.start < right && $0.start >= (containing?.end ?? 0) }
        var actorMention: Mention?
        var targetMentions: [Mention] = []
        var actorFromFallback = false

        if passive {
            // "Hikvision and Dahua were banned": every party of the subject is affected; so is a product that is
            // the subject ("WhatsApp was banned by the regulator"), though a product acts on nothing.
            // "…a message that #ICEBlock has been removed": the party right before the passive verb is what it is done
            // to, even when the sentence's subject is someone else.
            var aux = t
            while aux > left, Self.passiveAuxiliaries.contains(tokens[aux - 1].lower) { aux -= 1 }
            let adjacent = aux < t ? a.mentions.first { $0.end == aux && $0.start >= left && $0.isNamed && !$0.isModifier } : nil
            let inSubject = adjacent.map { adj in subject.map { coordinatedList(starting: $0, before: t, in: a).contains { $0.start == adj.start } } ?? false } ?? false
            let patient = (inSubject ? subject : adjacent) ?? subject ?? a.mentions.first { m in
                m.isProduct && m.end <= t && m.start >= left && !m.isModifier
                    && (m.start == left || !Self.prepositions.contains(tokens[m.start - 1].lower)
                        // "Access to WhatsApp was blocked": what access is cut to.
                        || (m.start >= 2 && tokens[m.start - 1].lower == "to" && tokens[m.start - 2].lower == "access"))
            }
            if let s = patient { targetMentions += s.isNamed ? coordinatedList(starting: s, before: t, in: a) : [s] }
            if let byAt = (t..<right).first(where: { tokens[$0].lower == "by" }),
               let agent = after.first(where: { m in
                   m.canAct && (m.start == byAt + 1 || (m.start == byAt + 2 && ["the", "a", "an"].contains(tokens[byAt + 1].lower)))
               }) ?? after.first(where: { $0.start > byAt && $0.canAct && $0.isNamed }) {
                actorMention = agent
                targetMentions += after.filter { $0.start < byAt && $0.canAct && !$0.isModifier }
            } else {
                targetMentions += after.filter { $0.canAct && !$0.isModifier && $0.role != .company && !($0.kind?.isAuthority ?? false) }
                // The agent of a passive without "by" is named elsewhere in the sentence, never in its subject.
                // "Meta was sued in Texas": where a case is heard does not bring it.
                // "Telegram was blocked, according to NetBlocks": a monitor or a rights group that reports the act is
                // its source, not its agent (an authority or a company that tells of its own act may be).
                let others = a.mentions.filter { m in
                    m.isNamed && !m.isProduct && !(m.start >= left && m.start < t) && !targetMentions.contains(where: { $0.start == m.start })
                        && !(rule.type == .lawsuit && m.start > 0 && tokens[m.start - 1].lower == "in")
                        && !(m.kind == .organization && (isAttribution(m, in: a)
                            || (m.start >= 2 && tokens[m.start - 2].lower == "according" && tokens[m.start - 1].lower == "to")))
                }
                // "…when Aumovio said it had received an export exemption" after "China's policy reversal": with no
                // authority named, a country named as the owner of something in the sentence is the one that acts.
                let owningCountry = a.mentions.first { m in
                    m.role == .country && m.possessive && !(m.start >= left && m.start < t)
                }
                // "Nepal's ban on TikTok was lifted": a measure named with its owner first is lifted by that owner, when
                // no one else is said to act.
                let measureOwner = rule.passive && rule.type == .lift ? a.mentions.first { m in
                    m.end <= t && m.end >= t - 2 && m.possessive && m.canAct && (m.role == .country || (m.kind?.isAuthority ?? false))
                        && tokens[m.end..<t].allSatisfy { $0.kind == .word && !$0.isCapitalized }
                } : nil
                actorMention = others.first { $0.kind?.isAuthority ?? false } ?? owningCountry ?? measureOwner ?? others.first
                actorFromFallback = measureOwner == nil || actorMention?.start != measureOwner?.start
            }
        } else {
            actorMention = containing ?? subject
            targetMentions = after.filter { $0.canAct && !$0.isModifier }
            // "It follows Beijing's measures to tighten exports", "India's decision to ban the app": whoever owns the
            // decision does the act it is to.
            if t >= 3, tokens[t - 1].lower == "to", Self.decisionNouns.contains(tokens[t - 2].lower),
               let owner = a.mentions.first(where: { m in
                   (m.role == .country || (m.isNamed && (m.kind?.isAuthority ?? false))) && (m.end == t - 2 || m.end == t - 3)
                       && (m.possessive || (m.end > 0 && ["'s", "'"].contains(tokens[m.end - 1].lower)) || m.isModifier)
               }) {
                actorMention = owner
            }
            // "…a nationwide internet shutdown that the government imposed", "the blackout ordered by the regulator":
            // a measure named as a noun is the act of whoever the clause right after it says imposed it.
            if let imposer = imposerAfterMeasure(d, in: a) { actorMention = imposer }
            // "Amazon agreed to pay $30 million to settle the FTC's charges": a company paying a penalty is its target;
            // the authority it settles with imposes it.
            if rule.type == .penalty, let payer = actorMention, payer.kind == .company,
               let authority = a.mentions.first(where: { m in
                   m.start > t && m.start < right && m.isNamed && m.kind != .court && (m.kind?.isAuthority ?? false) && !m.isModifier
               }) {
                actorMention = authority
                targetMentions = [payer] + targetMentions.filter { $0.start != authority.start && $0.name != payer.name }
            }
            // "The lawsuit was filed last year by novelist Jane Morrow, along with the author Peter Hale": who filed
            // the case named as a noun brings it; those named with them bring it too.
            if rule.type == .lawsuit, !isVerbUse(t, in: a) || Self.lawsuitNouns.contains(tokens[t].lower),
               let byAt = (t + 1..<min(right, t + 10)).first(where: { tokens[$0].lower == "by" }),
               (t + 1..<byAt).contains(where: { Self.filingParticiples.contains(tokens[$0].lower) }),
               let agent = after.first(where: { $0.start > byAt && $0.canAct && $0.isNamed && $0.kind != .court }) {
                var members = [agent]
                var current = agent
                while let next = after.first(where: { $0.start >= current.end }), next.isNamed, !next.isProduct, next.kind != .court {
                    // "…, along with The Good Nurse author Charles Graeber and …": the list runs until the case goes on
                    // ("against Meta", "in a federal court", "accusing…").
                    guard next.start - current.end <= 8,
                          !tokens[current.end..<next.start].contains(where: { Self.filingListEnds.contains($0.lower) }) else { break }
                    members.append(next)
                    current = next
                }
                actorMention = agent
                subjectList = members.count > 1 ? members : []
                targetMentions.removeAll { m in members.contains { $0.start == m.start } }
            }
        }
        if rule.passive {
            // "a fine levied on X": the parties after the trigger are the targets, if there are any.
            // The agent after "by" is not one ("X is under investigation by the watchdog").
            let later = after.filter { $0.canAct && !$0.isModifier && !$0.isAnaphor && $0.start != actorMention?.start }
            if !later.isEmpty { targetMentions = later }
        }
        // "Lawmakers in the European Parliament": the body acts.
        if let m = actorMention, m.role == .group, EntityIndex.authorityHeads.contains(m.head ?? ""),
           let body = a.mentions.first(where: { $0.start > m.start && $0.start <= m.end + 2 && ($0.kind?.isAuthority ?? false) && $0.isNamed }),
           tokens[m.end..<body.start].allSatisfy({ ["in", "of", "at", "the", "from"].contains($0.lower) }) {
            actorMention = body
        }
        // "Firms including Ant Financial and ByteDance": the named members act, not the group.
        var actorMembers: [String] = []
        if !passive, subjectList.count > 1 {
            actorMembers = subjectList.map(\.name)
        } else if !passive, let m = actorMention, m.role == .group || m.role == .plural, m.end + 1 < tokens.count,
           ["including", "such", "like"].contains(tokens[m.end].lower)
            || (tokens[m.end].lower == "," && ["including", "such", "like"].contains(tokens[m.end + 1].lower)) {
            actorMembers = a.mentions.filter { $0.start > m.end && $0.start < t && $0.isNamed && !$0.isProduct }.map(\.name)
        }
        // "The Commission Nationale…, France's privacy regulator, fined…": a name and its apposition are one party.
        var distinctMembers: [String] = []
        for name in actorMembers where !distinctMembers.contains(name) { distinctMembers.append(name) }
        actorMembers = distinctMembers.count > 1 || subjectList.count <= 1 ? distinctMembers : []
        d.subjectList = subjectList
        d.after = after
        d.actorMention = actorMention
        d.targetMentions = targetMentions
        d.actorFromFallback = actorFromFallback
        d.actorMembers = actorMembers
    }

    /// The party that a clause right after a measure named as a noun says imposed it: "the shutdown that the
    /// government imposed", "a ban which Beijing had ordered", "the blackout ordered by the regulator"; or the agent
    /// right after the noun: "the investigation by the regulator".
    func imposerAfterMeasure(_ d: EventDraft, in a: Analysed) -> Mention? {
        let tokens = a.tokens, e = d.end
        guard e + 2 < tokens.count, !isVerbUse(d.trigger, in: a) else { return nil }
        func imposing(_ i: Int) -> Bool { i < tokens.count && Self.imposingVerbs.contains(tokens[i].lower) }
        /// A party that can act, starting at `i`.
        func party(at i: Int) -> Mention? { a.mentions.first { $0.start == i && $0.canAct && !$0.isProduct } }
        if Self.relativePronouns.contains(tokens[e].lower), let m = party(at: e + 1) {
            return imposing(Self.verbAfter(m, tokens)) ? m : nil
        }
        if imposing(e), tokens[e + 1].lower == "by", let m = party(at: e + 2) { return m }
        // "The investigation by China's market regulator into…", "a ban by the ministry on…": the agent right after
        // the act's noun.
        if tokens[e].lower == "by", let m = party(at: e + 1), !m.isModifier { return m }
        return nil
    }

    /// Product: the listed product    /// Product: the listed product the act concerns, else the thing a measure names or a class of things right
    /// after the verb, else the product the article has been about in the sentences just before.
    func findProduct(_ d: inout EventDraft, in a: Analysed, discourse: Discourse) {
        let rule = d.rule, t = d.trigger, end = d.end, left = d.left, right = d.right
        // Products: for a product's own behaviour (tracking) the nearest one before the trigger; otherwise the
        // first after it, then any in the sentence, then the last one mentioned.
        // A store is the product only when nothing else is named (and, below, never the product of an authority's
        // act that it is only the place of).
        let named = a.mentions.filter(\.isProduct)
        let products = named.contains(where: { !Self.isStore($0.name) }) ? named.filter { !Self.isStore($0.name) } : named
        var product: Mention?
        if rule.actorIsOwner {
            product = products.last(where: { $0.start < t }) ?? products.first
        } else {
            product = products.first(where: { $0.start > t && $0.start < right }) ?? products.first
        }
        // "banned exports of gallium and germanium", "a ban on facial recognition cameras": with no listed product,
        // the thing the measure is about, named in the sentence, is what it concerns.
        // "export controls on crucial elements needed to make chips, namely gallium and germanium": the materials a
        // trade measure names are what it concerns, named alike in every report, rather than the words around them.
        let materials = product == nil && [.ban, .restriction, .lift].contains(rule.type) ? goodsNamed(from: left, to: right, in: a) : nil
        let thing = product == nil && rule.type != .workaround && rule.type != .tracking
            ? materials ?? objectPhrase(after: end, before: right, in: a) : nil
        // "blocked unregistered VPNs", "banned foreign messaging apps": with no party or product named, a class of
        // things right after the verb is what the act is aimed at, and no product named before is.
        let objectClassName = product == nil && thing == nil && [.ban, .block, .restriction].contains(rule.type)
            && isVerbUse(t, in: a) ? objectClass(at: end, before: right, in: a) : nil
        let productInSentence = product != nil
        if product == nil, thing == nil, let last = discourse.lastProduct, discourse.sentenceIndex - discourse.lastProductSentence <= 2 {
            let salient = discourse.productCounts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
            if let salient, salient.value > (discourse.productCounts[last.name] ?? 0), let m = discourse.productByName[salient.key] {
                product = m
            } else {
                product = last
            }
        }
        d.product = product
        d.thing = thing
        d.objectClassName = objectClassName
        d.productInSentence = productInSentence
    }
}
