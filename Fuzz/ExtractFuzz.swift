// libFuzzer target: any text through the event extractor with the bundled rules and entity list.
import Foundation
import RegWatchExtract

/// Built once: the rules and entities are read from the source tree (REGWATCH_SOURCE, set by scripts/fuzz).
let extractor: EventExtractor = {
    let root = ProcessInfo.processInfo.environment["REGWATCH_SOURCE"] ?? "."
    let resources = root + "/Sources/RegWatchExtract/Resources"
    return EventExtractor(entities: try! EntityList.load(path: resources + "/entities.txt"),
                          rules: try! RuleSet.load(path: resources + "/rules.txt"))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtract(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The first line is the title, as a feed item's would be.
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    _ = extractor.extract(text: parts.count > 1 ? String(parts[1]) : text, title: parts.count > 1 ? String(parts[0]) : "", year: 2026)
    return 0
}
