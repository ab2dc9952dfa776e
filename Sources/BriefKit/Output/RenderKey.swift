import Foundation

/// What a brief's files on a date are a function of, as one SHA-256: the
/// program (`ParseCache.programIdentity`, the running executable), each
/// renderer's fingerprint, the brief itself (its JSON snapshot), the
/// previous date's snapshot the changes are computed from, and with it the
/// ids of the quotes the brief's lists were ranked from (whether a quote
/// that left a list was outranked depends on them). Rendering is a
/// pure function of these, so files stored under an equal key are what
/// rendering again would give: `daily` reuses them rather than re-render
/// every brief when one data file changed.
public enum RenderKey {
    public static func of(brief json: String, previous: Data?, renderers: [any Renderer], quotePools: QuotePools? = nil,
                          program: [UInt8] = ParseCache.programIdentity) -> String {
        var hasher = SHA256()
        hasher.update(program)
        hasher.update(renderers: renderers)
        if let previous {
            hasher.update(field: "previous \(previous.count)")
            previous.withUnsafeBytes { hasher.update($0) }
            // Why a quote left a list depends on whether it is still in the
            // pool, which the snapshots do not hold.
            if let quotePools {
                for (name, pool) in [("key quotes", quotePools.key), ("reported statements", quotePools.reported)] {
                    hasher.update(field: "\(name) \(pool.count)")
                    for id in pool.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { hasher.update(field: id) }
                }
            }
        } else {
            hasher.update(field: "no previous date")
        }
        hasher.update(field: json)
        return SHA256.hex(hasher.finish())
    }
}

extension SHA256 {
    /// The formats and each one's fingerprint (its template files), in order.
    mutating func update(renderers: [any Renderer]) {
        update(field: "\(renderers.count) formats")
        for renderer in renderers {
            update(field: renderer.format.name)
            update(field: renderer.fingerprint)
        }
    }
}
