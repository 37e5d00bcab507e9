import GRDB

// The event tables (issue 6). Registered by `StoreMigrations` as "v3-events-mentions"; like every
// migration, this never changes once shipped: a later change is a new migration.
enum EventMigrations {
    static func v3(_ db: Database) throws {
        // One row per event stated in one article: the extractor's output, plus where it was said.
        try db.create(table: "mention") { t in
            t.autoIncrementedPrimaryKey("id")
            // The article shown as the source (cascade: a removed feed takes its mentions along).
            t.column("articleId", .integer).notNull().references("article", onDelete: .cascade)
            // The article whose text was extracted: itself, or the first-seen article it duplicates.
            t.column("extractedFromId", .integer).notNull()
            t.column("ordinal", .integer).notNull()
            t.column("type", .text).notNull()
            t.column("status", .text).notNull()
            t.column("actor", .text)
            // Lowercased canonical actor ("" when none): with `type`, the merge key.
            t.column("actorKey", .text).notNull()
            t.column("targets", .text).notNull()       // JSON array of canonical names
            t.column("product", .text)
            t.column("countries", .text).notNull()     // JSON array of ISO codes
            t.column("method", .text).notNull()        // JSON array
            t.column("evidence", .text).notNull()
            t.column("evidenceStart", .integer)        // UTF-16 offsets in the article's plain text
            t.column("evidenceEnd", .integer)
            t.column("confidence", .double).notNull()
            // When it was reported: the article's publication date, else when it was first seen.
            t.column("at", .datetime).notNull()
            // A key that orders mentions the same way in every store: feed URL, article identity, ordinal.
            t.column("stableKey", .text).notNull()
            t.column("eventId", .text)
        }
        try db.create(index: "mention_on_articleId", on: "mention", columns: ["articleId"])
        try db.create(index: "mention_on_extractedFromId", on: "mention", columns: ["extractedFromId"])
        try db.create(index: "mention_on_key_at", on: "mention", columns: ["type", "actorKey", "at"])
        try db.create(index: "mention_on_eventId", on: "mention", columns: ["eventId"])

        // One row per real-world event: its mentions merged.
        try db.create(table: "event") { t in
            t.primaryKey("id", .text)
            t.column("type", .text).notNull()
            t.column("actorKey", .text).notNull()
            t.column("status", .text).notNull()
            t.column("actor", .text)
            t.column("targets", .text).notNull()
            t.column("product", .text)
            t.column("countries", .text).notNull()
            t.column("method", .text).notNull()
            t.column("evidence", .text).notNull()
            t.column("confidence", .double).notNull()
            t.column("firstSeen", .datetime).notNull()
            t.column("lastSeen", .datetime).notNull()
            t.column("sourceCount", .integer).notNull()
            t.column("statusHistory", .text).notNull()  // JSON [{status, at}]
        }
        try db.create(index: "event_on_lastSeen", on: "event", columns: ["lastSeen"])
        try db.create(index: "event_on_key_lastSeen", on: "event", columns: ["type", "actorKey", "lastSeen"])

        // Who an event is about, for `events --company` and `companies`: the actor and every target.
        try db.create(table: "eventEntity", options: [.withoutRowID]) { t in
            t.column("entity", .text).notNull()   // lowercased canonical name
            t.column("lastSeen", .datetime).notNull()
            t.column("eventId", .text).notNull().references("event", onDelete: .cascade)
            t.column("role", .text).notNull()     // "actor" or "target"
            t.column("name", .text).notNull()     // canonical name as shown
            t.column("type", .text).notNull()
            t.primaryKey(["entity", "lastSeen", "eventId", "role"])
        }
        try db.create(index: "eventEntity_on_eventId", on: "eventEntity", columns: ["eventId"])

        // Counts per entity, type and role, kept up to date by every merge: `companies` reads this.
        try db.create(table: "entityStat", options: [.withoutRowID]) { t in
            t.column("entity", .text).notNull()
            t.column("type", .text).notNull()
            t.column("role", .text).notNull()
            t.column("name", .text).notNull()
            t.column("count", .integer).notNull()
            t.primaryKey(["entity", "type", "role"])
        }

        try db.create(table: "eventRelation", options: [.withoutRowID]) { t in
            t.column("eventId", .text).notNull().references("event", onDelete: .cascade)
            t.column("relatedId", .text).notNull().references("event", onDelete: .cascade)
            t.column("relation", .text).notNull()
            t.primaryKey(["eventId", "relatedId", "relation"])
        }
        try db.create(index: "eventRelation_on_relatedId", on: "eventRelation", columns: ["relatedId"])

        // Which version of each article was extracted (its content hash).
        try db.create(table: "articleExtraction") { t in
            t.primaryKey("articleId", .integer).references("article", onDelete: .cascade)
            t.column("contentHash", .text).notNull()
        }
        // Edited articles are found by their update date.
        try db.create(index: "article_on_updatedAt", on: "article", columns: ["updatedAt"])

        // Forward-looking sentences; merged on read by their normalised text.
        try db.create(table: "watchMention") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("articleId", .integer).notNull().references("article", onDelete: .cascade)
            t.column("extractedFromId", .integer).notNull()
            t.column("text", .text).notNull()
            t.column("textKey", .text).notNull()
            t.column("entities", .text).notNull()
            t.column("date", .text)
            t.column("at", .datetime).notNull()
        }
        try db.create(index: "watchMention_on_at", on: "watchMention", columns: ["at"])
        try db.create(index: "watchMention_on_articleId", on: "watchMention", columns: ["articleId"])
        try db.create(index: "watchMention_on_extractedFromId", on: "watchMention", columns: ["extractedFromId"])

        // Events already announced by `pull --alert`: each is announced once.
        try db.create(table: "eventAlert") { t in
            t.primaryKey("eventId", .text)
            t.column("alertedAt", .datetime).notNull()
        }
    }
}

extension EventMigrations {
    // Registered as "v4-mention-product-key". A new workaround finds the workarounds it may merge with through
    // what they circumvent: targets through `eventEntity`, the product through this key (an event keeps only
    // its most common product, so `eventEntity` cannot answer for the others).
    static func v4(_ db: Database) throws {
        try db.alter(table: "mention") { t in t.add(column: "productKey", .text) }
        try db.execute(sql: "UPDATE mention SET productKey = lower(product) WHERE product IS NOT NULL")
        // SQLite's lower() folds ASCII letters only; names with other characters are lowercased as the merger does.
        for row in try Row.fetchAll(db, sql: "SELECT id, product FROM mention WHERE product GLOB '*[^ -~]*'") {
            let product: String = row["product"]
            try db.execute(sql: "UPDATE mention SET productKey = ? WHERE id = ?", arguments: [product.lowercased(), row["id"]])
        }
        try db.execute(sql: """
            CREATE INDEX "mention_on_workaround_productKey" ON "mention"("productKey", "at")
            WHERE "type" = 'workaround' AND "productKey" IS NOT NULL
            """)
    }
}

extension EventMigrations {
    // Registered as "v6-event-first-seen-counted". `trends` and the counts of a digest read every event first seen
    // in a window of weeks. Without this index SQLite found them through `event_on_lastSeen` and then looked each
    // row up in the table: on a million-event store, 1.6 s for a year's 660,000 rows before any counting. The index
    // covers the columns they read (`RegWatchStore.countedColumns`), so the table is not read at all, and `id`
    // follows `firstSeen` so that the rows come out in report order (first seen, then id) without a sort.
    static func v6(_ db: Database) throws {
        try db.create(index: "event_on_firstSeen_counted", on: "event",
                      columns: ["firstSeen", "id", "type", "actor", "targets", "product", "countries", "status", "lastSeen"])
    }
}

extension EventMigrations {
    // Registered as "v9-event-group". A target that describes a group ("Chinese-owned companies") is compared by
    // its group key (`PartyResolving.groupKey`); merging finds an actor's events that name the same group here,
    // as it finds those that name the same target through `eventEntity`.
    static func v9(_ db: Database) throws {
        try db.create(table: "eventGroup", options: [.withoutRowID]) { t in
            t.column("groupKey", .text).notNull()
            t.column("lastSeen", .datetime).notNull()
            t.column("eventId", .text).notNull().references("event", onDelete: .cascade)
            t.column("type", .text).notNull()
            t.primaryKey(["groupKey", "lastSeen", "eventId"])
        }
        try db.create(index: "eventGroup_on_eventId", on: "eventGroup", columns: ["eventId"])
    }
}
