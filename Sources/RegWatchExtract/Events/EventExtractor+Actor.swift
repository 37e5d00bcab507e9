import RegWatchCore

// Anaphora in `buildEvent`: who acts, once pronouns, descriptions and acts told without their actor are resolved:
// first from the clause's own words, then from the sentence around it and the sentences before.
extension EventExtractor {
    /// Where a VPN's traffic comes out: "servers in Finland", "exit nodes in the Netherlands".
    static let exitNouns: Set<String> = Lexicon.bundled.set("exit-nouns")

    /// The actor named in the clause: the maker of a product that acts, the named members of a group, or the actor
    /// mention with its anaphor resolved ("it", "the company", "these firms"). A crowd bans nothing, but a
    /// country's network operators carry out its government's ban.
    func resolveActorMention(_ d: inout EventDraft, in a: Analysed, discourse: Discourse) {
        let rule = d.rule, product = d.product, actorMention = d.actorMention, actorMembers = d.actorMembers
        // The actor, with anaphors resolved.
        var actorName: String?
        var actorKind: EntityKind?
        var actorCountry: String?
        /// The network operators that carry out a government's ban: neither its actor nor its target.
        var carriedOutBy: String?
        // "Flo Health passed users' data to Facebook": a product named as where the data goes is not the one that
        // tracks; the company that is the clause's subject is. "Zoom's iOS app": the app is Zoom's, whatever platform.
        // (A product carried over from the sentences before has no place in this one.)
        let inSentence = rule.actorIsOwner && d.productInSentence ? product.flatMap { p in
            p.start > 0 && p.start < a.tokens.count ? p : nil } : nil
        let recipient = inSentence.map { p in ["to", "with"].contains(a.tokens[p.start - 1].lower) } ?? false
        let possessor = inSentence.flatMap { p in
            a.mentions.first { $0.isNamed && $0.kind == .company && $0.possessive && $0.end == p.start }
        }
        if rule.actorIsOwner, let owner = possessor {
            (actorName, actorKind, actorCountry) = (owner.name, .company, owner.country)
        } else if rule.actorIsOwner, recipient, let m = actorMention, m.isNamed, m.start < d.trigger, m.kind == .company {
            (actorName, actorKind, actorCountry) = (m.name, .company, m.country)
        } else if rule.actorIsOwner, let p = product, let owner = p.parent {
            actorName = owner
            actorKind = .company
            actorCountry = index.countryCode(of: owner)
        } else if rule.actorIsOwner, let p = product {
            // A product whose maker is not known stands for its maker.
            actorName = p.name
            actorKind = .company
            actorCountry = p.country
        } else if rule.actorIsOwner, let m = a.mentions.last(where: { m in
            m.end <= d.trigger && m.start >= d.left && m.isNamed && m.kind == .company && !m.isModifier
                && (!m.possessive || ownsProductNoun(m, before: d.trigger, in: a.tokens))
        }) {
            // "Researchers found that the parking app ParkBG logs…": with no product named, the company nearest before
            // the act, not the researchers who found it. So is the company whose product the act's subject is,
            // though the list does not name it: "found that Baidu's keyboard app was sending keystrokes".
            (actorName, actorKind, actorCountry) = (m.name, .company, m.country)
        } else if !actorMembers.isEmpty {
            actorName = actorMembers.joined(separator: "; ")
            actorKind = a.mentions.first(where: { $0.name == actorMembers[0] && $0.isNamed })?.kind ?? .company
            actorCountry = actorMention?.country ?? index.countryCode(of: actorMembers[0])
        } else if let m = actorMention {
            (actorName, actorKind, actorCountry) = resolve(m, in: a, discourse: discourse, before: m.start, authorityAct: rule.type)
            if m.role == .group, let head = m.head, Self.nonAgentHeads.contains(head) { actorName = nil }
            // Bans, blocks, fines and laws come from organisations and authorities, not from a crowd; a suit may
            // be brought by one ("Three authors sued…", "Shareholders filed a class action…").
            // ("They" that stands for an authority named before it is that authority: "Malaysian authorities said they
            // were investigating".)
            if rule.type != .workaround, rule.type != .lawsuit, m.role == .group || m.role == .plural, actorMembers.isEmpty,
               !EntityIndex.authorityHeads.contains(m.head ?? ""), !(m.role == .plural && (actorKind?.isAuthority ?? false)) {
                actorName = nil
                actorKind = nil
                actorCountry = nil
                // "Telecom operators in Guinea cut off access to TikTok": a country's networks cutting access
                // nationwide carry out its government's ban.
                if [.block, .ban].contains(rule.type), m.role == .group, Self.isNetworkOperators(m),
                   let code = m.country ?? discourse.lastAuthority?.country ?? discourse.lastGovernment?.country ?? discourse.documentCountry, let rec = index.country(code: code) {
                    (actorName, actorKind, actorCountry) = (Self.governmentName(rec), .government, code)
                    carriedOutBy = m.name
                }
            }
        }
        d.actorName = actorName
        d.actorKind = actorKind
        d.actorCountry = actorCountry
        d.carriedOutBy = carriedOutBy
    }

    /// Whether a possessive company names the owner of a product told by its kind, right after it and before the
    /// act: "Baidu's keyboard app", "Avast's browser extension" (not "Baidu's researchers").
    /// The product must be the act's subject: only auxiliaries and adverbs come between it and the act ("Baidu's
    /// keyboard app was quietly sending…"; not "Apple's app store found that dozens of apps were sending…").
    /// (A possessive mention ends past its "'s".)
    func ownsProductNoun(_ m: Mention, before t: Int, in tokens: [Token]) -> Bool {
        guard let p = (m.end..<min(t, m.end + 3)).last(where: { Self.productAnaphors.contains(tokens[$0].lower) }) else { return false }
        return Self.onlyAuxiliaries(p + 1..<t, in: tokens)
    }

    /// The actor from the context, when the clause names none: the court or government the article named before
    /// (for a court's or a law's act), the authority that announces a passive act, the blocker or authority of the
    /// sentences before, the people of the blocking country, the government of the country where a passive act took
    /// place, or the owner of the store an app left. False when the trigger states no act after all (a law's
    /// threatened fine, circumvention by whoever is circumvented, a person kept from travelling, a ban by no one).
    func resolveActorFromContext(_ d: inout EventDraft, in a: Analysed, discourse: Discourse) -> Bool {
        let rule = d.rule, t = d.trigger, left = d.left, right = d.right, passive = d.passive
        let product = d.product, actorMention = d.actorMention, actorMembers = d.actorMembers
        let targetMentions = d.targetMentions, instrumentSubject = d.instrumentSubject, judicialSubject = d.judicialSubject
        var actorName = d.actorName, actorKind = d.actorKind, actorCountry = d.actorCountry
        var actorFromFallback = d.actorFromFallback
        let tokens = a.tokens
        // "Meta ends news in Canada as online news law takes effect": a company makes no law; the law is the
        // authority's, told elsewhere.
        if rule.type == .legislation, actorKind == .company {
            (actorName, actorKind, actorCountry) = (nil, nil, nil)
        }
        if actorName == nil, judicialSubject, let court = discourse.lastCourt {
            (actorName, actorKind, actorCountry) = (court.name, .court, court.country)
            actorFromFallback = true
        }
        // What a law provides ("The law bars RedNote and fines app stores that offer it") is the law, told once as
        // legislation or a ban; the fine it threatens is no penalty imposed.
        if instrumentSubject, rule.type == .penalty { return false }
        // Patterns that state an act without its actor ("a fine levied on X") take no actor from elsewhere.
        if actorName == nil, instrumentSubject, rule.type != .workaround, rule.type != .tracking,
           let auth = discourse.lastGovernment ?? discourse.lastAuthority {
            (actorName, actorKind, actorCountry) = (auth.name, auth.kind ?? .government, auth.country)
            actorFromFallback = true
        }
        // "Qualora was fined, the regulator said": an act told in the passive is the act of the authority that
        // announces it in the sentence's attribution.
        // A described one ("the regulator said") points back to the authority the article named, as below.
        if actorName == nil, passive, rule.type != .workaround, rule.type != .tracking,
           let speaker = a.mentions.first(where: { m in
               m.start >= right && m.isNamed && !m.isModifier && (m.kind?.isAuthority ?? false)
                   && isAttribution(m, in: a)
           }) {
            (actorName, actorKind, actorCountry) = resolve(speaker, in: a, discourse: discourse, before: speaker.start, authorityAct: rule.type)
        }
        // "The Ministry of Commerce said that exporters will need to apply for a licence": a duty told by those who
        // bear it is laid by the authority whose statement tells it.
        // Not when the clause names a country of its own ("warned that the Netherlands' move to take control …").
        if actorName == nil, rule.type == .restriction, left > 0, a.first(CueBit.speech, from: 0, to: left) != nil,
           !a.mentions.contains(where: { $0.start >= left && $0.start < t && ($0.role == .country || ($0.kind?.isAuthority ?? false)) }),
           let speaker = a.mentions.first(where: { m in
               m.end <= left && !m.isModifier && (m.role == .country || (m.isNamed && (m.kind?.isAuthority ?? false) && m.kind != .court))
                   && (m.start == 0 || !Self.prepositions.contains(tokens[m.start - 1].lower))
           }) {
            (actorName, actorKind, actorCountry) = resolve(speaker, in: a, discourse: discourse, before: speaker.start, authorityAct: rule.type)
        }
        // "A bill introduced in Peru's Congress would ban…": the legislature a bill is before acts on it.
        if actorName == nil, rule.type == .legislation,
           let house = a.mentions.first(where: { $0.isNamed && $0.kind == .legislature && $0.start > t && $0.start < right }) {
            (actorName, actorKind, actorCountry) = (house.name, .legislature, house.country)
        }
        if actorName == nil && rule.type != .workaround && rule.type != .tracking && !rule.noFallback {
            // Acts stated without their actor: a block or ban belongs to whoever last blocked or banned, acts of
            // authority to the last authority named, a lift to the last government.
            if [.block, .ban].contains(rule.type), let blocker = discourse.lastBlocker {
                (actorName, actorKind, actorCountry) = (blocker.name, blocker.kind, blocker.country)
            } else if rule.type == .lawsuit {
                if let court = discourse.lastAuthority, court.kind == .court {
                    (actorName, actorKind, actorCountry) = (court.name, .court, court.country)
                }
            } else if [.restriction, .penalty, .investigation, .legislation, .lift].contains(rule.type) || rule.typeIfAuthority != nil,
               let auth = rule.type == .lift || rule.type == .legislation
                   ? (discourse.lastGovernment ?? (discourse.lastAuthority?.kind == .court ? nil : discourse.lastAuthority))
                   : discourse.lastAuthority {
                (actorName, actorKind, actorCountry) = (auth.name, auth.kind ?? .government, auth.country)
            } else if let company = discourse.lastCompany, [.block, .ban, .lift].contains(rule.type) {
                (actorName, actorKind, actorCountry) = (company.name, .company, company.country)
            }
            actorFromFallback = true
        }
        // "China banned exports of gallium, the commerce ministry said": a country acts through the body of its
        // government that announces the act.
        if actorKind == .government, let name = actorName, name.hasPrefix("Government of"), a.first(CueBit.speech) != nil,
           let body = a.mentions.first(where: { m in m.country == actorCountry && isGovernmentBody(m) && isAttribution(m, in: a) }) {
            (actorName, actorKind) = (body.name, body.kind)
        }
        // "Users quickly turned to VPNs": a bare group that gets around a block is the people of the country where
        // it was imposed (the blocker's, else the article's), as "users in Guinea".
        if rule.type == .workaround, let m = actorMention, m.role == .group, m.country == nil, actorMembers.isEmpty,
           let head = m.head, m.name.lowercased() == head, Self.peopleHeads.contains(head),
           let code = discourse.lastBlocker?.country ?? discourse.documentCountry, let rec = index.country(code: code) {
            actorName = "\(head) in \(rec.name)"
            actorCountry = code
        }
        // Whoever is circumvented does not circumvent ("aware of attempts to evade" its own policy).
        // A maker that redesigns its own product to get under a rule does circumvent it ("designed a scaled-down chip").
        if rule.type == .workaround, let actor = actorName,
           actor == discourse.lastBlocker?.name || (actor == product?.parent && !d.methods.contains("downgraded product")) { return false }
        // Someone must ban, block or circumvent; a fine may be reported without who imposed it.
        // "VPN use surged in Kenya": a surge in use, with no one named, is the people of the country named.
        // "Downloads of VPN apps in Nepal jumped": the place may come as part of a group ("apps in Nepal").
        // "a rise in connections to VPN servers in Finland": where the VPN exits is not where its users are; the
        // users are of a country named elsewhere in the sentence ("Russian app-store charts").
        // "servers in Finland, the Netherlands and Kazakhstan": every country of the list is an exit.
        func exitPlace(_ m: Mention) -> Bool {
            var k = m.start - 1
            while k >= 0, [",", "and", "or", "the"].contains(tokens[k].lower)
                    || a.mentions.contains(where: { $0.role == .country && $0.start <= k && k < $0.end }) { k -= 1 }
            guard k >= 1, ["in", "to", "at"].contains(tokens[k].lower) else { return false }
            return (max(0, k - 2)..<k).contains { Self.exitNouns.contains(tokens[$0].lower) }
        }
        // "VPN demand in Florida jumped": a state is a place of its own, its users are "users in Florida".
        if actorName == nil, rule.type == .workaround, Self.usageNouns.contains(tokens[t].lower) || tokens[t].lower.hasPrefix("vpn"),
           let place = a.mentions.first(where: { m in
               m.start > t && (m.role == .country || (m.role == .group && m.country != nil && m.name.contains(" in ")) || isState(m))
                   && !exitPlace(m)
           }) ?? a.mentions.first(where: { m in (m.role == .country || isState(m)) && m.start < t && !exitPlace(m) }),
           let code = place.country, let rec = index.country(code: code) {
            (actorName, actorKind, actorCountry) = ("users in \(place.role == .country || place.role == .group ? rec.name : place.name)", nil, code)
        }
        // "Tor's daily users in Iran doubled": the users whose number the trigger counts circumvent.
        if actorName == nil, rule.type == .workaround,
           let group = a.mentions.first(where: { $0.role == .group && $0.start <= t && t < $0.end && $0.country != nil }) {
            (actorName, actorKind, actorCountry) = (group.name, nil, group.country)
        }
        // "Some shops kept working through satellite links", "others, with satellite links, stay online": a way round
        // a block that people take (rule option `people`), told with no one named, is taken by the people of the
        // country where the block was imposed, once the article has told of one. Not in a purpose ("fined those
        // who used VPNs to keep using the service"), whose doer is the clause's own.
        // (A company's block is of the place the article is about, not of the company's home: "Meta blocked news
        // links in Canada".)
        // ("were still able to get online", "managed to stay connected": the "to" of an ability is no purpose.)
        if actorName == nil, rule.byPeople,
           t == 0 || tokens[t - 1].lower != "to" || (t >= 2 && Self.abilityWords.contains(tokens[t - 2].lower)),
           let blocker = discourse.lastBlocker,
           let code = (blocker.kind?.isAuthority ?? false) ? (blocker.country ?? discourse.documentCountry) : discourse.documentCountry,
           let rec = index.country(code: code) {
            (actorName, actorKind, actorCountry) = ("users in \(rec.name)", nil, code)
            actorFromFallback = true
        }
        // "TikTok was banned in Nepal": a ban or block told in the passive, with no one named, is the act of the
        // government of the country it took place in; so is the lifting of one ("the ban on TikTok in Nepal was
        // lifted in August").
        // A state's: "mobile data was suspended in Manipur" is the act of Manipur's government.
        if actorName == nil, passive, [.ban, .block, .restriction, .lift].contains(rule.type),
           // "Most of Belarus was cut off from the global internet": a place that is the subject of a network cut.
           let place = a.mentions.first(where: { m in
               // (The place's position is read before the entity list is asked whether it is a state.)
               m.start > t && m.start < right && m.start > 0
                   && (["in", "across", "throughout", "nationwide"].contains(tokens[m.start - 1].lower)
                       // "across much of Uganda", "in parts of Punjab".
                       || (m.start >= 3 && tokens[m.start - 1].lower == "of" && ["in", "across", "throughout"].contains(tokens[m.start - 3].lower)))
                   && (m.role == .country || isState(m))
           }) ?? a.mentions.first(where: { m in
               rule.type == .block && !m.isModifier && m.start >= left && m.end <= t
                   && (m.start == left || ["of", "all"].contains(tokens[m.start - 1].lower))
                   && (m.role == .country || isState(m))
           }), let code = place.country {
            if place.role == .country, let rec = index.country(code: code) {
                (actorName, actorKind, actorCountry) = (Self.governmentName(rec), .government, code)
                actorFromFallback = true
            } else if a.mentions.contains(where: { m in
                (m.role == .country || m.role == .group) && m.country == code && m.start > 0
                    && ["in", "across", "throughout"].contains(tokens[m.start - 1].lower) }),
                      let rec = index.country(code: code) {
                // "Mobile internet in Ethiopia was cut off in the Amhara region": with its country named, a region
                // is where the act took place, and the act the country's government's.
                (actorName, actorKind, actorCountry) = (Self.governmentName(rec), .government, code)
                actorFromFallback = true
            } else {
                (actorName, actorKind, actorCountry) = (place.name, .government, code)
                actorFromFallback = true
            }
        }
        // "The app was removed from the App Store": what leaves a store is taken down by the store's owner.
        if actorName == nil, rule.type == .block,
           let store = a.mentions.first(where: { $0.start > t && $0.start < right && $0.isNamed && Self.isStore($0.name) }),
           let owner = index.record(named: store.name)?.parent, let record = index.record(named: owner) {
            (actorName, actorKind, actorCountry) = (record.name, record.kind, record.country)
        }
        // "Civil servants in Togo were told to delete WhatsApp": those placed in a country who are made to stop are
        // under its government (a nationality, as in "Chinese firms were cut off", says nothing of who acts).
        if actorName == nil, passive, rule.type == .ban, let patient = targetMentions.first, patient.role == .group,
           patient.name.contains(" in "), let code = patient.country, let rec = index.country(code: code) {
            (actorName, actorKind, actorCountry) = (Self.governmentName(rec), .government, code)
            actorFromFallback = true
        }
        // "Staff at Goldman Sachs have been forbidden from using WhatsApp", "European Commission staff were told to
        // delete TikTok": staff made to stop are under the organisation they work for, which bans.
        if actorName == nil, passive, rule.type == .ban,
           let k = (left..<t).first(where: { EntityIndex.staffHeads.contains(tokens[$0].lower) }),
           let employer = a.mentions.first(where: { m in
               m.isNamed && !m.isProduct && m.kind != .country
                   && (m.end == k || (m.start == k + 2 && ["at", "of"].contains(tokens[k + 1].lower)))
           }) {
            (actorName, actorKind, actorCountry) = (employer.name, employer.kind, employer.country)
        }
        // "Residents said Facebook and WhatsApp were blocked on Monday": a listed service cut, told in the passive with
        // no one named, no place and no blocker before, in an article about one country, is the act of that
        // country's government.
        // Not when a "by" phrase names who or what did it ("blocked by a software bug", "by mistake"), when a company
        // tells of it ("…, the company said"), or when the service only describes what was cut ("a WhatsApp account",
        // "the candidate's YouTube channel").
        if actorName == nil, passive, [.ban, .block].contains(rule.type), !rule.noFallback,
           targetMentions.contains(where: { m in
               m.isNamed && (m.isProduct || m.kind == .company)
                   && (m.end >= tokens.count || tokens[m.end].kind != .word || Self.passiveAuxiliaries.contains(tokens[m.end].lower)
                       || ["and", "or", "'s"].contains(tokens[m.end].lower))
           }),
           !(t + 1..<right).contains(where: { tokens[$0].lower == "by" }),
           !a.mentions.contains(where: { $0.kind == .company && isAttribution($0, in: a) }),
           !tokens.contains(where: { ["company", "platform"].contains($0.lower) }),
           let code = discourse.documentCountry, let rec = index.country(code: code) {
            (actorName, actorKind, actorCountry) = (Self.governmentName(rec), .government, code)
            actorFromFallback = true
        }
        // "…while being banned from leaving the country": a person kept from travelling, no act on technology.
        if [.ban, .block].contains(rule.type), t + 3 < tokens.count, tokens[t + 1].lower == "from",
           ["leaving", "entering", "travelling", "traveling", "visiting"].contains(tokens[t + 2].lower),
           (tokens[t + 3].lower == "the" && t + 4 < tokens.count && tokens[t + 4].lower == "country")
            || a.mentions.contains(where: { $0.start == t + 3 && $0.role == .country }) {
            return false
        }
        if actorName == nil, [.ban, .block, .workaround, .lift, .tracking].contains(rule.type) { return false }
        // Covert data collection is found in a product; an authority reporting or probing it is not the one tracking.
        if rule.type == .tracking, actorKind?.isAuthority ?? false { return false }
        d.actorName = actorName
        d.actorKind = actorKind
        d.actorCountry = actorCountry
        d.actorFromFallback = actorFromFallback
        return true
    }
}
