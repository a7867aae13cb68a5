#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Paths as text: joined, made absolute, cleaned and made relative lexically (`a/b/../c` is
/// `a/c`, as Go's `filepath.Clean` has it), and compared by the file they name.
public enum Paths {
  /// `path` without `.` segments, with `..` segments folded into what precedes them, and
  /// without repeated or trailing slashes. An empty result is `.`.
  public static func cleaned(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var segments: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..":
        if let last = segments.last, last != ".." {
          segments.removeLast()
        } else if !absolute {
          segments.append(segment)
        }
      default: segments.append(segment)
      }
    }
    let joined = segments.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  /// `path` taken from `directory` (itself absolute or relative to the working directory).
  public static func joined(_ directory: String, _ path: String) -> String {
    path.hasPrefix("/") ? cleaned(path) : cleaned(directory + "/" + path)
  }

  /// The directory part of `path` (`.` for a bare name).
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let directory = String(path[..<slash])
    return directory.isEmpty ? "/" : directory
  }

  /// `path` as an absolute, cleaned path, from the working directory when it is relative.
  public static func absolute(_ path: String) -> String {
    guard !path.hasPrefix("/") else { return cleaned(path) }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return cleaned(path) }
    let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return joined(cwd, path)
  }

  /// `path` relative to `directory` (both made absolute first): `../release.yaml` from `out` to
  /// `release.yaml`.
  public static func relative(_ path: String, from directory: String) -> String {
    let target = absolute(path).split(separator: "/")
    let base = absolute(directory).split(separator: "/")
    var common = 0
    while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
    let up = Array(repeating: "..", count: base.count - common)
    let down = target[common...].map(String.init)
    let relative = (up + down).joined(separator: "/")
    return relative.isEmpty ? "." : relative
  }

  /// Whether `a` and `b` name the same file: the same device and inode when both exist
  /// (following symbolic links), else the same absolute path once the links in front of the
  /// file (``AtomicFile/target(of:)``) are followed.
  public static func sameFile(_ a: String, _ b: String) -> Bool {
    var first = stat()
    var second = stat()
    if stat(a, &first) == 0, stat(b, &second) == 0 {
      return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
    return absolute(AtomicFile.target(of: a)) == absolute(AtomicFile.target(of: b))
  }
}
