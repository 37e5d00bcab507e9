// Main-text extraction: finds the article body of a page and cleans it.
//
// The approach is the one Arc90's Readability introduced and Mozilla's Readability.js refined (the algorithm,
// re-implemented here from its description; no code copied): turn loose phrasing content into paragraphs,
// score paragraph-like blocks by text length and commas, give each block's score to its ancestors (less with
// distance), weigh candidates by class/id hints and link density, take the best candidate plus its worthy
// siblings, then remove what looks like boilerplate (forms, share bars, link lists, ads) from the result.
// Every rule here is generic: tag names, class/id vocabulary, text and link measures. None names a site.

/// Switches that the extractor relaxes one by one when a pass finds too little text.
struct ExtractionFlags: OptionSet {
    let rawValue: Int
    static let stripUnlikely = ExtractionFlags(rawValue: 1)
    static let weightClasses = ExtractionFlags(rawValue: 2)
    static let cleanConditionally = ExtractionFlags(rawValue: 4)
    static let all: ExtractionFlags = [.stripUnlikely, .weightClasses, .cleanConditionally]
}

/// Class/id vocabulary, matched as case-insensitive substrings of `class + " " + id`.
enum HintWords {
    static let unlikely = ["-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
                           "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
                           "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
                           "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote"]
    static let maybeCandidate = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]
    static let positive = ["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
                           "post", "text", "blog", "story"]
    static let negative = ["-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
                           "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
                           "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget"]
    static let byline = ["byline", "author", "dateline", "writtenby", "p-author"]
    static let unlikelyRoles: Set<String> = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"]
    static let videoHosts = ["youtube.com", "youtube-nocookie.com", "player.vimeo.com", "dailymotion.com", "v.qq.com",
                             "archive.org", "upload.wikimedia.org", "player.twitch.tv"]
    static let adWords: Set<String> = ["ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告", "реклама", "anuncio"]
    static let loadingWords: Set<String> = ["loading", "正在加载", "загрузка", "chargement", "cargando"]

    // Matching runs on lowercased ASCII bytes: class and id values are short, and Swift's `String.contains`
    // is far slower than a byte loop when called for every element of a page.
    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
    static let unlikelyBytes = bytes(unlikely)
    static let maybeCandidateBytes = bytes(maybeCandidate)
    static let positiveBytes = bytes(positive)
    static let negativeBytes = bytes(negative)
    static let bylineBytes = bytes(byline)

    static func lowered(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n > 0, h >= n else { return n == 0 }
        let first = needle[0]
        var i = 0
        while i <= h - n {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    static func matches(_ string: [UInt8], _ words: [[UInt8]]) -> Bool {
        guard string.count > 1 else { return false }
        return words.contains { contains(string, $0) }
    }

    /// `hid` as a whole class token (a common "hidden" shorthand).
    static func hasHidToken(_ string: [UInt8]) -> Bool {
        string.split(separator: 0x20).contains { $0.elementsEqual("hid".utf8) }
    }

    /// `share` or `sharedaddy` as a word, where `_` also counts as a boundary.
    static func hasShareWord(_ chars: [UInt8]) -> Bool {
        let w = Array("share".utf8)
        func isWordByte(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c >= 0x80 }
        var i = 0
        while i + w.count <= chars.count {
            if chars[i] == 0x73, Array(chars[i..<i + w.count]) == w {
                let beforeOK = i == 0 || !isWordByte(chars[i - 1])
                var end = i + w.count
                if chars.count >= end + 5, Array(chars[end..<end + 5]) == Array("daddy".utf8) { end += 5 }
                let afterOK = end >= chars.count || !isWordByte(chars[end])
                if beforeOK && afterOK { return true }
            }
            i += 1
        }
        return false
    }
}

struct ArticleExtractor {
    static let charThreshold = 500
    static let topCandidateCount = 5

    static let tagsToScore: [String] = ["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"]
    static let blockElements: [String] = ["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"]
    static let keepAsIs: [String] = ["div", "article", "section", "p", "ol", "ul"]
    static let phrasing: [String] = ["abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist",
                                       "dfn", "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter",
                                       "noscript", "object", "output", "progress", "q", "ruby", "samp", "script", "select",
                                       "small", "span", "strong", "sub", "sup", "textarea", "time", "var", "wbr"]
    static let headings: [String] = ["h1", "h2", "h3", "h4", "h5", "h6"]

    var tree: HTMLTree
    let articleTitle: String
    var flags: ExtractionFlags = .all
    var scores = ScoreTable()
    var dataTables: Set<Int> = []
    /// The byline found and removed from the body, when one was.
    var byline: String?

    init(tree: HTMLTree, articleTitle: String) {
        self.tree = tree
        self.articleTitle = articleTitle
    }

    // MARK: - Entry point

    /// Runs the passes and returns the tree holding the article and the article's root node id, or nil.
    static func extract(_ tree: HTMLTree, title: String) -> (tree: HTMLTree, article: Int, byline: String?)? {
        var prepared = ArticleExtractor(tree: tree, articleTitle: title)
        prepared.prepareDocument()
        var attempts: [(HTMLTree, Int, Int, String?)] = []
        var flags = ExtractionFlags.all
        while true {
            var pass = ArticleExtractor(tree: prepared.tree, articleTitle: title)
            pass.flags = flags
            guard let article = pass.grabArticle() else { return nil }
            let length = pass.tree.innerLength(article)
            if length >= charThreshold { return (pass.tree, article, pass.byline) }
            attempts.append((pass.tree, article, length, pass.byline))
            if flags.contains(.stripUnlikely) { flags.remove(.stripUnlikely) }
            else if flags.contains(.weightClasses) { flags.remove(.weightClasses) }
            else if flags.contains(.cleanConditionally) { flags.remove(.cleanConditionally) }
            else {
                let best = attempts.max { $0.2 < $1.2 }!
                return best.2 == 0 ? nil : (best.0, best.1, best.3)
            }
        }
    }

    // MARK: - Helpers

    func matchString(_ id: Int) -> [UInt8] {
        let node = tree[id]
        return HintWords.lowered((node.attributes["class"] ?? "") + " " + (node.attributes["id"] ?? ""))
    }

    func classWeight(_ id: Int) -> Double {
        guard flags.contains(.weightClasses) else { return 0 }
        var weight = 0.0
        if let cls = tree[id].attributes["class"].map(HintWords.lowered), !cls.isEmpty {
            if HintWords.matches(cls, HintWords.negativeBytes) || HintWords.hasHidToken(cls) { weight -= 25 }
            if HintWords.matches(cls, HintWords.positiveBytes) { weight += 25 }
        }
        if let ident = tree[id].attributes["id"].map(HintWords.lowered), !ident.isEmpty {
            if HintWords.matches(ident, HintWords.negativeBytes) || HintWords.hasHidToken(ident) { weight -= 25 }
            if HintWords.matches(ident, HintWords.positiveBytes) { weight += 25 }
        }
        return weight
    }

    func isProbablyVisible(_ id: Int) -> Bool {
        let attrs = tree[id].attributes
        if let style = attrs["style"] {
            let compact = HintWords.lowered(style).filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            if HintWords.contains(compact, Array("display:none".utf8)) || HintWords.contains(compact, Array("visibility:hidden".utf8)) {
                return false
            }
        }
        if attrs["hidden"] != nil { return false }
        if attrs["aria-hidden"] == "true" && !(attrs["class"] ?? "").contains("fallback-image") { return false }
        return true
    }

    func firstElementChild(_ id: Int) -> Int? {
        var c = tree[id].firstChild
        while c >= 0 { if tree[c].isElement { return c }; c = tree[c].next }
        return nil
    }

    func nextElementSibling(_ id: Int) -> Int? {
        var c = tree[id].next
        while c >= 0 { if tree[c].isElement { return c }; c = tree[c].next }
        return nil
    }

    /// The next element in document order; skips `id`'s subtree when asked.
    func nextNode(_ id: Int, skippingChildren: Bool = false) -> Int? {
        if !skippingChildren, let child = firstElementChild(id) { return child }
        if let sibling = nextElementSibling(id) { return sibling }
        var current = id
        while true {
            current = tree[current].parent
            if current < 0 { return nil }
            if let sibling = nextElementSibling(current) { return sibling }
        }
    }

    mutating func removeAndNext(_ id: Int) -> Int? {
        let next = nextNode(id, skippingChildren: true)
        tree.detach(id)
        return next
    }

    func isWhitespace(_ id: Int) -> Bool {
        let node = tree[id]
        if node.kind == .text { return node.text.unicodeScalars.allSatisfy(\.isJSWhitespace) }
        return node.isElement && node.name == "br"
    }

    func isPhrasing(_ id: Int) -> Bool {
        let node = tree[id]
        if node.kind == .text { return true }
        if Self.phrasing.contains(node.name) { return true }
        if ["a", "del", "ins"].contains(node.name) { return tree.children(id).allSatisfy(isPhrasing) }
        return false
    }

    func hasTextContent(_ id: Int) -> Bool { tree.hasText(id) }

    func isElementWithoutContent(_ id: Int) -> Bool {
        if hasTextContent(id) { return false }
        let kids = tree.elementChildren(id)
        if kids.isEmpty { return true }
        let brs = tree.elements(named: ["br", "hr"], under: id).count
        return kids.count == brs
    }

    func hasSingleTag(_ id: Int, _ name: String) -> Bool {
        let kids = tree.elementChildren(id)
        guard kids.count == 1, tree[kids[0]].name == name else { return false }
        return !tree.children(id).contains { tree[$0].kind == .text && tree[$0].textLength > 0 }
    }

    func hasChildBlockElement(_ id: Int) -> Bool {
        var current = tree.following(id, within: id)
        while let c = current {
            if tree[c].isElement && Self.blockElements.contains(tree[c].name) { return true }
            current = tree.following(c, within: id)
        }
        return false
    }

    static func wordCount(_ s: String) -> Int { s.split(whereSeparator: { $0.isWhitespace }).count }

    static func tokens(_ s: String) -> [String] {
        s.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
    }

    static func similarity(_ a: String, _ b: String) -> Double {
        let ta = tokens(a), tb = tokens(b)
        guard !ta.isEmpty, !tb.isEmpty else { return 0 }
        let setA = Set(ta)
        let unique = tb.filter { !setA.contains($0) }
        return 1 - Double(unique.joined(separator: " ").count) / Double(tb.joined(separator: " ").count)
    }

    func headerDuplicatesTitle(_ id: Int) -> Bool {
        let name = tree[id].name
        guard name == "h1" || name == "h2", !articleTitle.isEmpty else { return false }
        return Self.similarity(articleTitle, tree.innerText(id)) > 0.75
    }

    // MARK: - Document preparation

    /// Turns runs of two or more `<br>` into paragraph breaks (Readability's `replaceBrs`).
    mutating func prepareDocument() {
        // Presentational <font> behaves as <span>.
        for id in tree.elements(named: ["font"], under: tree.root) { tree[id].name = "span" }
        guard let body = tree.firstElement(named: "body") else { return }
        for br in tree.elements(named: ["br"], under: body) where tree[br].parent >= 0 {
            var next = skipWhitespaceText(tree[br].next)
            var replaced = false
            while let n = next, tree.isElement(n, "br") {
                replaced = true
                let sibling = tree[n].next
                tree.detach(n)
                next = skipWhitespaceText(sibling)
            }
            guard replaced else { continue }
            let p = tree.create(.element, name: "p")
            tree.replace(br, with: p)
            var cursor = tree[p].next
            while cursor >= 0 {
                if tree.isElement(cursor, "br"), let after = skipWhitespaceText(tree[cursor].next), tree.isElement(after, "br") { break }
                if !isPhrasing(cursor) { break }
                let sibling = tree[cursor].next
                tree.appendChild(cursor, to: p)
                cursor = sibling
            }
            while tree[p].lastChild >= 0 && isWhitespace(tree[p].lastChild) { tree.detach(tree[p].lastChild) }
            let parent = tree[p].parent
            if parent >= 0 && tree.isElement(parent, "p") { tree[parent].name = "div" }
        }
    }

    private func skipWhitespaceText(_ id: Int) -> Int? {
        var current = id
        while current >= 0 && !tree[current].isElement && tree[current].text.unicodeScalars.allSatisfy(\.isJSWhitespace) {
            current = tree[current].next
        }
        return current >= 0 ? current : nil
    }

    // MARK: - Scoring

    mutating func initialize(_ id: Int) {
        var score = 0.0
        switch tree[id].name {
        case "div": score += 5
        case "pre", "td", "blockquote": score += 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score -= 3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score -= 5
        default: break
        }
        scores[id] = score + classWeight(id)
    }

    mutating func grabArticle() -> Int? {
        guard let html = tree.firstElement(named: "html") ?? firstElementChild(tree.root) else { return nil }
        guard let page = tree.firstElement(named: "body") else { return nil }
        var toScore: [Int] = []
        var shouldRemoveTitleHeader = true
        var current: Int? = html
        while let node = current {
            let name = tree[node].name
            let match = matchString(node)
            if !isProbablyVisible(node) { current = removeAndNext(node); continue }
            if tree[node].attributes["aria-modal"] == "true" && tree[node].attributes["role"] == "dialog" {
                current = removeAndNext(node); continue
            }
            if byline == nil, isByline(node, match) { current = removeAndNext(node); continue }
            if shouldRemoveTitleHeader && headerDuplicatesTitle(node) {
                shouldRemoveTitleHeader = false
                current = removeAndNext(node); continue
            }
            if flags.contains(.stripUnlikely) {
                if HintWords.matches(match, HintWords.unlikelyBytes) && !HintWords.matches(match, HintWords.maybeCandidateBytes)
                    && !tree.hasAncestor(node, named: "table") && !tree.hasAncestor(node, named: "code")
                    && name != "body" && name != "a" {
                    current = removeAndNext(node); continue
                }
                if let role = tree[node].attributes["role"], HintWords.unlikelyRoles.contains(role) {
                    current = removeAndNext(node); continue
                }
            }
            if ["div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6"].contains(name) && isElementWithoutContent(node) {
                current = removeAndNext(node); continue
            }
            var node = node
            if Self.tagsToScore.contains(name) { toScore.append(node) }
            if name == "div" {
                wrapPhrasingRuns(in: node)
                let kids = tree.elementChildren(node)
                if hasSingleTag(node, "p") && tree.linkDensity(node) < 0.25 {
                    let child = kids[0]
                    tree.replace(node, with: child)
                    node = child
                    toScore.append(node)
                } else if !hasChildBlockElement(node) {
                    tree[node].name = "p"
                    toScore.append(node)
                }
            }
            current = nextNode(node)
        }

        var candidates: [Int] = []
        for element in toScore {
            let parent = tree[element].parent
            guard parent >= 0, tree[parent].isElement else { continue }
            let measure = tree.measure(element)
            if measure.length < 25 { continue }
            let chain = tree.ancestors(element, maxDepth: 5)
            if chain.isEmpty { continue }
            let contentScore = 1.0 + Double(measure.commas + 1) + Double(min(measure.length / 100, 3))
            for (level, ancestor) in chain.enumerated() {
                guard tree[ancestor].isElement, tree[ancestor].parent >= 0, tree[tree[ancestor].parent].isElement else { continue }
                if scores[ancestor] == nil { initialize(ancestor); candidates.append(ancestor) }
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                scores[ancestor]! += contentScore / divider
            }
        }

        var top: [Int] = []
        for candidate in candidates {
            let score = scores[candidate]! * (1 - tree.linkDensity(candidate))
            scores[candidate] = score
            if let index = top.firstIndex(where: { score > scores[$0]! }) {
                top.insert(candidate, at: index)
                if top.count > Self.topCandidateCount { top.removeLast() }
            } else if top.count < Self.topCandidateCount {
                top.append(candidate)
            }
        }

        var topCandidate: Int
        var createdTopCandidate = false
        if top.isEmpty || tree[top[0]].name == "body" {
            topCandidate = tree.create(.element, name: "div")
            createdTopCandidate = true
            for child in tree.children(page) { tree.appendChild(child, to: topCandidate) }
            tree.appendChild(topCandidate, to: page)
            initialize(topCandidate)
        } else {
            topCandidate = top[0]
            // When several strong candidates share an ancestor, the article is probably that ancestor.
            let alternatives = top.dropFirst().filter { scores[$0]! / scores[topCandidate]! >= 0.75 }.map { Set(tree.ancestors($0)) }
            if alternatives.count >= 3 {
                var parent = tree[topCandidate].parent
                while parent >= 0 && tree[parent].name != "body" {
                    if alternatives.filter({ $0.contains(parent) }).count >= 3 { topCandidate = parent; break }
                    parent = tree[parent].parent
                }
            }
            if scores[topCandidate] == nil { initialize(topCandidate) }
            // Climb while a parent scores higher: the text may be split across sibling blocks.
            var parent = tree[topCandidate].parent
            var lastScore = scores[topCandidate]!
            let threshold = lastScore / 3
            while parent >= 0 && tree[parent].isElement && tree[parent].name != "body" {
                guard let parentScore = scores[parent] else { parent = tree[parent].parent; continue }
                if parentScore < threshold { break }
                if parentScore > lastScore { topCandidate = parent; break }
                lastScore = parentScore
                parent = tree[parent].parent
            }
            // A lone child adds nothing; its parent is the same article with its wrapper.
            parent = tree[topCandidate].parent
            while parent >= 0 && tree[parent].isElement && tree[parent].name != "body" && tree.elementChildren(parent).count == 1 {
                topCandidate = parent
                parent = tree[topCandidate].parent
            }
            if scores[topCandidate] == nil { initialize(topCandidate) }
        }

        let article = tree.create(.element, name: "div")
        let topScore = scores[topCandidate] ?? 0
        let siblingThreshold = max(10, topScore * 0.2)
        let parent = tree[topCandidate].parent
        let siblings = parent >= 0 ? tree.elementChildren(parent) : [topCandidate]
        let topClass = tree[topCandidate].attributes["class"] ?? ""
        for sibling in siblings {
            var append = sibling == topCandidate
            if !append {
                var bonus = 0.0
                if !topClass.isEmpty && tree[sibling].attributes["class"] == topClass { bonus += topScore * 0.2 }
                if let score = scores[sibling], score + bonus >= siblingThreshold {
                    append = true
                } else if tree[sibling].name == "p" {
                    let density = tree.linkDensity(sibling)
                    let text = tree.innerText(sibling)
                    let length = text.utf16.count
                    if length > 80 && density < 0.25 {
                        append = true
                    } else if length < 80 && length > 0 && density == 0 && (text.contains(". ") || text.hasSuffix(".")) {
                        append = true
                    }
                }
            }
            if append {
                if !Self.keepAsIs.contains(tree[sibling].name) { tree[sibling].name = "div" }
                tree.appendChild(sibling, to: article)
            }
        }
        if createdTopCandidate && tree[article].firstChild < 0 { tree.appendChild(topCandidate, to: article) }
        prepareArticle(article)
        return article
    }

    mutating func wrapPhrasingRuns(in div: Int) {
        var p: Int? = nil
        var child = tree[div].firstChild
        while child >= 0 {
            let next = tree[child].next
            if isPhrasing(child) {
                if let p {
                    tree.appendChild(child, to: p)
                } else if !isWhitespace(child) {
                    let newP = tree.create(.element, name: "p")
                    tree.replace(child, with: newP)
                    tree.appendChild(child, to: newP)
                    p = newP
                }
            } else if let open = p {
                while tree[open].lastChild >= 0 && isWhitespace(tree[open].lastChild) { tree.detach(tree[open].lastChild) }
                p = nil
            }
            child = next
        }
    }

    mutating func isByline(_ id: Int, _ match: [UInt8]) -> Bool {
        let attrs = tree[id].attributes
        let isAuthorish = attrs["rel"] == "author" || HintWords.contains(HintWords.lowered(attrs["itemprop"] ?? ""), Array("author".utf8)) || HintWords.matches(match, HintWords.bylineBytes)
        guard isAuthorish else { return false }
        let text = tree.innerText(id)
        guard !text.isEmpty, text.count < 100 else { return false }
        byline = text
        return true
    }

    // MARK: - Cleaning the article

    mutating func prepareArticle(_ article: Int) {
        markDataTables(article)
        cleanConditionally(article, "form")
        cleanConditionally(article, "fieldset")
        for tag in ["object", "embed", "footer", "link", "aside"] { clean(article, tag) }
        // Small blocks named "share" inside the article are share bars.
        for child in tree.elementChildren(article) {
            var current = nextNode(child)
            let end = nextNode(child, skippingChildren: true)
            while let node = current, node != end {
                if HintWords.hasShareWord(matchString(node)) && tree.textContent(node).utf16.count < Self.charThreshold {
                    current = removeAndNext(node)
                } else {
                    current = nextNode(node)
                }
            }
        }
        for tag in ["iframe", "input", "textarea", "select", "button"] { clean(article, tag) }
        for heading in tree.elements(named: ["h1", "h2"], under: article) where classWeight(heading) < 0 {
            tree.detach(heading)
        }
        cleanConditionally(article, "table")
        cleanConditionally(article, "ul")
        cleanConditionally(article, "div")
        for h1 in tree.elements(named: ["h1"], under: article) { tree[h1].name = "h2" }
        for p in tree.elements(named: ["p"], under: article).reversed() {
            let media = tree.elements(named: ["img", "embed", "object", "iframe"], under: p).count
            if media == 0 && !hasTextContent(p) { tree.detach(p) }
        }
        // Single-cell tables are layout, not data.
        for table in tree.elements(named: ["table"], under: article) {
            guard let tbody = hasSingleTag(table, "tbody") ? firstElementChild(table) : Optional(table),
                  hasSingleTag(tbody, "tr"), let row = firstElementChild(tbody), hasSingleTag(row, "td"),
                  let cell = firstElementChild(row) else { continue }
            tree[cell].name = tree.children(cell).allSatisfy(isPhrasing) ? "p" : "div"
            tree.replace(table, with: cell)
        }
    }

    func isVideoEmbed(_ id: Int) -> Bool {
        tree[id].attributes.values.contains { value in HintWords.videoHosts.contains { value.contains($0) } }
    }

    mutating func clean(_ root: Int, _ tag: String) {
        let isEmbed = ["object", "embed", "iframe"].contains(tag)
        for id in tree.elements(named: [tag], under: root).reversed() {
            if isEmbed && isVideoEmbed(id) { continue }
            tree.detach(id)
        }
    }

    mutating func markDataTables(_ root: Int) {
        for table in tree.elements(named: ["table"], under: root) {
            let attrs = tree[table].attributes
            if attrs["role"] == "presentation" { continue }
            if attrs["datatable"] == "0" { continue }
            if attrs["summary"] != nil { dataTables.insert(table); continue }
            if let caption = tree.firstElement(named: "caption", under: table), tree[caption].firstChild >= 0 {
                dataTables.insert(table); continue
            }
            if !tree.elements(named: ["col", "colgroup", "tfoot", "thead", "th"], under: table).isEmpty {
                dataTables.insert(table); continue
            }
            if tree.firstElement(named: "table", under: table) != nil { continue }
            var rows = 0, columns = 0
            for tr in tree.elements(named: ["tr"], under: table) {
                rows += Int(tree[tr].attributes["rowspan"] ?? "") ?? 1
                var inRow = 0
                for td in tree.elements(named: ["td"], under: tr) { inRow += Int(tree[td].attributes["colspan"] ?? "") ?? 1 }
                columns = max(columns, inRow)
            }
            if rows >= 10 || columns > 4 || rows * columns > 10 { dataTables.insert(table) }
        }
    }

    func textDensity(_ id: Int, _ tags: [String]) -> Double {
        let total = tree.innerLength(id)
        guard total > 0 else { return 0 }
        let inside = tree.elements(named: tags, under: id).reduce(0) { $0 + tree.innerLength($1) }
        return Double(inside) / Double(total)
    }

    mutating func cleanConditionally(_ root: Int, _ tag: String) {
        guard flags.contains(.cleanConditionally) else { return }
        for node in tree.elements(named: [tag], under: root).reversed() where tree[node].parent >= 0 {
            if shouldRemove(node, tag) { tree.detach(node) }
        }
    }

    func shouldRemove(_ node: Int, _ tag: String) -> Bool {
        var isList = tag == "ul" || tag == "ol"
        let measure = tree.measure(node)
        if !isList {
            let listLength = tree.elements(named: ["ul", "ol"], under: node).reduce(0) { $0 + tree.innerLength($1) }
            isList = measure.length > 0 && Double(listLength) / Double(measure.length) > 0.9
        }
        if tag == "table" && dataTables.contains(node) { return false }
        if tree.hasAncestor(node, named: "table", maxDepth: -1, where: { dataTables.contains($0) }) { return false }
        if tree.hasAncestor(node, named: "code") { return false }
        if tree.elements(named: ["table"], under: node).contains(where: { dataTables.contains($0) }) { return false }
        let weight = classWeight(node)
        if weight < 0 { return true }
        guard measure.commas < 10 else { return false }

        let p = Double(tree.elements(named: ["p"], under: node).count)
        let img = Double(tree.elements(named: ["img"], under: node).count)
        let li = Double(tree.elements(named: ["li"], under: node).count) - 100
        let input = Double(tree.elements(named: ["input"], under: node).count)
        let headingDensity = textDensity(node, Self.headings)
        var embeds = 0
        for embed in tree.elements(named: ["object", "embed", "iframe"], under: node) {
            if isVideoEmbed(embed) { return false }
            embeds += 1
        }
        let text = tree.innerText(node)
        let lowered = text.lowercased()
        if HintWords.adWords.contains(lowered) { return true }
        var loading = lowered
        if loading.hasSuffix("...") { loading.removeLast(3) } else if loading.hasSuffix("…") { loading.removeLast() }
        if HintWords.loadingWords.contains(loading) { return true }
        let contentLength = Double(measure.length)
        let linkDensity = tree.linkDensity(node)
        let textDensity = textDensity(node, ["span", "li", "td"] + Self.blockElements)
        let isFigureChild = tree.hasAncestor(node, named: "figure")

        var remove = false
        if !isFigureChild && img > 1 && p / img < 0.5 { remove = true }
        if !isList && li > p { remove = true }
        if input > (p / 3).rounded(.down) { remove = true }
        if !isList && !isFigureChild && headingDensity < 0.9 && contentLength < 25 && (img == 0 || img > 2) && linkDensity > 0 { remove = true }
        if !isList && weight < 25 && linkDensity > 0.2 { remove = true }
        if weight >= 25 && linkDensity > 0.5 { remove = true }
        if (embeds == 1 && contentLength < 75) || embeds > 1 { remove = true }
        if img == 0 && textDensity == 0 { remove = true }

        // A plain list of images stays.
        if isList && remove {
            for child in tree.elementChildren(node) where tree.elementChildren(child).count > 1 { return remove }
            if Int(img) == tree.elements(named: ["li"], under: node).count { return false }
        }
        return remove
    }
}


/// Content scores by node id; an array, since hashing ids showed up in profiles.
struct ScoreTable {
    private var values: [Double] = []

    subscript(id: Int) -> Double? {
        get { id < values.count && !values[id].isNaN ? values[id] : nil }
        set {
            if id >= values.count { values.append(contentsOf: repeatElement(.nan, count: id - values.count + 1)) }
            values[id] = newValue ?? .nan
        }
    }
}
