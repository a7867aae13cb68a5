import Foundation
import Testing

@testable import ReleaseCore

private func decode(_ json: String) -> (Lockfile?, [Diagnostic]) {
  LockfileFormat.decode(SourceText(path: "release.lock.json", bytes: Array(json.utf8)))
}

/// A lockfile that uses every field.
let richLockfile: Lockfile = {
  let scheduled = ReleaseContent(
    schedule: .onDate(date("2026-12-20")),
    components: [
      PinnedComponent(componentId: componentY, version: "1.10"),
      PinnedComponent(componentId: componentX, version: "2.0"),
    ])
  let immediate = ReleaseContent(
    schedule: .immediately, components: [PinnedComponent(componentId: componentX, version: "1.0")])
  var lockfile = Lockfile(lineage: "5b0f1c9e-0000-4000-8000-000000000001", serial: 7, account: "acme-8Q78Q1")
  lockfile.packs[packA] = PackRecord(
    name: "orders-sync",
    release: RecordedRelease(
      operation: .update, content: scheduled, requestId: "release-0d3ad8c1",
      releaseStatusUrl: "https://api.boomi.com/api/rest/v1/acme-8Q78Q1/ReleaseIntegrationPackStatus/release-0d3ad8c1",
      status: .scheduled, appliedAt: "2026-11-23T21:30:00Z", planId: "plan-1"),
    history: [
      RecordedRelease(
        operation: .create, content: immediate, requestId: "release-11031691", status: .error,
        statusMessage: "Version \"1.0\" is not shareable; line two", appliedAt: "2026-11-01T08:00:00Z")
    ])
  lockfile.retired[packC] = PackRecord(
    name: nil,
    release: RecordedRelease(
      operation: .create, content: immediate, requestId: "release-c", appliedAt: "2026-10-01T00:00:00Z"))
  lockfile.pending = [
    Intent(
      id: "intent-1", packId: packB, operation: .create, content: immediate,
      bodyDigest: String(repeating: "ab", count: 32), planId: "plan-2", createdAt: "2026-11-23T22:00:00Z",
      failure: "read timeout after 60 s")
  ]
  lockfile.appliedPlans = ["plan-1", "plan-2"]
  return lockfile
}()

@Suite("Lockfile")
struct LockfileTests {
  @Test("a lockfile survives encoding and decoding unchanged")
  func roundTrip() throws {
    let bytes = LockfileFormat.encode(richLockfile)
    let (decoded, diagnostics) = LockfileFormat.decode(SourceText(path: "l.json", bytes: bytes))
    #expect(diagnostics.isEmpty)
    #expect(try #require(decoded) == richLockfile)
  }

  @Test("encoding is deterministic: same value, same bytes, sorted keys, trailing newline")
  func deterministic() throws {
    let first = LockfileFormat.encode(richLockfile)
    let second = LockfileFormat.encode(
      try #require(LockfileFormat.decode(SourceText(path: "l.json", bytes: first)).0))
    #expect(first == second)
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.hasSuffix("}\n"))
    #expect(text.hasPrefix("{\n  \"account\": \"acme-8Q78Q1\",\n  \"appliedPlans\": ["))
    #expect(!text.contains("null"))
    // Top-level keys in sorted order.
    let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
    #expect(keys == keys.sorted())
  }

  @Test("the encoding matches the committed example byte for byte")
  func golden() throws {
    try assertGolden(String(decoding: LockfileFormat.encode(richLockfile), as: UTF8.self), named: "lockfile.json")
  }

  @Test("a newer format version is refused by name, and only that is reported")
  func newerVersion() {
    let (lockfile, diagnostics) = decode(#"{"version": 2, "lineage": "x", "serial": 1, "futureField": {}}"#)
    #expect(lockfile == nil)
    #expect(diagnostics.map(\.code) == [.unsupportedVersion])
    #expect(diagnostics.first?.message.contains("version 2") == true)
    #expect(diagnostics.first?.help?.contains("upgrade") == true)
  }

  @Test("malformed JSON is reported at its line and column")
  func syntax() {
    let (_, diagnostics) = decode("{\n  \"version\": 1,\n  \"serial\": 1\n  \"lineage\": \"x\"\n}\n")
    #expect(diagnostics.map(\.code) == [.jsonSyntax])
    #expect(diagnostics.first?.mark == SourceMark(line: 4, column: 3))
    #expect(diagnostics.first?.file == "release.lock.json")
  }

  @Test("an unknown key is refused, so that rewriting the file never drops data")
  func unknownKey() {
    let (lockfile, diagnostics) = decode(
      #"{"version": 1, "lineage": "x", "serial": 1, "packs": {}, "extra": true}"#)
    #expect(lockfile == nil)
    #expect(diagnostics.map(\.code) == [.unknownKey])
  }

  @Test("bad values are reported where they are")
  func badValues() {
    let json = """
      {"version": 1, "lineage": "x", "serial": "seven",
       "packs": {"\(packA)": {"release": {"operation": "DELETE", "releaseSchedule": "RELEASE_ON_SPECIFIED_DATE",
         "components": [], "requestId": "r", "appliedAt": "t", "status": "DONE"}}}}
      """
    let (_, diagnostics) = decode(json)
    #expect(
      diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue)" } == [
        "1:42 wrong-type", "2:78 invalid-value", "2:107 invalid-value", "3:68 invalid-value",
      ])
  }

  @Test("a missing version is its own diagnostic")
  func missingVersion() {
    let (_, diagnostics) = decode(#"{"lineage": "x", "serial": 1}"#)
    #expect(diagnostics.map(\.code) == [.missingVersion])
  }

  @Test("strings with escapes, unicode and surrogate pairs decode exactly")
  func escapes() throws {
    let json = #"{"version": 1, "lineage": "a\"b\\c\/d\u00e9\ud83d\ude00 é", "serial": 0}"#
    let lockfile = try #require(decode(json).0)
    #expect(lockfile.lineage == "a\"b\\c/dé😀 é")
  }

  @Test(
    "a control character in an id, a name or a requestId is refused where it is",
    arguments: [
      (#"{"version": 1, "lineage": "a\nb", "serial": 0}"#, "1:27"),
      (#"{"version": 1, "lineage": "x", "serial": 0, "packs": {"p\u001b[2J": {}}}"#, "1:55"),
      (
        #"{"version": 1, "lineage": "x", "serial": 0, "packs": {"p": {"name": "ok\n::error::x"}}}"#, "1:69"
      ),
      (
        #"{"version": 1, "lineage": "x", "serial": 0, "appliedPlans": ["plan\u0085"]}"#, "1:62"
      ),
      (#"{"version": 1, "lineage": "x\u202Eevil", "serial": 0}"#, "1:27"),
    ])
  func controlCharacters(json: String, position: String) {
    let (lockfile, diagnostics) = decode(json)
    #expect(lockfile == nil)
    #expect(diagnostics.map { "\($0.line):\($0.column) \($0.code.rawValue)" } == ["\(position) control-character"])
  }

  @Test("Boomi's message with line breaks, kept by an older version, reads as one line")
  func messagesBecomeOneLine() throws {
    let json = """
      {"version": 1, "lineage": "x", "serial": 1, "packs": {"\(packA)": {"release": {"operation": "CREATE",
        "releaseSchedule": "IMMEDIATELY", "components": [{"componentId": "c", "version": "1"}],
        "requestId": "release-1", "appliedAt": "2026-11-01T00:00:00Z", "status": "ERROR",
        "statusMessage": "Version 1 is not shareable.\\n\\u001b[31mUse 2.\\u001b[0m"}}}}
      """
    let lockfile = try #require(decode(json).0)
    #expect(lockfile.packs[packA]?.release?.statusMessage == "Version 1 is not shareable. ␛[31mUse 2.␛[0m")
  }

  @Test("only releases whose status can still change are read again, and a status lands on its release")
  func refreshableRequests() {
    var lockfile = richLockfile
    // The current release of packA is SCHEDULED (may change); packC's was never read.
    #expect(lockfile.requestsToRefresh == ["release-0d3ad8c1", "release-c"])
    lockfile.setStatus(.success, requestId: "release-c")
    lockfile.setStatus(.error, requestId: "release-0d3ad8c1")
    #expect(lockfile.retired[packC]?.release?.status == .success)
    #expect(lockfile.packs[packA]?.release?.status == .error)
    #expect(lockfile.requestsToRefresh.isEmpty)
    lockfile.packs[packB] = PackRecord(
      release: RecordedRelease(
        operation: .create, content: ReleaseContent(schedule: .immediately, components: []),
        requestId: RecordedRelease.unrecordedPrefix + "intent-1", appliedAt: "2026-11-23T00:00:00Z"))
    #expect(lockfile.requestsToRefresh.isEmpty, "a release recorded without its requestId cannot be read")
  }

  @Test("an empty lockfile state has no lineage and serial 0")
  func empty() {
    #expect(Lockfile.empty.lineage == nil)
    #expect(Lockfile.empty.serial == 0)
    #expect(Lockfile.empty.packs.isEmpty)
  }
}

@Suite("Reading JSON")
struct JSONEventSourceTests {
  static let malformed: [(String, Int, Int)] = [
    ("{", 1, 2),
    ("{\"a\": }", 1, 7),
    ("[1, 2,]", 1, 7),
    ("{\"a\": 01}", 1, 8),
    ("{\"a\": tru}", 1, 7),
    ("{\"a\": \"x\u{01}\"}", 1, 9),
    ("{\"a\": \"\\q\"}", 1, 8),
    ("{\"a\": \"\\ud800\"}", 1, 8),
    ("{\"a\": 1} 2", 1, 10),
    ("{a: 1}", 1, 2),
    ("{\"é\": \"x\" \"b\"}", 1, 11),
  ]

  @Test("malformed JSON is a positioned json-syntax diagnostic", arguments: malformed)
  func malformedJSON(_ text: String, _ line: Int, _ column: Int) {
    let (lockfile, diagnostics) = LockfileFormat.decode(SourceText(path: "x.json", bytes: Array(text.utf8)))
    let syntax = diagnostics.filter { $0.code == .jsonSyntax }
    #expect(lockfile == nil)
    #expect(syntax.count == 1, "\(diagnostics)")
    #expect(syntax.first?.mark == SourceMark(line: line, column: column), "\(diagnostics)")
  }

  @Test("JSON nesting is bounded")
  func nesting() {
    let text = "{\"version\": " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "}"
    let (_, diagnostics) = LockfileFormat.decode(SourceText(path: "x.json", bytes: Array(text.utf8)))
    #expect(diagnostics.map(\.code).contains(.nestingTooDeep))
  }
}
