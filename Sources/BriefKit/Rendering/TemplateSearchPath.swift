import Foundation

/// Where templates are looked up, file by file, first match wins:
/// `--templates DIR`, then `./Templates`, then the copy built into the
/// program. A desk restyles one piece by overriding one file.
public struct TemplateSearchPath: Sendable, Hashable {
    public enum Layer: Sendable, Hashable {
        case folder(String)
        case builtIn
    }

    public var layers: [Layer]

    public init(layers: [Layer]) {
        self.layers = layers
    }

    /// `--templates DIR` (must exist), then `./Templates` where there is one, then the built-in copy.
    public static func standard(templates: String?, workingDirectory: String = FileManager.default.currentDirectoryPath) throws(MissingInput) -> TemplateSearchPath {
        var layers: [Layer] = []
        if let templates {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: templates, isDirectory: &isFolder), isFolder.boolValue else {
                throw MissingInput(path: templates, what: "templates folder")
            }
            layers.append(.folder(templates))
        }
        let local = InputPaths.join(workingDirectory, "Templates")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: local, isDirectory: &isFolder), isFolder.boolValue, local != templates {
            layers.append(.folder("Templates"))
        }
        layers.append(.builtIn)
        return TemplateSearchPath(layers: layers)
    }

    /// A template or manifest file as found: its text and the path to show in messages.
    public struct File: Sendable, Hashable {
        public var name: String
        public var text: String
        public var path: String
        /// Shipped in the program (`BuiltInTemplates`), not read from a folder.
        public var isBuiltIn = false
    }

    /// The names of the format folders that hold a `format.yaml`, in any layer.
    public func formatNames() -> [String] {
        var names = Set<String>()
        for layer in layers {
            switch layer {
            case .builtIn:
                for key in BuiltInTemplates.files.keys where key.hasSuffix("/format.yaml") {
                    names.insert(String(key.dropLast("/format.yaml".count)))
                }
            case let .folder(folder):
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                    if FileManager.default.fileExists(atPath: InputPaths.join(InputPaths.join(folder, name), "format.yaml")) {
                        names.insert(name)
                    }
                }
            }
        }
        return names.sorted()
    }

    /// Every file of a format folder (`brief.mustache`, partials, `format.yaml`),
    /// keyed by its path inside the folder; earlier layers win.
    public func files(of format: String) -> [String: File] {
        var problems: [Diagnostic] = []
        return files(of: format, problems: &problems)
    }

    /// The same, with what could not be read as it is: a file that cannot be
    /// read, or that is not UTF-8, would otherwise change every brief in
    /// silence (the built-in file laid out instead, or "�" in the text).
    func files(of format: String, problems: inout [Diagnostic]) -> [String: File] {
        var result: [String: File] = [:]
        for layer in layers.reversed() {
            switch layer {
            case .builtIn:
                let prefix = format + "/"
                for (key, text) in BuiltInTemplates.files where key.hasPrefix(prefix) {
                    let name = String(key.dropFirst(prefix.count))
                    result[name] = File(name: name, text: text, path: "<built-in>/Templates/" + key, isBuiltIn: true)
                }
            case let .folder(folder):
                let root = InputPaths.join(folder, format)
                guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
                while let relative = walker.nextObject() as? String {
                    guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
                    let path = InputPaths.join(root, relative)
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                    guard let data = FileManager.default.contents(atPath: path) else {
                        problems.append(.error(SourceLocation(file: path, line: 1, column: 1), "cannot read the template file"))
                        continue
                    }
                    let bytes = [UInt8](data)
                    if let bad = Self.firstInvalidUTF8(in: bytes) {
                        problems.append(.error(Self.location(of: bad, in: bytes, path: path),
                                               "the template is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save it as UTF-8"))
                        continue
                    }
                    result[relative] = File(name: relative, text: String(decoding: bytes, as: UTF8.self), path: path)
                }
            }
        }
        return result
    }

    /// Format folders in the desk's layers that hold templates but are not
    /// formats: without a `format.yaml` (in any layer) the templates would be
    /// passed over, and `json` is the snapshot, which templates do not lay out.
    func foldersThatAreNotFormats(formats: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for layer in layers {
            guard case let .folder(folder) = layer else { continue }
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where !name.hasPrefix(".") {
                let root = InputPaths.join(folder, name)
                guard name == "json" || !formats.contains(name),
                      let templates = try? FileManager.default.contentsOfDirectory(atPath: root),
                      let first = templates.filter({ $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }).sorted().first else { continue }
                let place = SourceLocation(file: InputPaths.join(root, first), line: 1, column: 1)
                if name == "json" {
                    problems.append(.error(place, "format 'json' is the brief's snapshot, written by the program: templates cannot lay it out; give the folder another name to make a format of its own"))
                } else {
                    problems.append(.error(place, "folder '\(name)' holds templates but no format.yaml: add one (extension, mediaType, escaping) to make it a format"))
                }
            }
        }
        return problems
    }

    /// Where the first byte that is not part of valid UTF-8 stands, or nil.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            // The character that goes wrong is named by its first byte (a
            // Latin-1 "è" is 0xE8, whatever follows it).
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            // Overlong forms, surrogates and values past U+10FFFF.
            let second = bytes[index + 1]
            if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
                || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F) { return index }
            index += length
        }
        return nil
    }

    /// The line and column (in characters) of byte `offset`.
    static func location(of offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1, column = 1
        var index = 0
        while index < offset {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceLocation(file: path, line: line, column: column)
    }
}
