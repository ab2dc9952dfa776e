import Foundation
import Synchronization

/// Everything a run reads: the dataset, the brief definitions, and every
/// problem found in them, sorted. Loading never stops at the first problem.
public struct Inputs: Sendable {
    public var dataset: Dataset
    public var definitions: [BriefDefinition]
    public var diagnostics: [Diagnostic]
    /// How many dataset files were read.
    public var fileCount: Int

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}

/// A folder or file the command was pointed at does not exist (exit 66).
public struct MissingInput: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var what: String

    public var description: String { "\(path): error: no such \(what)" }
}

/// Where the inputs are: `--briefs` (default `./Briefs`) and `--data`
/// (default `<briefs>/data`).
public struct InputPaths: Sendable, Hashable {
    public var briefs: String
    public var data: String

    public init(briefs: String? = nil, data: String? = nil) {
        let briefs = briefs ?? "Briefs"
        self.briefs = briefs
        self.data = data ?? InputPaths.join(briefs, "data")
    }

    public static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

public enum InputLoader {
    /// The built-in formats, known before any template folder is read.
    public static let builtInFormats = Set(BriefDefinition.builtInFormats)

    /// Loads and validates the dataset and every brief definition.
    public static func load(_ paths: InputPaths, knownFormats: Set<String> = builtInFormats) throws(MissingInput) -> Inputs {
        let dataFiles = try DatasetFolder.files(in: paths.data, recursive: true)
        let briefFiles = try DatasetFolder.files(in: paths.briefs, recursive: false)

        var diagnostics = (dataFiles.ignored + briefFiles.ignored).map {
            Diagnostic.warning(SourceLocation(file: $0, line: 1, column: 1), "not read: dataset files end in '.yaml'")
        }
        let (dataset, declared, loadedUses, datasetDiagnostics) = loadDataset(files: dataFiles.yaml)
        var uses = loadedUses
        diagnostics += datasetDiagnostics

        var definitions: [BriefDefinition] = []
        for path in briefFiles.yaml {
            let id = String(path.split(separator: "/").last!.dropLast(".yaml".count))
            let (definition, problems, definitionUses) = BriefDefinitionFile.read(bytes: DatasetFolder.bytes(of: path, into: &diagnostics), path: path, id: id)
            diagnostics += problems
            uses += definitionUses
            if let definition { definitions.append(definition) }
        }
        diagnostics += DatasetValidator.validate(dataset, declared: declared, uses: uses, definitions: definitions, knownFormats: knownFormats)
        return Inputs(dataset: dataset, definitions: definitions, diagnostics: diagnostics.sorted(), fileCount: dataFiles.yaml.count)
    }

    /// Reads the files (in parallel) and merges them with the shipped vocabulary.
    static func loadDataset(files: [String]) -> (Dataset, [DeclaredID], [ReferenceUse], [Diagnostic]) {
        let results = Mutex<[DatasetFile?]>(Array(repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            var readProblems: [Diagnostic] = []
            let bytes = DatasetFolder.bytes(of: files[index], into: &readProblems)
            var file = DatasetFile.read(bytes: bytes, path: files[index])
            file.diagnostics += readProblems
            results.withLock { $0[index] = file }
        }
        // Taken out of the lock, so that merging can free each file as it goes.
        var contents = [ShippedVocabulary.file]
        contents.reserveCapacity(files.count + 1)
        results.withLock { read in
            for index in read.indices {
                if let file = read[index].take() { contents.append(file) }
            }
        }
        return merge(&contents)
    }

    /// Merges files read apart, in path order: the result does not depend on
    /// the order the folder listed them in. Each file is emptied once merged,
    /// so that its records are not held twice while the others are merged.
    static func merge(_ files: inout [DatasetFile]) -> (Dataset, [DeclaredID], [ReferenceUse], [Diagnostic]) {
        var dataset = Dataset()
        var declared: [DeclaredID] = []
        var uses: [ReferenceUse] = []
        var diagnostics: [Diagnostic] = []
        dataset.actors.reserveCapacity(files.reduce(0) { $0 + $1.actors.count })
        dataset.sources.reserveCapacity(files.reduce(0) { $0 + $1.sources.count })
        dataset.events.reserveCapacity(files.reduce(0) { $0 + $1.events.count })
        dataset.quotes.reserveCapacity(files.reduce(0) { $0 + $1.quotes.count })
        dataset.commitments.reserveCapacity(files.reduce(0) { $0 + $1.commitments.count })
        dataset.updates.reserveCapacity(files.reduce(0) { $0 + $1.updates.count })
        declared.reserveCapacity(files.reduce(0) { $0 + $1.declared.count })
        uses.reserveCapacity(files.reduce(0) { $0 + $1.uses.count })
        for index in files.indices {
            var file = DatasetFile(path: files[index].path)
            swap(&file, &files[index])
            dataset.actors += file.actors
            dataset.sources += file.sources
            dataset.events += file.events
            dataset.quotes += file.quotes
            dataset.commitments += file.commitments
            dataset.updates += file.updates
            dataset.vocabulary += file.vocabulary
            if !file.extensions.isEmpty { dataset.extensions[file.path] = file.extensions }
            declared += file.declared
            uses += file.uses
            diagnostics += file.diagnostics
        }
        dataset.reindex()
        return (dataset, declared, uses, diagnostics)
    }
}
