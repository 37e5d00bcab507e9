import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchPipeline
import Synchronization
import Testing

private func storedEvent(_ id: String, _ type: EventKind, actor: String) -> StoredEvent {
    StoredEvent(id: id, type: type, status: .inEffect, actor: actor, targets: ["ChatGPT"], product: nil, countries: ["IT"],
                method: [], evidence: "\(actor) acted on ChatGPT.", confidence: 0.9,
                firstSeen: Date(timeIntervalSince1970: 1_782_864_000), lastSeen: Date(timeIntervalSince1970: 1_782_864_000))
}

/// Lines handed to `emit` or `warn`.
private final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite("Alert delivery: printed lines, commands, failures and timeouts", .serialized)
struct AlertDeliveryTests {
    let events = [storedEvent("ev_a", .ban, actor: "Italy"), storedEvent("ev_b", .lawsuit, actor: "France"),
                  storedEvent("ev_c", .ban, actor: "Spain")]

    func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regwatch-delivery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await body(dir)
    }

    @Test("without a command, prints one line per matching event and returns the ids delivered")
    func prints() async throws {
        let out = Lines(), warnings = Lines()
        let rules = [try AlertRule("type=ban", origin: "--alert")]
        let delivered = await AlertDelivery.deliver(events, rules: rules, exec: nil, timeout: .seconds(5),
                                                    emit: out.append, warn: warnings.append)
        #expect(delivered == ["ev_a", "ev_c"])
        #expect(out.all == ["alert [type=ban]: ev_a ban in_effect by Italy → ChatGPT",
                            "alert [type=ban]: ev_c ban in_effect by Spain → ChatGPT"])
        #expect(warnings.all.isEmpty)
    }

    @Test("a command gets the event's JSON on standard input and its id and rule in the environment")
    func command() async throws {
        try await withTemporaryDirectory { dir in
            let out = Lines(), warnings = Lines()
            let rules = [try AlertRule("company=France", origin: "--alert")]
            let exec = "cat > '\(dir.path)'/\"$REGWATCH_EVENT_ID\".json && printf %s \"$REGWATCH_ALERT_RULE\" > '\(dir.path)'/rule.txt"
            let delivered = await AlertDelivery.deliver(events, rules: rules, exec: exec, timeout: .seconds(10),
                                                        emit: out.append, warn: warnings.append)
            #expect(delivered == ["ev_b"])
            #expect(out.all.isEmpty)
            #expect(warnings.all.isEmpty)
            let data = try Data(contentsOf: dir.appendingPathComponent("ev_b.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["id"] as? String == "ev_b")
            #expect(json["type"] as? String == "lawsuit")
            #expect(json["actor"] as? String == "France")
            #expect(json["first_seen"] as? String == "2026-07-01T00:00:00Z")
            #expect(String(decoding: data, as: UTF8.self).hasSuffix("}\n"))
            #expect(try String(contentsOf: dir.appendingPathComponent("rule.txt"), encoding: .utf8) == "company=France")
        }
    }

    @Test("a command that fails is warned about and counts as delivered (alerts are never retried)")
    func failingCommand() async throws {
        let out = Lines(), warnings = Lines()
        let rules = [try AlertRule("type=lawsuit", origin: "--alert")]
        let delivered = await AlertDelivery.deliver(events, rules: rules, exec: "exit 3", timeout: .seconds(10),
                                                    emit: out.append, warn: warnings.append)
        #expect(delivered == ["ev_b"])
        #expect(warnings.all == ["--alert-exec exited with status 3 for ev_b; it will not be retried"])
    }

    @Test("a command that outlasts the timeout is stopped, warned about and counts as delivered")
    func hangingCommand() async throws {
        let out = Lines(), warnings = Lines()
        let rules = [try AlertRule("type=lawsuit", origin: "--alert")]
        let started = ContinuousClock.now
        let delivered = await AlertDelivery.deliver(events, rules: rules, exec: "exec sleep 60", timeout: .milliseconds(300),
                                                    emit: out.append, warn: warnings.append)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(delivered == ["ev_b"])
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.hasPrefix("--alert-exec 'exec sleep 60' did not finish within") == true)
        #expect(warnings.all.first?.hasSuffix("for ev_b; stopped (--alert-timeout)") == true)
    }
}
