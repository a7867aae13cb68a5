import Foundation
import TestSupport

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
