import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds the YAML files of a folder, in a fixed order.
enum DatasetFolder {
    struct Listing {
        var yaml: [String] = []
        /// `.yml` files: probably meant to be read, so worth a warning.
        var ignored: [String] = []
        /// Folders that could not be listed (errors: their files would be
        /// missing from every brief without a word) and links to folders
        /// already read (warnings: reading them again would read every file
        /// twice, or forever when the link leads back up).
        var problems: [Diagnostic] = []
    }

    /// The names in a folder, or nil when it cannot be listed.
    typealias Lister = (_ folder: String) -> [String]?

    static func names(in folder: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: folder)
    }

    /// The `*.yaml` files under `folder` (sub-folders too when `recursive`),
    /// sorted byte-wise by path; hidden files and folders are skipped. Links
    /// are followed, each folder read once: a link to a folder already read
    /// (a link back up makes a circle) is not followed, with a warning. A
    /// `.yaml` name that leads nowhere (a broken link) is listed, so that
    /// reading it reports it.
    static func files(in folder: String, recursive: Bool, list: Lister = names(in:)) throws(MissingInput) -> Listing {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw MissingInput(path: folder, what: "folder")
        }
        var listing = Listing()
        var read = Set<FolderIdentity>()
        if let identity = FolderIdentity(of: folder) { read.insert(identity) }
        // Depth first, each folder's names in byte order: which of two links
        // to one folder is read does not depend on the order the system lists them.
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = list(current) else {
                listing.problems.append(.error(SourceLocation(file: current, line: 1, column: 1), "cannot read the folder: its files are not read"))
                continue
            }
            var folders: [String] = []
            for name in names.sorted(by: byteOrder) where !name.hasPrefix(".") {
                let path = InputPaths.join(current, name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    if name.hasSuffix(".yaml") { listing.yaml.append(path) }
                    continue
                }
                if isDirectory.boolValue {
                    guard recursive else { continue }
                    if let identity = FolderIdentity(of: path), !read.insert(identity).inserted {
                        listing.problems.append(.warning(SourceLocation(file: path, line: 1, column: 1),
                            "not read: a link to a folder that is already read"))
                        continue
                    }
                    folders.append(path)
                } else if name.hasSuffix(".yaml") {
                    listing.yaml.append(path)
                } else if name.hasSuffix(".yml") {
                    listing.ignored.append(path)
                }
            }
            pending += folders.reversed()
        }
        listing.yaml.sort(by: byteOrder)
        listing.ignored.sort(by: byteOrder)
        return listing
    }

    private static func byteOrder(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
    }

    static func bytes(of path: String, into diagnostics: inout [Diagnostic]) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error(SourceLocation(file: path, line: 1, column: 1), "cannot read the file"))
            return []
        }
        return [UInt8](data)
    }
}

/// A folder as the file system knows it, whatever path or link leads to it.
private struct FolderIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init?(of path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
