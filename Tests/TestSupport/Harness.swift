import Foundation

/// Something went wrong in the test harness itself, not in the product under test.
public struct HarnessError: Error, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}

/// What a finished run of a built executable (usually `boomi-release`) produced.
public struct CLIResult: Sendable, CustomStringConvertible {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  /// The process had to be killed because it ran past the bound.
  public var timedOut: Bool

  public init(status: Int32, stdout: String, stderr: String, timedOut: Bool) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
    self.timedOut = timedOut
  }

  public var description: String {
    "exit \(status)\(timedOut ? " (timed out, killed)" : "")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
  }
}

/// The two executables SwiftPM builds next to the test bundle.
public enum Binaries {
  /// `boomi-release`: `BOOMI_RELEASE_BINARY`, else the one beside the tests.
  public static func release() throws -> URL {
    try locate("boomi-release", override: "BOOMI_RELEASE_BINARY")
  }

  /// `boomi-emulator`: `BOOMI_EMULATOR_BINARY`, else the one beside the tests.
  public static func emulator() throws -> URL {
    try locate("boomi-emulator", override: "BOOMI_EMULATOR_BINARY")
  }

  private static func locate(_ name: String, override variable: String) throws -> URL {
    if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    var directories: [URL] = []
    if let first = CommandLine.arguments.first {
      let argument = URL(fileURLWithPath: first)
      directories.append(argument.deletingLastPathComponent())
      directories.append(argument.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    directories.append(Bundle.main.bundleURL)
    directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
    if let executable = Bundle.main.executableURL {
      directories.append(executable.deletingLastPathComponent())
    }
    if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      directories.append(URL(fileURLWithPath: running).deletingLastPathComponent())
    }
    // An .xctest bundle directory sits inside the build directory: look a few levels up too.
    for directory in directories {
      var candidateDirectory = directory
      for _ in 0..<4 {
        let candidate = candidateDirectory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        candidateDirectory = candidateDirectory.deletingLastPathComponent()
      }
    }
    throw HarnessError("\(name) not found near \(directories.map(\.path)); build it or set \(variable)")
  }
}
