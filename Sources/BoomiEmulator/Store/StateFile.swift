import FileSystem
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What outlives a process: the released versions, every release and its requestIds, and a
/// fixed "today" if one was set. The catalog is not saved: each run's configuration is the
/// truth about which versions exist.
struct PersistedState: Codable, Sendable {
  static let format = "boomi-emulator-state"
  static let formatVersion = 1

  var format = PersistedState.format
  var version = PersistedState.formatVersion
  var account: String
  var today: String?
  /// Pack id → component id → the version released in the pack.
  var currentVersions: [String: [String: String]]
  var releases: [ReleaseRecord]
}

/// The changes of one request, appended to the state file as one line.
struct StateChange: Codable, Sendable {
  /// The new fixed date, when it changed.
  var today: String?
  /// Releases created or changed, whole; matched to the saved ones by their first requestId.
  var releases: [ReleaseRecord]?
  /// Packs whose released versions changed, with all of their components.
  var currentVersions: [String: [String: String]]?
}

/// The `--state-file`: JSON Lines, a snapshot (``PersistedState``) on the first line and one
/// ``StateChange`` per changing request after it.
///
/// Appending a line costs the size of the change, not of the whole state, so a long run (a
/// thousand releases) stays fast. The snapshot is rewritten, compacting the file, at start, on
/// reset, and when the changes outgrow it: through ``AtomicFile`` (temporary file, fsync, rename,
/// fsync of the directory), so the file is always a complete snapshot plus whole lines. A
/// process killed in the middle of an append leaves at most a last line without its newline,
/// which loading ignores.
///
/// One emulator at a time: the file is locked (``FileLock``) from the moment it is opened until
/// it is closed, so a second emulator on the same file (another `--emulator` run beside a
/// running `apply --emulator`) refuses to start instead of overwriting the first one's releases.
final class StateFile {
  let path: String
  private let lock: FileLock
  private var descriptor: Int32 = -1
  private var snapshotBytes = 0
  private var appendedBytes = 0
  private var closed = false

  /// The largest state file read.
  static let maximumBytes = 256 << 20

  /// Why a state file cannot be used.
  struct Problem: Error, CustomStringConvertible {
    var description: String
    /// Another live emulator holds the file.
    var inUse = false
  }

  /// Takes the file's lock; fails at once when another emulator holds it.
  init(path: String) throws(Problem) {
    self.path = path
    do {
      (lock, _) = try FileLock.acquire(
        guarding: path, owner: "boomi-emulator", startedAt: ISO8601DateFormatter().string(from: Date()))
    } catch .held(_, let holder) {
      throw Problem(
        description:
          "\(path): the state file is in use by another emulator (\(holder?.description ?? "unknown holder")); "
          + "stop it first, or give this one its own --state-file",
        inUse: true)
    } catch {
      throw Problem(description: "\(path): \(error.description)")
    }
  }

  deinit {
    release()
  }

  /// Stops writing and releases the lock, once.
  func release() {
    guard !closed else { return }
    closed = true
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    lock.release()
  }

  /// The saved state with every complete change applied, or `nil` when there is no file yet.
  func load() throws(Problem) -> PersistedState? {
    let data: Data
    do {
      data = Data(try AtomicFile.read(path, maximumBytes: Self.maximumBytes))
    } catch  where error.isNotFound {
      return nil
    } catch {
      throw Problem(description: "cannot read the state file: \(error.description)")
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let endsWithNewline = data.last == UInt8(ascii: "\n")
    func fail(_ why: String) -> Problem {
      Problem(description: "\(path): not an emulator state file (\(why)); move it away to start afresh")
    }
    guard let first = lines.first, !first.isEmpty else { throw fail("it is empty") }
    var state: PersistedState
    do {
      state = try decoder.decode(PersistedState.self, from: Data(first))
    } catch {
      throw fail(JSONBody.explain(error))
    }
    guard state.format == PersistedState.format else { throw fail("its format is '\(state.format)'") }
    guard state.version == PersistedState.formatVersion else {
      throw Problem(
        description:
          "\(path): state file format version \(state.version) is not supported; this emulator reads version \(PersistedState.formatVersion)"
      )
    }
    var positions = Dictionary(
      state.releases.enumerated().compactMap { index, release in release.requestIds.first.map { ($0, index) } },
      uniquingKeysWith: { first, _ in first })
    for (number, line) in lines.enumerated().dropFirst() where !line.isEmpty {
      let isTornTail = number == lines.count - 1 && !endsWithNewline
      let change: StateChange
      do {
        change = try decoder.decode(StateChange.self, from: Data(line))
      } catch {
        if isTornTail { break }  // The process stopped in the middle of writing it.
        throw fail("line \(number + 1): \(JSONBody.explain(error))")
      }
      if let today = change.today { state.today = today }
      for (pack, versions) in change.currentVersions ?? [:] { state.currentVersions[pack] = versions }
      for release in change.releases ?? [] {
        guard let key = release.requestIds.first else { continue }
        if let index = positions[key] {
          state.releases[index] = release
        } else {
          positions[key] = state.releases.count
          state.releases.append(release)
        }
      }
    }
    return state
  }

  /// Replaces the file with a snapshot of `state` alone, atomically.
  func writeSnapshot(_ state: PersistedState) throws {
    var data = try Self.encoder.encode(state)
    data.append(UInt8(ascii: "\n"))
    try AtomicFile.write(Array(data), to: path)
    if descriptor >= 0 { close(descriptor) }
    descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { throw Problem(description: "\(path): cannot open the state file (errno \(errno))") }
    snapshotBytes = data.count
    appendedBytes = 0
  }

  /// Appends one change as one line.
  func append(_ change: StateChange) throws {
    guard descriptor >= 0, !closed else { throw Problem(description: "\(path): the state file is not open") }
    var data = try Self.encoder.encode(change)
    data.append(UInt8(ascii: "\n"))
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw Problem(description: "\(path): cannot append to the state file (errno \(errno))")
        }
        offset += written
      }
    }
    appendedBytes += data.count
  }

  /// Whether the appended changes have grown enough that a fresh snapshot is worth writing.
  var shouldCompact: Bool {
    descriptor < 0 || appendedBytes > 4 * snapshotBytes + (1 << 20)
  }

  private static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .secondsSince1970
    return encoder
  }
}
