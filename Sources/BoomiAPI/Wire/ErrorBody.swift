import Foundation

/// Boomi's error message from any of the shapes its errors take: `{"message"}`,
/// `{"@type": "Error", "message"}`, `{"error": {"message"}}`, a bulk item's `errorMessage`, or
/// XML `<error><message>…</message></error>`. Falls back to the start of the body.
enum ErrorBody {
  static func message(in body: [UInt8]) -> String? {
    guard !body.isEmpty else { return nil }
    if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
      if let message = object["message"] as? String, !message.isEmpty { return message }
      if let error = object["error"] as? [String: Any], let message = error["message"] as? String { return message }
      if let message = object["errorMessage"] as? String, !message.isEmpty { return message }
    }
    let text = String(decoding: body.prefix(4096), as: UTF8.self)
    if let open = text.range(of: "<message>"),
      let close = text.range(of: "</message>", range: open.upperBound..<text.endIndex)
    {
      return String(text[open.upperBound..<close.lowerBound])
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : String(trimmed.prefix(300))
  }
}
