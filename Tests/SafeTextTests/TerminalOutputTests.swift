import ReleaseCore
import Testing

@testable import SafeText

@Suite("Terminal output")
struct TerminalOutputTests {
  @Test("ordinary output, colours and the live progress line pass unchanged")
  func ownOutputPasses() {
    let texts = [
      "Plan: 1 to create, 0 to update, 2 unchanged.\n",
      "\u{1B}[1;32m+\u{1B}[0m orders-sync\n\tindented\n",
      "\r\u{1B}[2K[3/10] sending: orders-sync",
      "  + orders-sync done\n\r\u{1B}[2K[4/10] sending: billing",
      "error: the manifest release.yaml does not exist\n",
      "a: b :: c\n",
      "",
    ]
    for text in texts { #expect(TerminalOutput.sanitize(text) == text) }
  }

  @Test(
    "a line that would start a GitHub workflow command is defused, after any blanks",
    arguments: [
      ("::error::injected\n", ":\\:error::injected\n"),
      ("ok\n::error::injected\n", "ok\n:\\:error::injected\n"),
      ("  \t::set-output name=x::y", "  \t:\\:set-output name=x::y"),
      ("\u{00A0}::warning::x", "\u{00A0}:\\:warning::x"),
      ("\u{1B}[1m::notice::x", "\u{1B}[1m:\\:notice::x"),
      ("x ##[error]legacy command", "x #\\#[error]legacy command"),
    ])
  func workflowCommands(input: String, expected: String) {
    #expect(TerminalOutput.sanitize(input) == expected)
  }

  @Test(
    "control characters other than the tools' own are shown, not acted on",
    arguments: [
      ("title \u{1B}]0;pwned\u{07}", "title ␛]0;pwned␇"),
      ("up \u{1B}[1A", "up ␛[1A"),
      ("hidden \u{1B}[8msecret", "hidden ␛[8msecret"),
      ("bell\u{07}", "bell␇"),
      ("back\u{08}space", "back␈space"),
      ("carriage\rreturn", "carriage␍return"),
      ("released orders-sync\r\u{1B}[2Kfailed orders-sync", "released orders-sync␍\u{1B}[2Kfailed orders-sync"),
      ("\r\u{1B}[31mred over the line", "␍\u{1B}[31mred over the line"),
      ("delete\u{7F}", "delete␡"),
      ("c1 \u{9B}31m", "c1 �31m"),
      ("line\u{2028}separator", "line␤separator"),
      ("access = \"user\u{202E} \u{2066}// admin\u{2069} \u{2066}\"", "access = \"user� �// admin� �\""),
    ])
  func controls(input: String, expected: String) {
    #expect(TerminalOutput.sanitize(input) == expected)
  }

  @Test("every byte string comes out valid, with no escape but the allowed ones")
  func randomised() {
    var generator = SeededGenerator(seed: 7)
    let pieces = [
      "\u{1B}", "[", "m", "2K", "\r", "\n", "::", "##[", "a", " ", "\u{9B}", "\u{07}", "31", ";", "ü", "\u{2028}",
    ]
    for _ in 0..<500 {
      let text = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
        pieces.randomElement(using: &generator) ?? ""
      }.joined()
      let shown = TerminalOutput.sanitize(text)
      for line in shown.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(!line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::"), "\(shown.debugDescription)")
        #expect(!line.contains("##["))
      }
      #expect(!shown.unicodeScalars.contains { (0x80..<0xA0).contains($0.value) || $0 == "\u{07}" })
    }
  }

  @Test("control characters are escaped in one line; a server's message becomes one line of prose")
  func escaping() {
    #expect(ControlCharacters.escaped("ok\n::error::x\u{1B}[2J") == "ok␊::error::x␛[2J")
    #expect(ControlCharacters.asOneLine("Line one.\r\n\tLine two.\u{1B}") == "Line one. Line two.␛")
    #expect(ControlCharacters.escaped("plain") == "plain")
    #expect(ControlCharacters.escaped("admin\u{202E}txt.exe\u{2066}") == "admin�txt.exe�")
  }
}
