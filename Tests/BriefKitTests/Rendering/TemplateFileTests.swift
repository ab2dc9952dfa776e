import Foundation
import DatasetGenerator
import Testing
@testable import BriefKit

/// Template files are read as UTF-8 or refused: a file in another encoding
/// would otherwise put "�" into every brief without a word.
struct TemplateFileTests {
    /// The check agrees with the standard library's own UTF-8 validation on
    /// every sequence tried: random bytes biased towards lead and
    /// continuation bytes, and the edge cases of the encoding.
    @Test func theUTF8CheckAgreesWithTheStandardLibrary() {
        var generator = SplitMix64(seed: 0x5EED)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90]
        var cases: [[UInt8]] = [
            Array("plain".utf8), Array("Ministère".utf8), [0xE8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xE0, 0x80, 0x80], [0xC0, 0xAF], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBB, 0xBF],
        ]
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 8) + 1
            cases.append((0..<count).map { _ in interesting[Int(generator.next() % UInt64(interesting.count))] })
        }
        for bytes in cases {
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let found = TemplateSearchPath.firstInvalidUTF8(in: bytes)
            #expect((found == nil) == valid, "\(bytes.map { String($0, radix: 16) })")
            if let found {
                // Everything before the byte named is valid UTF-8 on its own.
                #expect(String(validating: bytes[..<found], as: UTF8.self) != nil, "\(bytes.map { String($0, radix: 16) })")
            }
        }
    }

    @Test func aTemplateInLatin1IsRefusedWhereItsFirstForeignByteStands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-templates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/markdown", withIntermediateDirectories: true)
        // "Ministère" in Latin-1 on the second line.
        let bytes: [UInt8] = Array("# {{title}}\nMinist".utf8) + [0xE8] + Array("re\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/markdown/brief.mustache"))
        var problems: [Diagnostic] = []
        let files = TemplateSearchPath(layers: [.folder(folder), .builtIn]).files(of: "markdown", problems: &problems)
        #expect(problems.map(\.description) == [
            "\(folder)/markdown/brief.mustache:2:7: error: the template is not valid UTF-8 (byte 0xE8); save it as UTF-8",
        ])
        // The desk's file is not replaced by the built-in one in silence: the registry refuses the format.
        #expect(files["brief.mustache"]?.path.hasPrefix("<built-in>") == true)
        #expect(throws: InputErrors.self) { try RendererRegistry(templates: TemplateSearchPath(layers: [.folder(folder), .builtIn])) }
    }
}
