import ArgumentParser
import RegWatchEvents
import RegWatchPipeline

// The alert options of `pull` read their rules here; parsing, matching and delivery live in RegWatchEvents
// (`AlertRule`) and RegWatchPipeline (`AlertDelivery`). A rule that does not parse is a usage error.
extension AlertRule {
    /// A rule of `--alert`, companies and products resolved through the entity list.
    /// - Parameter origin: where the rule came from, for messages (`--alert`, or `file:line`).
    init(_ text: String, origin: String, resolver: EntityResolver) throws {
        do {
            try self.init(text, origin: origin, key: resolver.key)
        } catch let error as AlertRuleError {
            throw ValidationError(error.description)
        }
    }

    /// Rules from a file (`--alerts-file`): one per line; blank lines and `#` comments are skipped.
    static func load(path: String, resolver: EntityResolver) throws -> [AlertRule] {
        do {
            return try load(path: path, key: resolver.key)
        } catch let error as AlertRuleError {
            throw ValidationError(error.description)
        }
    }
}
