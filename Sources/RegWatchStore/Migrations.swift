import GRDB

// Versioned migrations. A migration never changes once it has shipped: add a new one instead,
// and add its line to Storage/README.md. Table names are string literals on purpose (GRDB
// Migrations.md: records change, migrations must not).
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-feeds-articles-runs") { db in
            try db.create(table: "feed") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("url", .text).notNull().unique()
                t.column("title", .text)
                // Space-separated tags, as in Feeds/feeds.txt.
                t.column("tags", .text).notNull().defaults(to: "")
                // key=value options of Feeds/feeds.txt, as a JSON object.
                t.column("options", .text).notNull().defaults(to: "{}")
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("bodyChecksum", .text)
                t.column("lastStatus", .integer)
                t.column("lastError", .text)
                t.column("errorCount", .integer).notNull().defaults(to: 0)
                t.column("nextDueAt", .datetime)
                t.column("lastAttemptAt", .datetime)
                t.column("lastSuccessAt", .datetime)
                // A permanent redirect (301/308) seen on consecutive pulls: the target and how many
                // pulls in a row it was seen. The URL is replaced at 3.
                t.column("redirectTarget", .text)
                t.column("redirectCount", .integer).notNull().defaults(to: 0)
                t.column("redirectNote", .text)
                t.column("active", .boolean).notNull().defaults(to: true)
                t.column("inactiveReason", .text)
                // "guid" (default) or "link" once the feed was seen reusing or rotating GUIDs.
                t.column("identityMode", .text).notNull().defaults(to: "guid")
                t.column("createdAt", .datetime).notNull()
            }

            try db.create(table: "article") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("feed", onDelete: .cascade).notNull()
                // The identity within the feed: "guid:…", "link:…" or "hash:…".
                t.column("identity", .text).notNull()
                t.column("guid", .text)
                t.column("canonicalURL", .text)
                t.column("title", .text)
                t.column("published", .datetime)
                t.column("firstSeenAt", .datetime).notNull()
                t.column("updatedAt", .datetime)
                // JSON array of display names.
                t.column("authors", .text).notNull().defaults(to: "[]")
                t.column("text", .text).notNull().defaults(to: "")
                t.column("contentHash", .text).notNull()
                t.column("duplicateOfId", .integer)
                    .references("article", onDelete: .setNull)
                    .indexed()
                t.column("duplicateReason", .text)
                // Near-duplicate sketch: one-permutation MinHash of the body (64 × UInt32),
                // the lead's shingle hashes, and the number of distinct shingles.
                t.column("sketch", .blob)
                t.column("lead", .blob)
                t.column("shingleCount", .integer).notNull().defaults(to: 0)
                t.uniqueKey(["feedId", "identity"])
            }
            try db.create(index: "article_on_canonicalURL", on: "article", columns: ["canonicalURL"])
            try db.create(index: "article_on_published", on: "article", columns: ["published"])

            // LSH band keys of every article: the candidate index of near-duplicate detection.
            try db.create(table: "articleBand", options: [.withoutRowID]) { t in
                t.column("bandKey", .integer).notNull()
                t.column("articleId", .integer).notNull()
                    .references("article", onDelete: .cascade)
                t.primaryKey(["bandKey", "articleId"])
            }
            try db.create(index: "articleBand_on_articleId", on: "articleBand", columns: ["articleId"])

            try db.create(virtualTable: "articleFTS", using: FTS5()) { t in
                t.synchronize(withTable: "article")
                t.tokenizer = .unicode61()
                t.column("title")
                t.column("text")
            }

            try db.create(table: "pullRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("startedAt", .datetime).notNull()
                t.column("endedAt", .datetime)
                t.column("pid", .integer)
                t.column("feedsTotal", .integer).notNull().defaults(to: 0)
                t.column("feedsUpdated", .integer).notNull().defaults(to: 0)
                t.column("feedsNotModified", .integer).notNull().defaults(to: 0)
                t.column("feedsFailed", .integer).notNull().defaults(to: 0)
                t.column("feedsSkipped", .integer).notNull().defaults(to: 0)
                t.column("articlesNew", .integer).notNull().defaults(to: 0)
                t.column("articlesUpdated", .integer).notNull().defaults(to: 0)
                t.column("duplicates", .integer).notNull().defaults(to: 0)
            }
        }

        migrator.registerMigration("v2-feed-listed-url") { db in
            // The URL as written in the feed list, kept when a permanent redirect replaces `url`, so
            // the list line still finds its row.
            try db.alter(table: "feed") { t in t.add(column: "listedURL", .text) }
            try db.execute(sql: "UPDATE feed SET listedURL = url")
            try db.create(index: "feed_on_listedURL", on: "feed", columns: ["listedURL"], unique: true)
        }

        // Issue 6: mentions, merged events and their indexes (EventMigrations.swift).
        migrator.registerMigration("v3-events-mentions") { db in try EventMigrations.v3(db) }
        migrator.registerMigration("v4-mention-product-key") { db in try EventMigrations.v4(db) }

        migrator.registerMigration("v5-article-fts-per-batch") { db in
            // New articles enter the full-text index in one statement at the end of each pull transaction
            // (RegWatchStore.indexText) instead of through a trigger per row: FTS5 flushes its pending terms into a
            // new segment at every statement of a transaction that has written to it, so the per-row trigger made one
            // segment, and merge work, per article. Edits still go through a trigger, now only when title or text
            // change; deletions keep theirs.
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS "__articleFTS_ai";
                DROP TRIGGER IF EXISTS "__articleFTS_au";
                CREATE TRIGGER "__articleFTS_au" AFTER UPDATE OF "title", "text" ON "article" BEGIN
                    INSERT INTO "articleFTS"("articleFTS", "rowid", "title", "text") VALUES('delete', old."id", old."title", old."text");
                    INSERT INTO "articleFTS"("rowid", "title", "text") VALUES (new."id", new."title", new."text");
                END;
                """)
        }
        // Issue 7: trends and digests count the events first seen in a window; this index holds every column they
        // count, in first-seen order, so a year of a million-event store is read as one range of the index.
        migrator.registerMigration("v6-event-first-seen-counted") { db in try EventMigrations.v6(db) }
        migrator.registerMigration("v7-feed-ttl") { db in
            // A feed's RSS <ttl>, remembered from its last parsed document (FeedRecord.ttl).
            try db.alter(table: "feed") { t in t.add(column: "ttl", .double) }
        }
        migrator.registerMigration("v8-feed-format") { db in
            // The format of a feed's last parsed document (FeedRecord.format): a source that has served a feed and
            // answers with an HTML page (an error page sent with 200) is then a failed fetch, not a new article.
            try db.alter(table: "feed") { t in t.add(column: "format", .text) }
        }
        // Issue 12: the described groups an event's targets resolve to, by which a new mention finds the events it
        // may merge with ("Chinese-run companies" and "Chinese entities" are one group). Events stored before it
        // have no rows here until `regwatch reextract`.
        migrator.registerMigration("v9-event-group") { db in try EventMigrations.v9(db) }
        // Issue 12: the parties an article names around an event beyond its actor and targets (members of a described
        // group), on mentions and events; `eventEntity` holds them with the role "party" for `events --company`. And
        // the date a mention states for its act when it lies in an earlier year (`ExtractedEvent.occurred`): the
        // mention is placed then, not at the article's date.
        migrator.registerMigration("v10-event-parties") { db in
            try db.alter(table: "mention") { t in
                t.add(column: "parties", .text).notNull().defaults(to: "[]")
                t.add(column: "occurred", .text)
            }
            try db.alter(table: "event") { t in t.add(column: "parties", .text).notNull().defaults(to: "[]") }
        }
        // Issue 12: whether a mention that names nothing (or no actor) joined the one event around it when last merged,
        // so that a merge recomputes only the decisions near what changed (RegWatchStore.remerge).
        migrator.registerMigration("v11-mention-attached") { db in
            try db.alter(table: "mention") { t in t.add(column: "attached", .integer).notNull().defaults(to: 0) }
        }
        // Issue 14: a document longer than its feed's body limit is cut there and its items before the cut are stored;
        // the feed row keeps the limit it was cut at (FeedRecord.cutAt), for `feeds status` to show.
        migrator.registerMigration("v12-feed-cut-at") { db in
            try db.alter(table: "feed") { t in t.add(column: "cutAt", .integer) }
        }
        // Issue 15: pullers sharing one PostgreSQL store claim due feeds for a while (`FOR UPDATE SKIP LOCKED`): who
        // holds a feed and until when. A SQLite store has one pull at a time (its lock file) and leaves them empty;
        // the columns exist so that both engines' schemas stay the same and `store copy` carries them.
        migrator.registerMigration("v13-feed-lease") { db in
            try db.alter(table: "feed") { t in
                t.add(column: "leaseOwner", .text)
                t.add(column: "leaseUntil", .datetime)
            }
        }
        // Issue 15: on PostgreSQL, v6's index orders event ids by the database's collation while every query orders
        // them by their bytes (COLLATE "C"), so each page of a digest's read was sorted again; v14 keys the index by
        // the bytes. SQLite's v6 index already compares ids by their bytes: nothing to do here, the migration exists
        // so that both engines keep the same list.
        migrator.registerMigration("v14-event-first-seen-bytes") { _ in }
        // Issue 12: an undated mention may tell again an act another report dated up to months before it
        // (`MergeOptions.restatementHorizon`, `MentionValue.stated`). Such stated acts are few, and the index finds an
        // actor's without reading the others. Mentions stored before are not stated until re-extracted.
        migrator.registerMigration("v15-mention-stated") { db in
            try db.alter(table: "mention") { t in t.add(column: "stated", .integer).notNull().defaults(to: 0) }
            try db.execute(sql: """
                CREATE INDEX mention_on_key_at_stated ON mention(type, actorKey, at) WHERE stated = 1
                """)
        }
        return migrator
    }
}
