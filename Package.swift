// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "boomi-release",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "boomi-release", targets: ["boomi-release"]),
    .executable(name: "boomi-emulator", targets: ["boomi-emulator"]),
    .library(name: "ReleaseCore", targets: ["ReleaseCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // Imported by the emulator beside Hummingbird, which brings them in too.
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    // Redaction of credentials and neutralising of control characters; no dependencies.
    .target(name: "SafeText", exclude: ["README.md"]),
    .target(
      name: "ReleaseCore",
      dependencies: [
        "CLibYAML",
        "SafeText",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]
    ),
    .target(
      name: "BoomiAPI",
      dependencies: [
        "SafeText",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      exclude: ["README.md"]
    ),
    // Bounded reads, atomic replacement and locks of the files the tools write; no formats.
    .target(name: "FileSystem", exclude: ["README.md"]),
    .target(
      name: "BoomiEmulator",
      dependencies: [
        "ReleaseCore",
        "FileSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ],
      exclude: ["README.md"]
    ),
    .executableTarget(
      name: "boomi-emulator",
      dependencies: ["BoomiEmulator"]),
    .target(
      name: "ReleaseEngine", dependencies: ["ReleaseCore", "BoomiAPI", "FileSystem"], exclude: ["README.md"]),
    .target(
      name: "ReleaseCLI",
      dependencies: [
        "ReleaseCore",
        "ReleaseEngine",
        "BoomiAPI",
        "BoomiEmulator",
        "FileSystem",
        "SafeText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"]
    ),
    .executableTarget(name: "boomi-release", dependencies: ["ReleaseCLI"]),
    .testTarget(name: "ReleaseCoreTests", dependencies: ["ReleaseCore"], exclude: ["Goldens"]),
    // Benchmarks (`scripts/bench`, release mode; never part of `swift test`).
    .executableTarget(
      name: "bench", dependencies: ["BoomiAPI", "BoomiEmulator", "ReleaseCore"], path: "Benchmarks/Bench"),
    .executableTarget(name: "yaml-floor", dependencies: ["CLibYAML"], path: "Benchmarks/LibYAMLFloor"),
    // Fuzz targets (`scripts/fuzz`); built normally, they replay inputs given as arguments.
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
    .executableTarget(
      name: "fuzz-manifest", dependencies: ["ReleaseCore", "FuzzSupport"], path: "Fuzz/ManifestFuzzer"),
    .executableTarget(
      name: "fuzz-lockfile", dependencies: ["ReleaseCore", "FuzzSupport"], path: "Fuzz/LockfileFuzzer"),
    .executableTarget(
      name: "fuzz-response", dependencies: ["BoomiAPI", "SafeText", "FuzzSupport"], path: "Fuzz/ResponseFuzzer"),
    .target(name: "TestSupport", dependencies: ["BoomiAPI"], path: "Tests/TestSupport"),
    .target(name: "OpenAPIVectors", path: "Tests/OpenAPIVectors"),
    .target(name: "EmulatorFixtures", dependencies: ["BoomiEmulator"], path: "Tests/EmulatorFixtures"),
    .testTarget(name: "FileSystemTests", dependencies: ["FileSystem", "TestSupport"]),
    .testTarget(name: "SafeTextTests", dependencies: ["SafeText", "ReleaseCore"]),
    .testTarget(
      name: "ReleaseEngineTests", dependencies: ["ReleaseEngine", "BoomiAPI", "FileSystem", "TestSupport"]),
    .testTarget(
      name: "BoomiAPITests",
      dependencies: [
        "BoomiAPI",
        "OpenAPIVectors",
        "TestSupport",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
    .testTarget(
      name: "BoomiEmulatorTests",
      dependencies: [
        "BoomiEmulator", "EmulatorFixtures", "OpenAPIVectors",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
    .testTarget(
      name: "IntegrationTests",
      dependencies: [
        "BoomiAPI", "BoomiEmulator", "EmulatorFixtures", "ReleaseCore", "TestSupport", "boomi-emulator",
        "boomi-release",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ]
    ),
    .testTarget(name: "ReleaseCLITests", dependencies: ["ReleaseCore", "TestSupport", "boomi-release"]),
  ]
)
