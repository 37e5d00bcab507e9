import Foundation
import RegWatchCore

// The last stages of `buildEvent`: who or what the act is aimed at, then the event's type, countries and confidence.
extension EventExtractor {
    /// Targets: the parties and products the act is aimed at, with anaphors resolved, without the actor, the
    /// store an app left or reached, the court that hears a case or whoever asked for the act; a country a measure is
    /// aimed at; for a workaround, whoever is circumvented. Drops the product when it is only the store where an
    /// authority's ban took place.
    func collectTargets(_ d: inout EventDraft, in a: Analysed, discourse: Discourse) {
        let rule = d.rule, t = d.trigger, left = d.left, right = d.right, passive = d.passive
        let actorName = d.actorName, actorKind = d.actorKind, actorMembers = d.actorMembers
        let targetMentions = d.targetMentions, carriedOutBy = d.carriedOutBy
        let thing = d.thing, objectClassName = d.objectClassName, productInSentence = d.productInSentence
        var product = d.product
        let tokens = a.tokens
        // "Togo blocked 12 apps, and by the evening they were gone from the App Store": an authority bans the apps;
        // the store it names is where they were, not what it banned.
        // "…removed from Apple's App Store": the store's owner is part of the place, not a target.
        var storeOwner: Int?
        if actorKind?.isAuthority ?? false, let p = product, Self.isStore(p.name) {
            let place = ["from", "off", "on", "in"]
            let owner = a.mentions.first { $0.end == p.start && $0.possessive && $0.kind == .company }
            let before = owner?.start ?? p.start
            if (before > 0 && place.contains(tokens[before - 1].lower))
                || (before > 1 && tokens[before - 1].lower == "the" && place.contains(tokens[before - 2].lower)) {
                product = nil
                storeOwner = owner?.start
            }
        }
        var targets: [String] = []
        var countries: [String] = []
        var staffTarget = false
        // "removed from the App Store", "pulled off Google Play", "restored the app to the App Store": the store is
        // where from or where to, not who is affected (it stays the product when nothing else is).
        func isWhereFrom(_ m: Mention) -> Bool {
            guard rule.type == .block || rule.type == .lift, m.isNamed, Self.isStore(m.name) else { return false }
            let places = rule.type == .block ? Self.placesLeft : Self.placesReached
            return (max(0, m.start - 2)..<m.start).contains { places.contains(tokens[$0].lower) }
        }
        for m in targetMentions {
            if let n = actorName, m.name == n { continue }
            if m.start == storeOwner { continue }
            if isWhereFrom(m) { continue }
            // "A federal judge in California dismissed…": where the court sits describes the court.
            if rule.type == .lawsuit, m.start == t + 2, tokens[t + 1].lower == "in", PartyResolver.courtHeads.contains(tokens[t].lower) { continue }
            // "The lawsuit, filed in a state district court", "asking a federal court to stop the law": the court a
            // case is brought to hears it; it is a party only when sued itself ("sued the High Court", "a suit against
            // the court").
            if rule.type == .lawsuit, m.kind == .court,
               !((max(0, m.start - 3)..<m.start).last(where: { !["a", "an", "the", "state", "federal"].contains(tokens[$0].lower) })
                   .map { ["against", "sued", "sues", "sue", "suing"].contains(tokens[$0].lower) } ?? false) { continue }
            // "A lawsuit filed in California accuses…": a place named after "in" is where a case is heard, not a
            // party to it ("sued California", "a suit against Texas" name one).
            if rule.type == .lawsuit, m.start > 0, tokens[m.start - 1].lower == "in",
               m.role == .country || m.kind == .government { continue }
            // "pulled the app at the request of the regulator", "on the orders of the ministry": whoever asked for
            // the act is behind it, not affected by it.
            if Self.isRequester(m, tokens) { continue }
            if m.role == .group, let head = m.head, EntityIndex.staffHeads.contains(head) {
                staffTarget = true
                if let n = actorName { append(&targets, "\(n) employees"); continue }
            }
            // A bare "services", "apps", "users" or "companies" says nothing about who is affected: a target is a
            // named party or a group with something that sets it apart ("Chinese companies", "users in Pakistan").
            if m.role == .group, m.country == nil, let head = m.head, m.name == head { continue }
            // "cooperate with authorities", "their consent": a pronoun target counts only when its antecedent is in
            // the same sentence.
            if m.isAnaphor, !(m.role == .plural && a.mentions.contains { $0.start < m.start && $0.role == .group && $0.country != nil }) {
                // "…a crackdown on Telegram, telling operators to block its services": what is acted upon belongs
                // to the nearest company or product named before "its"; when that is the actor ("Google shut down
                // its service in Kenya") the act names no target.
                if m.name == "its", m.start > t, let owner = possessiveOwner(of: m, in: a, actor: actorName) {
                    append(&targets, owner.name)
                    if let c = owner.country { append(&countries, c) }
                    continue
                }
                if !(m.role == .plural && discourse.lastPlural?.names.isEmpty == false && m.start == targetMentions.first?.start) { continue }
            }
            if m.role == .country {
                append(&targets, m.name)
                if let c = m.country { append(&countries, c) }
                continue
            }
            let resolved = resolve(m, in: a, discourse: discourse, before: m.start)
            guard let name = resolved.0, name != actorName, !actorMembers.contains(name) else { continue }
            if m.role == .plural, let group = discourse.lastPlural, group.name == name, !group.names.isEmpty {
                for n in group.names { append(&targets, n) }
            } else {
                append(&targets, name)
            }
            if let c = resolved.2 { append(&countries, c) }
        }
        if let p = product, targets.contains(p.name), targets.count > 1 { targets.removeAll { $0 == p.name } }
        if let carriedOutBy { targets.removeAll { $0 == carriedOutBy } }
        // "banned exports to the United States", "restrictions against Russia": a country after "to" or "against"
        // is who the measure is aimed at.
        for m in a.mentions where m.role == .country && m.start > t && m.start < right && [.restriction, .ban, .block].contains(rule.type) {
            let before = m.start - (m.start > 1 && tokens[m.start - 1].lower == "the" ? 2 : 1)
            guard before > t, ["to", "against"].contains(tokens[before].lower) else { continue }
            // "apps run by developers with links to China": a tie to a country is no measure aimed at it.
            if before > 0, Self.relationNouns.contains(tokens[before - 1].lower) { continue }
            append(&targets, m.name)
            if let c = m.country { append(&countries, c) }
        }
        // "Nepal banned TikTok", "blocked WhatsApp, Telegram and Skype": the products the act is about, right
        // after the trigger and before any other party, are what it targets.
        if rule.type != .workaround, rule.type != .tracking, productInSentence, let p = product, p.start > t, p.start < right,
           !(a.mentions.contains { $0.start > t && $0.start < p.start && $0.canAct && !$0.isModifier }) {
            for m in coordinatedList(starting: p, before: right, in: a) where m.name != actorName && !isWhereFrom(m) {
                if m.isProduct || targets.isEmpty || targets.contains(m.name) { append(&targets, m.name) }
            }
        }
        // "told operators and resellers to register their servers": who a duty is laid on are those the authority
        // addresses, between its verb and "to", named or not.
        if targets.isEmpty, rule.type == .restriction, Self.directingVerbs.contains(tokens[t].lower) {
            for addressee in addressees(after: t, before: right, in: a) { append(&targets, addressee) }
        }
        if targets.isEmpty, !passive, let object = objectClassName { targets.append(object) }
        // "curbs on exports of gallium and germanium": with nobody named, an export control binds those who export
        // the goods it concerns.
        if targets.isEmpty, [.restriction, .ban].contains(rule.type), let goods = thing,
           a.tokens[left..<right].contains(where: { $0.lower.hasPrefix("export") && !$0.lower.hasPrefix("exporter") }) {
            // "curbs on exports of drone parts": the exporters of the parts, not "of exports of drone parts".
            var named = Substring(goods)
            for trade in ["exports of ", "export of ", "shipments of ", "sales of "] where named.hasPrefix(trade) {
                named = named.dropFirst(trade.count)
            }
            targets.append("exporters of \(named)")
        }
        // "The DPA launched an investigation after drivers complained", "The lawsuit was filed last year by three
        // authors": a probe or a case that names no one it is aimed at, nor a product, is aimed at the company the
        // article is about.
        if targets.isEmpty, product == nil, [.investigation, .lawsuit].contains(rule.type), !passive || rule.type == .lawsuit,
           actorKind?.isAuthority ?? (rule.type == .lawsuit), let company = discourse.lastCompany,
           company.name != actorName, !actorMembers.contains(company.name) {
            targets.append(company.name)
            if let c = company.country { append(&countries, c) }
        }
        if rule.type == .workaround {
            // Who is circumvented: the party that blocked, banned or restricted, as the article told it before (people
            // using X through VPNs get around the government that banned X, not X's maker; firms reaching a model
            // through a cloud get around the provider that cut them off, not the cloud). Without one, the maker of
            // the product, else the company whose rules are named.
            targets = []
            if let blocker = discourse.lastBlocker?.name, blocker != actorName { targets.append(blocker) }
            else if let owner = product?.parent, owner != actorName { targets.append(owner) }
            else if let company = a.mentions.first(where: { $0.kind == .company && $0.possessive && $0.name != actorName }) { targets.append(company.name) }
        }
        d.product = product
        d.targets = targets
        d.countries = countries
        d.staffTarget = staffTarget
    }

    /// The event: its type by who acts (a government's block is a ban, a court's a ruling), its countries and
    /// confidence; and, in the discourse, the actor's kind and the last blocker. Nil for an authority's act by no
    /// authority, or fines in general.
    func finishEvent(_ d: inout EventDraft, in a: Analysed, discourse: inout Discourse) -> ExtractedEvent? {
        let rule = d.rule, t = d.trigger, left = d.left, right = d.right, passive = d.passive
        let subject = d.subject, actorMention = d.actorMention, actorMembers = d.actorMembers
        let actorName = d.actorName, actorKind = d.actorKind, actorCountry = d.actorCountry
        let actorFromFallback = d.actorFromFallback, staffTarget = d.staffTarget, status = d.status
        let product = d.product, thing = d.thing, targets = d.targets, methods = d.methods
        // Moved out, not copied: the country of the actor goes first.
        var countries = d.countries
        d.countries = []
        let tokens = a.tokens
        if Self.trace {
            FileHandle.standardError.write(Data("trace: rules.txt:\(rule.line) t=\(tokens[t].lower) passive=\(passive) left=\(left) right=\(right) subject=\(subject?.name ?? "-") actorMention=\(actorMention?.name ?? "-") members=\(actorMembers) actor=\(actorName ?? "-") mentions=\(a.mentions.map { "\($0.name)@\($0.start)\($0.isModifier ? "m" : "")/\($0.role)" })\n".utf8))
        }
        // The event type can depend on who acts: a government's block is a ban; a provider's ban of outsiders a block.
        var type = rule.type
        let actorIsAuthority = actorKind?.isAuthority ?? false
        // A company's rule for its own people ("employee use", "internal networks") stays a ban.
        let forOwnPeople = staffTarget || a.first(CueBit.staff) != nil
            || tokens.contains { $0.lower == "internal" || $0.lower == "internally" || $0.lower == "workplace" }
        if rule.needsAuthority, !actorIsAuthority { return nil }
        // "The provincial government blocked mobile internet in Karachi": the network itself cut is a block whoever
        // orders it (a shutdown), where an authority's block of a service is a ban.
        // "cut mobile, landline and internet connections": the network may come after a list of its kinds.
        var cutsNetwork = false
        if rule.type == .block {
            var k = t + 1
            while k < min(tokens.count, t + 7), !Self.objectEnds.contains(tokens[k].lower) {
                if cues.networkAccess.match(tokens, at: k) != nil { cutsNetwork = true; break }
                k += 1
            }
        }
        if let alt = rule.typeIfAuthority, actorIsAuthority, !cutsNetwork { type = alt }
        // What a court blocks, bans or restricts, it does by a ruling ("blocked Ohio's ban on TikTok", "upheld the
        // decision to block Wikipedia")...
        if actorKind == .court, [.ban, .block, .restriction].contains(type) { type = .lawsuit }
        // ...but a ruling whose own words cut a named service off is a ban, like any authority's: "A judge ordered the
        // suspension of Telegram across Spain", "the Supreme Court ordered X suspended", "a court in Ankara blocked
        // access to Roblox" (not "ordered Zain to restore access", nor "blocked the state's attempt to cut off WeChat").
        // (Reading every ban or block a court is the actor of as its ban, passives too, lost a true event on our
        // first judge.)
        // (A ban or block rule converted above counts only when its trigger is the court's own verb or the cut it
        // orders: "its ban on TikTok" in a ruling is the state's measure; "ordered the suspension of X" is the court's.)
        if actorKind == .court, type == .lawsuit,
           rule.type == .lawsuit || isVerbUse(t, in: a) || (max(0, t - 3)..<t).contains(where: { Self.directingVerbs.contains(tokens[$0].lower) }),
           // ("blocked Montana from enforcing its ban": what a party is kept from is not the court's cut.)
           !(t > 0 && tokens[t - 1].lower == "from"),
           !actorFromFallback, actorMention != nil,
           let cut = (t..<d.end).last(where: { Self.cuttingWords.contains(tokens[$0].lower) })
               ?? Self.orderedCut(after: t, before: min(right, d.end + 1), in: tokens),
           // What is cut is a company or a product, named or, as "the platform" or "the app", pointed back to.
           product != nil || targets.contains(where: { name in
               guard let kind = index.record(named: name)?.kind else { return false }
               return kind == .company || kind == .product
           }) || (discourse.salientProduct != nil && (t..<cut).contains { k in
               k > 0 && ["the", "its"].contains(tokens[k - 1].lower) && Self.serviceNouns.contains(tokens[k].lower)
           }),
           !Self.measureFollows(cut + 1, before: right, in: tokens),
           // ("refused to suspend Rumble", "ordered Anatel to stop blocking Telegram", "blocked Montana from enforcing
           // its ban": a cut refused, stopped or kept from a party is no cut.)
           a.first(CueBit.negation, from: t, to: cut) == nil, !(cut > 0 && Self.stoppingVerbs.contains(tokens[cut - 1].lower)),
           // (A cut word past the clause's end, after a rule that ends beyond it, is no cut of this clause.)
           cut < right,
           !(cut + 1..<min(right, cut + 7)).contains(where: { k in tokens[k].lower == "from" && k + 1 < tokens.count && tokens[k + 1].lower.hasSuffix("ing") }),
           // ("dismissed a challenge to government orders to block accounts": the orders' block, told in passing.)
           !(cut >= 2 && tokens[cut - 1].lower == "to" && Self.decisionNouns.contains(tokens[cut - 2].lower)) {
            type = .ban
        }
        // "The court ordered the regulator to restore access": the court rules; whoever restores lifts, later.
        if actorKind == .court, type == .lift,
           (max(left, t - 8)..<t).contains(where: { ["ordered", "orders", "order", "directed", "directs", "instructed", "told"].contains(tokens[$0].lower) }) {
            type = .lawsuit
        }
        if let alt = rule.typeIfCompany, !actorIsAuthority, actorName != nil, !(forOwnPeople && rule.type == .ban) { type = alt }
        // "Google shut down its Stadia gaming service in January", "Samsung suspended sales of the phone after battery
        // fires": a company ending what it offers, for no place and no one named, discontinues it; it cuts no one off.
        if type == .block, !actorIsAuthority, !passive, discontinuesOwnOffering(d, in: a) { return nil }

        // "The EU has imposed hefty fines for breaches": fines in the plural on no one named, for no stated sum, tell
        // what an authority does in general, not a penalty imposed.
        // Nor do fines in the plural on a list of three or more parties, for no stated sum: acts named in passing
        // ("The regulator has issued cookie fines to Google, Meta, Microsoft and Amazon over the years").
        if type == .penalty, (targets.isEmpty && product == nil) || targets.count >= 3, thing == nil,
           tokens[t..<right].contains(where: { ["fines", "penalties", "sanctions"].contains($0.lower) }),
           !tokens[left..<right].contains(where: { $0.kind == .number }) {
            return nil
        }
        if let c = actorCountry { countries.insert(c, at: 0) }
        if let p = product, let owner = p.parent, let c = index.countryCode(of: owner) { append(&countries, c) }
        for m in a.mentions {
            if m.role == .country || m.isModifier, let c = m.country { append(&countries, c) }
            if m.isNamed, !m.isProduct, let c = m.country, m.start > t { append(&countries, c) }
        }
        var unique: [String] = []
        for c in countries where !unique.contains(c) { unique.append(c) }

        var confidence = rule.confidence
        if actorFromFallback { confidence -= 0.15 }
        if actorName == nil { confidence -= 0.1 }
        if status != .inEffect { confidence -= 0.05 }
        confidence = (max(0.05, min(0.99, confidence)) * 100).rounded() / 100

        if let name = actorName, let kind = actorKind { discourse.actorKinds[name] = (kind, actorCountry) }
        // A block stated earlier in the same sentence is what a later workaround circumvents.
        if [.block, .ban, .restriction].contains(type), let name = actorName { discourse.lastBlocker = (name, actorKind, actorCountry) }
        return ExtractedEvent(
            type: type, status: status, actor: actorName, targets: targets, product: product?.name ?? thing,
            countries: unique, method: type == .workaround ? methods : [], evidence: a.sentence.text,
            confidence: confidence, evidenceRange: a.sentence.utf16Range)
    }

    /// Whether a provider's act at the trigger ends its own offering for no one in particular: a verb of ending
    /// ("shut down", "suspended", "discontinued") whose object is an offering ("service", "sales", "app"…), bare or
    /// after "its", "their" or "the", in a sentence that names no country, state, group or party it is done to.
    func discontinuesOwnOffering(_ d: EventDraft, in a: Analysed) -> Bool {
        let tokens = a.tokens, t = d.trigger
        guard Self.endingVerbs.contains(tokens[t].lower), d.targets.isEmpty else { return false }
        var k = t + 1
        if k < tokens.count, ["down", "off"].contains(tokens[k].lower) { k += 1 }
        guard k < tokens.count else { return false }
        // "suspended sales of the phone", "shut down its Stadia gaming service".
        if !Self.offeringNouns.contains(tokens[k].lower) {
            guard k + 1 < tokens.count, ["its", "their", "the"].contains(tokens[k].lower),
                  (k + 1..<min(tokens.count, k + 5)).contains(where: { Self.offeringNouns.contains(tokens[$0].lower) }) else { return false }
        }
        return !a.mentions.contains { m in
            m.role == .country || isState(m) || m.role == .group || m.role == .plural || (m.isNamed && !m.isProduct && m.start > t)
        } && !tokens.contains { ["users", "customers", "subscribers", "accounts"].contains($0.lower) }
    }
    /// Verbs of a provider ending what it offers: "shut down", "suspended", "discontinued".
    static let endingVerbs: Set<String> = Lexicon.bundled.set("ending-verbs")
    /// What a provider offers and may end: "its service", "sales of the phone".
    static let offeringNouns: Set<String> = Lexicon.bundled.set("offering-nouns")

    /// Whether what an act is done to, in the words from `from` on, is a measure ("blocked Ohio's ban on TikTok",
    /// "suspended the law"), not a service.
    static func measureFollows(_ from: Int, before right: Int, in tokens: [Token]) -> Bool {
        var k = from
        while k < min(right, tokens.count, from + 6) {
            let w = tokens[k].lower
            if measureNouns.contains(w) { return true }
            if objectEnds.contains(w) && w != "to" { return false }
            k += 1
        }
        return false
    }
    /// Nouns of measures and decisions a court may block, suspend or uphold: a law, a ban, an order, a decision.
    static let measureNouns: Set<String> = instruments.union(decisionNouns).union(lawNouns).union(Lexicon.bundled.set("measure-nouns"))
    /// In a court's ruling, the word of a cut it orders, the order being the ruling's own verb (before `end`): "ordered
    /// the suspension of X", "ordered X blocked". Nil when the order restores or lifts ("ordered Zain to restore access").
    static func orderedCut(after t: Int, before end: Int, in tokens: [Token]) -> Int? {
        let right = min(tokens.count, end + 6)
        guard let o = (t..<min(end, tokens.count)).first(where: { Self.directingVerbs.contains(tokens[$0].lower) }) else {
            return nil
        }
        let window = (o + 1)..<min(right, tokens.count, o + 6)
        if window.contains(where: { Self.restoringWords.contains(tokens[$0].lower) }) { return nil }
        return window.first { Self.cuttingWords.contains(tokens[$0].lower) }
    }
    /// Words of a cut a court orders: "the suspension of", "blocked", "taken offline".
    static let cuttingWords: Set<String> = Lexicon.bundled.set("cutting-words")
    /// Nouns that point back to the service an article is about: "ordered the platform suspended".
    static let serviceNouns: Set<String> = Lexicon.bundled.set("service-nouns")
    /// Words of a restoring a court orders: "to restore access", "unblocked".
    static let restoringWords: Set<String> = Lexicon.bundled.set("restoring-words")

    /// Words that end the object of a block before the network could be named in it: "blocked access to the
    /// internet" names a service reached through it, "blocked by internet providers" the agent.
    static let objectEnds: Set<String> = ["to", "by", "for", "from", "after", "because", "on", "in", "at", "over", ".", ";", ":"]
}
