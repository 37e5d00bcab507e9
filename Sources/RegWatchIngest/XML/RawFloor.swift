import CLibXML2

/// The cost floor of XML parsing for the parser benchmark: libxml2 reading a document into a tree and a walk
/// over every node, with nothing built from it. Our full parse is measured against this.
public enum RawLibXML2Floor {
    /// The feed parser's options, less `IGNORE_ENC`: here libxml2 does its own encoding conversion.
    static let floorOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_RECOVER.rawValue
        | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// Parses `bytes` with `xmlReadMemory` (same safety options as the feed parser) and counts the nodes and text
    /// bytes of the tree; returns the count so the work cannot be optimised away.
    public static func readAndWalk(_ bytes: [UInt8]) -> Int {
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(clamping: buf.count), nil, nil, floorOptions)
                }
            }
        }
        guard let doc else { return 0 }
        defer { xmlFreeDoc(doc) }
        var count = 0
        // Iterative pre-order walk: first child, else next sibling, else climb.
        var node = xmlDocGetRootElement(doc)
        while let n = node {
            count += 1
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE, let c = n.pointee.content {
                var p = c
                while p.pointee != 0 { count &+= 1; p += 1 }
            }
            if let child = n.pointee.children, n.pointee.type == XML_ELEMENT_NODE {
                node = child
                continue
            }
            var cur: xmlNodePtr? = n
            node = nil
            while let c = cur {
                if let next = c.pointee.next { node = next; break }
                cur = c.pointee.parent
                if cur?.pointee.type == XML_DOCUMENT_NODE { cur = nil }
            }
        }
        return count
    }
}
