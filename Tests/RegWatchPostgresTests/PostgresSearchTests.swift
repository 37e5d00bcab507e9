// `search` on PostgreSQL is ranked by cover density (`ts_rank_cd`), not BM25, so the conformance suite compares only
// its hit sets with SQLite's. These tests pin the rest of its answer (order, scores, snippets, the cut at the limit)
// against the statement the store ran before its search was made fast for a million events: the faster plan must
// answer exactly as that one did.
import Foundation
import PostgresNIO
import RegWatchPostgres
import RegWatchStore
import Testing

/// The search statement as the store ran it before (PostgresStore.searchArticles up to the `pgspeed` branch): rank
/// every match over the generated vector, cut at the limit, then make snippets. Kept verbatim as the reference.
func referenceSearch(_ store: PostgresStore, _ search: ArticleSearch) throws -> [String] {
    var binds = PostgresBindings()
    binds.append(try FullTextQuery.tsquery(fromFTS5: search.query))
    var clauses = ["a.search @@ q.query"]
    if let since = search.since { binds.append(since); clauses.append("COALESCE(a.published, a.firstSeenAt) >= $\(binds.count)") }
    if let until = search.until { binds.append(until); clauses.append("COALESCE(a.published, a.firstSeenAt) < $\(binds.count)") }
    if let feed = search.feed { binds.append(feed); clauses.append("(f.url = $\(binds.count) OR f.listedURL = $\(binds.count))") }
    let sql = """
        SELECT h.id, h.title, h.canonicalURL, h.published, h.outlet,
               ts_headline('simple', h.text, h.query,
                           'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
               h.score
        FROM (SELECT a.id, a.title, a.canonicalURL, a.published, COALESCE(f.title, f.url) AS outlet, a.text, q.query,
                     ts_rank_cd(a.search, q.query)::float8 AS score
              FROM article a JOIN feed f ON f.id = a.feedId, to_tsquery('simple', $1) AS q(query)
              WHERE \(clauses.joined(separator: " AND "))
              ORDER BY score DESC, a.id LIMIT \(max(0, search.limit))) h
        ORDER BY h.score DESC, h.id
        """
    return try store.session.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map { row in
        let (id, title, url, published, outlet, snippet, score) = try row.decode(
            (Int64, String?, String?, Date?, String?, String?, Double).self)
        return line(id: id, title: title, url: url, published: published, outlet: outlet, snippet: snippet ?? "", score: score)
    }
}

private func line(id: Int64, title: String?, url: String?, published: Date?, outlet: String?, snippet: String, score: Double) -> String {
    "\(id) | \(title ?? "-") | \(url ?? "-") | \(published.map { "\($0.timeIntervalSince1970)" } ?? "-") | \(outlet ?? "-") | "
        + "\(snippet) | \(score)"
}

/// Queries with many hits, ties in score (single words), phrases, prefixes, negation and filters, at limits that cut
/// through ties.
let rankedSearches: [(query: String, limit: Int, since: String?, feed: String?)] = [
    ("ban", 100, nil, nil), ("ban", 3, nil, nil), ("ban", 1, nil, nil), ("the", 5, nil, nil), ("the", 100, nil, nil),
    ("vpn AND russia", 100, nil, nil), ("\"app store\" NOT apple", 100, nil, nil), ("block*", 4, nil, nil),
    ("montana OR denmark", 100, nil, nil), ("Garante", 2, nil, nil), ("nosuchwordanywhere", 20, nil, nil),
    ("ban OR block OR vpn", 7, "2026-07-10", nil), ("the", 10, nil, "samples/techpolicy-wire.xml"), ("china", 0, nil, nil),
]

@Suite("PostgreSQL search ranks and cuts as before", .enabled(if: PostgresTestServer.available, PostgresTestServer.skipMessage))
struct PostgresSearchTests {
    @Test("hits, order, scores and snippets equal the reference statement's", arguments: rankedSearches.indices)
    func sameAsReference(_ index: Int) throws {
        let (query, limit, since, feed) = rankedSearches[index]
        let store = try SampleStores.shared.get().postgres
        var search = ArticleSearch(query: query)
        search.limit = limit
        search.since = since.map(day)
        search.feed = feed
        let hits = try store.searchArticles(search).map {
            line(id: $0.articleId, title: $0.title, url: $0.url, published: $0.published, outlet: $0.outlet, snippet: $0.snippet,
                 score: $0.score)
        }
        let reference = try referenceSearch(store, search)
        #expect(hits == reference, "\(query) limit \(limit)")
        if query == "ban" && limit == 100 { #expect(hits.count > 3, "the samples have enough hits to cut through") }
    }
}
