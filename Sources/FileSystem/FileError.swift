#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed file operation, naming the file, what was being done and why it failed.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Reason: Equatable, Sendable {
    /// What the system said (`errno`).
    case system(Int32)
    /// The path names something that is not a regular file (a device, a FIFO, a socket).
    case notARegularFile(String)
    /// The file is larger than the caller reads at most.
    case tooLarge(size: Int, limit: Int)
  }

  public var path: String
  public var operation: String
  public var reason: Reason

  public init(path: String, operation: String, reason: Reason) {
    self.path = path
    self.operation = operation
    self.reason = reason
  }

  public init(path: String, operation: String, code: Int32) {
    self.init(path: path, operation: operation, reason: .system(code))
  }

  /// The system's error number, when the system refused.
  public var code: Int32? {
    if case .system(let code) = reason { code } else { nil }
  }

  public var isNotFound: Bool { code == ENOENT }

  public var description: String {
    switch reason {
    case .system(let code): "could not \(operation) \(path): \(String(cString: strerror(code)))"
    case .notARegularFile(let kind): "could not \(operation) \(path): it is \(kind), not a regular file"
    case .tooLarge(let size, let limit):
      "could not \(operation) \(path): it is \(size) bytes, and the most this tool reads is \(limit)"
    }
  }
}
