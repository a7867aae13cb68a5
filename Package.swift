// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "boomi-release",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "boomi-release", targets: ["boomi-release"]),
    .library(name: "ReleaseCore", targets: ["ReleaseCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(
      name: "ReleaseCore",
      dependencies: [
        "CLibYAML",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["README.md"]
    ),
    .target(name: "ReleaseEngine", dependencies: ["ReleaseCore"], exclude: ["README.md"]),
    .target(
      name: "ReleaseCLI",
      dependencies: [
        "ReleaseCore",
        "ReleaseEngine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"]
    ),
    .executableTarget(name: "boomi-release", dependencies: ["ReleaseCLI"]),
    .testTarget(name: "ReleaseCoreTests", dependencies: ["ReleaseCore"], exclude: ["Goldens"]),
    .testTarget(name: "ReleaseEngineTests", dependencies: ["ReleaseEngine"]),
    .testTarget(name: "ReleaseCLITests", dependencies: ["ReleaseCore", "boomi-release"]),
  ]
)
