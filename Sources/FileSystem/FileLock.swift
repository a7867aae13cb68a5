#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exclusive lock a run holds on a file it writes (the lockfile, an emulator's state file)
/// for its whole length, so two runs can never interleave their writes.
///
/// It is an advisory `flock` on `<file>.lock` beside the file that is actually written
/// (``AtomicFile/target(of:)``): two runs that name the same file by different paths, one through
/// a symbolic link, contend for the same lock. The kernel releases it when the holder dies,
/// however it dies; the file's content names the holder (user, pid, host, start time) for the
/// message a second run prints. A lock file left behind by a dead process is simply taken over,
/// with a notice.
public final class FileLock: Sendable {
  public let path: String
  private let descriptor: Int32

  /// Who holds (or held) a lock.
  public struct Holder: Sendable, Equatable, CustomStringConvertible {
    public var owner: String
    public var pid: Int32
    public var host: String
    public var startedAt: String

    public var description: String { "\(owner) (pid \(pid) on \(host), since \(startedAt))" }
  }

  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another live process holds the lock.
    case held(path: String, by: Holder?)
    case io(FileError)

    public var description: String {
      switch self {
      case .held(let path, let holder):
        "\(path) is held by \(holder?.description ?? "another process"); wait for it to finish"
      case .io(let error): error.description
      }
    }
  }

  /// The lock file that guards `file`: beside the file a write to `file` replaces.
  public static func lockPath(guarding file: String) -> String {
    AtomicFile.target(of: file) + ".lock"
  }

  /// Takes the lock guarding `file` or fails at once (never waits). `previous` is the holder
  /// recorded by a run that died without releasing it, if any: the caller reports the takeover.
  public static func acquire(
    guarding file: String, owner: String, startedAt: String
  ) throws(Failure) -> (lock: FileLock, previous: Holder?) {
    let path = lockPath(guarding: file)
    var attempts = 0
    while true {
      attempts += 1
      // O_NOFOLLOW: a symbolic link planted at the lock's path must not make this run truncate
      // and write whatever file it points to.
      let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o666)
      guard descriptor >= 0 else { throw .io(FileError(path: path, operation: "create the lock", code: errno)) }
      var opened = stat()
      guard fstat(descriptor, &opened) == 0 else {
        let code = errno
        close(descriptor)
        throw .io(FileError(path: path, operation: "create the lock", code: code))
      }
      if let kind = AtomicFile.nonRegularKind(opened.st_mode) {
        close(descriptor)
        throw .io(FileError(path: path, operation: "create the lock", reason: .notARegularFile(kind)))
      }
      guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
        let code = errno
        let holder = readHolder(descriptor)
        close(descriptor)
        if code == EWOULDBLOCK { throw .held(path: path, by: holder) }
        throw .io(FileError(path: path, operation: "lock", code: code))
      }
      // The holder before us may have removed the file between our open and our flock: then we
      // locked a file nobody else will see. Lock the file that is at the path now instead.
      var current = stat()
      guard lstat(path, &current) == 0, opened.st_ino == current.st_ino,
        opened.st_dev == current.st_dev
      else {
        close(descriptor)
        guard attempts < 10 else { throw .held(path: path, by: nil) }
        continue
      }
      return try take(descriptor, path: path, owner: owner, startedAt: startedAt)
    }
  }

  private static func take(
    _ descriptor: Int32, path: String, owner: String, startedAt: String
  ) throws(Failure) -> (lock: FileLock, previous: Holder?) {
    let previous = readHolder(descriptor)
    let me = Holder(owner: owner, pid: getpid(), host: hostName(), startedAt: startedAt)
    let text = "owner=\(me.owner)\npid=\(me.pid)\nhost=\(me.host)\nstartedAt=\(me.startedAt)\n"
    let bytes = Array(text.utf8)
    guard ftruncate(descriptor, 0) == 0,
      bytes.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == bytes.count
    else {
      let code = errno
      close(descriptor)
      throw .io(FileError(path: path, operation: "write the lock", code: code))
    }
    return (FileLock(path: path, descriptor: descriptor), previous)
  }

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  /// Releases the lock and removes its file.
  public func release() {
    unlink(path)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  private static func readHolder(_ descriptor: Int32) -> Holder? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    var fields: [String: String] = [:]
    for line in String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: "=", maxSplits: 1)
      // Another process wrote this file: a value that could move a terminal is not a holder's.
      guard parts.count == 2, !line.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
      else { continue }
      fields[String(parts[0])] = String(parts[1])
    }
    guard let owner = fields["owner"], let pid = fields["pid"].flatMap({ Int32($0) }), let host = fields["host"],
      let startedAt = fields["startedAt"]
    else { return nil }
    return Holder(owner: owner, pid: pid, host: host, startedAt: startedAt)
  }

  static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
