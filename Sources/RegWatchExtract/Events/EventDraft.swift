import RegWatchCore

/// What `EventExtractor.buildEvent` has settled so far about one trigger, handed from stage to stage.
///
/// Each stage reads what the stages before it decided and fills in its own part, in this order: cues (does the rule
/// apply here at all), clause bounds, status and voice, whether the words state an act, party finding (subject, the
/// mentions of actor and targets, products), the actor with anaphors and fallbacks resolved, the targets, and last
/// the event's type, countries and confidence. A stage that finds the trigger states no act ends the draft.
struct EventDraft {
    let rule: Rule
    /// The trigger's first token, and the token after the rule's match.
    let trigger: Int
    let end: Int

    // Cues.
    /// A party named by the act's own words: "the Supreme Court ruled", "lawmakers in Brazil approved".
    var containing: Mention?
    /// The workaround methods the sentence names (looked up only for workarounds).
    var methods: [String] = []
    /// The article has told of a ban, block or restriction before, or the sentence names a measure: a way round told
    /// as a practice is round that measure.
    var inMeasureStory = false

    // Clause bounds: the act's clause is `left..<right`.
    var left = 0
    var right = 0

    // Status and voice.
    var status: EventStatus = .inEffect
    var passive = false

    // Party finding.
    var subject: Mention?
    /// Named parties coordinated as the subject, who act together.
    var subjectList: [Mention] = []
    /// The subject is an instrument ("The law bars…"), acting for the authority that made it.
    var instrumentSubject = false
    /// The subject is a court's instrument or the court itself ("The injunction lifts…", "The judge found…").
    var judicialSubject = false
    /// The mentions after the trigger, inside the clause.
    var after: [Mention] = []
    var actorMention: Mention?
    var targetMentions: [Mention] = []
    /// The actor was not named in the act's clause but taken from elsewhere, which lowers the confidence.
    var actorFromFallback = false
    /// The named members of a group that acts ("Firms including Ant Financial and ByteDance").
    var actorMembers: [String] = []
    var product: Mention?
    /// What the measure concerns when no listed product names it ("exports of gallium").
    var thing: String?
    /// A class of things right after the verb ("blocked unregistered VPNs").
    var objectClassName: String?
    /// The product was named in the sentence (not carried over from the sentences before).
    var productInSentence = false

    // The actor, with anaphors resolved.
    var actorName: String?
    var actorKind: EntityKind?
    var actorCountry: String?
    /// The network operators that carry out a government's ban: neither its actor nor its target.
    var carriedOutBy: String?

    // Targets.
    var targets: [String] = []
    var countries: [String] = []
    /// A target is the actor's own staff.
    var staffTarget = false

    init(rule: Rule, trigger: Int, end: Int) {
        self.rule = rule
        self.trigger = trigger
        self.end = end
    }
}
