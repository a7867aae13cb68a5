/// Whether output may carry ANSI colour, and how to apply it.
public struct TerminalStyle: Sendable {
  public enum Attribute: String, Sendable {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case blue = "34"
    case cyan = "36"
  }

  public var isEnabled: Bool

  public init(isEnabled: Bool) {
    self.isEnabled = isEnabled
  }

  public static let plain = TerminalStyle(isEnabled: false)
  public static let colored = TerminalStyle(isEnabled: true)

  public func apply(_ text: String, _ attributes: Attribute...) -> String {
    guard isEnabled, !attributes.isEmpty, !text.isEmpty else { return text }
    return "\u{1B}[" + attributes.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
  }
}
