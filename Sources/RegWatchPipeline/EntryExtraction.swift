import RegWatchCore
import RegWatchExtract
import RegWatchIngest

extension EventExtractor {
    /// Extracts from a feed entry: the plain text `DocumentText` reads from it (the text the store keeps), its
    /// headline, its publication date, and its brief sections (the sentences of a "What to watch" section are watch
    /// items).
    public func extract(entry: FeedEntry) -> DocumentExtraction {
        extract(text: DocumentText.of(entry), title: DocumentText.title(of: entry), published: entry.published,
                sections: entry.sections)
    }
}
