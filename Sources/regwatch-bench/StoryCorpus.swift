import Foundation

/// A generated news corpus with known duplicates, for the pull and duplicate-detection benchmarks.
///
/// Originals are stories in one of `feeds` outlets, about one of 400 topics (40% of their words
/// come from the topic's 60 words, so unrelated stories on one topic share vocabulary, as real
/// coverage of one regulation does). `copyShare` of the items are copies of an earlier original
/// in another outlet, of four kinds: syndicated verbatim (with a dateline or a credit line),
/// lightly reworded (8% of words replaced), moderately reworded (22% replaced, a sentence dropped,
/// sometimes the first two swapped, title reworded), and cut down to an excerpt of 1–3 lead
/// sentences. A quarter of verbatim copies link the original URL with tracking parameters.
///
/// Every item is a pure function of the seed and its index, so nothing is kept in memory: the
/// truth is `copyOf`, written by the generator.
struct StoryCorpus: Sendable {
    enum Kind: String, Sendable { case original, verbatim, light, moderate, excerpt }

    struct Item: Sendable {
        var id: Int
        var feed: Int
        var title: String
        var text: String
        var link: String
        var published: Date
        var copyOf: Int?
        var kind: Kind
    }

    let count: Int
    let feeds: Int
    let seed: UInt64
    let originals: Int
    /// Item ids in publication order.
    let order: [Int32]

    static let start = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01
    static let vocabulary: [String] = {
        let onsets = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pr", "r", "s", "st",
                      "t", "tr", "v", "w", "z"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
        let codas = ["", "n", "r", "s", "t", "l", "m", "nd", "st", "ck"]
        var rng = SplitMix64(seed: 0xC0FFEE)
        var words = Set<String>()
        var list: [String] = []
        while list.count < 20_000 {
            let syllables = Int.random(in: 2...3, using: &rng)
            var w = ""
            for _ in 0..<syllables {
                w += onsets.randomElement(using: &rng)! + vowels.randomElement(using: &rng)! + codas.randomElement(using: &rng)!
            }
            if words.insert(w).inserted { list.append(w) }
        }
        return list
    }()
    static let stopwords = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by",
                            "it", "at", "from", "said", "its", "has", "will", "be", "an", "which", "after", "their"]

    /// Share of the originals written from templates (issue 13): families of about eight stories, one sentence
    /// pattern filled with another company, amount and date each. They share most words and are distinct stories, so
    /// any link between two of them is a false duplicate.
    let templateShare: Double

    init(count: Int, feeds: Int, seed: UInt64 = 42, copyShare: Double = 0.15, templateShare: Double = 0) {
        self.count = count
        self.feeds = feeds
        self.seed = seed
        self.templateShare = templateShare
        self.originals = count - Int(Double(count) * copyShare)
        var stamped: [(Double, Int32)] = []
        stamped.reserveCapacity(count)
        for id in 0..<count { stamped.append((Self.stamp(id, originals: originals, count: count, seed: seed), Int32(id))) }
        stamped.sort { $0.0 < $1.0 }
        order = stamped.map(\.1)
    }

    /// Originals spread over 60 days in id order; a copy comes 10 minutes to 2 days after its original.
    static func stamp(_ id: Int, originals: Int, count: Int, seed: UInt64) -> Double {
        if id < originals { return Double(id) / Double(originals) * 60 * 86_400 }
        var rng = SplitMix64(seed: seed &+ UInt64(id) &* 0x9E37_79B9)
        let original = Int.random(in: 0..<originals, using: &rng)
        return stamp(original, originals: originals, count: count, seed: seed) + Double.random(in: 600...172_800, using: &rng)
    }

    func item(_ id: Int) -> Item {
        if id < originals { return original(id) }
        var rng = SplitMix64(seed: seed &+ UInt64(id) &* 0x9E37_79B9)
        let source = original(Int.random(in: 0..<originals, using: &rng))
        let at = Self.start.addingTimeInterval(Self.stamp(id, originals: originals, count: count, seed: seed))
        var feed = Int.random(in: 0..<feeds, using: &rng)
        if feed == source.feed { feed = (feed + 1) % feeds }
        let outlet = "outlet\(feed).example"
        let roll = Double.random(in: 0..<1, using: &rng)
        let kind: Kind = roll < 0.3 ? .verbatim : roll < 0.55 ? .light : roll < 0.8 ? .moderate : .excerpt
        var sentences = Self.sentences(source.text)
        var title = source.title
        var link = "https://\(outlet)/\(id)/\(slug(title))"
        switch kind {
        case .original: break
        case .verbatim:
            if Bool.random(using: &rng) { sentences[0] = "OUTLET\(source.feed) — " + sentences[0] }
            if Double.random(in: 0..<1, using: &rng) < 0.3 { sentences.append("This story first appeared on outlet\(source.feed).") }
            if Double.random(in: 0..<1, using: &rng) < 0.2 { title = "UPDATE: " + title }
            if Double.random(in: 0..<1, using: &rng) < 0.25 { link = source.link + "?utm_source=partner&utm_medium=syndication" }
        case .light:
            sentences = sentences.map { Self.reword($0, share: 0.08, rng: &rng) }
            if Double.random(in: 0..<1, using: &rng) < 0.3 { title = Self.reword(title, share: 0.15, rng: &rng) }
        case .moderate:
            sentences = sentences.map { Self.reword($0, share: 0.22, rng: &rng) }
            if sentences.count > 3 { sentences.remove(at: Int.random(in: 1..<sentences.count, using: &rng)) }
            if sentences.count > 1 && Bool.random(using: &rng) { sentences.swapAt(0, 1) }
            title = Self.reword(title, share: 0.3, rng: &rng)
        case .excerpt:
            sentences = Array(sentences.prefix(Int.random(in: 1...3, using: &rng)))
            sentences.append("Read the full story at outlet\(source.feed).")
            if Double.random(in: 0..<1, using: &rng) < 0.3 { title = Self.reword(title, share: 0.15, rng: &rng) }
        }
        return Item(id: id, feed: feed, title: title, text: sentences.joined(separator: " "), link: link, published: at,
                    copyOf: source.id, kind: kind)
    }

    /// The feed of an item, without generating its text.
    func feedOf(_ id: Int) -> Int {
        if id < originals {
            var rng = SplitMix64(seed: seed ^ (UInt64(id) &* 0xD6E8_FEB8_6659_FD93))
            _ = Int.random(in: 0..<400, using: &rng)
            return Int.random(in: 0..<feeds, using: &rng)
        }
        var rng = SplitMix64(seed: seed &+ UInt64(id) &* 0x9E37_79B9)
        let source = Int.random(in: 0..<originals, using: &rng)
        let feed = Int.random(in: 0..<feeds, using: &rng)
        return feed == feedOf(source) ? (feed + 1) % feeds : feed
    }

    func original(_ id: Int) -> Item {
        var rng = SplitMix64(seed: seed ^ (UInt64(id) &* 0xD6E8_FEB8_6659_FD93))
        let topic = Int.random(in: 0..<400, using: &rng)
        let feed = Int.random(in: 0..<feeds, using: &rng)
        if templateShare > 0 {
            var member = SplitMix64(seed: seed ^ (UInt64(id) &* 0xA24B_AED4_963E_E407))
            if Double.random(in: 0..<1, using: &member) < templateShare {
                let families = max(1, Int(Double(originals) * templateShare / 8))
                return templated(id, family: Int.random(in: 0..<families, using: &member), feed: feed, member: &member)
            }
        }
        func word() -> String {
            if Double.random(in: 0..<1, using: &rng) < 0.4 {
                return Self.vocabulary[(topic * 50 + Int.random(in: 0..<60, using: &rng)) % Self.vocabulary.count]
            }
            // Zipf-like: small indexes far more often.
            let u = Double.random(in: 0..<1, using: &rng)
            return Self.vocabulary[min(Self.vocabulary.count - 1, Int(pow(Double(Self.vocabulary.count), u)) - 1)]
        }
        var titleWords: [String] = []
        for _ in 0..<Int.random(in: 6...10, using: &rng) { titleWords.append(word()) }
        let title = titleWords.joined(separator: " ").capitalizedFirst
        var sentences: [String] = []
        for _ in 0..<Int.random(in: 5...11, using: &rng) {
            var words: [String] = []
            for _ in 0..<Int.random(in: 10...22, using: &rng) {
                words.append(Double.random(in: 0..<1, using: &rng) < 0.38 ? Self.stopwords.randomElement(using: &rng)! : word())
            }
            sentences.append(words.joined(separator: " ").capitalizedFirst + ".")
        }
        let at = Self.start.addingTimeInterval(Self.stamp(id, originals: originals, count: count, seed: seed))
        return Item(id: id, feed: feed, title: title, text: sentences.joined(separator: " "),
                    link: "https://outlet\(feed).example/\(id)/\(slug(title))", published: at, copyOf: nil, kind: .original)
    }

    /// A story of a template family: the family's title and sentences, filled with this story's company, amount and date.
    func templated(_ id: Int, family: Int, feed: Int, member: inout SplitMix64) -> Item {
        var rng = SplitMix64(seed: seed ^ (UInt64(family) &* 0x9FB2_1C65_1E98_DF25) ^ 0x7E4A)
        let topic = Int.random(in: 0..<400, using: &rng)
        func word() -> String {
            Double.random(in: 0..<1, using: &rng) < 0.4
                ? Self.vocabulary[(topic * 50 + Int.random(in: 0..<60, using: &rng)) % Self.vocabulary.count]
                : Self.vocabulary[Int.random(in: 0..<2000, using: &rng)]
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
        let company = Self.vocabulary[Int.random(in: 0..<Self.vocabulary.count, using: &member)].capitalizedFirst
        let amount = Int.random(in: 2...900, using: &member)
        let date = "\(months[Int.random(in: 0..<months.count, using: &member)]) \(Int.random(in: 1...28, using: &member))"
        let title = "Regulator fines \(company) \(amount) million over " + (0..<4).map { _ in word() }.joined(separator: " ")
        var sentences = ["The \(word()) regulator fined \(company) \(amount) million euros on \(date) for " +
                         (0..<Int.random(in: 8...14, using: &rng)).map { _ in word() }.joined(separator: " ") + "."]
        for _ in 0..<Int.random(in: 4...8, using: &rng) {
            var words: [String] = []
            for _ in 0..<Int.random(in: 10...20, using: &rng) {
                words.append(Double.random(in: 0..<1, using: &rng) < 0.38 ? Self.stopwords.randomElement(using: &rng)! : word())
            }
            sentences.append(words.joined(separator: " ").capitalizedFirst + ".")
        }
        sentences.insert("The regulator said \(company) had \(Int.random(in: 2...12, using: &member)) months to comply.", at: 2)
        let at = Self.start.addingTimeInterval(Self.stamp(id, originals: originals, count: count, seed: seed))
        return Item(id: id, feed: feed, title: title, text: sentences.joined(separator: " "),
                    link: "https://outlet\(feed).example/\(id)/\(slug(title))", published: at, copyOf: nil, kind: .original)
    }

    /// Replaces a share of the words by a fixed "synonym" (another word of the vocabulary).
    static func reword(_ sentence: String, share: Double, rng: inout SplitMix64) -> String {
        var words = sentence.split(separator: " ").map(String.init)
        for i in words.indices where Double.random(in: 0..<1, using: &rng) < share {
            let bare = words[i].lowercased().trimmingCharacters(in: .punctuationCharacters)
            var h: UInt64 = 1469598103934665603
            for b in bare.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
            words[i] = vocabulary[Int(h % UInt64(vocabulary.count))] + (words[i].hasSuffix(".") ? "." : "")
        }
        return words.joined(separator: " ").capitalizedFirst
    }

    static func sentences(_ text: String) -> [String] {
        text.split(separator: ". ").enumerated().map { i, s in s.hasSuffix(".") ? String(s) : String(s) + "." }
    }

    func slug(_ title: String) -> String {
        title.lowercased().split(separator: " ").prefix(6).joined(separator: "-")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
