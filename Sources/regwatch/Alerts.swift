import ArgumentParser
import Foundation
import RegWatchCore
import RegWatchPipeline
import RegWatchStore

/// One `--alert` rule: space-separated `key=value[,value…]` conditions, all of which must hold.
///
/// Keys: `type`, `company` (actor or target, through aliases), `country`, `product`, `status`.
/// Example: `type=ban,block company=ByteDance`.
struct AlertRule: Sendable, Hashable {
    var text: String
    var types: Set<EventKind> = []
    var companies: Set<String> = []
    var countries: Set<String> = []
    var products: Set<String> = []
    var statuses: Set<EventStatus> = []

    /// - Parameter origin: where the rule came from, for messages (`--alert`, or `file:line`).
    init(_ text: String, origin: String, resolver: EntityResolver) throws {
        self.text = text
        for part in text.split(separator: " ") where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[1].isEmpty else {
                throw ValidationError("\(origin): '\(part)' is not key=value; write e.g. 'type=ban,block company=ByteDance'")
            }
            let values = pieces[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            switch pieces[0].lowercased() {
            case "type":
                for v in values {
                    guard let kind = EventKind(rawValue: v.lowercased()) else {
                        throw ValidationError("\(origin): type '\(v)' is not an event type; use \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    types.insert(kind)
                }
            // Company names may contain spaces: write them with underscores ("company=Ant_Group").
            case "company": companies.formUnion(values.map { resolver.key($0.replacingOccurrences(of: "_", with: " ")) })
            case "product": products.formUnion(values.map { resolver.key($0.replacingOccurrences(of: "_", with: " ")) })
            case "country": countries.formUnion(values.map { $0.uppercased() })
            case "status":
                for v in values {
                    guard let status = EventStatus(rawValue: v.lowercased()) else {
                        throw ValidationError("\(origin): status '\(v)' is not a status; use \(EventStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    statuses.insert(status)
                }
            default:
                throw ValidationError("\(origin): unknown key '\(pieces[0])'; use type, company, country, product or status")
            }
        }
    }

    func matches(_ e: StoredEvent) -> Bool {
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

    /// Rules from a file: one per line; blank lines and `#` comments are skipped.
    static func load(path: String, resolver: EntityResolver) throws -> [AlertRule] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read the alerts file; check the path (--alerts-file)")
        }
        var rules: [AlertRule] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            rules.append(try AlertRule(trimmed, origin: "\(path):\(i + 1)", resolver: resolver))
        }
        return rules
    }
}

/// Announces new events that match the alert rules: prints them, or hands each one to a command.
enum AlertDelivery {
    /// Delivers each matching event once; returns the ids delivered.
    static func deliver(_ events: [StoredEvent], rules: [AlertRule], exec: String?) -> [String] {
        var delivered: [String] = []
        for event in events {
            guard let rule = rules.first(where: { $0.matches(event) }) else { continue }
            if let exec {
                // The command gets the event's JSON on standard input and its id and rule in the environment.
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", exec]
                var environment = ProcessInfo.processInfo.environment
                environment["REGWATCH_EVENT_ID"] = event.id
                environment["REGWATCH_ALERT_RULE"] = rule.text
                process.environment = environment
                let input = Pipe()
                process.standardInput = input
                do {
                    try process.run()
                    let json = (try? jsonEncoder(pretty: false).encode(EventJSON(event))) ?? Data()
                    input.fileHandleForWriting.write(json + Data("\n".utf8))
                    try? input.fileHandleForWriting.close()
                    process.waitUntilExit()
                    if process.terminationStatus != 0 {
                        printWarning("--alert-exec exited with status \(process.terminationStatus) for \(event.id); it will not be retried")
                    }
                } catch {
                    printWarning("--alert-exec '\(exec)' could not start: \(error)")
                    continue
                }
            } else {
                var line = "alert [\(rule.text)]: \(event.id) \(event.type.rawValue) \(event.status.rawValue) by \(event.actor ?? "-")"
                if !event.targets.isEmpty { line += " → \(event.targets.joined(separator: ", "))" }
                if let p = event.product { line += " (\(p))" }
                if let url = event.sources.first?.url { line += " \(url)" }
                print(line)
            }
            delivered.append(event.id)
        }
        return delivered
    }
}
