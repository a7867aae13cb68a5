import Foundation
import TestSupport
import Testing

@Suite("boomi-release validate")
struct ValidateCommandTests {
  @Test("a good manifest is valid: exit 0, a one-line summary on stdout, nothing on stderr")
  func goodManifest() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["validate"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout == "release.yaml is valid: 2 packs, 2 components.\n")
      #expect(result.stderr.isEmpty)
    }
  }

  @Test("-f reads the manifest from another path")
  func manifestOption() throws {
    try withTemporaryDirectory { dir in
      try dir.write("deploy/packs.yml", Fixtures.singlePackManifest(release: "immediately"))
      let result = try CLI.run(["validate", "-f", "deploy/packs.yml"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(result.stdout.contains("deploy/packs.yml is valid: 1 pack, 1 component."))
    }
  }

  @Test("every mistake is reported as FILE:LINE:COLUMN: error: MESSAGE [code], with the line and a caret")
  func fiveMistakes() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes)
      let result = try CLI.run(["validate"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stdout.isEmpty)
      let lines = result.stderr.lines
      for expected in Fixtures.fiveMistakesExpected {
        let prefix = "release.yaml:\(expected.line):\(expected.column): error: "
        let matches = lines.filter { $0.hasPrefix(prefix) && $0.hasSuffix(" [\(expected.code)]") }
        #expect(matches.count == 1, "no single \(prefix)… [\(expected.code)] in:\n\(result.stderr)")
        #expect(matches.first?.contains("'\(expected.quoted)'") == true, "message does not quote \(expected.quoted)")
        // The source line follows, then a caret under the column.
        if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }), index + 2 < lines.count {
          let sourceLine = Fixtures.fiveMistakes.lines[expected.line - 1]
          #expect(lines[index + 1].hasSuffix("| " + sourceLine))
          let caretLine = lines[index + 2]
          let bar = try #require(caretLine.firstIndex(of: "|"))
          let afterBar = caretLine[caretLine.index(bar, offsetBy: 2)...]
          #expect(afterBar == String(repeating: " ", count: expected.column - 1) + "^")
        }
      }
      #expect(lines.contains("help: did you mean 'version'?"))
      #expect(lines.contains("help: did you mean 'MULTI'?"))
      #expect(lines.contains("5 errors"))
      let diagnosticLines = lines.filter { $0.hasPrefix("release.yaml:") }
      #expect(diagnosticLines.count == 5, "expected exactly five diagnostics:\n\(result.stderr)")
    }
  }

  @Test("--format json prints the same diagnostics as JSON on stdout")
  func fiveMistakesAsJSON() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes)
      let result = try CLI.run(["validate", "--format", "json"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(!result.stderr.contains("release.yaml:"), "diagnostics also went to stderr")
      let report = try jsonObject(result.stdout)
      #expect(report["valid"] as? Bool == false)
      let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
      #expect(diagnostics.count == 5)
      for (diagnostic, expected) in zip(diagnostics, Fixtures.fiveMistakesExpected) {
        #expect(diagnostic["file"] as? String == "release.yaml")
        #expect(diagnostic["line"] as? Int == expected.line)
        #expect(diagnostic["column"] as? Int == expected.column)
        #expect(diagnostic["code"] as? String == expected.code)
        #expect(diagnostic["severity"] as? String == "error")
        #expect((diagnostic["message"] as? String)?.contains("'\(expected.quoted)'") == true)
      }
    }
  }

  @Test("--format json on a good manifest reports valid with no diagnostics")
  func goodManifestAsJSON() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["validate", "--format", "json"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      let report = try jsonObject(result.stdout)
      #expect(report["valid"] as? Bool == true)
      #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
    }
  }

  @Test("--format markdown on a good manifest does not announce problems")
  func goodManifestAsMarkdown() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.manifest())
      let result = try CLI.run(["validate", "--format", "markdown"], in: dir.url)
      #expect(result.status == 0, "\(result)")
      #expect(!result.stdout.contains("found problems"), "a valid manifest is reported as having problems: \(result)")
      #expect(result.stdout.contains("release.yaml is valid"))
    }
  }

  @Test("--format markdown on a manifest with errors prints them in a fenced block")
  func mistakesAsMarkdown() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes)
      let result = try CLI.run(["validate", "--format", "markdown"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stdout.contains("```\nrelease.yaml:2:1: error: "))
      #expect(!result.stdout.containsANSIEscape)
      #expect(result.stdout.lines.filter { $0.hasPrefix("release.yaml:") }.count == 5)
    }
  }

  @Test("positions are right in a manifest with CRLF line breaks")
  func crlfPositions() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes.replacingOccurrences(of: "\n", with: "\r\n"))
      let result = try CLI.run(["validate", "--format", "json"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      let diagnostics = try #require(try jsonObject(result.stdout)["diagnostics"] as? [[String: Any]])
      let positions = diagnostics.map { "\($0["line"] as? Int ?? 0):\($0["column"] as? Int ?? 0)" }
      #expect(positions == Fixtures.fiveMistakesExpected.map { "\($0.line):\($0.column)" })
    }
  }

  @Test("plan --format json on a manifest with errors prints the diagnostics as one JSON document")
  func planDiagnosticsAsJSON() throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", Fixtures.fiveMistakes)
      let result = try CLI.run(["plan", "--format", "json"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      let report = try jsonObject(result.stdout)
      #expect(report["valid"] as? Bool == false)
      #expect((report["diagnostics"] as? [Any])?.count == 5)
    }
  }

  @Test(
    "a missing manifest is an error naming it", arguments: [["validate"], ["plan"], ["plan", "--out", "plan.json"]])
  func missingManifest(arguments: [String]) throws {
    try withTemporaryDirectory { dir in
      let result = try CLI.run(arguments, in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(result.stderr == "error: the manifest release.yaml does not exist\n")
      #expect(result.stdout.isEmpty)
      #expect(try dir.names().isEmpty, "a file was written")
    }
  }

  @Test("an empty manifest is reported as empty-document at 1:1", arguments: ["", "\n", "# only a comment\n"])
  func emptyManifest(text: String) throws {
    try withTemporaryDirectory { dir in
      try dir.write("release.yaml", text)
      let result = try CLI.run(["validate"], in: dir.url)
      #expect(result.status == 1, "\(result)")
      #expect(
        result.stderr.lines.contains { $0.hasPrefix("release.yaml:1:1: error: ") && $0.hasSuffix("[empty-document]") })
    }
  }

  @Test("a manifest account that differs from BOOMI_ACCOUNT_ID is an account-mismatch")
  func accountMismatch() throws {
    try withTemporaryDirectory { dir in
      try dir.write(
        "release.yaml",
        "version: 1\naccount: acme-8Q78Q1\n" + Fixtures.manifest().lines.dropFirst().joined(separator: "\n"))
      let agree = try CLI.run(["validate"], in: dir.url, env: ["BOOMI_ACCOUNT_ID": "acme-8Q78Q1"])
      #expect(agree.status == 0, "\(agree)")
      let differ = try CLI.run(["validate"], in: dir.url, env: ["BOOMI_ACCOUNT_ID": "other-1234"])
      #expect(differ.status == 1, "\(differ)")
      #expect(
        differ.stderr.lines.contains {
          $0.hasPrefix("release.yaml:2:10: error: ") && $0.hasSuffix("[account-mismatch]")
        })
    }
  }
}
