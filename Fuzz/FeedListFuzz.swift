// libFuzzer target: any text as a feed list (Feeds/feeds.txt). A list either reads or is refused with
// `FeedListError`, never a crash; and every source read writes back (`listLine`) as one line that reads as the same
// source, since `feeds add`, `feeds import` and `feeds remove` rewrite the list from those lines.
import RegWatchFeedList

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedList(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let sources = try? FeedList.parse(text, file: "fuzz.txt") else { return 0 }
    for source in sources { FeedListRoundTrip.check(source) }
    return 0
}
