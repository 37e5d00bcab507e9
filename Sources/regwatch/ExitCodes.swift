/// The exit codes of `regwatch`, stable for scripts and cron.
///
/// | code | meaning |
/// |---|---|
/// | 0 | success |
/// | 1 | some feeds failed (the others were processed) |
/// | 2 | usage error (bad flag or argument) |
/// | 3 | an input file could not be read |
/// | 4 | the store is locked by another process (`--no-wait`) |
/// | 5 | the store could not be opened, written, or is damaged |
/// | 6 | the output could not be written (standard output full or closed) |
enum ExitCodes {
    static let success: Int32 = 0
    static let partialFailure: Int32 = 1
    static let usage: Int32 = 2
    static let input: Int32 = 3
    static let locked: Int32 = 4
    static let store: Int32 = 5
    static let output: Int32 = 6
}
