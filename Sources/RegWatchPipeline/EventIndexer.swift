import Foundation
import RegWatchCore
import RegWatchEvents
import RegWatchExtract
import RegWatchStore

/// Extracts events from stored articles and merges them into stored events (issue 6).
///
/// `pull` calls `indexPending` after storing the feeds: new and edited articles are extracted, duplicates
/// included (a false duplicate must not lose its events); only an article with the very title and text of the
/// one it duplicates takes that article's mentions as another source instead. `regwatch reextract` calls `reextract` after an entity-list or rule change.
public struct EventIndexer: Sendable {
    public let store: any StoreWriting
    public let extractor: EventExtractor
    public var options: MergeOptions
    /// Resolves the parties of mentions for merging: by default with the extractor's entity list.
    public var parties: any PartyResolving
    /// Articles per transaction.
    public var batchSize = 500

    public init(store: any StoreWriting, extractor: EventExtractor, options: MergeOptions = MergeOptions(),
                parties: (any PartyResolving)? = nil) {
        self.store = store
        self.extractor = extractor
        self.options = options
        self.parties = parties ?? PartyResolver(extractor.entities)
    }

    /// Extracts every article not extracted yet (or edited since), merging as it goes.
    /// - Parameter alertableBefore: the start of the pull, so that a new feed's backlog raises no alert.
    /// - Returns: what was stored, with the events that are new for alerts.
    @discardableResult
    public func indexPending(alertableBefore: Date? = nil) async throws -> ExtractionReport {
        var total = ExtractionReport()
        while true {
            let batch = try store.pendingArticles(limit: batchSize)
            if batch.isEmpty { break }
            let report = try store.saveExtractions(await extract(batch), options: options, alertableBefore: alertableBefore,
                                                   parties: parties)
            total.add(report)
        }
        return total
    }

    /// Extracts again every article (published on or after `since`, when given) with the current extractor
    /// and re-merges: running it twice gives the same events.
    @discardableResult
    public func reextract(since: Date? = nil) async throws -> ExtractionReport {
        let articles = try store.articlesForReextraction(since: since)
        var total = ExtractionReport()
        var start = 0
        while start < articles.count {
            let batch = Array(articles[start..<min(articles.count, start + batchSize)])
            total.add(try store.saveExtractions(await extract(batch), options: options, alertableBefore: nil, parties: parties))
            start += batchSize
        }
        total.newEventIds = []
        total.createdEventIds = []
        return total
    }

    /// Runs the extractor over a batch on every core; word-for-word copies take their original's mentions.
    func extract(_ batch: [PendingArticle]) async -> [ArticleExtraction] {
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let extractor = self.extractor
        return await withTaskGroup(of: [ArticleExtraction].self) { group in
            for lane in 0..<lanes {
                let slice = stride(from: lane, to: batch.count, by: lanes).map { batch[$0] }
                group.addTask {
                    slice.map { article in
                        // An article's events come from its own text. Only a copy word for word (same title and
                        // text) takes its original's mentions; the original is stored before its duplicates (smaller
                        // id), so it is extracted first in this batch or was in an earlier one. A near-duplicate
                        // is extracted, and its mentions merge into the same events as another source.
                        if let root = article.duplicateOfId, root < article.id, article.sameTextAsOriginal {
                            return ArticleExtraction(articleId: article.id, contentHash: article.contentHash, content: .copy(of: root))
                        }
                        let parts = article.published.map { Calendar(identifier: .gregorian)
                            .dateComponents(in: TimeZone(identifier: "UTC")!, from: $0) }
                        let result = extractor.extract(text: article.text, title: article.title ?? "", year: parts?.year,
                                                       month: parts?.month)
                        return ArticleExtraction(articleId: article.id, contentHash: article.contentHash,
                                                 content: .extracted(events: result.events, watch: result.watch))
                    }
                }
            }
            var all: [ArticleExtraction] = []
            for await part in group { all += part }
            return all.sorted { $0.articleId < $1.articleId }
        }
    }
}

extension ExtractionReport {
    mutating func add(_ other: ExtractionReport) {
        articles += other.articles
        mentions += other.mentions
        eventsWritten += other.eventsWritten
        newEventIds += other.newEventIds
        // An event created in one batch and extended in the next is counted once.
        var created = Set(createdEventIds)
        createdEventIds += other.createdEventIds.filter { created.insert($0).inserted }
    }
}

/// Canonical names of entities from any of their names ("Ant Group" → "Ant Financial"), case-insensitively.
public struct EntityResolver: Sendable {
    private let canonical: [String: String]
    /// Lowercased canonical name to the canonical names of the entities it owns directly.
    private let children: [String: [String]]

    public init(_ list: EntityList) {
        var map: [String: String] = [:]
        for record in list.records {
            map[record.name.lowercased()] = record.name
        }
        for record in list.records {
            for alias in record.aliases where map[alias.lowercased()] == nil { map[alias.lowercased()] = record.name }
        }
        canonical = map
        var children: [String: [String]] = [:]
        for record in list.records {
            if let parent = record.parent { children[parent.lowercased(), default: []].append(record.name) }
        }
        self.children = children
    }

    /// The keys of an entity and of everything it owns, down the list's hierarchy ("Alibaba" → Alibaba, Ant
    /// Financial, …): an event about a subsidiary or product is an event about its owner too.
    public func keysWithOwned(_ name: String) -> [String] {
        var keys = [key(name)]
        var seen = Set(keys)
        var i = 0
        while i < keys.count {
            for child in children[keys[i]] ?? [] where seen.insert(child.lowercased()).inserted { keys.append(child.lowercased()) }
            i += 1
        }
        return keys
    }

    /// The canonical name, or the name itself when the list does not know it.
    public func canonicalName(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return canonical[trimmed.lowercased()] ?? trimmed
    }

    /// The lowercased key the store indexes entities by.
    public func key(_ name: String) -> String { canonicalName(name).lowercased() }
}
