#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// `read` and `write` are also methods' names here; these name the C library's, on every platform.
#if canImport(Glibc)
  private let systemRead = Glibc.read
  private let systemWrite = Glibc.write
#elseif canImport(Musl)
  private let systemRead = Musl.read
  private let systemWrite = Musl.write
#elseif canImport(Darwin)
  private let systemRead = Darwin.read
  private let systemWrite = Darwin.write
#endif

/// Reads and replaces whole files. A read is bounded: only a regular file no larger than the
/// caller's limit is read, and that is checked before a byte is read. A replacement is atomic: a
/// crash at any instant leaves either the old file or the new one, never a mix or a truncated file.
public enum AtomicFile {
  /// The bytes of the regular file at `path`, refusing anything else (a directory, a device such
  /// as `/dev/zero`, a FIFO) and any file over `limit` bytes, before reading. A file that grows
  /// past the limit while it is read is refused too: no more than `limit + 1` bytes are ever read.
  public static func read(_ path: String, maximumBytes limit: Int) throws(FileError) -> [UInt8] {
    let limit = min(limit, Int.max - 1)  // `limit + 1` below must not overflow
    // O_NONBLOCK: opening a FIFO must not wait for a writer to appear; it is refused below.
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw FileError(path: path, operation: "read", code: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw FileError(path: path, operation: "read", code: errno) }
    if let kind = nonRegularKind(info.st_mode) {
      if info.st_mode & S_IFMT == S_IFDIR { throw FileError(path: path, operation: "read", code: EISDIR) }
      throw FileError(path: path, operation: "read", reason: .notARegularFile(kind))
    }
    let size = Int(info.st_size)
    guard size <= limit else {
      throw FileError(path: path, operation: "read", reason: .tooLarge(size: size, limit: limit))
    }

    // One read into a buffer one byte larger than the file, which finds its end; a file that
    // grew meanwhile (or that reports no size, as /proc files do) is read on in chunks.
    var bytes = try readUpTo(size + 1, from: descriptor, path: path)
    while bytes.count > size, bytes.count <= limit {
      let chunk = try readUpTo(min(1 << 20, limit + 1 - bytes.count), from: descriptor, path: path)
      if chunk.isEmpty { break }
      bytes += chunk
    }
    guard bytes.count <= limit else {
      throw FileError(path: path, operation: "read", reason: .tooLarge(size: bytes.count, limit: limit))
    }
    return bytes
  }

  /// Up to `count` bytes, fewer only at the end of the file.
  private static func readUpTo(_ count: Int, from descriptor: Int32, path: String) throws(FileError) -> [UInt8] {
    guard count > 0 else { return [] }
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
      filled = 0
      guard let base = buffer.baseAddress else { return }
      while filled < count {
        let got = systemRead(descriptor, base + filled, count - filled)
        if got < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if got == 0 { return }
        filled += got
      }
    }
    guard failure == 0 else { throw FileError(path: path, operation: "read", code: failure) }
    return bytes
  }

  static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: "a directory"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFIFO: "a pipe"
    case S_IFSOCK: "a socket"
    default: "not a regular file"
    }
  }

  /// Replaces the file at `path` with `bytes`: writes a temporary file in the same directory,
  /// flushes it to disk, renames it over `path`, then flushes the directory so the rename
  /// itself survives a power cut. The file replaced is ``target(of:)``: a symbolic link is kept
  /// and its target replaced. An existing file keeps its permissions; a new one gets
  /// `0666 & ~umask`, as any program's new file does.
  public static func write(_ bytes: [UInt8], to path: String) throws(FileError) {
    let target = target(of: path)
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
      let mode = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : newFileMode()
      guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
        throw FileError(path: path, operation: "write", code: errno)
      }
    }
    guard rename(temporary, target) == 0 else { throw FileError(path: path, operation: "replace", code: errno) }
    succeeded = true
    try syncDirectory(directory, path: path)
  }

  /// The file a write to `path` replaces, and so the file a lock on `path` must guard: `path`
  /// itself, or, when it is a symbolic link, the file the chain of links ends at (which need not
  /// exist yet). Follows at most 40 links, as the kernel does.
  public static func target(of path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink(current, &buffer, buffer.count - 1)
      guard length > 0 else { return current }
      let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/") ? link : "\(split(current).directory)/\(link)"
    }
    return current
  }

  /// `0666` less the process's umask: the mode `open(2)` would give a new file.
  public static func newFileMode() -> mode_t {
    0o666 & ~processUmask()
  }

  /// The umask, read without changing it where the system allows (Linux's /proc); elsewhere
  /// set and restored at once.
  static func processUmask() -> mode_t {
    if let status = try? read("/proc/self/status", maximumBytes: 1 << 16) {
      for line in String(decoding: status, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Umask:") {
        if let value = mode_t(String(line.dropFirst("Umask:".count).filter(\.isNumber)), radix: 8) {
          return value & 0o777
        }
      }
    }
    let previous = umask(0o022)
    umask(previous)
    return previous
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
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

  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }
}
