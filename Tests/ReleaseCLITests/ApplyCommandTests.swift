import Foundation
import TestSupport
import Testing

/// Runs `boomi-release` with stdin and stdout on a pseudo-terminal (through util-linux's
/// `script`), typing `input`: how a person at a terminal runs it.
private func runInteractively(
  _ arguments: [String], typing input: String, in directory: URL
) throws -> CLIResult {
  let binary = try Binaries.release().path
  let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
  process.arguments = ["-qec", quoted.joined(separator: " "), "/dev/null"]
  process.currentDirectoryURL = directory
  process.environment = CLI.environment()
  let stdin = Pipe()
  let stdout = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  process.standardError = stdout
  try process.run()
  stdin.fileHandleForWriting.write(Data(input.utf8))
  try stdin.fileHandleForWriting.close()
  let deadline = Date().addingTimeInterval(60)
  while process.isRunning, Date() < deadline { usleep(20_000) }
  if process.isRunning { process.terminate() }
  process.waitUntilExit()
  let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  return CLIResult(status: process.terminationStatus, stdout: output, stderr: "", timedOut: false)
}

@Suite("apply's confirmation", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct ApplyConfirmationTests {
  @Test("on a terminal apply asks first, and anything but 'yes' sends nothing and writes nothing")
  func refusal() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("release.yaml", Fixtures.manifest())
    let result = try runInteractively(["apply", "--emulator", "--color", "never"], typing: "y\n", in: directory.url)
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.contains("Only 'yes' is accepted"))
    #expect(result.stdout.contains("nothing was sent"))
    #expect(!directory.exists("release.emulator.lock.json"))
  }

  @Test("on a terminal, answering yes applies")
  func acceptance() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("release.yaml", Fixtures.manifest())
    let result = try runInteractively(["apply", "--emulator", "--color", "never"], typing: "yes\n", in: directory.url)
    #expect(result.status == 0, "\(result)")
    #expect(directory.exists("release.emulator.lock.json"))
  }

  @Test("with stdin not a terminal, as in CI, apply asks nothing")
  func noQuestionInCI() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("release.yaml", Fixtures.manifest())
    let result = try CLI.run(["apply", "--emulator"], in: directory.url)
    #expect(result.status == 0, "\(result)")
    #expect(!result.stdout.contains("Only 'yes'") && !result.stderr.contains("Only 'yes'"))
    #expect(directory.exists("release.emulator.lock.json"))
  }
}
