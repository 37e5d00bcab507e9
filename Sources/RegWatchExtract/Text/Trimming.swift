extension Substring {
    /// The line without the spaces, tabs, carriage returns, no-break spaces (and a leading byte-order mark) around
    /// it: how the data files' fields are read.
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.unicodeScalars.first, f == " " || f == "\t" || f == "\r" || f == "\u{A0}" || f == "\u{FEFF}" {
            s = s.dropFirst()
        }
        while let l = s.unicodeScalars.last, l == " " || l == "\t" || l == "\r" || l == "\u{A0}" {
            s = s.dropLast()
        }
        return s
    }
}
