import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
  let url: URL

  init(prefix: String = "boomi-release-cli-test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(at: url)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` to `name` (creating intermediate directories).
  func write(_ name: String, _ text: String) throws {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }

  func write(_ name: String, bytes: Data) throws {
    try bytes.write(to: url.appendingPathComponent(name))
  }

  func read(_ name: String) throws -> Data {
    try Data(contentsOf: url.appendingPathComponent(name))
  }

  func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: path(name))
  }

  /// Every entry (hidden ones included), recursively, with the bytes of each regular file; a
  /// directory maps to empty data. Two equal snapshots mean nothing was created, removed or changed.
  func snapshot() throws -> [String: Data] {
    var result: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: url.path) else {
      throw HarnessError("cannot list \(url.path)")
    }
    while let relative = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let full = url.appendingPathComponent(relative)
      _ = FileManager.default.fileExists(atPath: full.path, isDirectory: &isDirectory)
      result[relative] = isDirectory.boolValue ? Data() : try Data(contentsOf: full)
    }
    return result
  }

  /// The names of the entries directly inside the directory, hidden ones included.
  func names() throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: url.path))
  }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
  let directory = try TemporaryDirectory()
  defer { directory.remove() }
  return try body(directory)
}

/// The JSON object in `text`, parsed by Foundation (independently of the tool's own codec).
func jsonObject(_ text: String) throws -> [String: Any] {
  try jsonObject(Data(text.utf8))
}

func jsonObject(_ data: Data) throws -> [String: Any] {
  guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
    throw HarnessError("not a JSON object: \(String(decoding: data.prefix(200), as: UTF8.self))")
  }
  return object
}

/// The SHA-256 of a file as lowercase hex, computed by coreutils' `sha256sum` (independently of
/// the tool).
func sha256sum(_ path: String) throws -> String {
  let result = try CLI.runProgram(
    URL(fileURLWithPath: "/usr/bin/env"), ["sha256sum", path], in: FileManager.default.temporaryDirectory,
    environment: CLI.environment())
  guard result.status == 0, let digest = result.stdout.split(separator: " ").first else {
    throw HarnessError("sha256sum failed for \(path): \(result)")
  }
  return String(digest)
}

extension String {
  /// The text's lines, without their line breaks.
  var lines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

  var containsANSIEscape: Bool { contains("\u{1B}[") }
}
