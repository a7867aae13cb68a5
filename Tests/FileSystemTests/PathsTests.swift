import FileSystem
import Foundation
import Testing

@Suite("Paths")
struct PathsTests {
  @Test(
    "paths are cleaned lexically",
    arguments: [
      ("a/b/../c", "a/c"), ("./a//b/", "a/b"), ("../a", "../a"), ("a/../..", ".."), ("/a/../../b", "/b"), ("", "."),
      (".", "."), ("out/../release.yaml", "release.yaml"),
    ])
  func cleaned(path: String, expected: String) {
    #expect(Paths.cleaned(path) == expected)
  }

  @Test("a path relative to a directory walks up and down as needed")
  func relative() {
    #expect(Paths.relative("/repo/release.yaml", from: "/repo/out") == "../release.yaml")
    #expect(Paths.relative("/repo/state/lock.json", from: "/repo") == "state/lock.json")
    #expect(Paths.relative("/repo", from: "/repo") == ".")
    #expect(Paths.joined("out", "../release.yaml") == "release.yaml")
    #expect(Paths.joined("out", "/etc/x") == "/etc/x")
    #expect(Paths.directory(of: "out/plan.json") == "out")
    #expect(Paths.directory(of: "plan.json") == ".")
  }

  @Test("two names of one file are the same file; a symbolic link to a file yet to be written is too")
  func sameFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("paths-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "data/real.json")
    #expect(Paths.sameFile(directory + "/link.json", directory + "/data/real.json"))
    try Data("{}".utf8).write(to: URL(fileURLWithPath: directory + "/data/real.json"))
    #expect(Paths.sameFile(directory + "/link.json", directory + "/data/../data/real.json"))
    #expect(!Paths.sameFile(directory + "/link.json", directory + "/data/other.json"))
  }
}
