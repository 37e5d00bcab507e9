// Shared by the feed-list and OPML libFuzzer targets (scripts/fuzz compiles it into both).
import RegWatchFeedList

enum FeedListRoundTrip {
    /// Traps (a finding for libFuzzer) when `source` does not survive being written to the feed list and read back:
    /// `feeds add`, `feeds import` and `feeds remove` rewrite the list from these lines, so a line that reads as
    /// another source, or not at all, would change or break the list.
    static func check(_ source: FeedSource) {
        let line = source.listLine
        if line.contains(where: \.isNewline) { fatalError("listLine holds a line break: \(line.debugDescription)") }
        let again: FeedSource?
        do { again = try FeedList.parseLine(line, line: 1, file: "fuzz.txt") } catch {
            fatalError("listLine does not read back: \(line.debugDescription): \(error)")
        }
        guard let again, again.url == source.url, again.tags == source.tags, again.options == source.options else {
            fatalError("listLine reads back as another source: \(line.debugDescription)")
        }
    }
}
