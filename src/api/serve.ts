// The only file that opens a socket: listen, and on SIGINT/SIGTERM finish in-flight requests, then stop.
import type { FastifyInstance } from 'fastify'

export interface ServeOptions {
  /** Default: 3000. */
  port?: number
  /** Default: localhost. Use 0.0.0.0 to accept connections from other machines. */
  host?: string
  /** Called once the server has closed after a signal, to release the store and timers. */
  onClose?: () => Promise<void>
}

/** Listens and returns the address; a signal closes the server gracefully and calls `onClose`. */
export async function serve(app: FastifyInstance, options: ServeOptions = {}): Promise<string> {
  const address = await app.listen({ port: options.port ?? 3000, host: options.host ?? 'localhost' })
  let closing = false
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    void app
      .close()
      .then(() => options.onClose?.())
      .finally(() => process.removeListener('SIGINT', shutdown).removeListener('SIGTERM', shutdown))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
  return address
}
