import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Files that are not what they should be — a device, a FIFO, a sparse monster, a lockfile whose
/// numbers would overflow, thousands of mistakes — each get a clear error in bounded time and
/// memory, and nothing is written.
@Suite("hostile files")
struct HostileFileTests {
  @Test(
    "a manifest that is a device or a FIFO is refused at once, not read",
    arguments: [("/dev/zero", "a character device"), ("fifo.yaml", "a pipe")])
  func notARegularFile(path: String, kind: String) throws {
    try withTemporaryDirectory { dir in
      #expect(mkfifo(dir.url.appendingPathComponent("fifo.yaml").path, 0o600) == 0)
      let result = try CLI.run(["validate", "-f", path], in: dir.url)
      #expect(!result.timedOut, "\(result)")
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.contains("it is \(kind), not a regular file"), "\(result)")
    }
  }

  @Test(
    "a lockfile over 256 MiB is refused from its size alone, before it is read",
    arguments: [300 << 20, 200 << 30])
  func hugeLockfile(size: Int) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let path = dir.url.appendingPathComponent("release.lock.json").path
      let descriptor = open(path, O_CREAT | O_WRONLY, 0o600)
      try #require(descriptor >= 0 && ftruncate(descriptor, off_t(size)) == 0, "no sparse file here")
      close(descriptor)
      for command in [["validate"], ["plan"], ["apply", "--emulator", "--lockfile", "release.lock.json", "--yes"]] {
        let result = try CLI.run(command, in: dir.url)
        #expect(!result.timedOut, "\(result)")
        #expect(result.status == 1, "\(command): \(result)")
        #expect(
          result.stderr.contains(
            "release.lock.json:1:1: error: the file is \(size) bytes; the most read is 268435456 [file-too-large]"),
          "\(command): \(result)")
      }
      let left = try dir.names().sorted()
      #expect(left == ["release.lock.json", "release.yaml"], "something was written")
    }
  }

  @Test(
    "a lockfile serial that increasing would overflow, or a negative one, is refused where it is written",
    arguments: [
      ("9223372036854775807", "the serial must be from 0 to 9007199254740991, not 9223372036854775807"),
      ("-5", "the serial must be from 0 to 9007199254740991, not -5"),
      ("9223372036854775808", "expected the serial, found '9223372036854775808'"),
    ])
  func serialOutOfRange(serial: String, message: String) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let lockfile = try Fixtures.lockfile(serial: 7).replacingOccurrences(
        of: #""serial" : 7"#, with: #""serial" : \#(serial)"#)
      try #require(lockfile.contains(serial))
      try dir.write("release.lock.json", lockfile)
      for command in [["plan"], ["apply", "--emulator", "--lockfile", "release.lock.json", "--yes"]] {
        let result = try CLI.run(command, in: dir.url)
        #expect(result.status == 1, "\(command): \(result)")
        #expect(result.stderr.contains(message), "\(command): \(result)")
        #expect(!result.stderr.contains("Fatal error"), "\(result)")
      }
      #expect(try dir.read("release.lock.json") == Data(lockfile.utf8), "the lockfile was rewritten")
      let left = try dir.names().sorted()
      #expect(left == ["release.lock.json", "release.yaml"], "a lock or a state was left behind")
    }
  }

  @Test("4,000 misspelt keys: the first 100 are shown, with how many more; JSON lists every one")
  func thousandsOfMistakes() throws {
    try withTemporaryDirectory { dir in
      var manifest = "version: 1\npacks:\n"
      for index in 0..<4_000 {
        manifest += """
            - id: \(String(format: "f0f7face-3a9d-48b1-8a32-%012x", index))
              nmae: pack-\(index)
              release: immediately
              components:
                - {id: b420a8ab-8e4e-41b2-93ce-079093a03af2, version: "1"}

          """
      }
      try dir.write("release.yaml", manifest)
      let text = try CLI.run(["validate"], in: dir.url)
      #expect(!text.timedOut)
      #expect(text.status == 1)
      #expect(text.stderr.components(separatedBy: "[unknown-key]").count - 1 == 100, "\(text.stderr.suffix(500))")
      #expect(text.stderr.contains("… and 3900 more not shown; fix these first, or list them all with --format json"))
      #expect(text.stderr.hasSuffix("4000 errors\n"), "\(text.stderr.suffix(200))")
      let json = try CLI.run(["validate", "--format", "json"], in: dir.url)
      let diagnostics = try #require(try jsonObject(json.stdout)["diagnostics"] as? [Any])
      #expect(diagnostics.count == 4_000)
    }
  }

  @Test("20,000 broken intents in a lockfile: 10,000 are collected and the rest counted, in bounded time")
  func thousandsOfBrokenIntents() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let intents = (0..<20_000).map { _ in #"{"bogus": 1}"# }.joined(separator: ",\n")
      try dir.write(
        "release.lock.json",
        #"{"version": 1, "lineage": "l", "serial": 1, "packs": {}, "pending": [\#n\#(intents)]}"#)
      let result = try CLI.run(["plan", "--format", "json"], in: dir.url)
      #expect(!result.timedOut)
      #expect(result.status == 1, "\(result.stderr.suffix(300))")
      let diagnostics = try #require(try jsonObject(result.stdout)["diagnostics"] as? [[String: Any]])
      #expect(diagnostics.count == 10_001)
      let summary = try #require(diagnostics.first { $0["code"] as? String == "too-many-problems" })
      #expect(summary["line"] as? Int == 1)
      #expect(
        (summary["message"] as? String)?.hasPrefix("150000 more problems are in this file than the 10000 listed")
          == true)
    }
  }

  @Test(
    "files the tool creates get 0666 less the umask, like any program's",
    arguments: [("027", 0o640), ("002", 0o664), ("077", 0o600)] as [(String, mode_t)])
  func umaskIsHonoured(umask: String, mode: mode_t) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.runProgram(
        URL(fileURLWithPath: "/bin/sh"),
        [
          "-c", #"umask "$0" && "$1" plan --out plan.json && "$1" apply --emulator --yes"#, umask,
          Binaries.release().path,
        ],
        in: dir.url, environment: CLI.environment())
      #expect(result.status == 0, "\(result)")
      for file in ["plan.json", "release.emulator.lock.json", "release.emulator.state.json"] {
        var info = stat()
        #expect(stat(dir.url.appendingPathComponent(file).path, &info) == 0)
        #expect(info.st_mode & 0o777 == mode, "\(file): \(String(info.st_mode & 0o777, radix: 8))")
      }
    }
  }

  @Test("control characters in a name, a version or a time zone are refused where they are, and reach no output")
  func controlCharactersInTheManifest() throws {
    try withTemporaryDirectory { dir in
      try dir.write(
        "release.yaml",
        """
        version: 1
        timezone: "UTC\\u001b[2J"
        packs:
          - id: \(Fixtures.ordersID)
            name: "ok\\n::error::injected"
            release: immediately
            components:
              - {id: \(Fixtures.ordersComponent), version: "2.0\\u0007", name: "tab\\tname"}

        """)
      let result = try CLI.run(["validate", "--color", "never"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      let positions = result.stderr.split(separator: "\n").filter { $0.contains("[control-character]") }.map {
        String($0.split(separator: ":")[1]) + ":" + String($0.split(separator: ":")[2])
      }
      #expect(positions == ["2:11", "5:11", "8:61", "8:80"], "\(result)")
      for line in (result.stdout + result.stderr).split(separator: "\n") {
        #expect(!line.drop { $0 == " " }.hasPrefix("::"), "\(line)")
      }
      #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"), "\(result)")
      #expect(try dir.names() == ["release.yaml"])
    }
  }
}
