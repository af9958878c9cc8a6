// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "harness",
    products: [
        .executable(name: "harness", targets: ["harness"]),
        .library(name: "Collapse", targets: ["Collapse"]),
        .library(name: "Experiments", targets: ["Experiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "lapacke",
            providers: [.apt(["libblas-dev", "liblapack-dev", "liblapacke-dev", "libopenblas-dev"])]
        ),

        // MARK: - Library modules (imports point one way: LinearAlgebra → Collapse → Experiments → Reports → harness)
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"], exclude: ["README.md"]),
        .target(name: "Randomness", exclude: ["README.md"]),
        .target(
            name: "Collapse",
            dependencies: ["LinearAlgebra", "Randomness", .product(name: "RealModule", package: "swift-numerics")],
            exclude: ["README.md"]),
        .target(name: "Experiments", dependencies: ["Collapse", "LinearAlgebra", "Randomness"], exclude: ["README.md"]),
        .target(name: "Reports", dependencies: ["Experiments", "Collapse"], exclude: ["README.md"]),

        // MARK: - Command line
        .executableTarget(
            name: "harness",
            dependencies: [
                "Experiments", "Reports", "Collapse", "LinearAlgebra", "Randomness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness", "TestSupport"]),
        .testTarget(name: "CollapseTests", dependencies: ["Collapse", "LinearAlgebra", "Randomness", "TestSupport", .product(name: "RealModule", package: "swift-numerics")]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Collapse", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "TestSupport"]),
        .testTarget(name: "HarnessTests", dependencies: ["harness", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
