import Foundation
import ReleaseCore
import TestSupport
import Testing

@Suite("boomi-release command line")
struct CommandLineTests {
  @Test("--version prints the product version and exits 0")
  func version() throws {
    try withTemporaryDirectory { dir in
      let result = try CLI.run(["--version"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout == ProductVersion.current + "\n")
      #expect(result.stderr.isEmpty)
    }
  }

  @Test("--help lists every subcommand", arguments: [["--help"], ["help"]])
  func topLevelHelp(arguments: [String]) throws {
    try withTemporaryDirectory { dir in
      let result = try CLI.run(arguments, in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.contains("USAGE: boomi-release"))
      for subcommand in ["validate", "plan", "schema", "lockfile"] {
        #expect(result.stdout.contains("  \(subcommand) "), "help does not list \(subcommand)")
      }
      #expect(result.stdout.contains("Exit codes"))
    }
  }

  @Test(
    "--help on each subcommand describes it and its options",
    arguments: [
      ("validate", "Check the manifest", ["--manifest", "--lockfile", "--format", "--color"]),
      ("plan", "Show what apply would do", ["--manifest", "--target", "--exclude", "--detailed-exitcode", "--out"]),
      ("schema", "Print the manifest's JSON Schema", []),
    ])
  func subcommandHelp(subcommand: String, abstract: String, options: [String]) throws {
    try withTemporaryDirectory { dir in
      let result = try CLI.run([subcommand, "--help"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.contains("OVERVIEW: \(abstract)"))
      #expect(result.stdout.contains("USAGE: boomi-release \(subcommand)"))
      for option in options {
        #expect(result.stdout.contains(option), "\(subcommand) --help does not mention \(option)")
      }
      #expect(try dir.names().isEmpty, "--help wrote a file")
    }
  }

  @Test(
    "every command's help is wrapped once, at 80 columns: no line is broken before the next word would have fitted",
    arguments: [
      [], ["validate"], ["plan"], ["apply"], ["status"], ["recover"], ["import"], ["schema"], ["lockfile"],
      ["lockfile", "merge"],
    ])
  func helpParagraphs(subcommand: [String]) throws {
    try withTemporaryDirectory { dir in
      let result = try CLI.run(subcommand + ["--help"], in: dir.url, env: ["COLUMNS": "80"])
      #expect(result.status == 0, "\(result)")
      let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
      for (line, next) in zip(lines, lines.dropFirst()) where !line.isEmpty && !next.isEmpty {
        guard indentation(line) == indentation(next), !next.drop(while: { $0 == " " }).hasPrefix("-") else { continue }
        let nextWord = next.drop(while: { $0 == " " }).prefix { $0 != " " }
        #expect(
          line.count + 1 + nextWord.count >= 80, "broken early: \"\(line)\" before \"\(nextWord)\"")
      }
      #expect(lines.allSatisfy { $0.count <= 80 }, "a line wider than 80 columns")
    }
  }

  @Test(
    "a numeric option out of its range is refused when parsed (exit 64), before anything is read, sent or written",
    arguments: [
      (["apply", "--rate", "1e-10"], "--rate must be from 0.01 to 10.0"),
      (["apply", "--rate", "nan"], "--rate must be from 0.01 to 10.0"),
      (["apply", "--rate", "inf"], "--rate must be from 0.01 to 10.0"),
      (["plan", "--refresh", "--rate", "11"], "--rate must be from 0.01 to 10.0"),
      (["status", "--rate", "0"], "--rate must be from 0.01 to 10.0"),
      (["apply", "--concurrency", "0"], "--concurrency must be from 1 to 64"),
      (["apply", "--concurrency", "100000"], "--concurrency must be from 1 to 64"),
      (["apply", "--wait-timeout=-1"], "--wait-timeout must be from 0 to 86400"),
      (["status", "--wait-timeout", "9999999999999"], "--wait-timeout must be from 0 to 86400"),
      (["recover", "--settle=-5"], "--settle must be from 0 to 604800"),
    ])
  func numericRanges(arguments: [String], message: String) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(arguments, in: dir.url, env: ["BOOMI_API_URL": "http://127.0.0.1:9/api"])
      #expect(result.status == 64, "\(result)")
      #expect(result.stderr.contains(message), "\(result)")
      #expect(try dir.names() == ["release.yaml"], "a refused command line wrote a file")
    }
  }

  @Test(
    "an unknown option or subcommand is a usage error with exit code 64",
    arguments: [["plan", "--bogus"], ["frobnicate"]])
  func usageError(arguments: [String]) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(arguments, in: dir.url)
      #expect(result.status == 64, "\(result)")
      #expect(result.stderr.contains("Error:"))
      #expect(result.stdout.isEmpty)
    }
  }

  @Test("schema prints a JSON Schema whose properties are the manifest's top-level keys")
  func schema() throws {
    try withTemporaryDirectory { dir in
      let result = try CLI.run(["schema"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      let schema = try jsonObject(result.stdout)
      let properties = try #require(schema["properties"] as? [String: Any])
      #expect(Set(properties.keys) == ["version", "packs", "account", "timezone"])
      #expect(schema["type"] as? String == "object")
      #expect((schema["$schema"] as? String)?.contains("json-schema.org") == true)
      #expect((schema["required"] as? [String])?.contains("packs") == true)
      let packs = try #require(properties["packs"] as? [String: Any])
      let packItems = try #require(packs["items"] as? [String: Any])
      let packProperties = try #require(packItems["properties"] as? [String: Any])
      #expect(Set(packProperties.keys) == ["id", "name", "installationType", "release", "components"])
    }
  }

  @Test(
    "no command writes anything beside the manifest",
    arguments: [
      ["validate"], ["validate", "--format", "json"], ["validate", "--format", "markdown"], ["plan"],
      ["plan", "--detailed-exitcode"], ["plan", "--format", "json"], ["plan", "--format", "markdown"],
      ["plan", "-v", "--color", "always"], ["plan", "--target", "billing"], ["schema"], ["--help"],
    ])
  func writesNothing(arguments: [String]) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.6"))
      try dir.write("release.lock.json", try Fixtures.matchingLockfile())
      let before = try dir.snapshot()
      let result = try CLI.run(arguments, in: dir.url)
      #expect(!result.timedOut)
      #expect([0, 2].contains(result.status), "\(result)")
      #expect(try dir.snapshot() == before, "\(arguments) changed the directory")
    }
  }

  @Test(
    "a command that talks to Boomi without credentials says which one is missing before it prints a plan",
    arguments: [["apply", "--yes"], ["plan", "--refresh"]])
  func missingCredentials(arguments: [String]) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let before = try dir.snapshot()
      let result = try CLI.run(
        arguments, in: dir.url, env: ["BOOMI_API_URL": "http://127.0.0.1:9/api", "BOOMI_ACCOUNT_ID": "acme-8Q78Q1"])
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr.contains("BOOMI_USERNAME is not set"), "\(result)")
      #expect(result.stdout.isEmpty, "a plan was printed before the missing credential was found: \(result)")
      #expect(try dir.snapshot() == before, "\(arguments) changed the directory")
    }
  }

  @Test("without credentials, apply with nothing to send still exits 0, and a refused saved plan still exits 5")
  func credentialsOnlyWhenSending() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      try dir.write("release.lock.json", try Fixtures.matchingLockfile())
      let nothing = try CLI.run(["apply", "--yes"], in: dir.url)
      #expect(nothing.status == 0, "\(nothing)")
      #expect(nothing.stderr.contains("Nothing to apply"), "\(nothing)")

      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.6"))
      #expect(try CLI.run(["plan", "--out", "plan.json"], in: dir.url).status == 0)
      try dir.write("release.yaml", Fixtures.manifest(billingVersion: "1.7"))
      let refused = try CLI.run(["apply", "plan.json"], in: dir.url)
      #expect(refused.status == 5, "\(refused)")
      #expect(!refused.stderr.contains("BOOMI_USERNAME"), "\(refused)")
    }
  }

  @Test(
    "apply --format json prints the run's result: per pack its action, outcome, requestId and status; the counts")
  func applyJSON() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["apply", "--emulator", "--yes", "--wait", "--format", "json"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      let document = try jsonObject(result.stdout)
      #expect(Set(document.keys) == ["planId", "packs", "blocked", "retired", "summary"])
      let packs = try #require(document["packs"] as? [[String: Any]])
      #expect(packs.count == 2)
      for pack in packs {
        #expect(Set(pack.keys) == ["packId", "name", "action", "outcome", "requestId", "status"], "\(pack)")
        #expect(pack["action"] as? String == "CREATE")
        #expect(pack["outcome"] as? String == "released")
        #expect((pack["requestId"] as? String)?.hasPrefix("release-") == true)
        #expect(["SUCCESS", "SCHEDULED"].contains(pack["status"] as? String), "\(pack)")
      }
      let summary = try #require(document["summary"] as? [String: Int])
      #expect(
        summary == [
          "released": 2, "failed": 0, "unknown": 0, "unrecorded": 0, "notSent": 0, "drifted": 0, "retired": 0,
        ])
      // Every requestId is also in the lockfile the run wrote.
      let lockfile = String(decoding: try dir.read("release.emulator.lock.json"), as: UTF8.self)
      for pack in packs { #expect(lockfile.contains(try #require(pack["requestId"] as? String))) }
    }
  }

  @Test("a manifest with errors writes no plan file and no lockfile")
  func errorsWriteNothing() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes)
      let before = try dir.snapshot()
      for arguments in [
        ["plan", "--out", "plan.json"], ["validate"], ["plan", "--out", "plan.json", "--format", "json"],
      ] {
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(!dir.exists("plan.json"))
        #expect(!dir.exists("release.lock.json"))
        #expect(try dir.snapshot() == before, "\(arguments) changed the directory")
      }
    }
  }

  @Test("credentials in the environment appear in no output and no saved plan")
  func credentialsNeverShown() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let secrets = [
        "BOOMI_API_TOKEN": "tok-0123456789abcdef-SECRET",
        "BOOMI_PASSWORD": "pw-SECRET-9876",
        "BOOMI_USERNAME": "someone@example.com",
        "BOOMI_ACCOUNT_ID": "acme-8Q78Q1",
      ]
      for arguments in [
        ["validate", "-v"], ["plan", "-v", "--out", "plan.json"], ["plan", "--format", "json"],
        ["plan", "--format", "markdown"],
      ] {
        let result = try CLI.run(arguments, in: dir.url, env: secrets)
        #expect([0, 2].contains(result.status), "\(result)")
        for secret in ["tok-0123456789abcdef-SECRET", "pw-SECRET-9876"] {
          #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(arguments) printed a secret")
        }
      }
      let plan = String(decoding: try dir.read("plan.json"), as: UTF8.self)
      #expect(!plan.contains("SECRET"))
      #expect(!plan.contains("someone@example.com"))
    }
  }
}
