/// An error in the data the extractor loads at run time: the entity list or the rules file.
///
/// The description reads like a compiler diagnostic, `rules.txt:14: unknown event type "bann"`, so that a user who
/// edited the file can jump to the line.
public struct ExtractError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it (or the bundled resource name).
    public var file: String
    /// 1-based line number; 0 when the problem is the whole file (missing, unreadable).
    public var line: Int
    /// What is wrong, and what to do when it is not obvious.
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
    }
}
