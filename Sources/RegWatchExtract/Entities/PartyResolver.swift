import Foundation
import RegWatchCore
import Synchronization

/// Resolves the parties the extractor names to the keys merging compares (issue 12), from the entity list.
///
/// An actor resolves to the institution it acts for, following the list's hierarchy:
/// - a country, its capital or seat ("Beijing", "the Kremlin", "Brussels") and "Government of X": `gov:xx`;
/// - a national government body or regulator ("Ministry of Commerce of China", "Roskomnadzor"): its country's
///   government, `gov:xx`, unless the list gives it a parent (the California Attorney General acts for California);
/// - a state (`state` in the list): itself, `gov:us:montana`, as a state law is not a federal one;
/// - a legislature: its country's government too, `gov:xx` (a ban "Taiwan passed" and one "Taiwan's legislature
///   passed" are one act), unless the list gives it a parent (a state's legislature acts for the state);
/// - a company, product or organisation: its top parent ("TikTok" → `org:bytedance`);
/// - a court or a judge, named or not ("a federal judge", "the US District Court for …"): `court`, the judiciary,
///   so that a ruling reported with the court's name and with "a judge" is one ruling (the parties of the case,
///   its targets, still have to agree).
/// A name the list does not know resolves by shape: a country word and the head of an authority ("the Danish
/// regulator", "Vietnam's information ministry") is that country's government; anything else is its normalised
/// name, so the same unknown party named the same way in two outlets is one party.
///
/// A target that describes a group by country ("Chinese-owned companies", "users in China") resolves to a group
/// key (`group:cn:organisations`), so that outlets that describe the same group in other words agree.
public struct PartyResolver: PartyResolving {
    private let byName: [String: Int]
    private let records: [EntityRecord]
    private let keyOfRecord: [String]
    /// Country names, aliases and demonyms, lowercased, to ISO codes; phrases of up to four words.
    private let countryWords: [String: String]
    /// Keys already resolved: articles name the same parties again and again, and resolving one normalises its
    /// name word by word. Shared by the copies of the resolver (a class), safe across threads (a mutex).
    private let memo = KeyMemo()

    public init(_ list: EntityList) {
        records = list.records
        var byName: [String: Int] = [:]
        for (i, r) in records.enumerated() { byName[Self.normalised(r.name)] = i }
        for (i, r) in records.enumerated() {
            for alias in r.aliases where byName[Self.normalised(alias)] == nil { byName[Self.normalised(alias)] = i }
        }
        self.byName = byName
        var countryWords: [String: String] = [:]
        for r in records where r.kind == .country {
            guard let code = r.country else { continue }
            for word in [r.name] + r.aliases + r.demonyms {
                let key = Self.normalised(word)
                if countryWords[key] == nil { countryWords[key] = code }
            }
        }
        self.countryWords = countryWords
        let records = self.records
        func key(_ i: Int, depth: Int) -> String {
            let r = records[i]
            if r.kind == .country, let code = r.country { return "gov:" + code.lowercased() }
            if let parent = r.parent, let p = byName[Self.normalised(parent)], depth < 8 { return key(p, depth: depth + 1) }
            let own = "org:" + r.name.lowercased()
            switch r.kind {
            case .government, .regulator:
                guard let code = r.country?.lowercased() else { return own }
                return r.subnational ? "gov:\(code):" + r.name.lowercased() : "gov:" + code
            case .legislature:
                return r.country.map { "gov:" + $0.lowercased() } ?? own
            case .court:
                return "court"
            default:
                return own
            }
        }
        keyOfRecord = records.indices.map { key($0, depth: 0) }
    }

    public func actorKey(_ actor: String?) -> String {
        guard let actor else { return "" }
        return memo.value("k\u{1}\(actor)") { resolvedKey(actor) } ?? ""
    }

    private func resolvedKey(_ actor: String) -> String {
        guard !actor.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) else { return "" }
        // "ByteDance; Ant Financial": each party, in a stable order.
        let parts = actor.split(separator: ";").map { key(ofActor: String($0)) }.filter { !$0.isEmpty }
        return Array(Set(parts)).sorted().joined(separator: "; ")
    }

    public func actorKey(_ actor: String?, country: String?) -> String {
        guard let actor else { return "" }
        return memo.value("a\u{1}\(country ?? "")\u{1}\(actor)") { resolvedKey(actor, country: country) } ?? ""
    }

    private func resolvedKey(_ actor: String?, country: String?) -> String {
        let key = actorKey(actor)
        // An authority named without its country ("Ministry of Interior", "the telecom authority") acts for the
        // government of the country its event is placed in.
        guard let country, country.count == 2, !key.isEmpty, !key.contains(":"), !key.contains(";"), key != "court",
              let actor, byName[Self.normalised(actor)] == nil,
              Self.words(Self.normalised(actor)).contains(where: { Self.authorityHeads.contains($0) }) else { return key }
        return "gov:" + country.lowercased()
    }

    public func groupKey(_ target: String) -> String? {
        memo.value("g\u{1}\(target)") { resolvedGroupKey(target) }
    }

    private func resolvedGroupKey(_ target: String) -> String? {
        let name = Self.normalised(target)
        guard byName[name] == nil else { return nil }
        let words = Self.words(name)
        guard let noun = words.last(where: { Self.groupClass[$0] != nil }), let group = Self.groupClass[noun],
              let code = countryCode(in: words) else { return nil }
        return "group:\(code.lowercased()):\(group)"
    }

    func key(ofActor raw: String) -> String {
        let name = Self.normalised(raw)
        if name.isEmpty { return "" }
        if let i = byName[name] { return keyOfRecord[i] }
        for prefix in ["government of ", "govt of "] where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if let i = byName[Self.normalised(rest)], records[i].kind == .country { return keyOfRecord[i] }
            if let code = countryWords[Self.normalised(rest)] { return "gov:" + code.lowercased() }
        }
        let words = Self.words(name)
        if let last = words.last, Self.courtHeads.contains(last) { return "court" }
        if let code = countryCode(in: words) {
            if words.contains(where: { Self.authorityHeads.contains($0) || Self.legislatureHeads.contains($0) }) {
                return "gov:" + code.lowercased()
            }
        }
        return name
    }

    /// The country a phrase names with a word, a phrase of up to four words, or a hyphenated prefix
    /// ("Chinese-owned", "China-based"); the first one found.
    func countryCode(in words: [String]) -> String? {
        for start in words.indices {
            for length in stride(from: min(4, words.count - start), through: 1, by: -1) {
                let phrase = words[start..<start + length].joined(separator: " ")
                if let code = countryWords[phrase] { return code }
            }
            let word = words[start]
            if let dash = word.firstIndex(of: "-"), let code = countryWords[String(word[..<dash])] { return code }
        }
        return nil
    }

    /// Lowercased, curly quotes straightened, a leading "the" and a trailing possessive dropped, spaces collapsed.
    static func normalised(_ name: String) -> String {
        // Without Foundation's string search: this runs for every party of every event.
        var s = name.lowercased()
        if s.unicodeScalars.contains("\u{2019}") {
            s = String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
        }
        if s.first == " " || s.last == " " || s.contains(where: { $0 == "\t" || $0 == "\n" })
            || zip(s.utf8, s.utf8.dropFirst()).contains(where: { $0 == 32 && $1 == 32 }) {
            s = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        }
        if s.hasPrefix("the ") { s.removeFirst(4) }
        if s.hasSuffix("'s") { s.removeLast(2) } else if s.hasSuffix("'") { s.removeLast() }
        return s
    }

    /// Words of a normalised name: letters, digits and inner hyphens; a possessive "'s" is dropped ("china's").
    static func words(_ name: String) -> [String] {
        name.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == ".") })
            .map { word -> String in
                var w = String(word)
                if w.hasSuffix("'s") { w.removeLast(2) }
                while w.hasSuffix(".") && w.filter({ $0 == "." }).count == 1 { w.removeLast() }
                while let c = w.first, c == "'" || c == "-" { w.removeFirst() }
                while let c = w.last, c == "'" || c == "-" { w.removeLast() }
                return w
            }
            .filter { !$0.isEmpty }
    }

    /// Heads of a phrase that names a public authority by what it is.
    static let authorityHeads: Set<String> = Lexicon.bundled.set("authority-heads")
    /// Heads of a phrase that names a court or a judge.
    static let courtHeads: Set<String> = Lexicon.bundled.set("court-heads")
    /// Heads of a phrase that names a legislature.
    static let legislatureHeads: Set<String> = Lexicon.bundled.set("legislature-heads")
    /// Plural nouns that describe a group, by what the group is.
    static let groupClass: [String: String] = {
        var map: [String: String] = [:]
        for w in ["companies", "firms", "entities", "businesses", "organisations", "organizations", "startups",
                  "start-ups", "subsidiaries", "groups", "players", "giants", "heavyweights", "labs", "vendors",
                  "operators", "enterprises", "corporations", "conglomerates", "manufacturers", "makers", "suppliers",
                  "providers", "brands"] {
            map[w] = "organisations"
        }
        for w in ["users", "people", "citizens", "residents", "customers", "individuals", "consumers", "subscribers",
                  "nationals", "netizens", "accounts", "developers"] {
            map[w] = "people"
        }
        for w in ["apps", "applications", "platforms", "services", "websites", "sites", "products", "models", "tools"] {
            map[w] = "services"
        }
        return map
    }()
}

/// A bounded table of resolved keys, shared by copies of a resolver and safe across threads.
final class KeyMemo: Sendable {
    private let table = Mutex<[String: String?]>([:])
    /// More distinct names than any feed list names: past it, the table starts over.
    private static let capacity = 20_000

    func value(_ name: String, _ make: () -> String?) -> String? {
        if let known = table.withLock({ $0[name] }) { return known }
        let made = make()
        table.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[name] = .some(made)
        }
        return made
    }
}
