import DatasetGenerator
import Testing
@testable import BriefKit

/// The validator checks the records in parts, on all cores, and joins the
/// parts' messages in the records' order: the messages, and their order,
/// are the same whatever the size of the parts.
@Suite struct ValidationPartsTests {
    @Test func theMessagesDoNotDependOnHowTheRecordsAreSplit() throws {
        // A generated dataset in which every fifth file's participants name
        // no actor and its citations no source.
        let files = try DatasetGenerator.render(GeneratorOptions(records: 1500, seed: 5, briefs: 2)).enumerated().map { index, file in
            guard index % 5 == 1 else { return (file.path, file.text) }
            return (file.path, file.text.replacingOccurrences(of: "participants: [p-", with: "participants: [missing-")
                .replacingOccurrences(of: "sources: [src-", with: "sources: [missing-")
                .replacingOccurrences(of: "source: src-", with: "source: missing-"))
        }
        try TemporaryDataset.with(files) { folder in
            let paths = try DatasetFolder.files(in: folder.root + "/data", recursive: true)
            let loaded = InputLoader.loadDataset(files: paths.yaml)
            let (dataset, declared, uses) = (loaded.dataset, loaded.declared, loaded.uses)
            func validate(_ partSize: Int) -> [Diagnostic] {
                DatasetValidator.validate(dataset, declared: declared, uses: uses, definitions: [], knownFormats: [], partSize: partSize)
            }
            let whole = validate(1 << 30)
            #expect(whole.filter { $0.message.contains("which is not in the dataset") }.count > 100)
            #expect(whole.contains { $0.message.hasSuffix("is never cited") })
            for partSize in [1, 7, 64, 1000] {
                let parts = validate(partSize)
                let same = parts == whole
                #expect(same, "parts of \(partSize): first difference at \(zip(parts, whole).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(parts.count, whole.count))")
            }
        }
    }
}
