import BoomiEmulator
import Foundation
import Testing

/// `boomi-emulator`'s command line, parsed by swift-argument-parser, and its README.
@Suite("boomi-emulator command line")
struct CommandLineTests {
  @Test("flags, --flag=value, and credentials from the environment when the flags are absent")
  func parsing() throws {
    let command = try EmulatorCommand.parse([
      "--port=8123", "--rate-limit", "0", "--fail-503", "0.25", "--seed", "7", "--today", "2026-11-23", "--catalog",
      "c.yaml", "--idle-timeout-ms", "0",
    ])
    let configuration = try command.emulatorConfiguration(environment: [
      "BOOMI_ACCOUNT_ID": "acme-1", "BOOMI_USERNAME": "u", "BOOMI_API_TOKEN": "t", "BOOMI_PASSWORD": "p",
    ])
    #expect(configuration.port == 8123)
    #expect(configuration.account == "acme-1")
    #expect(configuration.password == "p")
    #expect(configuration.rateLimit == 0)
    #expect(configuration.faults.fail503 == 0.25)
    #expect(configuration.seed == 7)
    #expect(configuration.today?.description == "2026-11-23")
    #expect(configuration.host == "127.0.0.1")
    #expect(configuration.idleTimeout == nil)
    #expect(configuration.releaseDelay == .milliseconds(200))
    #expect(command.catalog == "c.yaml")

    let flagsWin = try EmulatorCommand.parse(["--account", "flag-account", "--username", "u", "--token", "t"])
      .emulatorConfiguration(environment: ["BOOMI_ACCOUNT_ID": "env", "BOOMI_PASSWORD": ""])
    #expect(flagsWin.account == "flag-account")
    #expect(flagsWin.password == nil, "an empty BOOMI_PASSWORD turned the password form on")
  }

  @Test(
    "bad command lines are usage errors that say what is wrong",
    arguments: [
      (["--username", "u", "--token", "t"], "--account is required (or set BOOMI_ACCOUNT_ID)"),
      (["--prot", "1"], "Did you mean '--port'?"),
      (["--fail-503", "1.5"], "--fail-503 must be a fraction from 0 to 1, not 1.5"),
      (["--timeout", "nan"], "--timeout must be a fraction from 0 to 1"),
      (["--rate-limit=-1"], "--rate-limit must be 0 (off) or a positive number"),
      (["--seed", "-3"], "--seed"),
      (["--today", "2026-02-30"], "February"),
      (["--port", "99999"], "--port must be from 0 to 65535"),
      (["--latency-ms=-5"], "--latency-ms must be from 0 to"),
      (["--timeout"], "Missing value for '--timeout <fraction>'"),
      (["stray"], "stray"),
    ])
  func usageErrors(arguments: [String], mentions: String) {
    do {
      _ = try EmulatorCommand.parse(arguments).emulatorConfiguration(environment: [:])
      Issue.record("\(arguments) parsed")
    } catch {
      let message = EmulatorCommand.message(for: error)
      #expect(message.contains(mentions), "\(message)")
      #expect(EmulatorCommand.exitCode(for: error).rawValue == 64)
    }
  }

  /// One option as the help describes it: `--port <port>` and its default, if it has one.
  struct Flag: Hashable, CustomStringConvertible {
    var synopsis: String
    var defaultValue: String?
    var description: String { "\(synopsis) (default \(defaultValue ?? "none"))" }
  }

  @Test("the README's flag table lists exactly the flags, value names and defaults of the generated help")
  func readmeFlagTable() throws {
    let dump = try ExecutableTests.run(["--experimental-dump-help"])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
    let command = try #require(json["command"] as? [String: Any])
    let arguments = try #require(command["arguments"] as? [[String: Any]])
    var fromHelp: Set<Flag> = []
    for argument in arguments where argument["kind"] as? String == "option" {
      let names = argument["names"] as? [[String: Any]] ?? []
      let long = try #require(names.first { $0["kind"] as? String == "long" }?["name"] as? String)
      let valueName = try #require(argument["valueName"] as? String)
      fromHelp.insert(Flag(synopsis: "--\(long) <\(valueName)>", defaultValue: argument["defaultValue"] as? String))
    }

    let readme = try String(contentsOf: Self.readme, encoding: .utf8)
    var fromReadme: Set<Flag> = []
    for line in readme.split(separator: "\n") where line.hasPrefix("| `--") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      let synopsis = cells[0].trimmingCharacters(in: ["`"])
      let defaultCell = cells[1]
      // A literal default is written `value`; one taken from elsewhere is described in words.
      let literal =
        defaultCell.hasPrefix("`") && defaultCell.hasSuffix("`") && !defaultCell.hasPrefix("`$")
        ? String(defaultCell.dropFirst().dropLast()) : nil
      fromReadme.insert(Flag(synopsis: synopsis, defaultValue: literal))
    }
    #expect(
      fromReadme == fromHelp,
      "only in the README: \(fromReadme.subtracting(fromHelp)); only in --help: \(fromHelp.subtracting(fromReadme))")
  }

  static var readme: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/BoomiEmulator/README.md")
  }
}
