import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// A channel handler in the HTTP/1 pipeline that turns a marked response (see
/// ``Replies/closeConnection()``) into a closed connection: no status line, no byte at all.
///
/// This is how the emulator answers "processed, then the connection dropped" and "processed,
/// then timed out": the handler code runs to the end (the release exists), and the client
/// sees exactly what it would see if a proxy or the network dropped the response.
final class FaultChannelHandler: ChannelOutboundHandler, RemovableChannelHandler {
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private var discarding = false

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let part = unwrapOutboundIn(data)
    if case .head(let head) = part, head.headerFields[Replies.closeMarker] != nil {
      discarding = true
      promise?.fail(ChannelError.ioOnClosedChannel)
      context.close(promise: nil)
      return
    }
    if discarding {
      if case .head = part {
        discarding = false
      } else {
        promise?.fail(ChannelError.ioOnClosedChannel)
        return
      }
    }
    context.write(data, promise: promise)
  }
}
