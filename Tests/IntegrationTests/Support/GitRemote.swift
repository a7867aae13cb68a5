import Foundation
import TestSupport

/// A bare repository on disk as the remote, and clones of it as CI runners, driven by the system
/// `git` (SPEC §10.3's tests).
struct GitRemote {
  let root: TemporaryDirectory
  var bare: String { root.path("remote.git") }

  /// The environment the tests' own git commands run in: no user or system configuration, a
  /// fixed identity. (boomi-release itself runs with CLI.environment: no identity at all.)
  static let environment: [String: String] = [
    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/nonexistent",
    "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "Developer",
    "GIT_AUTHOR_EMAIL": "dev@example.com", "GIT_COMMITTER_NAME": "Developer", "GIT_COMMITTER_EMAIL": "dev@example.com",
    "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C",
  ]

  /// A remote whose `main` holds `files`, committed and pushed from a scratch clone.
  init(files: [String: String]) throws {
    root = try TemporaryDirectory(prefix: "boomi-git")
    try Self.git(["init", "--quiet", "--bare", "--initial-branch=main", bare], in: root.url)
    let seed = try clone()
    for (name, text) in files { try seed.write(name, text) }
    try commitAndPush(in: seed, message: "The manifest")
    seed.remove()
  }

  func remove() { root.remove() }

  /// A new clone on `main`: a runner's checkout.
  func clone() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory(prefix: "boomi-runner")
    try Self.git(["clone", "--quiet", bare, directory.url.path], in: root.url)
    return directory
  }

  /// Commits everything in `directory` and pushes it to `main`.
  func commitAndPush(in directory: TemporaryDirectory, message: String) throws {
    try Self.git(["add", "--all"], in: directory.url)
    try Self.git(["commit", "--quiet", "-m", message], in: directory.url)
    try Self.git(["push", "--quiet", "origin", "HEAD:main"], in: directory.url)
  }

  /// `git ARGUMENTS` in the bare repository; its output.
  @discardableResult
  func inRemote(_ arguments: [String]) throws -> String {
    try Self.git(arguments, in: URL(fileURLWithPath: bare))
  }

  /// The lock refs left in the remote.
  func locks() throws -> [String] {
    try inRemote(["for-each-ref", "--format=%(refname)", "refs/boomi-release/"]).split(separator: "\n").map(String.init)
  }

  /// A file as `main` has it in the remote; `nil` when it has none.
  func file(_ path: String) -> String? {
    try? inRemote(["cat-file", "blob", "main:\(path)"])
  }

  /// `git ARGUMENTS` in `directory`; its standard output. Throws when it fails.
  @discardableResult
  static func git(_ arguments: [String], in directory: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    let output = Pipe()
    let errors = try TemporaryDirectory(prefix: "boomi-git-stderr")
    defer { errors.remove() }
    let errorFile = try errors.outputFile("stderr")
    process.standardOutput = output
    process.standardError = errorFile
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorFile.close()
    guard process.terminationStatus == 0 else {
      let said = String(decoding: (try? errors.read("stderr")) ?? Data(), as: UTF8.self)
      throw HarnessError("git \(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(said)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}

/// Runs `body` with a remote holding the example manifest as `release.yaml`.
func withGitRemote<Result>(
  manifest: String, _ body: (GitRemote) async throws -> Result
) async throws -> Result {
  let remote = try GitRemote(files: ["release.yaml": manifest])
  defer { remote.remove() }
  return try await body(remote)
}
