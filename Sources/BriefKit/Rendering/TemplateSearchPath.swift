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
        var result: [String: File] = [:]
        for layer in layers.reversed() {
            switch layer {
            case .builtIn:
                let prefix = format + "/"
                for (key, text) in BuiltInTemplates.files where key.hasPrefix(prefix) {
                    let name = String(key.dropFirst(prefix.count))
                    result[name] = File(name: name, text: text, path: "<built-in>/Templates/" + key)
                }
            case let .folder(folder):
                let root = InputPaths.join(folder, format)
                guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
                while let relative = walker.nextObject() as? String {
                    guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
                    let path = InputPaths.join(root, relative)
                    var isFolder: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                          let data = FileManager.default.contents(atPath: path) else { continue }
                    result[relative] = File(name: relative, text: String(decoding: data, as: UTF8.self), path: path)
                }
            }
        }
        return result
    }
}
