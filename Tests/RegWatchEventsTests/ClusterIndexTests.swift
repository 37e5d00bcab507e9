import Foundation
import RegWatchCore
@testable import RegWatchEvents
import RegWatchTestSupport
import Testing

/// `EventMerger.cluster` finds linked mentions through an index of the names they share; these tests hold it to
/// the relation it stands for: every pair in the window compared with `Signature.links`.
@Suite("Clustering through shared names")
struct ClusterIndexTests {
    static let actors = ["anthropic", "gov:dk", "gov:cn", "", "chinese firms", "bytedance"]
    static let targets = ["ByteDance", "bytedance", "Ant Group", "TikTok", "Chinese-owned companies", "Temu"]
    static let products = ["Claude Code", "claude code", "WeChat"]

    /// Random mentions over a few weeks, drawn from a small vocabulary so that many of them share names.
    static func mentions(seed: UInt64, count: Int) -> [MentionValue] {
        var random = SeededGenerator(seed: seed)
        let types: [EventKind] = [.ban, .block, .workaround]
        return (0..<count).map { i in
            let targets = (0..<Int.random(in: 0...2, using: &random)).map { _ in Self.targets.randomElement(using: &random)! }
            let product = Bool.random(using: &random) ? Self.products.randomElement(using: &random) : nil
            let actor = Self.actors.randomElement(using: &random)!
            return MentionValue(id: Int64(i), articleId: Int64(i), type: types.randomElement(using: &random)!, status: .inEffect,
                                actor: actor.isEmpty ? nil : actor, actorKey: actor, targets: targets, product: product,
                                countries: [], method: Bool.random(using: &random) ? ["VPN"] : ["proxy"], evidence: "e\(i)",
                                confidence: 0.8, at: Date(timeIntervalSince1970: 1_780_000_000 + Double.random(in: 0...(40 * 86_400), using: &random)),
                                stableKey: String(format: "k%04d", i))
        }
    }

    /// The components of comparing every pair in the window, mentions naming nothing left out of the attachment
    /// rule (the tested mentions are built so that none attaches, or compared only where the rule does not apply).
    static func pairwise(_ mentions: [MentionValue], options: MergeOptions) -> Set<Set<Int64>> {
        var parent = Array(mentions.indices)
        func find(_ i: Int) -> Int { parent[i] == i ? i : find(parent[i]) }
        let keys = mentions.map { EventMerger.Signature($0) }
        for i in mentions.indices {
            for j in mentions.indices where j > i && abs(mentions[i].at.timeIntervalSince(mentions[j].at)) <= options.window {
                if keys[i].links(keys[j]) { parent[find(j)] = find(i) }
            }
        }
        var groups: [Int: Set<Int64>] = [:]
        for i in mentions.indices { groups[find(i), default: []].insert(mentions[i].id) }
        return Set(groups.values)
    }

    @Test("the indexed clusters are the components of the pairwise relation", arguments: 0..<20)
    func sameAsPairwise(seed: Int) {
        // Every mention names a target or the product, so the attachment rule (tested elsewhere) does not apply.
        let mentions = Self.mentions(seed: UInt64(seed), count: 150).filter { !$0.targets.isEmpty || $0.product != nil }
        for window in [3.0, 14.0] {
            let options = MergeOptions(window: window * 86_400)
            let indexed = Set(EventMerger.cluster(mentions, options: options).map { Set($0.map(\.id)) })
            #expect(indexed == Self.pairwise(mentions, options: options), "seed \(seed), window \(window) days")
        }
    }

    @Test("mentions of one actor naming nothing chain through the window, and a gap wider than it separates them")
    func namingNothingChains() {
        let days = [1.0, 10, 19, 40]
        let mentions = days.enumerated().map { i, day in
            MentionValue(id: Int64(i), articleId: Int64(i), type: .legislation, status: .inEffect, actor: "Parliament of Freedonia",
                         actorKey: "gov:fd", targets: [], product: nil, countries: [], method: [], evidence: "e\(i)",
                         confidence: 0.8, at: Date(timeIntervalSince1970: 1_780_000_000 + day * 86_400), stableKey: "k\(i)")
        }
        // 1 and 10 and 19 link pairwise in turn (9 days apart) though 1 and 19 are 18 days apart; 40 is alone.
        let clusters = EventMerger.cluster(mentions).map { $0.map(\.id) }
        #expect(clusters == [[0, 1, 2], [3]])
    }
}
