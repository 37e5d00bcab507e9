// libFuzzer target: any bytes through the feed parser (format detection, RSS, RDF, Atom, JSON Feed, HTML briefs), and
// each entry's markup through the plain-text reader the extractor and the store read (DocumentText).
// Built by scripts/fuzz with -sanitize=fuzzer,address; a crash or an ASan report is a bug.
import RegWatchIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks the declared Content-Type, so the charset paths are reached too.
    let contentTypes: [String?] = [nil, "application/rss+xml", "text/xml; charset=iso-8859-1", "text/html; charset=windows-1252",
                                   "application/feed+json", "text/xml; charset=utf-16"]
    let contentType = contentTypes[Int(bytes.first ?? 0) % contentTypes.count]
    let document = FeedParser.parse(bytes, url: "https://fuzz.example/feed.xml", contentType: contentType)
    for entry in document.entries {
        _ = DocumentText.of(entry)
        _ = DocumentText.title(of: entry)
    }
    return 0
}
