// The only file that opens a socket: listen, and on SIGINT/SIGTERM finish in-flight requests, then stop.
import type { FastifyInstance } from 'fastify'

export interface ServeOptions {
  /** Default: 3000. */
  port?: number
  /** Default: localhost. Use 0.0.0.0 to accept connections from other machines. */
  host?: string
  /** Called once the server has closed (after a signal or `close()`), to release the store and timers. */
  onClose?: () => Promise<void>
}

export interface Listening {
  url: string
  /** Finishes in-flight requests, closes the server and calls `onClose`; what a signal does. */
  close: () => Promise<void>
}

/** Listens; SIGINT or SIGTERM (or `close()`) closes the server gracefully and calls `onClose` once. */
export async function serve(app: FastifyInstance, options: ServeOptions = {}): Promise<Listening> {
  const url = await app.listen({ port: options.port ?? 3000, host: options.host ?? 'localhost' })
  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= (async () => {
      process.removeListener('SIGINT', onSignal).removeListener('SIGTERM', onSignal)
      await app.close()
      await options.onClose?.()
    })()
    return closing
  }
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    void close()
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return { url, close }
}
