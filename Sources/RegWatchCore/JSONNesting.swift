/// How deeply a JSON document nests, checked before it is decoded.
///
/// Foundation's decoder gives up on documents nested more than 512 levels deep with the same error as for broken
/// JSON, so a hostile 100,000-level document read as "not valid JSON". Counting the brackets first (outside
/// strings, one pass, no allocation) names the actual problem. Nothing RegWatch reads legitimately nests more
/// than a handful of levels.
public enum JSONNesting {
    /// Foundation's own limit.
    public static let maximumDepth = 512

    /// The byte offset at which `bytes` first opens more than `limit` nested arrays or objects; nil when it never does.
    public static func tooDeep(_ bytes: some Collection<UInt8>, limit: Int = maximumDepth) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return offset }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }

    /// The message for a document that nests too deeply, naming where.
    public static func message(offset: Int, limit: Int = maximumDepth) -> String {
        "JSON nested more than \(limit) levels deep (at byte \(offset)); not decoded"
    }
}
