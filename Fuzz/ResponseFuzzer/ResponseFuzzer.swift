import Foundation
import FuzzSupport

@testable import BoomiAPI
@testable import SafeText

// A libFuzzer target for what a server sends (`scripts/fuzz response`): the bytes are an answer
// to the client, run through its gate (`InboundText`: JSON escapes spelled out, control
// characters replaced, the credential masked), read as Boomi's objects and messages, and printed
// through the terminal guard. Built normally, it replays the files given as arguments.

let user = "ci@acme.example"
let token = "0d3ad8c1-7e0b-4f5a-9c1d-2b3e4f5a6b7c"
let gate = InboundText(redactor: Redactor([.init(user: user, secret: token, pairPrefix: "BOOMI_TOKEN.")]))

/// Every 12 characters of the secret in every form of the credential, lowercased: none may
/// survive the gate (the redactor masks any cut echo that shows that much).
let secretPieces: Set<[UInt8]> = {
  let pair = Array("BOOMI_TOKEN.\(user):\(token)".utf8)
  let publicPart = ("BOOMI_TOKEN.\(user):".utf8.count / 3) * 4
  var pieces: Set<[UInt8]> = []
  for (form, start) in [
    (Array(token.utf8), 0), (Array(Base64.encode(pair).utf8), publicPart),
    (Array(Base64.encode(pair, urlSafe: true).utf8), publicPart),
  ] {
    for offset in start...(form.count - 12) { pieces.insert(form[offset..<(offset + 12)].map(lowercase)) }
  }
  return pieces
}()

/// The first 8 bytes of each piece, for a quick test before the whole piece is compared.
let pieceStarts: Set<UInt64> = Set(secretPieces.map { word($0, at: 0) })

func lowercase(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }

/// Eight bytes from `offset`, lowercased, as one word.
func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
  var value: UInt64 = 0
  for index in offset..<(offset + 8) { value = value << 8 | UInt64(lowercase(bytes[index])) }
  return value
}

/// Whether `bytes` shows a piece of the credential, as written or with its %XX escapes decoded.
func leaks(_ bytes: [UInt8]) -> Bool {
  let (decoded, _) = Redactor.percentDecoded(bytes)
  for text in [bytes, decoded] where text.count >= 12 {
    var window = word(text, at: 0)
    for offset in 0...(text.count - 12) {
      if offset > 0 { window = window << 8 | UInt64(lowercase(text[offset + 7])) }
      if pieceStarts.contains(window), secretPieces.contains(text[offset..<(offset + 12)].map(lowercase)) {
        return true
      }
    }
  }
  return false
}

func fuzzResponse(_ bytes: [UInt8]) {
  // The fuzzer's bytes, and the same bytes with the credential spliced in where a byte 0x01 is.
  var spliced: [UInt8] = []
  for byte in bytes {
    if byte == 0x01 {
      spliced += Array("Basic \(Base64.encode(Array("BOOMI_TOKEN.\(user):\(token)".utf8)))".utf8)
    } else if byte == 0x02 {
      spliced += Array(token.utf8)
    } else {
      spliced.append(byte)
    }
  }
  for body in [bytes, spliced] {
    let clean = gate.clean(
      HTTPResponse(status: 400, headers: [("Retry-After", String(decoding: body, as: UTF8.self))], body: body))
    precondition(!leaks(clean.body), "the credential survived the gate")
    precondition(
      !clean.body.contains { $0 < 0x20 || $0 == 0x7F }, "a control character survived the gate")
    let texts: [String] =
      [ErrorBody.message(in: clean.body) ?? "", clean.headers.first?.value ?? ""]
      + [(try? WireCoding.decode(ReleaseIntegrationPackResponse.self, from: clean.body))?.requestId ?? ""]
      + ((try? WireCoding.decode(BulkResult<ReleaseIntegrationPackStatus>.self, from: clean.body))?.response
        .compactMap(\.errorMessage) ?? [])
    for text in texts {
      precondition(!leaks(Array(text.utf8)), "the credential reached a message")
      let shown = TerminalOutput.sanitize(text)
      for line in shown.split(separator: "\n", omittingEmptySubsequences: false) {
        precondition(!line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::"), "a workflow command reached the output")
        precondition(!line.contains("##["), "a legacy workflow command reached the output")
      }
    }
    let shown = TerminalOutput.sanitize(String(decoding: body, as: UTF8.self))
    precondition(
      !shown.unicodeScalars.contains {
        ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" && $0 != "\u{1B}")
          || (0x7F..<0xA0).contains($0.value)
      },
      "a control character reached the terminal")
  }
}

#if FUZZING
  // Built with -sanitize=fuzzer: SwiftPM links the executable's start to `fuzz_response_main`.
  @_cdecl("fuzz_response_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzTestOneInput)
  }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzResponse(fuzzInput(data, size))
    return 0
  }
#else
  @main
  struct Replayer {
    static func main() { Replay.run(fuzzResponse) }
  }
#endif
