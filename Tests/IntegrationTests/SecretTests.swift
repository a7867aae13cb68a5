import Foundation
import TestSupport
import Testing

/// The API token never leaves the environment: not on stdout or stderr (even with `-v`), not
/// in the lockfile, not in a saved plan.
@Suite("credentials stay secret")
struct SecretTests {
  @Test("the API token appears in no output, lockfile or plan file, and -v shows Authorization: Basic ****")
  func tokenNeverShown() async throws {
    try await Scenario.with { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let token = scenario.emulator.token
      let pair = "BOOMI_TOKEN.\(scenario.emulator.username):\(token)"
      let forbidden = [token, pair, Data(pair.utf8).base64EncodedString()]

      var runs: [(String, CLIResult)] = []
      for arguments in [
        ["validate", "--remote", "-v"], ["plan", "--refresh", "-v"], ["plan", "-v", "--out", "plan.json"],
        ["apply", "-v", "plan.json"], ["status", "-v"], ["status", "--wait", "-v", "--wait-timeout", "60"],
        ["plan", "--refresh", "-v", "--format", "json"],
      ] {
        let result = try await scenario.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result)")
        runs.append((arguments.joined(separator: " "), result))
      }
      // A wrong token: the refusal must not echo either secret.
      let refused = try await scenario.run(["plan", "--refresh", "-v"], env: ["BOOMI_API_TOKEN": "wrong-\(token)"])
      #expect(refused.status == 1, "\(refused)")
      runs.append(("plan --refresh with a wrong token", refused))

      for (label, result) in runs {
        for secret in forbidden {
          #expect(!result.stdout.contains(secret), "\(label): stdout shows the secret")
          #expect(!result.stderr.contains(secret), "\(label): stderr shows the secret")
        }
      }
      let files = [Scenario.lockfile, "plan.json"].map {
        String(decoding: (try? scenario.directory.read($0)) ?? Data(), as: UTF8.self)
      }
      #expect(files.allSatisfy { !$0.isEmpty })
      for text in files {
        for secret in forbidden { #expect(!text.contains(secret)) }
      }
      for label in ["validate --remote -v", "plan --refresh -v", "apply -v plan.json", "status -v"] {
        let verbose = try #require(runs.first { $0.0 == label }?.1)
        #expect(verbose.stderr.contains("Authorization: Basic ****"), "\(label): \(verbose.stderr)")
      }
    }
  }

  @Test("a password (BOOMI_PASSWORD) appears in no output or file either, even with -v")
  func passwordNeverShown() async throws {
    let password = "pw-\(UUID().uuidString.lowercased())"
    try await Scenario.with(emulatorArguments: ["--password", password]) { scenario in
      try scenario.writeManifest(try Fixtures.exampleManifest())
      let env = ["BOOMI_API_TOKEN": "", "BOOMI_PASSWORD": password]
      let pair = "\(scenario.emulator.username):\(password)"
      let forbidden = [password, Data(pair.utf8).base64EncodedString()]
      var outputs: [String] = []
      for arguments in [["plan", "--refresh", "-v"], ["apply", "-v"], ["status", "-v"]] {
        let result = try await scenario.run(arguments, env: env)
        #expect(result.status == 0, "\(arguments): \(result)")
        #expect(result.stderr.contains("Authorization: Basic ****"), "\(arguments): \(result)")
        outputs += [result.stdout, result.stderr]
      }
      outputs.append(String(decoding: try scenario.directory.read(Scenario.lockfile), as: UTF8.self))
      for text in outputs {
        for secret in forbidden { #expect(!text.contains(secret)) }
      }
      // The calls really were made with the password.
      #expect(try await scenario.emulator.requests().contains { $0.isCreate && $0.outcome == "processed" })
    }
  }
}
