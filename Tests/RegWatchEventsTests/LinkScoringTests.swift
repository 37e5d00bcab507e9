import Foundation
import GRDB
import RegWatchCore
import RegWatchEvents
@testable import RegWatchStore
import Testing

/// Link scoring is defined once (`LinkOwner.weights`); the SQL that ranks candidates and the Swift that re-ranks
/// them must agree on every row.
@Suite("Link scoring, one definition")
struct LinkScoringTests {
    @Test("the SQL score of each eventEntity row equals its Swift points", arguments: [EventKind.workaround, .lift])
    func sqlEqualsSwift(type: EventKind) throws {
        let owner = LinkOwner(id: "ev_owner", type: type, firstSeen: july(3), lastSeen: july(4), rows: [
            ("chinese firms", "actor"), ("anthropic", "target"), ("o'reilly", "target"), ("claude code", "product"),
        ])
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE x (entity TEXT, role TEXT)")
            for entity in ["chinese firms", "anthropic", "o'reilly", "claude code", "openai", ""] {
                for role in ["actor", "target", "product", "party"] {
                    try db.execute(sql: "INSERT INTO x (entity, role) VALUES (?, ?)", arguments: [entity, role])
                }
            }
        }
        let rows = try queue.read { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT entity, role, \(owner.scoreSQL) AS score FROM x"))
        }
        #expect(rows.count == 24)
        for row in rows {
            let entity: String = row["entity"]
            let role: String = row["role"]
            #expect(row["score"] as Int == owner.points(entity: entity, role: role), "\(entity) as \(role)")
        }
        // A shared product earns 1; a name the owner does not carry earns nothing.
        #expect(owner.points(entity: "claude code", role: "product") == 1)
        #expect(owner.points(entity: "openai", role: "target") == 0)
    }
}
