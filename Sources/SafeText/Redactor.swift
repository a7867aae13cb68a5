/// Masks credentials in text, in every form a credential takes on the wire or in a server's
/// echo of it: the secret itself, the `user:secret` pair of HTTP Basic, that pair in base64 and
/// base64url (with or without `Basic`, in any case), percent-encoded, and cut short.
///
/// It is the one redaction path: the client passes every response it receives through it
/// before anything reads the response, and the command line passes everything it prints through
/// it, so no text from the network or the environment can carry a secret into output or files.
public struct Redactor: Sendable {
  /// What a masked secret is replaced with.
  public static let mask = "****"
  /// Forms are found through windows of this many bytes.
  static let windowLength = 8
  /// How many characters of the secret itself a fragment must show to be masked
  /// (``Mode/fragments``). A fragment shorter than this gives too little of a token away to
  /// matter, and matching shorter ones would, once in millions of answers, mask a piece of an
  /// ordinary id (a requestId) that happens to look like one.
  public static let fragmentSecretLength = 12

  /// A credential: a secret and, for HTTP Basic, the user and the prefix its pair carries
  /// (`BOOMI_TOKEN.` for a Boomi API token).
  public struct Credential: Sendable, Equatable {
    public var user: String?
    public var secret: String
    public var pairPrefix: String

    public init(user: String?, secret: String, pairPrefix: String = "") {
      self.user = user
      self.secret = secret
      self.pairPrefix = pairPrefix
    }
  }

  public enum Mode: Sendable {
    /// Whole forms only: for text this tool composed, which is never cut inside a secret.
    case whole
    /// Also a form cut short at either end (a header echoed in part) that still shows at least
    /// ``Redactor/fragmentSecretLength`` characters of the secret: for text a server sent.
    case fragments
  }

  /// One way a secret can be written, lowercased (matching ignores ASCII case), and where in it
  /// the secret's own characters begin (before that, a public prefix such as `BOOMI_TOKEN.user:`).
  struct Form: Sendable {
    var bytes: [UInt8]
    var secretStart: Int
    /// Short secrets are masked only where they stand alone, so they do not garble words.
    var standalone: Bool
  }

  /// A place in a form where an 8-byte window starts.
  struct Anchor: Sendable {
    var form: Int
    var offset: Int
  }

  let forms: [Form]
  /// Windows of the forms by their bytes: each form's first window, for whole matches and for
  /// fragments cut at the end; its last window, for fragments cut at the front.
  let wholeAnchors: [UInt64: [Anchor]]
  let fragmentAnchors: [UInt64: [Anchor]]
  /// A quick first test of a window before the dictionaries are consulted.
  let filter: BloomFilter

  public static let none = Redactor([])

  public init(_ credentials: [Credential]) {
    var forms: [Form] = []
    for credential in credentials where !credential.secret.isEmpty {
      forms += Self.forms(of: credential)
    }
    // One form may arise twice (a secret with nothing to percent-encode); keep one.
    var seen: Set<[UInt8]> = []
    forms = forms.filter { seen.insert($0.bytes).inserted }
    self.forms = forms
    var whole: [UInt64: [Anchor]] = [:]
    var fragments: [UInt64: [Anchor]] = [:]
    var filter = BloomFilter()
    let width = Self.windowLength
    for (index, form) in forms.enumerated() where !form.standalone && form.bytes.count >= width {
      let first = Self.window(form.bytes, at: 0)
      whole[first, default: []].append(Anchor(form: index, offset: 0))
      filter.insert(first)
      guard form.bytes.count - form.secretStart >= Self.fragmentSecretLength else { continue }
      let last = Self.window(form.bytes, at: form.bytes.count - width)
      fragments[last, default: []].append(Anchor(form: index, offset: form.bytes.count - width))
      filter.insert(last)
    }
    self.wholeAnchors = whole
    self.fragmentAnchors = fragments
    self.filter = filter
  }

  /// Whether there is nothing to mask.
  public var isEmpty: Bool { forms.isEmpty }

  /// `text` with every form of every secret replaced by ``mask``.
  public func redact(_ text: String, mode: Mode = .whole) -> String {
    guard !isEmpty else { return text }
    let bytes = Array(text.utf8)
    let ranges = matches(in: bytes, mode: mode)
    guard !ranges.isEmpty else { return text }
    return String(decoding: Self.masking(bytes, ranges), as: UTF8.self)
  }

  /// `bytes` with every form of every secret replaced by ``mask``.
  public func redact(_ bytes: [UInt8], mode: Mode = .whole) -> [UInt8] {
    guard !isEmpty else { return bytes }
    let ranges = matches(in: bytes, mode: mode)
    return ranges.isEmpty ? bytes : Self.masking(bytes, ranges)
  }

  // MARK: - Forms

  static func forms(of credential: Credential) -> [Form] {
    let secret = Array(credential.secret.utf8)
    let short = secret.count < windowLength
    // Percent-encoded forms need no entry: text is also matched with its %XX escapes decoded.
    var forms = [Form(bytes: secret, secretStart: 0, standalone: short)]
    forms.append(Form(bytes: Array(Base64.encode(secret).utf8), secretStart: 0, standalone: short))
    if let user = credential.user {
      let lead = Array((credential.pairPrefix + user + ":").utf8)
      let pair = lead + secret
      forms.append(Form(bytes: pair, secretStart: lead.count, standalone: false))
      // In base64 the characters before (lead / 3) * 4 depend on the public lead alone.
      let leadCharacters = lead.count / 3 * 4
      forms.append(Form(bytes: Array(Base64.encode(pair).utf8), secretStart: leadCharacters, standalone: false))
      forms.append(
        Form(bytes: Array(Base64.encode(pair, urlSafe: true).utf8), secretStart: leadCharacters, standalone: false))
    }
    return forms.map { Form(bytes: $0.bytes.map(lowercased), secretStart: $0.secretStart, standalone: $0.standalone) }
  }

  // MARK: - Matching

  /// Where the forms occur in `text`, as written and with its percent-escapes decoded (any
  /// encoder's choice of characters to escape, in either case of hex digits).
  func matches(in text: [UInt8], mode: Mode) -> [Range<Int>] {
    var found = scan(text, mode: mode)
    if text.contains(UInt8(ascii: "%")) {
      let (decoded, origins) = Self.percentDecoded(text)
      for range in scan(decoded, mode: mode) {
        found.append(
          origins[
            range.lowerBound]..<(origins[range.upperBound - 1] + Self.width(at: origins[range.upperBound - 1], in: text))
        )
      }
    }
    return Self.merged(found)
  }

  /// `text` with each `%XX` replaced by its byte, and for each byte the index it came from.
  static func percentDecoded(_ text: [UInt8]) -> (bytes: [UInt8], origins: [Int]) {
    var bytes: [UInt8] = []
    var origins: [Int] = []
    bytes.reserveCapacity(text.count)
    origins.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      origins.append(index)
      if text[index] == UInt8(ascii: "%"), index + 2 < text.count, let high = hexValue(text[index + 1]),
        let low = hexValue(text[index + 2])
      {
        bytes.append(high << 4 | low)
        index += 3
      } else {
        bytes.append(text[index])
        index += 1
      }
    }
    return (bytes, origins)
  }

  /// How many bytes of `text` the decoded byte from `index` took: 3 for an escape, else 1.
  static func width(at index: Int, in text: [UInt8]) -> Int {
    text[index] == UInt8(ascii: "%") && index + 2 < text.count && hexValue(text[index + 1]) != nil
      && hexValue(text[index + 2]) != nil ? 3 : 1
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// Where the forms occur in `text` exactly as written (ignoring ASCII case).
  func scan(_ text: [UInt8], mode: Mode) -> [Range<Int>] {
    var found: [Range<Int>] = []
    let width = Self.windowLength
    if text.count >= width {
      var window: UInt64 = 0
      for index in 0..<width { window = window << 8 | UInt64(lowercased(text[index])) }
      var start = 0
      while true {
        if filter.mayContain(window) {
          if let range = match(window, at: start, in: text, mode: mode) { found.append(range) }
        }
        let next = start + width
        guard next < text.count else { break }
        window = window << 8 | UInt64(lowercased(text[next]))
        start += 1
      }
    }
    for (index, form) in forms.enumerated() where form.standalone || form.bytes.count < width {
      found += occurrences(of: index, in: text)
    }
    return found
  }

  /// The longest match of a form through the window at `start`, if any: the whole form, or, for
  /// fragments, a prefix or suffix of it with enough of the secret.
  private func match(_ window: UInt64, at start: Int, in text: [UInt8], mode: Mode) -> Range<Int>? {
    var best: Range<Int>?
    let width = Self.windowLength
    func consider(_ anchors: [Anchor]?) {
      for anchor in anchors ?? [] {
        let candidate = forms[anchor.form]
        let form = candidate.bytes
        var left = 0
        while anchor.offset - left > 0, start - left > 0,
          lowercased(text[start - left - 1]) == form[anchor.offset - left - 1]
        {
          left += 1
        }
        var right = 0
        while anchor.offset + width + right < form.count, start + width + right < text.count,
          lowercased(text[start + width + right]) == form[anchor.offset + width + right]
        {
          right += 1
        }
        let formStart = anchor.offset - left
        let formEnd = anchor.offset + width + right
        let whole = formStart == 0 && formEnd == form.count
        let secretShown = formEnd - max(formStart, candidate.secretStart)
        let enough = secretShown >= min(Self.fragmentSecretLength, form.count - candidate.secretStart)
        guard whole || (mode == .fragments && (formStart == 0 || formEnd == form.count) && enough) else { continue }
        let range = (start - left)..<(start + width + right)
        if range.count > best?.count ?? 0 { best = range }
      }
    }
    consider(wholeAnchors[window])
    if mode == .fragments { consider(fragmentAnchors[window]) }
    return best
  }

  /// Every place a short form stands alone: not inside a longer word.
  private func occurrences(of index: Int, in text: [UInt8]) -> [Range<Int>] {
    let form = forms[index].bytes
    guard !form.isEmpty, text.count >= form.count else { return [] }
    var found: [Range<Int>] = []
    var start = 0
    while start + form.count <= text.count {
      var equal = true
      for offset in 0..<form.count where lowercased(text[start + offset]) != form[offset] {
        equal = false
        break
      }
      if equal {
        let before = start > 0 ? text[start - 1] : nil
        let after = start + form.count < text.count ? text[start + form.count] : nil
        let alone =
          !(isWordByte(before) && isWordByte(form.first)) && !(isWordByte(after) && isWordByte(form.last))
        if alone || !forms[index].standalone {
          found.append(start..<(start + form.count))
          start += form.count
          continue
        }
      }
      start += 1
    }
    return found
  }

  static func window(_ bytes: [UInt8], at offset: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in offset..<(offset + windowLength) { value = value << 8 | UInt64(bytes[index]) }
    return value
  }

  static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = result.last, range.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }

  static func masking(_ bytes: [UInt8], _ ranges: [Range<Int>]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var position = 0
    for range in ranges {
      out += bytes[position..<range.lowerBound]
      out += mask.utf8
      position = range.upperBound
    }
    out += bytes[position...]
    return out
  }
}

private func lowercased(_ byte: UInt8) -> UInt8 {
  byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
}

private func isWordByte(_ byte: UInt8?) -> Bool {
  guard let byte else { return false }
  return byte >= 0x80 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    || (lowercased(byte) >= UInt8(ascii: "a") && lowercased(byte) <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
}

/// 65,536 bits: a window whose bit is clear is certainly not an anchor, which is most windows.
struct BloomFilter: Sendable {
  private var bits = [UInt64](repeating: 0, count: 1024)

  private static func slot(_ value: UInt64) -> Int {
    Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 48)
  }

  mutating func insert(_ value: UInt64) {
    let slot = Self.slot(value)
    bits[slot >> 6] |= 1 << UInt64(slot & 63)
  }

  func mayContain(_ value: UInt64) -> Bool {
    let slot = Self.slot(value)
    return bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
  }
}

/// RFC 4648 base64, standard (with padding) or URL-safe (without).
public enum Base64 {
  public static func encode(_ bytes: [UInt8], urlSafe: Bool = false) -> String {
    let alphabet = Array(
      (urlSafe
        ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").utf8)
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let b0 = UInt32(bytes[index])
      let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
      let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
      let group = b0 << 16 | b1 << 8 | b2
      out.append(alphabet[Int(group >> 18 & 63)])
      out.append(alphabet[Int(group >> 12 & 63)])
      if remaining > 1 { out.append(alphabet[Int(group >> 6 & 63)]) } else if !urlSafe { out.append(UInt8(ascii: "=")) }
      if remaining > 2 { out.append(alphabet[Int(group & 63)]) } else if !urlSafe { out.append(UInt8(ascii: "=")) }
      index += 3
    }
    return String(decoding: out, as: UTF8.self)
  }
}
