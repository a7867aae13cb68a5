import Testing

@testable import ReleaseCLI

@Suite("git's output")
struct GitOutputTests {
  @Test(
    "credentials in any URL git prints are masked; everything else is kept",
    arguments: [
      (
        "fatal: unable to access 'https://deploy:s3cr3t@git.example.com/acme/packs.git/': 403",
        "fatal: unable to access 'https://***@git.example.com/acme/packs.git/': 403"
      ),
      ("To https://x-access-token:ghs_abc123@github.com/o/r\n", "To https://***@github.com/o/r\n"),
      ("remote: see https://github.com/o/r/pull/1", "remote: see https://github.com/o/r/pull/1"),
      ("ssh://git@host:22/r.git and http://a:b@c", "ssh://***@host:22/r.git and http://***@c"),
    ])
  func masksCredentials(text: String, expected: String) {
    #expect(Git.maskingCredentials(text) == expected)
  }
}
