import ArgumentParser
import BriefKit

/// The sysexits codes of PRODUCT.md, in one place.
enum ExitStatus {
    static let differences: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let software: Int32 = 70
    static let cannotCreate: Int32 = 73
    static let tryAgain: Int32 = 75

    /// Runs `body`, turning a missing input into its message and exit 66.
    static func run<T>(_ body: () throws(MissingInput) -> T) throws -> T {
        do {
            return try body()
        } catch {
            Console.error(error.description)
            throw ExitCode(noInput)
        }
    }
}
