// Versioned migrations of the PostgreSQL store, named as the SQLite store's (RegWatchStore/Migrations.swift) so that
// both engines say the same thing by "v5": the same tables and columns, in PostgreSQL's types. As there, a migration
// never changes once shipped, and each has its line in Storage/README.md.
//
// Identifiers are written unquoted, so PostgreSQL folds `feedId` to `feedid` in the catalog and in every query alike;
// the store's queries read columns by position, never by name. Foreign keys are DEFERRABLE INITIALLY DEFERRED so
// that `store copy` can load tables in any order within its one transaction (an article may cite a duplicate row
// copied after it).
import PostgresNIO

enum PostgresMigrations {
    /// The migrations in order: name and statements. The names are the SQLite store's.
    static let all: [(name: String, statements: [String])] = [
        ("v1-feeds-articles-runs", [
            """
            CREATE TABLE feed (
                id bigserial PRIMARY KEY, url text NOT NULL UNIQUE, title text, tags text NOT NULL DEFAULT '',
                options text NOT NULL DEFAULT '{}', etag text, lastModified text, bodyChecksum text, lastStatus integer,
                lastError text, errorCount integer NOT NULL DEFAULT 0, nextDueAt timestamptz, lastAttemptAt timestamptz,
                lastSuccessAt timestamptz, redirectTarget text, redirectCount integer NOT NULL DEFAULT 0, redirectNote text,
                active boolean NOT NULL DEFAULT true, inactiveReason text, identityMode text NOT NULL DEFAULT 'guid',
                createdAt timestamptz NOT NULL)
            """,
            """
            CREATE TABLE article (
                id bigserial PRIMARY KEY,
                feedId bigint NOT NULL REFERENCES feed(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                identity text NOT NULL, guid text, canonicalURL text, title text, published timestamptz,
                firstSeenAt timestamptz NOT NULL, updatedAt timestamptz, authors text NOT NULL DEFAULT '[]',
                text text NOT NULL DEFAULT '', contentHash text NOT NULL,
                duplicateOfId bigint REFERENCES article(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
                duplicateReason text, sketch bytea, lead bytea, shingleCount integer NOT NULL DEFAULT 0,
                UNIQUE (feedId, identity))
            """,
            "CREATE INDEX article_on_duplicateOfId ON article(duplicateOfId)",
            "CREATE INDEX article_on_canonicalURL ON article(canonicalURL)",
            "CREATE INDEX article_on_published ON article(published)",
            """
            CREATE TABLE articleBand (
                bandKey bigint NOT NULL,
                articleId bigint NOT NULL REFERENCES article(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                PRIMARY KEY (bandKey, articleId))
            """,
            "CREATE INDEX articleBand_on_articleId ON articleBand(articleId)",
            // The SQLite store's FTS5 table has no twin here: v5 adds the text search vector to `article` itself.
            """
            CREATE TABLE pullRun (
                id bigserial PRIMARY KEY, startedAt timestamptz NOT NULL, endedAt timestamptz, pid integer,
                feedsTotal integer NOT NULL DEFAULT 0, feedsUpdated integer NOT NULL DEFAULT 0,
                feedsNotModified integer NOT NULL DEFAULT 0, feedsFailed integer NOT NULL DEFAULT 0,
                feedsSkipped integer NOT NULL DEFAULT 0, articlesNew integer NOT NULL DEFAULT 0,
                articlesUpdated integer NOT NULL DEFAULT 0, duplicates integer NOT NULL DEFAULT 0)
            """,
        ]),
        ("v2-feed-listed-url", [
            "ALTER TABLE feed ADD COLUMN listedURL text",
            "UPDATE feed SET listedURL = url",
            "CREATE UNIQUE INDEX feed_on_listedURL ON feed(listedURL)",
        ]),
        ("v3-events-mentions", [
            """
            CREATE TABLE mention (
                id bigserial PRIMARY KEY,
                articleId bigint NOT NULL REFERENCES article(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                extractedFromId bigint NOT NULL, ordinal integer NOT NULL, type text NOT NULL, status text NOT NULL,
                actor text, actorKey text NOT NULL, targets text NOT NULL, product text, countries text NOT NULL,
                method text NOT NULL, evidence text NOT NULL, evidenceStart integer, evidenceEnd integer,
                confidence double precision NOT NULL, at timestamptz NOT NULL, stableKey text NOT NULL, eventId text)
            """,
            "CREATE INDEX mention_on_articleId ON mention(articleId)",
            "CREATE INDEX mention_on_extractedFromId ON mention(extractedFromId)",
            "CREATE INDEX mention_on_key_at ON mention(type, actorKey, at)",
            "CREATE INDEX mention_on_eventId ON mention(eventId)",
            """
            CREATE TABLE event (
                id text PRIMARY KEY, type text NOT NULL, actorKey text NOT NULL, status text NOT NULL, actor text,
                targets text NOT NULL, product text, countries text NOT NULL, method text NOT NULL, evidence text NOT NULL,
                confidence double precision NOT NULL, firstSeen timestamptz NOT NULL, lastSeen timestamptz NOT NULL,
                sourceCount integer NOT NULL, statusHistory text NOT NULL)
            """,
            "CREATE INDEX event_on_lastSeen ON event(lastSeen)",
            "CREATE INDEX event_on_key_lastSeen ON event(type, actorKey, lastSeen)",
            """
            CREATE TABLE eventEntity (
                entity text NOT NULL, lastSeen timestamptz NOT NULL,
                eventId text NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                role text NOT NULL, name text NOT NULL, type text NOT NULL,
                PRIMARY KEY (entity, lastSeen, eventId, role))
            """,
            "CREATE INDEX eventEntity_on_eventId ON eventEntity(eventId)",
            """
            CREATE TABLE entityStat (
                entity text NOT NULL, type text NOT NULL, role text NOT NULL, name text NOT NULL, count integer NOT NULL,
                PRIMARY KEY (entity, type, role))
            """,
            """
            CREATE TABLE eventRelation (
                eventId text NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                relatedId text NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                relation text NOT NULL,
                PRIMARY KEY (eventId, relatedId, relation))
            """,
            "CREATE INDEX eventRelation_on_relatedId ON eventRelation(relatedId)",
            """
            CREATE TABLE articleExtraction (
                articleId bigint PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                contentHash text NOT NULL)
            """,
            "CREATE INDEX article_on_updatedAt ON article(updatedAt)",
            """
            CREATE TABLE watchMention (
                id bigserial PRIMARY KEY,
                articleId bigint NOT NULL REFERENCES article(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                extractedFromId bigint NOT NULL, text text NOT NULL, textKey text NOT NULL, entities text NOT NULL,
                date text, at timestamptz NOT NULL)
            """,
            "CREATE INDEX watchMention_on_at ON watchMention(at)",
            "CREATE INDEX watchMention_on_articleId ON watchMention(articleId)",
            "CREATE INDEX watchMention_on_extractedFromId ON watchMention(extractedFromId)",
            "CREATE TABLE eventAlert (eventId text PRIMARY KEY, alertedAt timestamptz NOT NULL)",
        ]),
        ("v4-mention-product-key", [
            "ALTER TABLE mention ADD COLUMN productKey text",
            "UPDATE mention SET productKey = lower(product) WHERE product IS NOT NULL",
            """
            CREATE INDEX mention_on_workaround_productKey ON mention(productKey, at)
            WHERE type = 'workaround' AND productKey IS NOT NULL
            """,
        ]),
        // SQLite's v5 moved full-text indexing to the end of each pull transaction. Here the text search vector is a
        // generated column, kept by PostgreSQL on every insert and update, with a GIN index: `search` and
        // `articles --search` rank with it. The 'simple' configuration neither stems nor drops stop words, as FTS5's
        // unicode61 tokenizer does not.
        ("v5-article-fts-per-batch", [
            """
            ALTER TABLE article ADD COLUMN search tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', text), 'B')) STORED
            """,
            "CREATE INDEX article_on_search ON article USING gin(search)",
        ]),
        // The columns trends and digests count, in first-seen order (an index-only scan, as SQLite's covering index).
        ("v6-event-first-seen-counted", [
            """
            CREATE INDEX event_on_firstSeen_counted ON event(firstSeen, id)
            INCLUDE (type, actor, targets, product, countries, status, lastSeen)
            """,
        ]),
        ("v7-feed-ttl", ["ALTER TABLE feed ADD COLUMN ttl double precision"]),
        ("v8-feed-format", ["ALTER TABLE feed ADD COLUMN format text"]),
        ("v9-event-group", [
            """
            CREATE TABLE eventGroup (
                groupKey text NOT NULL, lastSeen timestamptz NOT NULL,
                eventId text NOT NULL REFERENCES event(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                type text NOT NULL,
                PRIMARY KEY (groupKey, lastSeen, eventId))
            """,
            "CREATE INDEX eventGroup_on_eventId ON eventGroup(eventId)",
        ]),
        ("v10-event-parties", [
            "ALTER TABLE mention ADD COLUMN parties text NOT NULL DEFAULT '[]', ADD COLUMN occurred text",
            "ALTER TABLE event ADD COLUMN parties text NOT NULL DEFAULT '[]'",
        ]),
        ("v11-mention-attached", ["ALTER TABLE mention ADD COLUMN attached integer NOT NULL DEFAULT 0"]),
        ("v12-feed-cut-at", ["ALTER TABLE feed ADD COLUMN cutAt integer"]),
        // Pullers sharing the store claim due feeds with a lease (PostgresStore.claimFeeds); the index finds the due,
        // unleased feeds of a claim without reading the others.
        ("v13-feed-lease", [
            "ALTER TABLE feed ADD COLUMN leaseOwner text, ADD COLUMN leaseUntil timestamptz",
            "CREATE INDEX feed_on_nextDueAt ON feed(nextDueAt)",
            "CREATE INDEX feed_on_leaseOwner ON feed(leaseOwner) WHERE leaseOwner IS NOT NULL",
        ]),
        // v6's index holds the counted columns in (firstSeen, id) order, but by the database's collation of id, while
        // the queries order ids by their bytes (COLLATE "C", as SQLite does): each page of `forEachEventToCount`
        // scanned its range, sorted it again and filtered the page's start. Keyed by the bytes, a page is one range
        // of the index that starts at the last row read (an index condition) and needs no sort.
        ("v14-event-first-seen-bytes", [
            "DROP INDEX event_on_firstSeen_counted",
            """
            CREATE INDEX event_on_firstSeen_id_bytes ON event(firstSeen, id COLLATE "C")
            INCLUDE (type, actor, targets, product, countries, status, lastSeen)
            """,
        ]),
        // The mentions with a stated date, which undated ones may tell again (`MergeOptions.restatementHorizon`).
        ("v15-mention-stated", [
            "ALTER TABLE mention ADD COLUMN stated integer NOT NULL DEFAULT 0",
            "CREATE INDEX mention_on_key_at_stated ON mention(type, actorKey, at) WHERE stated = 1",
        ]),
    ]

    /// The key of the advisory lock that serialises migrators: two processes that open a new database at once
    /// apply each migration once.
    static let lockKey: Int64 = 0x7265_6777_6174_6368  // "regwatch"

    static func ensureTable(_ session: PostgresSession) throws {
        try session.execute("""
            CREATE TABLE IF NOT EXISTS schemaMigration (identifier text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())
            """)
    }

    /// The names of the applied migrations, in the order they were applied.
    static func applied(_ session: PostgresSession) throws -> [String] {
        let exists = try session.scalar("SELECT to_regclass('schemamigration') IS NOT NULL", as: Bool.self) ?? false
        guard exists else { return [] }
        return try session.rows("SELECT identifier FROM schemaMigration ORDER BY appliedAt, identifier").map { row in
            try session.decoding("schemaMigration") { try row.decode(String.self) }
        }
    }

    /// The migrations not yet applied.
    static func missing(_ session: PostgresSession) throws -> [String] {
        let applied = Set(try applied(session))
        return all.map(\.name).filter { !applied.contains($0) }
    }

    /// Applies every missing migration, all in one transaction under an advisory lock: a failed one leaves none applied.
    static func migrate(_ session: PostgresSession) throws {
        try session.transaction {
            // The lock first: CREATE TABLE IF NOT EXISTS is not safe against a concurrent one (both see no table).
            try session.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            try ensureTable(session)
            let applied = Set(try applied(session))
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements { try session.execute(PostgresQuery(unsafeSQL: statement)) }
                try session.execute("INSERT INTO schemaMigration (identifier, appliedAt) VALUES (\(migration.name), clock_timestamp())")
            }
        }
    }
}
