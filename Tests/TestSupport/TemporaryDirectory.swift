import Foundation

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
  public let url: URL

  public init(prefix: String = "boomi-test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  public func remove() {
    try? FileManager.default.removeItem(at: url)
  }

  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `text` to `name` (creating intermediate directories).
  public func write(_ name: String, _ text: String) throws {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }

  /// The bytes of `name`, exactly as written (`String(decoding:as:)` for its text).
  public func read(_ name: String) throws -> Data {
    try Data(contentsOf: url.appendingPathComponent(name))
  }

  public func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: path(name))
  }

  /// Creates an empty file and opens it for writing (for a subprocess's output).
  public func outputFile(_ name: String) throws -> FileHandle {
    _ = FileManager.default.createFile(atPath: path(name), contents: nil)
    return try FileHandle(forWritingTo: url.appendingPathComponent(name))
  }

  /// Every entry (hidden ones included), recursively, with the bytes of each regular file; a
  /// directory maps to empty data. Two equal snapshots mean nothing was created, removed or changed.
  public func snapshot() throws -> [String: Data] {
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
  public func names() throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: url.path))
  }
}

/// Runs `body` with a fresh temporary directory and removes it afterwards, whatever happens.
public func withTemporaryDirectory<Result>(_ body: (TemporaryDirectory) throws -> Result) throws -> Result {
  let directory = try TemporaryDirectory()
  defer { directory.remove() }
  return try body(directory)
}

/// Runs `body` with a fresh temporary directory and removes it afterwards, whatever happens.
public func withTemporaryDirectory<Result>(
  _ body: (TemporaryDirectory) async throws -> Result
) async throws -> Result {
  let directory = try TemporaryDirectory()
  defer { directory.remove() }
  return try await body(directory)
}
