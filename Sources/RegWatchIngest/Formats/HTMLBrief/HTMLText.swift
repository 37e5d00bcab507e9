// Text measures over an HTMLTree, computed the way a browser's `textContent` plus Readability's
// `getInnerText` (trim, then collapse runs of whitespace) would count them, in UTF-16 units like JavaScript.

extension Unicode.Scalar {
    /// JavaScript's `\s`: ASCII whitespace, NBSP, BOM and the Unicode space separators.
    var isJSWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }
}

/// A node's text measures: normalized length (trimmed, whitespace runs as one) and commas.
struct TextMeasure {
    var length = 0
    var commas = 0
}

extension HTMLTree {
    /// Sums the per-text-node measures taken at build time; a whitespace gap between two texts counts as one.
    func measure(_ id: Int) -> TextMeasure {
        var m = TextMeasure()
        var started = false
        var pendingSpace = false
        func add(_ node: Node) {
            if node.textLength == 0 {
                if started { pendingSpace = pendingSpace || node.leadingSpace }
                return
            }
            if started && (pendingSpace || node.leadingSpace) { m.length += 1 }
            m.length += Int(node.textLength)
            m.commas += Int(node.commas)
            started = true
            pendingSpace = node.trailingSpace
        }
        if nodes[id].kind == .text { add(nodes[id]); return m }
        var current: Int? = following(id, within: id)
        while let c = current {
            if nodes[c].kind == .text { add(nodes[c]) }
            current = following(c, within: id)
        }
        return m
    }

    /// Whether any text under `id` is not whitespace.
    func hasText(_ id: Int) -> Bool {
        if nodes[id].kind == .text { return nodes[id].textLength > 0 }
        var current: Int? = following(id, within: id)
        while let c = current {
            if nodes[c].kind == .text && nodes[c].textLength > 0 { return true }
            current = following(c, within: id)
        }
        return false
    }

    /// Readability's `getInnerText`: trimmed text with whitespace runs collapsed to one space.
    func innerText(_ id: Int) -> String {
        var out = ""
        var pendingSpace = false
        var started = false
        func add(_ text: String) {
            for scalar in text.unicodeScalars {
                if scalar.isJSWhitespace { if started { pendingSpace = true }; continue }
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                started = true
                out.unicodeScalars.append(scalar)
            }
        }
        if nodes[id].kind == .text { add(nodes[id].text); return out }
        var current: Int? = following(id, within: id)
        while let c = current {
            if nodes[c].kind == .text { add(nodes[c].text) }
            current = following(c, within: id)
        }
        return out
    }

    func innerLength(_ id: Int) -> Int { measure(id).length }

    /// Share of the text that sits inside links; in-page `#anchors` count for less.
    func linkDensity(_ id: Int) -> Double {
        let total = innerLength(id)
        guard total > 0 else { return 0 }
        var linked = 0.0
        for a in elements(named: ["a"], under: id) {
            let href = nodes[a].attributes["href"] ?? ""
            let coefficient = href.count > 1 && href.hasPrefix("#") ? 0.3 : 1.0
            linked += Double(innerLength(a)) * coefficient
        }
        return linked / Double(total)
    }

    func hasAncestor(_ id: Int, named name: String, maxDepth: Int = 3, where predicate: ((Int) -> Bool)? = nil) -> Bool {
        var depth = 0
        var current = nodes[id].parent
        while current > 0 {
            if maxDepth > 0 && depth > maxDepth { return false }
            if nodes[current].kind == .element && nodes[current].name == name && (predicate?(current) ?? true) { return true }
            current = nodes[current].parent
            depth += 1
        }
        return false
    }

    func ancestors(_ id: Int, maxDepth: Int = 0) -> [Int] {
        var out: [Int] = []
        var current = nodes[id].parent
        while current >= 0 {
            out.append(current)
            if maxDepth > 0 && out.count == maxDepth { break }
            current = nodes[current].parent
        }
        return out
    }
}
