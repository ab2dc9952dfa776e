// swift-tools-version:6.0
import PackageDescription

/// `brief` allocates with mimalloc (Debian's libmimalloc-dev) in place of glibc's
/// malloc: linked before the C library, its `malloc` and `free` are the ones every
/// library of the process calls (docs/performance.md, "Retains both cores made,
/// and the allocator").
let allocator: [LinkerSetting] = [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "brief",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "brief", targets: ["brief"]),
        .library(name: "BriefKit", targets: ["BriefKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries, each wrapped once
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        /// OpenSSL's SHA-256 (hardware-accelerated where the CPU has it): names cache entries by content.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        /// The few Linux calls Swift cannot reach directly (an atomic folder swap).
        .target(name: "CBriefSystem"),
        /// The only module that touches libxml2: owns every pointer.
        .target(name: "XMLSupport", dependencies: ["CLibXML2"]),
        /// The only module that touches libyaml: a located YAML node tree.
        .target(name: "YAMLReader", dependencies: ["CYAML"]),

        // MARK: The pipeline
        .target(
            name: "BriefKit",
            dependencies: [
                "YAMLReader", "XMLSupport", "CBriefSystem", "CCrypto",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.embedInCode("Resources/vocabulary.yaml")]
        ),
        .executableTarget(
            name: "brief",
            dependencies: [
                "BriefKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: allocator
        ),

        // MARK: Benchmarks (docs/performance.md)
        /// A seeded, fictional dataset of any size, shared by the two tools below.
        .target(name: "DatasetGenerator", path: "Benchmarks/DatasetGenerator"),
        .executableTarget(name: "brief-datagen", dependencies: ["DatasetGenerator"], path: "Benchmarks/brief-datagen"),
        /// Not linked with mimalloc: its libyaml scan is the floor the issue names, libyaml with
        /// the C library's malloc. Benchmarks/suite.sh runs its `stages` with mimalloc preloaded.
        .executableTarget(name: "brief-bench", dependencies: ["BriefKit", "DatasetGenerator", "CYAML", "CBriefSystem", "YAMLReader", "XMLSupport"], path: "Benchmarks/brief-bench"),

        // MARK: Tests
        .testTarget(
            name: "BriefKitTests",
            dependencies: ["BriefKit", "YAMLReader", "XMLSupport", "DatasetGenerator"],
            exclude: ["Fixtures", "Rendering/Golden"]
        ),
        /// Runs the built `brief` program end to end.
        .testTarget(name: "BriefCLITests", dependencies: ["brief"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
