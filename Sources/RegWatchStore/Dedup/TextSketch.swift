// Near-duplicate sketches of article text.
//
// Words are lowercased, stopwords dropped, and the remaining words joined into 2-word shingles.
// The body is summarised by one-permutation MinHash (Li, Owen & Zhang, "One Permutation
// Hashing", NIPS 2012) with rotation densification (Shrivastava & Li, ICML 2014): every shingle
// is hashed once, so a sketch costs O(words), not O(words × permutations) as classic MinHash does.
// The lead (first shingles) is kept exactly, because excerpts and summary-only copies repeat
// the lead of the story, and a Jaccard estimate of an excerpt against its whole story is low
// even when the excerpt is fully contained in it.

/// A compact, comparable summary of one article's text, title and link.
public struct TextSketch: Sendable, Hashable {
    /// Bins of the one-permutation MinHash of the body shingles.
    public static let bins = 64
    /// LSH bands over the first `bands × rows` bins.
    public static let bands = 10
    public static let rows = 3
    /// Number of leading shingles kept exactly.
    public static let leadLength = 24

    public var signature: [UInt32]
    /// Hashes of the first `leadLength` shingles, sorted.
    public var lead: [UInt32]
    /// Distinct body shingles.
    public var shingleCount: Int
    /// Hashes of the title's content words, sorted and distinct.
    public var titleWords: [UInt32]
    /// Keys of the first words in order (words 1–4 and 5–8): an excerpt starts as its story does.
    /// Only computed from text; empty in a sketch read back from the store.
    public var prefixKeys: [UInt64] = []
    /// Named parties, amounts and dates with their contexts: templated stories differ only there. Read on demand
    /// (``withFacts(title:text:)``): they cost more than the sketch, and the store reads them only for the pairs whose
    /// text the judge accepts.
    public var facts: StoryFacts?

    public init(signature: [UInt32], lead: [UInt32], shingleCount: Int, titleWords: [UInt32]) {
        self.signature = signature
        self.lead = lead
        self.shingleCount = shingleCount
        self.titleWords = titleWords
    }

    /// Sketches a title and a plain text.
    public init(title: String, text: String) {
        let words = Self.contentWords(text)
        var shingles: [UInt64] = []
        shingles.reserveCapacity(max(words.count - 1, 1))
        if words.count == 1 {
            shingles.append(mix(words[0]))
        } else if words.count > 1 {
            for i in 0..<(words.count - 1) {
                shingles.append(mix(words[i] &* 0x9E37_79B9_7F4A_7C15 ^ words[i + 1]))
            }
        }
        var bins = [UInt32](repeating: UInt32.max, count: Self.bins)
        var filled = [Bool](repeating: false, count: Self.bins)
        var distinct = Set<UInt64>(minimumCapacity: shingles.count)
        for h in shingles {
            distinct.insert(h)
            let bin = Int(h >> 58)  // top 6 bits pick one of 64 bins
            let value = UInt32(truncatingIfNeeded: h)
            if !filled[bin] || value < bins[bin] {
                bins[bin] = value
                filled[bin] = true
            }
        }
        // Rotation densification: an empty bin borrows the next filled bin's value, offset by
        // the distance so that borrowed values do not collide with real ones.
        if filled.contains(true) {
            for i in 0..<Self.bins where !filled[i] {
                var j = (i + 1) % Self.bins
                var distance: UInt32 = 1
                while !filled[j] { j = (j + 1) % Self.bins; distance += 1 }
                bins[i] = bins[j] &+ distance &* 0x9E37_79B9
            }
        }
        self.signature = bins
        var lead = Set<UInt32>()
        for h in shingles.prefix(Self.leadLength) { lead.insert(UInt32(truncatingIfNeeded: h >> 16)) }
        self.lead = lead.sorted()
        self.shingleCount = distinct.count
        self.titleWords = Array(Set(Self.contentWords(title).map { UInt32(truncatingIfNeeded: $0) })).sorted()
        for start in stride(from: 0, to: 8, by: 4) where words.count >= start + 4 {
            var h: UInt64 = 0x3000 &+ UInt64(start)
            for w in words[start..<start + 4] { h = mix(h ^ w) }
            prefixKeys.append(h)
        }
    }

    /// This sketch with the facts of its title and text, for ``DuplicateJudge`` to check.
    public func withFacts(title: String, text: String) -> TextSketch {
        var copy = self
        copy.facts = StoryFacts(title: title, text: text)
        return copy
    }

    /// `true` when there is too little text to compare.
    public var isEmpty: Bool { shingleCount == 0 && titleWords.isEmpty }

    /// The LSH keys under which this sketch is filed: body bands, lead bands, the opening words and the title.
    public var bandKeys: [Int64] {
        var keys: [Int64] = []
        if shingleCount >= 4 {
            for band in 0..<Self.bands {
                var h: UInt64 = 0xCBF2_9CE4_8422_2325 &+ UInt64(band)
                for r in 0..<Self.rows { h = mix(h ^ UInt64(signature[band * Self.rows + r])) }
                keys.append(Int64(bitPattern: h & ~(0xF << 60)))  // top nibble 0: body
            }
        }
        if lead.count >= 6 {
            // Four lead bands of two min-hashes each over the exact lead set.
            for band in 0..<4 {
                var h: UInt64 = 0x1000 &+ UInt64(band)
                for r in 0..<2 {
                    let seed = UInt64(band * 2 + r + 1) &* 0xD6E8_FEB8_6659_FD93
                    let m = lead.map { mix(UInt64($0) ^ seed) }.min()!
                    h = mix(h ^ m)
                }
                keys.append(Int64(bitPattern: (h & ~(0xF << 60)) | (0x1 << 60)))
            }
        }
        for key in prefixKeys { keys.append(Int64(bitPattern: (key & ~(0xF << 60)) | (0x3 << 60))) }
        if titleWords.count >= 3 {
            var h: UInt64 = 0x2000
            for w in titleWords { h = mix(h ^ UInt64(w)) }
            keys.append(Int64(bitPattern: (h & ~(0xF << 60)) | (0x2 << 60)))
        }
        return keys
    }

    /// The sketch with its min-hash values, lead and title hashes cut to their low 16 bits (b-bit minwise hashing, Li &
    /// König 2010), for indexes that hold millions of sketches in memory. Two values agree by chance with probability
    /// 2^-16, which moves a similarity estimate by less than 0.0001; compare compacted sketches only with each other.
    /// Band keys are taken from the full sketch, before compaction.
    public func compacted() -> TextSketch {
        var copy = self
        copy.signature = signature.map { $0 & 0xFFFF }
        copy.lead = Array(Set(lead.map { $0 & 0xFFFF })).sorted()
        copy.titleWords = Array(Set(titleWords.map { $0 & 0xFFFF })).sorted()
        return copy
    }

    // MARK: Comparison
    // MARK: Comparison

    /// Estimated Jaccard similarity of the two bodies' shingle sets.
    public func bodySimilarity(_ other: TextSketch) -> Double {
        guard shingleCount > 0, other.shingleCount > 0 else { return 0 }
        var same = 0
        for i in 0..<Self.bins where signature[i] == other.signature[i] { same += 1 }
        return Double(same) / Double(Self.bins)
    }

    /// Share of the smaller lead found in the other lead.
    public func leadOverlap(_ other: TextSketch) -> Double {
        let n = min(lead.count, other.lead.count)
        guard n > 0 else { return 0 }
        return Double(sortedIntersectionCount(lead, other.lead)) / Double(n)
    }

    /// Jaccard similarity of the title words.
    public func titleSimilarity(_ other: TextSketch) -> Double {
        guard !titleWords.isEmpty, !other.titleWords.isEmpty else { return 0 }
        let common = sortedIntersectionCount(titleWords, other.titleWords)
        return Double(common) / Double(titleWords.count + other.titleWords.count - common)
    }

    /// Estimated share of the smaller body contained in the larger one, from the Jaccard estimate
    /// and the two set sizes: |A∩B| = J(|A|+|B|)/(1+J).
    public func containment(_ other: TextSketch) -> Double {
        let j = bodySimilarity(other)
        let small = min(shingleCount, other.shingleCount)
        guard small > 0 else { return 0 }
        let common = j * Double(shingleCount + other.shingleCount) / (1 + j)
        return min(1, common / Double(small))
    }

    // MARK: Words

    static func contentWords(_ text: String) -> [UInt64] {
        var words: [UInt64] = []
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var length = 0
        var current: [UInt8] = []
        func flush() {
            if length > 0 {
                if !(length <= 6 && stopwords.contains(current)) { words.append(h) }
                h = 0xCBF2_9CE4_8422_2325
                length = 0
                current.removeAll(keepingCapacity: true)
            }
        }
        // Bytes, not Characters: ASCII letters are lowercased here, and any non-ASCII byte is part
        // of a word (UTF-8 continuation bytes never look like ASCII separators).
        for var unit in text.utf8 {
            if unit >= 0x41 && unit <= 0x5A { unit |= 0x20 }
            if (unit >= 0x61 && unit <= 0x7A) || (unit >= 0x30 && unit <= 0x39) || unit >= 0x80 {
                h = (h ^ UInt64(unit)) &* 0x100_0000_01B3
                if current.count < 8 { current.append(unit) }
                length += 1
            } else if unit == 0x27 {
                continue  // "company's" and "companys" are one word
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    // Short, frequent English function words: they make unrelated texts look alike.
    static let stopwords: Set<[UInt8]> = Set(
        """
        a an the and or but if of in on at to by for from with as is are was were be been has have had \
        it its this that than then so not no do does did will would can could may might shall should \
        he she they we you i his her their our your them him us me my who whom which what when where \
        how all any also into over out up s said says about after before more most some such
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Array($0.utf8) }
    )
}

/// Splitmix64 finaliser: a fast, well-mixed 64-bit hash of a 64-bit value.
@inline(__always)
func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

func sortedIntersectionCount(_ a: [UInt32], _ b: [UInt32]) -> Int {
    var i = 0, j = 0, n = 0
    while i < a.count && j < b.count {
        if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
    }
    return n
}

/// Decides whether two sketches are the same story, and says why.
///
/// The rules combine evidence: near-identical bodies alone; a shared lead (an excerpt, a
/// summary-only copy) backed by a similar title or by containment; a similar title backed by
/// some shared text. A title alone never suffices: "Weekly roundup" is not a story. Whatever the text shares,
/// two articles whose parties, amounts or dates conflict (``StoryFacts``) are two stories from one template.
public enum DuplicateJudge {
    public static func reason(_ a: TextSketch, _ b: TextSketch) -> String? {
        if let fa = a.facts, let fb = b.facts, fa.conflicts(with: fb) { return nil }
        let body = a.bodySimilarity(b)
        if body >= 0.5 && min(a.shingleCount, b.shingleCount) >= 4 { return "near-identical text" }
        let title = a.titleSimilarity(b)
        let lead = a.leadOverlap(b)
        let leadSize = min(a.lead.count, b.lead.count)
        if leadSize >= 6 && lead >= 0.6 && (title >= 0.3 || a.containment(b) >= 0.6) { return "shared lead" }
        if body >= 0.25 && title >= 0.4 { return "reworded text, similar title" }
        if title >= 0.75 && (body >= 0.12 || lead >= 0.4) { return "same title, shared text" }
        return nil
    }
}
