/// An in-memory LSH index of sketches: the same band keys and the same judge as the store's
/// `articleBand` table, for batch runs (the duplicate-quality benchmark) where a round trip to
/// SQLite per key would dominate.
///
/// Entries live in flat arrays (a chained hash table over band keys), so millions of keys cost
/// 12 bytes each instead of one heap-allocated array per bucket: a key is kept as a 32-bit
/// fingerprint (half of its mixed hash, which also picks the slot), and the rare
/// fingerprint collision only adds a candidate that the judge then turns down.
public struct NearDuplicateIndex: Sendable {
    /// How many entries of one bucket are examined: a bucket shared by hundreds of articles is
    /// boilerplate, not a story, and walking it would make the cost quadratic.
    public static let bucketLimit = 24

    private var keys: [UInt32] = []
    private var owners: [Int32] = []
    private var next: [Int32] = []
    private var heads: [Int32]
    private var mask: Int

    public init(expectedKeys: Int = 1 << 16) {
        var size = 1
        while size * 3 < expectedKeys * 4 { size <<= 1 }  // load at most 3/4
        heads = [Int32](repeating: -1, count: size)
        mask = size - 1
        keys.reserveCapacity(expectedKeys)
        owners.reserveCapacity(expectedKeys)
        next.reserveCapacity(expectedKeys)
    }

    /// The slot of a fingerprint: its bits are already mixed, so its low bits serve (the table never outgrows 2^32).
    @inline(__always) private func slot(_ print: UInt32) -> Int { Int(print) & mask }

    @inline(__always) private static func fingerprint(_ key: Int64) -> UInt32 {
        UInt32(truncatingIfNeeded: mix(UInt64(bitPattern: key)) >> 32)
    }

    /// Owners filed under any of `bandKeys`, most recent first, at most `bucketLimit` per key.
    public func candidates(_ bandKeys: [Int64]) -> [Int32] {
        var found: [Int32] = []
        for key in bandKeys {
            let print = Self.fingerprint(key)
            var s = slot(print)
            // Linear probing over heads; each head starts a chain of entries with that key.
            while heads[s] >= 0 {
                let e = Int(heads[s])
                if keys[e] == print {
                    var entry = e
                    var seen = 0
                    while entry >= 0 && seen < Self.bucketLimit {
                        found.append(owners[entry])
                        entry = Int(next[entry])
                        seen += 1
                    }
                    break
                }
                s = (s + 1) & mask
            }
        }
        return found
    }

    public mutating func insert(_ bandKeys: [Int64], owner: Int32) {
        if (keys.count + bandKeys.count) * 4 > heads.count * 3 { grow() }
        for key in bandKeys {
            let print = Self.fingerprint(key)
            var s = slot(print)
            while heads[s] >= 0 && keys[Int(heads[s])] != print { s = (s + 1) & mask }
            keys.append(print)
            owners.append(owner)
            next.append(heads[s])
            heads[s] = Int32(keys.count - 1)
        }
    }

    private mutating func grow() {
        let size = heads.count * 2
        heads = [Int32](repeating: -1, count: size)
        mask = size - 1
        // Rebuild heads from entries in insertion order so chains stay most-recent-first.
        next = [Int32](repeating: -1, count: keys.count)
        for e in 0..<keys.count {
            var s = slot(keys[e])
            while heads[s] >= 0 && keys[Int(heads[s])] != keys[e] { s = (s + 1) & mask }
            next[e] = heads[s]
            heads[s] = Int32(e)
        }
    }
}
