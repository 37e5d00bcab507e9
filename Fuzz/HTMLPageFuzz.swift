// libFuzzer target: any bytes through the HTML page reader (main text, metadata, brief sections, cleaned HTML).
import RegWatchIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = HTMLBriefParser.parse(bytes, url: "https://fuzz.example/news/1", contentType: nil)
    return 0
}
