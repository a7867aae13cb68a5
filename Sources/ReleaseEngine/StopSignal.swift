import BoomiAPI

/// What stops a run from sending more (a SIGTERM, a lockfile that cannot be written): the
/// client's own signal, named here so that commands stop a use case without knowing the client.
public typealias StopSignal = BoomiAPI.StopSignal
