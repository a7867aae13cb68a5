import Foundation
import ReleaseCore
import Testing

@testable import SafeText

private let user = "ci@acme.example"
private let token = "0d3ad8c1-7e0b-4f5a-9c1d-2b3e4f5a6b7c"
private let redactor = Redactor([.init(user: user, secret: token, pairPrefix: "BOOMI_TOKEN.")])
private let pair = "BOOMI_TOKEN.\(user):\(token)"

/// Every way a server or a proxy might echo the API token back.
private let echoes: [(String, String)] = [
  ("the token", token),
  ("the token in capitals", token.uppercased()),
  ("the Basic pair", pair),
  ("the base64 of the pair, bare", Data(pair.utf8).base64EncodedString()),
  (
    "the base64 of the pair without its padding",
    "Basic " + Data(pair.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") + ";"
  ),
  ("the Authorization header", "Authorization: Basic \(Data(pair.utf8).base64EncodedString())"),
  ("the header with the scheme in lower case", "authorization: basic \(Data(pair.utf8).base64EncodedString())"),
  ("the header with the scheme in capitals", "AUTHORIZATION: BASIC \(Data(pair.utf8).base64EncodedString())"),
  (
    "base64url of the pair",
    Data(pair.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  ),
  ("the token percent-encoded", token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
  ("the pair percent-encoded", pair.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
  ("the pair percent-encoded in lower-case hex", percentEncoded(pair).lowercased()),
  ("every character of the token percent-encoded", percentEncoded(token, all: true)),
  ("the base64 of the token alone", Data(token.utf8).base64EncodedString()),
]

/// Percent-encoding, of everything but letters and digits, or of every byte.
private func percentEncoded(_ text: String, all: Bool = false) -> String {
  text.utf8.map { byte in
    let scalar = Unicode.Scalar(byte)
    return !all && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && byte < 0x80
      ? String(scalar) : String(format: "%%%02X", byte)
  }.joined()
}

/// The pieces of the credential that must never show: any 12 characters of the secret itself,
/// as written, in base64 of the pair (past its public part), or percent-encoded.
private func leaks(_ text: String) -> [String] {
  let publicBase64 = "BOOMI_TOKEN.\(user):".utf8.count / 3 * 4
  var found: [String] = []
  let haystack = text.lowercased()
  for (form, start) in [
    (token, 0), (Data(pair.utf8).base64EncodedString(), publicBase64), (percentEncoded(token), 0),
  ] {
    let characters = Array(form.lowercased())
    for offset in start...(characters.count - 12) where haystack.contains(String(characters[offset..<(offset + 12)])) {
      found.append(String(characters[offset..<(offset + 12)]))
    }
  }
  return found
}

@Suite("Redactor")
struct RedactorTests {
  @Test("the base64 of the pair is masked whole, padded or not, also in text this tool composed")
  func unpaddedBase64() {
    let padded = Data(pair.utf8).base64EncodedString()
    let unpadded = padded.replacingOccurrences(of: "=", with: "")
    #expect(padded != unpadded)
    #expect(redactor.redact("Basic \(unpadded);", mode: .whole) == "Basic ****;")
    #expect(redactor.redact("Basic \(padded);", mode: .whole) == "Basic ****;")
  }

  @Test("every form of the credential is masked wherever it appears", arguments: echoes)
  func everyForm(label: String, echo: String) {
    for text in [echo, "error: \(echo)", "{\"message\":\"bad \(echo) here\"}", "\(echo)."] {
      for mode in [Redactor.Mode.whole, .fragments] {
        let masked = redactor.redact(text, mode: mode)
        #expect(masked.contains(Redactor.mask), "\(label) (\(mode)): \(masked)")
        #expect(leaks(masked).isEmpty, "\(label) (\(mode)) leaks \(leaks(masked)) in \(masked)")
      }
    }
  }

  @Test(
    "an echo cut short at either end shows no 12 characters of the secret, in text from a server",
    arguments: [token, pair, Data(pair.utf8).base64EncodedString()])
  func truncatedEcho(form: String) {
    let characters = Array(form)
    for cut in 1..<characters.count {
      let tail = "Unauthorized: header was 'Basic \(String(characters[..<cut]))"
      let head = "\(String(characters[cut...]))… (truncated)"
      for text in [tail, tail + "…", head] {
        let masked = redactor.redact(text, mode: .fragments)
        #expect(leaks(masked).isEmpty, "cut at \(cut): \(masked)")
      }
    }
  }

  @Test("a piece of an id that happens to equal a piece of the token is left alone: only cut echoes are masked")
  func idsAreNotMasked() {
    // A requestId whose middle holds 11 and then 20 characters of the token: not an echo cut at
    // an end of the token, so not masked, and the handle survives intact.
    for piece in [String(token.dropFirst(3).prefix(11)), String(token.dropFirst(5).prefix(20))] {
      let id = "release-\(piece)-9f"
      #expect(redactor.redact(#"{"requestId":"\#(id)"}"#, mode: .fragments) == #"{"requestId":"\#(id)"}"#)
    }
  }

  @Test("the bytes of a response are masked the same way as text")
  func bytes() {
    let body = Array(#"{"@type":"Error","message":"echo: Basic \#(Data(pair.utf8).base64EncodedString())"}"#.utf8)
    let masked = String(decoding: redactor.redact(body, mode: .fragments), as: UTF8.self)
    #expect(masked == #"{"@type":"Error","message":"echo: Basic ****"}"#)
  }

  @Test("text without a secret is left exactly as it was, requestIds and public parts included")
  func nothingElseChanges() {
    let texts = [
      "release-62c4d591-1a2b-4c3d-9e8f-0a1b2c3d4e5f accepted", "BOOMI_TOKEN.\(user): no token here",
      "neither BOOMI_API_TOKEN nor BOOMI_PASSWORD is set", "", "ü∂ unicode ✓", String(token.prefix(7)),
    ]
    for text in texts {
      #expect(redactor.redact(text, mode: .fragments) == text)
      #expect(redactor.redact(text, mode: .whole) == text)
    }
  }

  @Test("whole mode masks whole forms only; fragments need text from a server")
  func wholeModeIgnoresFragments() {
    let fragment = "key \(token.prefix(20)) end"
    #expect(redactor.redact(fragment, mode: .whole) == fragment)
    #expect(redactor.redact(fragment, mode: .fragments) == "key **** end")
    let short = "key \(token.prefix(11)) end"
    #expect(redactor.redact(short, mode: .fragments) == short, "11 characters give too little away to mask")
  }

  @Test("a short password is masked where it stands alone, not inside other words")
  func shortSecrets() {
    let short = Redactor([.init(user: "ci", secret: "pw")])
    #expect(short.redact("connection reset by peer") == "connection reset by peer")
    #expect(short.redact("bad password pw for ci:pw") == "bad password **** for ****")
    #expect(short.redact("Basic \(Data("ci:pw".utf8).base64EncodedString())") == "Basic ****")
    let one = Redactor([.init(user: nil, secret: "t")])
    #expect(one.redact("the token t was refused") == "the token **** was refused")
    #expect(one.redact("attempt") == "attempt")
  }

  @Test("a URL's user information is masked as a Basic pair without a prefix")
  func userInformation() {
    let proxy = Redactor([.init(user: "bob", secret: "s3cr3t-proxy-pw")])
    #expect(proxy.redact("http://bob:s3cr3t-proxy-pw@proxy:3128") == "http://****@proxy:3128")
    #expect(
      proxy.redact("Proxy-Authorization: Basic \(Data("bob:s3cr3t-proxy-pw".utf8).base64EncodedString())")
        == "Proxy-Authorization: Basic ****")
  }

  @Test("no credential: nothing is masked and nothing is scanned")
  func none() {
    #expect(Redactor.none.isEmpty)
    #expect(Redactor.none.redact(token) == token)
    #expect(Redactor([.init(user: "ci", secret: "")]).isEmpty)
  }

  @Test("seeded random text with the secret spliced in at random places never leaks it")
  func randomised() {
    var generator = SeededGenerator(seed: 0x5EC2E7)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=-_:.@% \n\"{}")
    for _ in 0..<300 {
      var text = String(
        (0..<Int.random(in: 0..<200, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
      let (_, echo) = echoes.randomElement(using: &generator) ?? echoes[0]
      let position = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &generator))
      text.insert(contentsOf: echo, at: position)
      let masked = redactor.redact(text, mode: .fragments)
      #expect(leaks(masked).isEmpty, "\(masked)")
    }
  }
}
