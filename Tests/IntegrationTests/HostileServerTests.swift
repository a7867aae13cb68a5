import Foundation
import Synchronization
import TestSupport
import Testing

/// Servers and gateways that echo the credential back, in every form, and put control characters
/// in their messages: nothing of the credential reaches any output or file, and nothing from a
/// server can move a terminal or start a CI workflow command.
@Suite("hostile servers")
struct HostileServerTests {
  /// Every way the Authorization header (`Basic <base64>`) might come back in a message.
  static func echoes(of authorization: String) -> [String] {
    let base64 = String(authorization.dropFirst("Basic ".count))
    let pair = String(decoding: Data(base64Encoded: base64) ?? Data(), as: UTF8.self)
    return [
      "Authorization: \(authorization)",
      "authorization: basic \(base64)",
      "AUTHORIZATION: BASIC \(base64)",
      base64,
      pair,
      // Cut at 300 characters by the client in the middle of the secret.
      String(repeating: "x", count: 270) + " " + authorization,
      // JSON spelling the same characters with escapes.
      base64.replacingOccurrences(of: "/", with: #"\/"#).replacingOccurrences(of: "+", with: #"\u002B"#),
      pair.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? pair,
      // A gateway that truncates the header itself.
      "header was: " + String(authorization.prefix(40)) + "…",
    ]
  }

  @Test("no form of the token echoed by a gateway reaches stdout, stderr, the lockfile, a plan file or a -v log")
  func echoedTokenGoesNowhere() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let forms = SecretForms(user: scenario.emulator.username, secret: scenario.emulator.token)
      // Which echo the gateway answers with next, and whether it answers CREATEs or bulk reads.
      let state = Mutex((echo: 0, target: "none"))
      let rule: EchoingGateway.Rule = { method, path, authorization in
        state.withLock { state -> (Int, String)? in
          let echoes = Self.echoes(of: authorization)
          let echo = echoes[state.echo % echoes.count]
          let message = echo.replacingOccurrences(of: #"""#, with: #"\""#)
          switch state.target {
          case "create" where method == "POST" && path.hasSuffix("/ReleaseIntegrationPack"):
            state.echo += 1
            return (200, #"{"@type":"Error","message":"gateway echo: \#(message)"}"#)
          case "bulk" where path.hasSuffix("/ReleaseIntegrationPackStatus/bulk"):
            state.echo += 1
            return (
              200,
              #"{"@type":"BulkResult","response":[{"index":0,"statusCode":403,"errorMessage":"denied: \#(message)"}]}"#
            )
          case "refused" where method == "POST":
            state.echo += 1
            return (401, #"{"message":"bad credentials: \#(message)"}"#)
          default:
            return nil
          }
        }
      }
      try await withGateway(in: scenario.emulator, rule: rule) { gateway in
        let env = ["BOOMI_API_URL": gateway.baseURL]
        var outputs: [(String, String)] = []
        func run(_ arguments: [String], target: String) async throws -> CLIResult {
          state.withLock { $0.target = target }
          let result = try await scenario.run(arguments, env: env)
          outputs += [("\(arguments) stdout", result.stdout), ("\(arguments) stderr", result.stderr)]
          return result
        }
        // Every CREATE answered 200 with Boomi's Error echoing the header: outcomes unknown,
        // recorded as intents with their failure, in the lockfile users commit.
        for _ in 0..<3 {
          let apply = try await run(["apply", "--yes", "-v"], target: "create")
          #expect(apply.status == 3, "\(apply)")
          let recover = try await run(
            [
              "recover", "--pack", "orders-sync", "--pack", "billing-export", "--pack", "inventory-feed",
              "--assume-not-sent",
            ], target: "none")
          #expect(recover.status == 0, "\(recover)")
        }
        let apply = try await run(["apply", "--yes", "-v"], target: "create")
        let lockfileDuringFailures = String(decoding: try scenario.directory.read(Scenario.lockfile), as: UTF8.self)
        #expect(lockfileDuringFailures.contains(#""failure""#), "the failures are recorded: \(lockfileDuringFailures)")
        #expect(apply.stdout.contains("****"), "\(apply)")
        _ = try await run(
          [
            "recover", "--pack", "orders-sync", "--pack", "billing-export", "--pack", "inventory-feed",
            "--assume-not-sent",
          ], target: "none")

        // Real releases, then status reads whose bulk errorMessage echoes the header.
        let released = try await run(["apply", "--yes"], target: "none")
        #expect(released.status == 0, "\(released)")
        for arguments in [["status", "-v"], ["plan", "--refresh", "-v"], ["status", "--format", "json"]] {
          for _ in 0..<3 { _ = try await run(arguments, target: "bulk") }
        }
        // Refusals (401) echoing it, with a saved plan written first.
        _ = try await run(["plan", "--out", "plan.json"], target: "none")
        for _ in 0..<3 { _ = try await run(["validate", "--remote", "-v"], target: "refused") }

        let files = try [Scenario.lockfile, "plan.json", "release.emulator.json"].compactMap { name in
          FileManager.default.fileExists(atPath: scenario.directory.path(name))
            ? (name, String(decoding: try scenario.directory.read(name), as: UTF8.self)) : nil
        }
        let emulatorState = try await scenario.emulator.stateText()
        for (label, text) in outputs + files + [("emulator state and request log", emulatorState)] {
          #expect(forms.leaks(in: text).isEmpty, "\(label) shows \(forms.leaks(in: text)):\n\(text)")
        }
        #expect(state.withLock { $0.echo } >= 12, "the gateway echoed the header")
      }
    }
  }

  @Test("BOOMI_API_URL with a user and password is refused without showing them, with or without -v")
  func userInformationInTheURL() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let url = scenario.emulator.baseURL.replacingOccurrences(of: "http://", with: "http://bob:pa55-w0rd-xyz@")
      for arguments in [["plan", "--refresh", "-v"], ["validate", "--remote"], ["apply", "--yes", "-v"]] {
        let result = try await scenario.run(arguments, env: ["BOOMI_API_URL": url])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("carries a user name or password"), "\(result)")
        #expect(!(result.stdout + result.stderr).contains("pa55-w0rd-xyz"), "\(result)")
      }
      #expect(try await scenario.emulator.requests().isEmpty, "nothing was sent")
    }
  }

  @Test("a server's control characters and workflow commands reach no output as such")
  func controlCharactersFromTheServer() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let rule: EchoingGateway.Rule = { method, path, _ in
        guard method == "POST", path.hasSuffix("/ReleaseIntegrationPack") else { return nil }
        return (
          400,
          #"{"@type":"Error","message":"refused\n::error file=x::injected\u001b]0;pwned\u0007 ##[warning]legacy\u009b2J"}"#
        )
      }
      try await withGateway(in: scenario.emulator, rule: rule) { gateway in
        let apply = try await scenario.run(
          ["apply", "--yes", "--color", "never"], env: ["BOOMI_API_URL": gateway.baseURL])
        #expect(apply.status == 1, "\(apply)")
        #expect(
          apply.stdout.contains("refused :\\:error file=x::injected␛]0;pwned␇ #\\#[warning]legacy�2J")
            || apply.stdout.contains("refused ::error file=x::injected␛]0;pwned␇ #\\#[warning]legacy�2J"), "\(apply)")
        expectNothingActsOnATerminalOrCI(apply)
      }
    }
  }

  @Test("pack names that look like workflow commands are shown, never executed, in every format")
  func workflowCommandNames() async throws {
    try await Scenario.with { scenario in
      var manifest = try Fixtures.exampleManifest()
      manifest = manifest.replacingOccurrences(of: "name: orders-sync", with: "name: \"::error::injected\"")
      manifest = manifest.replacingOccurrences(of: "name: billing-export", with: "name: \"##[warning]legacy\"")
      try scenario.writeManifest(manifest)
      for arguments in [
        ["plan"], ["plan", "--format", "json"], ["plan", "--format", "markdown"], ["plan", "-v"],
        ["apply", "--yes"], ["status"], ["apply", "--yes", "--format", "json"],
      ] {
        let result = try await scenario.run(arguments + ["--color", "never"])
        #expect(result.status == 0, "\(arguments): \(result)")
        expectNothingActsOnATerminalOrCI(result)
        if arguments.contains("json") {
          #expect(JSON.parse(result.stdout) != nil, "\(arguments) still prints valid JSON: \(result.stdout)")
        }
      }
    }
  }
}

/// No line of `result`'s output starts a GitHub workflow command (after blanks) or holds a
/// legacy `##[` one, and no escape character reaches the terminal.
func expectNothingActsOnATerminalOrCI(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
  for text in [result.stdout, result.stderr] {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let head = line.drop { $0.isWhitespace }
      #expect(!head.hasPrefix("::"), "a workflow command: \(line)", sourceLocation: sourceLocation)
      #expect(!line.contains("##["), "a legacy workflow command: \(line)", sourceLocation: sourceLocation)
    }
    #expect(
      !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F..<0xA0).contains($0.value) },
      "a control character reached the output: \(text.debugDescription)", sourceLocation: sourceLocation)
  }
}
