import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What the numbers were measured on, and how busy it was.
struct Machine: Sendable {
  var processors: Int
  var cpuModel: String
  var memoryBytes: Int
  var kernel: String

  static func current() -> Machine {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
    return Machine(
      processors: sysconf(Int32(_SC_NPROCESSORS_ONLN)),
      cpuModel: field("model name", in: cpuinfo) ?? "unknown",
      memoryBytes: (field("MemTotal", in: meminfo).flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0) * 1024,
      kernel: kernelRelease())
  }

  /// The 1, 5 and 15 minute load averages, as `/proc/loadavg` gives them.
  static func load() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: ", ")
  }

  /// The value of the first `key: value` line of a `/proc` file.
  private static func field(_ key: String, in text: String) -> String? {
    for line in text.split(separator: "\n") where line.hasPrefix(key) {
      guard let colon = line.firstIndex(of: ":") else { continue }
      return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return nil
  }

  private static func kernelRelease() -> String {
    var name = utsname()
    uname(&name)
    return withUnsafeBytes(of: &name.release) { bytes in
      String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
  }
}
