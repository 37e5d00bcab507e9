import Foundation

/// Canonical form of an article link, so that one story has one URL whichever feed or campaign
/// linked it: lowercase scheme and host, no default port, no fragment, no tracking parameters.
public enum CanonicalURL {
    /// Query parameters that only track the click. `utm_*` is matched by prefix.
    static let tracking: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wt_mc", "wt.mc_id",
        "ocid", "cmpid", "s_cid", "icid", "ncid", "sr_share", "ref_src", "ref_url", "__twitter_impression",
        "rss", "rss_source", "spm", "share", "utm",
    ]

    public static func canonicalize(_ link: String) -> String? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, var components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else {
            return trimmed.isEmpty ? nil : trimmed
        }
        components.scheme = scheme
        components.host = host.lowercased()
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        components.fragment = nil
        if components.path.isEmpty { components.path = "/" }
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !(name.hasPrefix("utm_") || tracking.contains(name))
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string ?? trimmed
    }
}
