import Foundation

/// Finds the YAML files of a folder, in a fixed order.
enum DatasetFolder {
    struct Listing {
        var yaml: [String] = []
        /// `.yml` files: probably meant to be read, so worth a warning.
        var ignored: [String] = []
    }

    /// The `*.yaml` files under `folder` (sub-folders too when `recursive`),
    /// sorted byte-wise by path; hidden files and folders are skipped.
    static func files(in folder: String, recursive: Bool) throws(MissingInput) -> Listing {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw MissingInput(path: folder, what: "folder")
        }
        var listing = Listing()
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names where !name.hasPrefix(".") {
                let path = InputPaths.join(current, name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if recursive { pending.append(path) }
                } else if name.hasSuffix(".yaml") {
                    listing.yaml.append(path)
                } else if name.hasSuffix(".yml") {
                    listing.ignored.append(path)
                }
            }
        }
        let byteOrder: (String, String) -> Bool = { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        listing.yaml.sort(by: byteOrder)
        listing.ignored.sort(by: byteOrder)
        return listing
    }

    static func bytes(of path: String, into diagnostics: inout [Diagnostic]) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error(SourceLocation(file: path, line: 1, column: 1), "cannot read the file"))
            return []
        }
        return [UInt8](data)
    }
}
