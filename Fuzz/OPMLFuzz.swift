// libFuzzer target: any bytes as an OPML file (`regwatch feeds import`). An import either reads or is refused, never
// a crash; and nothing in the file may add an option or a line to the feed list: every source imported writes back
// as one line that reads as the same source (FeedListRoundTrip, in FeedListFuzz.swift).
import Foundation
import RegWatchFeedList

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOPML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let opml = try? OPML.read(Data(bytes: data, count: size), file: "fuzz.opml") else { return 0 }
    for source in opml.sources {
        FeedListRoundTrip.check(source)
        // Only web feeds come in from OPML: no local path, no file: URL.
        let scheme = source.url.prefix { $0 != ":" }.lowercased()
        if scheme != "http" && scheme != "https" { fatalError("imported a source that is not http(s): \(source.url.debugDescription)") }
    }
    return 0
}
