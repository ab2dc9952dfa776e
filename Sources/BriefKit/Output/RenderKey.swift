import Foundation

/// What a brief's files on a date are a function of, as one SHA-256: the
/// program (`ParseCache.programIdentity`, the running executable), each
/// renderer's fingerprint, the brief itself (its JSON snapshot) and the
/// previous date's snapshot the changes are computed from. Rendering is a
/// pure function of these, so files stored under an equal key are what
/// rendering again would give: `daily` reuses them rather than re-render
/// every brief when one data file changed.
public enum RenderKey {
    public static func of(brief json: String, previous: Data?, renderers: [any Renderer],
                          program: [UInt8] = ParseCache.programIdentity) -> String {
        var hasher = SHA256()
        hasher.update(program)
        hasher.update(field: "\(renderers.count) formats")
        for renderer in renderers {
            hasher.update(field: renderer.format.name)
            hasher.update(field: renderer.fingerprint)
        }
        if let previous {
            hasher.update(field: "previous \(previous.count)")
            previous.withUnsafeBytes { hasher.update($0) }
        } else {
            hasher.update(field: "no previous date")
        }
        hasher.update(field: json)
        return SHA256.hex(hasher.finish())
    }
}
