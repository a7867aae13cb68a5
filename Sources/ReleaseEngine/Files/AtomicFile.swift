#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed file operation, naming the file and what the system said.
public struct FileError: Error, Equatable, CustomStringConvertible {
  public var path: String
  public var operation: String
  public var code: Int32

  public init(path: String, operation: String, code: Int32) {
    self.path = path
    self.operation = operation
    self.code = code
  }

  public var isNotFound: Bool { code == ENOENT }

  public var description: String {
    "could not \(operation) \(path): \(String(cString: strerror(code)))"
  }
}

/// Reads and replaces whole files. A replacement is atomic: a crash at any instant leaves
/// either the old file or the new one, never a mix or a truncated file.
public enum AtomicFile {
  /// The file's bytes.
  public static func read(_ path: String) throws(FileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileError(path: path, operation: "read", code: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, operation: "read", code: errno) }
    guard info.st_mode & S_IFMT != S_IFDIR else { throw FileError(path: path, operation: "read", code: EISDIR) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Int(info.st_size))
    var chunk = [UInt8](repeating: 0, count: max(64 << 10, min(Int(info.st_size) + 1, 16 << 20)))
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileError(path: path, operation: "read", code: errno)
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  /// Replaces the file at `path` with `bytes`: writes a temporary file in the same directory,
  /// flushes it to disk, renames it over `path`, then flushes the directory so the rename
  /// itself survives a power cut. An existing file keeps its permissions; a new one gets 0644.
  public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    let target = resolvingSymbolicLink(path)
    let (directory, name) = split(target)
    var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else { throw FileError(path: path, operation: "write", code: errno) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var succeeded = false
    defer {
      if !succeeded { unlink(temporary) }
    }
    do {
      defer { close(descriptor) }
      try writeAll(bytes, to: descriptor, path: path)
      var existing = stat()
      let mode = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
      guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
        throw FileError(path: path, operation: "write", code: errno)
      }
    }
    guard rename(temporary, target) == 0 else { throw FileError(path: path, operation: "replace", code: errno) }
    succeeded = true
    try syncDirectory(directory, path: path)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw FileError(path: path, operation: "write", code: errno)
      }
      offset += written
    }
  }

  private static func syncDirectory(_ directory: String, path: String) throws(FileError) {
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw FileError(path: path, operation: "sync the directory of", code: errno) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw FileError(path: path, operation: "sync the directory of", code: errno) }
  }

  /// Writing through a symbolic link replaces the file it points to, not the link, even when
  /// that file does not exist yet. Follows at most 40 links, as the kernel does.
  private static func resolvingSymbolicLink(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current, &buffer, buffer.count - 1)
      guard length > 0 else { return current }
      let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = target.hasPrefix("/") ? target : "\(split(current).directory)/\(target)"
    }
    return current
  }

  private static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }
}
