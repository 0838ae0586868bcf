// Graceful close: responses finished after close() began say `Connection: close`, so keep-alive clients let go.
import type { ApiInstance } from './instance.js'

/**
 * Once the app starts closing, every response carries `Connection: close`. Node closes idle keep-alive sockets
 * when the server closes, but a socket busy with a request in flight would otherwise stay open after its response
 * until the keep-alive timeout (72 s), holding up shutdown.
 */
export function registerGracefulClose(app: ApiInstance): void {
  let closing = false
  app.addHook('preClose', (done) => {
    closing = true
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close')
    done(null, payload)
  })
}
