import Foundation
import Synchronization

/// How the parties an extractor names are resolved to the keys that merging compares (issue 12).
///
/// The extractor writes names as the text gives them ("Ministry of Commerce of China", "Government of China",
/// "Chinese-owned companies"); merging asks whether two mentions are about the same parties. A resolver answers
/// with keys: one key for an actor and everything it acts for (a ministry and its government), and a key for
/// a described group of targets ("Chinese-run companies" and "Chinese entities" are one group).
public protocol PartyResolving: Sendable {
    /// The key of an actor's top institution or owner; the empty string when there is no actor.
    func actorKey(_ actor: String?) -> String
    /// The key of an actor named in an event placed in `country` (ISO code): a body that names no country ("the
    /// Ministry of Interior" in a story about Pakistan) belongs to that country's government.
    func actorKey(_ actor: String?, country: String?) -> String
    /// The key of a described group ("group:cn:organisations"), or nil when the name is not a group description.
    func groupKey(_ target: String) -> String?
}

extension PartyResolving {
    public func actorKey(_ actor: String?, country: String?) -> String { actorKey(actor) }
}

/// Names compared as written (case-insensitively), no groups: merging as it was before entity resolution,
/// and what a store uses when it is given no resolver.
public struct LiteralParties: PartyResolving {
    public init() {}
    public func actorKey(_ actor: String?) -> String { actor?.lowercased() ?? "" }
    public func groupKey(_ target: String) -> String? { nil }
}

/// A resolver that remembers its answers: merging asks for the group of the same few target names again and again
/// (once per mention compared), and resolving one normalises and looks up every word of it.
public final class MemoizedParties: PartyResolving {
    private let base: any PartyResolving
    private let groups = Mutex<[String: String?]>([:])

    public init(_ base: any PartyResolving) { self.base = base }

    public func actorKey(_ actor: String?) -> String { base.actorKey(actor) }
    public func actorKey(_ actor: String?, country: String?) -> String { base.actorKey(actor, country: country) }

    public func groupKey(_ target: String) -> String? {
        if let known = groups.withLock({ $0[target] }) { return known }
        let key = base.groupKey(target)
        groups.withLock { $0[target] = key }
        return key
    }
}
