// libFuzzer target: any text through the feed date parser (RFC 822, ISO 8601 and the forms feeds really write).
import RegWatchIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDateParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = DateParser.parse(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}
