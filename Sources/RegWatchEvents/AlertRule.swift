import Foundation
import RegWatchCore

/// An alert rule that does not parse, or an alerts file that cannot be read, with its place: `--alert '…'`, the
/// file, or `file:line`. Reads like a compiler diagnostic: `alerts.txt:3: unknown key 'kind'; use type, …`.
public struct AlertRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the rule came from: `--alert 'type=ban'`, `alerts.txt:3`, or the file itself.
    public var origin: String
    public var message: String

    public init(origin: String, message: String) {
        self.origin = origin
        self.message = message
    }

    public var description: String { "\(origin): \(message)" }
}

/// One alert rule: space-separated `key=value[,value…]` conditions, all of which must hold.
///
/// Keys: `type`, `company` (actor or target, through aliases), `country`, `product`, `status`.
/// Example: `type=ban,block company=ByteDance`.
public struct AlertRule: Sendable, Hashable {
    public var text: String
    public var types: Set<EventKind> = []
    /// Keys of companies (as `key` made them): the event's actor or one of its targets must be one.
    public var companies: Set<String> = []
    /// ISO 3166-1 alpha-2, uppercased.
    public var countries: Set<String> = []
    public var products: Set<String> = []
    public var statuses: Set<EventStatus> = []

    /// Parses one rule.
    /// - Parameters:
    ///   - origin: where the rule came from, for messages (`--alert '…'`, or `file:line`).
    ///   - key: the key of a company or product name (the CLI resolves aliases: "Ant Group" → "ant financial").
    /// - Throws: `AlertRuleError` naming `origin` and the part that does not parse.
    public init(_ text: String, origin: String, key: (String) -> String = { $0.lowercased() }) throws {
        self.text = text
        for part in text.split(separator: " ") where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].isEmpty else {
                throw AlertRuleError(origin: origin, message: "'\(part)' is not key=value; write e.g. 'type=ban,block company=ByteDance'")
            }
            let values = pieces[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            switch pieces[0].lowercased() {
            case "type":
                for v in values {
                    guard let kind = EventKind(rawValue: v.lowercased()) else {
                        throw AlertRuleError(origin: origin, message: "type '\(v)' is not an event type; use \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    types.insert(kind)
                }
            // Company names may contain spaces: write them with underscores ("company=Ant_Group").
            case "company": companies.formUnion(values.map { key($0.replacingOccurrences(of: "_", with: " ")) })
            case "product": products.formUnion(values.map { key($0.replacingOccurrences(of: "_", with: " ")) })
            case "country": countries.formUnion(values.map { $0.uppercased() })
            case "status":
                for v in values {
                    guard let status = EventStatus(rawValue: v.lowercased()) else {
                        throw AlertRuleError(origin: origin, message: "status '\(v)' is not a status; use \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    statuses.insert(status)
                }
            default:
                throw AlertRuleError(origin: origin, message: "unknown key '\(pieces[0])'; use type, company, country, product or status")
            }
        }
    }

    /// Whether the event meets every condition of the rule.
    public func matches(_ e: StoredEvent) -> Bool {
        if !types.isEmpty && !types.contains(e.type) { return false }
        if !statuses.isEmpty && !statuses.contains(e.status) { return false }
        if !countries.isEmpty && countries.isDisjoint(with: e.countries) { return false }
        if !products.isEmpty && !products.contains(e.product?.lowercased() ?? "") { return false }
        if !companies.isEmpty {
            let parties = Set(([e.actor].compactMap { $0 } + e.targets).map { $0.lowercased() })
            if companies.isDisjoint(with: parties) { return false }
        }
        return true
    }

    /// Rules from the text of an alerts file: one per line; blank lines and `#` comments are skipped.
    /// - Parameter file: the file's path, for messages (`file:line`).
    /// - Throws: `AlertRuleError` naming the file and line of the first rule that does not parse.
    public static func rules(in text: String, file: String, key: (String) -> String = { $0.lowercased() }) throws -> [AlertRule] {
        var rules: [AlertRule] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rules.append(try AlertRule(trimmed, origin: "\(file):\(i + 1)", key: key))
        }
        return rules
    }

    /// Rules from an alerts file (`rules(in:file:key:)`).
    /// - Throws: `AlertRuleError` when the file cannot be read, or a rule does not parse.
    public static func load(path: String, key: (String) -> String = { $0.lowercased() }) throws -> [AlertRule] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw AlertRuleError(origin: path, message: "cannot read the alerts file; check the path (--alerts-file)")
        }
        return try rules(in: text, file: path, key: key)
    }

    /// The first of `rules` the event matches: the one it is announced under.
    public static func firstMatch(_ rules: [AlertRule], for event: StoredEvent) -> AlertRule? {
        rules.first { $0.matches(event) }
    }

    /// The line that announces an event when no command takes alerts:
    /// `alert [type=ban]: ev_… ban in_effect by Italy → ChatGPT (GPT-4) https://…`.
    public func announcement(of event: StoredEvent) -> String {
        var line = "alert [\(text)]: \(event.id) \(event.type.rawValue) \(event.status.rawValue) by \(event.actor ?? "-")"
        if !event.targets.isEmpty { line += " → \(event.targets.joined(separator: ", "))" }
        if let p = event.product { line += " (\(p))" }
        if let url = event.sources.first?.url { line += " \(url)" }
        return line
    }
}
