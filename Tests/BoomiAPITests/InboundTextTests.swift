import Foundation
import SafeText
import Testing

@testable import BoomiAPI

@Suite("The gate every answer passes")
struct InboundTextTests {
  @Test(
    "JSON escapes are spelled out, so that no escape can hide the credential; quotes and backslashes stay escaped",
    arguments: [
      (#"{"a":"x\/y"}"#, #"{"a":"x/y"}"#),
      (#"{"a":"\u0051\u006B\u002B"}"#, #"{"a":"Qk+"}"#),
      (#"{"a":"\ud83d\ude00"}"#, #"{"a":"😀"}"#),
      (#"{"a":"\"quoted\" \\ back"}"#, #"{"a":"\"quoted\" \\ back"}"#),
      (#"{"a":"\\u0041"}"#, #"{"a":"\\u0041"}"#),
      (#"{"a":"\u0022"}"#, #"{"a":"\u0022"}"#),
      (#"{"a":"\ud800 lone"}"#, #"{"a":"\ud800 lone"}"#),
    ])
  func escapes(body: String, expected: String) throws {
    let out = String(decoding: InboundText.spelledOut(Array(body.utf8)), as: UTF8.self)
    #expect(out == expected)
    // It still means what it meant (where it meant anything: a lone surrogate is not JSON).
    if let before = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String] {
      #expect(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: String] == before)
    }
  }

  @Test(
    "control characters, escaped or raw, become a space (line breaks, tabs) or their visible stand-in",
    arguments: [
      (#"{"a":"one\ntwo\tthree\r\n"}"#, #"{"a":"one two three  "}"#),
      (#"{"a":"\u001b]0;t\u0007\b"}"#, #"{"a":"␛]0;t␇␈"}"#),
      ("{\"a\":\"raw\u{1B}[2J\u{7F}\u{9B}\"}", #"{"a":"raw␛[2J␡�"}"#),
      ("<error>\n<message>a\u{2028}b</message></error>", "<error> <message>a b</message></error>"),
      // Found by fuzzing: a backslash before a raw control byte let the byte through.
      ("{\"a\":\"x\\\u{0}y\\\u{1B}[2J\"}", "{\"a\":\"x\\␀y\\␛[2J\"}"),
      (#"{"a":"\u00zz \q"}"#, #"{"a":"\u00zz \q"}"#),
    ])
  func controls(body: String, expected: String) {
    #expect(String(decoding: InboundText.spelledOut(Array(body.utf8)), as: UTF8.self) == expected)
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var corpus: [String] {
    let directory = packageRoot.appendingPathComponent("Fuzz/corpus/response").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  @Test(
    "every answer in the fuzz regression corpus leaves the gate without the credential or a control character",
    arguments: corpus)
  func corpusReplay(name: String) throws {
    let token = "0d3ad8c1-7e0b-4f5a-9c1d-2b3e4f5a6b7c"
    let gate = InboundText(
      redactor: Redactor([.init(user: "ci@acme.example", secret: token, pairPrefix: "BOOMI_TOKEN.")]))
    var body = Array(try Data(contentsOf: Self.packageRoot.appendingPathComponent("Fuzz/corpus/response/\(name)")))
    body = body.flatMap { $0 == 0x02 ? Array(token.utf8) : [$0] }
    let clean = gate.clean(HTTPResponse(status: 400, body: body))
    let text = String(decoding: clean.body, as: UTF8.self).lowercased()
    #expect(!text.contains(String(token.prefix(8))), "\(text)")
    #expect(!clean.body.contains { $0 < 0x20 || $0 == 0x7F }, "\(text)")
  }
}
