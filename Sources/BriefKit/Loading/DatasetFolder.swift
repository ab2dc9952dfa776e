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
        /// The size in bytes of each of `yaml` that could be examined.
        var sizes: [String: Int] = [:]
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
                var status = stat()
                guard stat(path, &status) == 0 else {
                    if name.hasSuffix(".yaml") { listing.yaml.append(path) }
                    continue
                }
                if status.st_mode & S_IFMT == S_IFDIR {
                    guard recursive else { continue }
                    if let identity = FolderIdentity(of: path), !read.insert(identity).inserted {
                        listing.problems.append(.warning(SourceLocation(file: path, line: 1, column: 1),
                            "not read: a link to a folder that is already read"))
                        continue
                    }
                    folders.append(path)
                } else if name.hasSuffix(".yaml") {
                    listing.yaml.append(path)
                    listing.sizes[path] = Int(status.st_size)
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

    /// The file's bytes, read straight into the array (reading a `Data`
    /// first copied every byte of the dataset twice); an error, and no
    /// bytes, when it cannot be opened or read, or is a folder.
    static func bytes(of path: String, into diagnostics: inout [Diagnostic]) -> [UInt8] {
        guard let bytes = contents(of: path) else {
            diagnostics.append(.error(SourceLocation(file: path, line: 1, column: 1), "cannot read the file"))
            return []
        }
        return bytes
    }

    /// The bytes of the file at `path`; nil if it cannot be read. `size`
    /// stands in for the size the system gives (tests: a file that grew).
    static func contents(of path: String, size: Int? = nil) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return nil }
        // One byte more than the size, so that the end is seen without a
        // second buffer; a file that grew since is read to its end.
        let expected = max(size ?? Int(status.st_size), 0) + 1
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let got = read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if got == 0 { return }
                initialized += got
            }
        }
        guard !failed else { return nil }
        if bytes.count == expected {
            var piece = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let got = piece.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if got < 0 {
                    if errno == EINTR { continue }
                    return nil
                }
                if got == 0 { break }
                bytes += piece[..<got]
            }
        }
        return bytes
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
