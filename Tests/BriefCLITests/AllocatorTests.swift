import Foundation
import Testing

/// The program allocates with mimalloc (Package.swift, docs/performance.md
/// "Retains both cores made, and the allocator"): linked before the C library, its functions are the ones
/// every library of the process binds to. Checked with the dynamic loader's
/// own account of its bindings, on a real run.
@Suite struct AllocatorTests {
    /// The functions that must come from one allocator: a block allocated by
    /// one and freed or measured by another would corrupt the heap.
    static let functions = ["malloc", "free", "calloc", "realloc", "posix_memalign", "malloc_usable_size"]

    /// (library that calls, library that defines, symbol) for each of `functions`.
    static func bindings(of arguments: [String]) throws -> [(from: String, to: String, symbol: String)] {
        var environment = BriefProcess.environment
        environment["LD_DEBUG"] = "bindings"
        let result = try BriefProcess.run(arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        // "binding file /lib/…/libxml2.so.2 [0] to /lib/…/libmimalloc.so.2 [0]: normal symbol `malloc' [GLIBC_2.2.5]"
        var found: [(String, String, String)] = []
        for line in result.stderr.split(separator: "\n") {
            guard let file = line.range(of: "binding file "), let to = line.range(of: " to ", range: file.upperBound..<line.endIndex),
                  let symbol = line.range(of: "symbol `", range: to.upperBound..<line.endIndex),
                  let end = line[symbol.upperBound...].firstIndex(of: "'") else { continue }
            let name = String(line[symbol.upperBound..<end])
            guard functions.contains(name) else { continue }
            let from = line[file.upperBound..<to.lowerBound].split(separator: " ").first.map(String.init) ?? ""
            let target = line[to.upperBound..<symbol.lowerBound].split(separator: " ").first.map(String.init) ?? ""
            found.append((from, target, name))
        }
        return found
    }

    @Test func everyLibraryOfTheProgramAllocatesWithMimalloc() throws {
        let bindings = try Self.bindings(of: ["check"])
        // The Swift runtime, libyaml and libxml2 all allocate: each is bound.
        for library in ["libswiftCore.so", "libyaml-0.so", "libxml2.so"] {
            #expect(bindings.contains { $0.from.contains(library) && $0.symbol == "malloc" }, "no binding of malloc from \(library)")
        }
        let elsewhere = bindings.filter { !($0.to as NSString).lastPathComponent.hasPrefix("libmimalloc.so") }
        #expect(elsewhere.isEmpty, "bound elsewhere: \(elsewhere.prefix(5).map { "\($0.from) → \($0.to): \($0.symbol)" })")
        #expect(Set(bindings.map(\.symbol)).isSuperset(of: ["malloc", "free", "realloc", "malloc_usable_size"]))
    }
}
