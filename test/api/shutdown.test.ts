// Graceful shutdown over a real socket: close() lets the request in flight finish with 2xx and refuses new connections.
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createApp, serve } from '../../src/api/index.js'
import type { Store } from '../../src/store/index.js'
import { memoryWorkspace } from '../support/workspace.js'

/**
 * The real store, whose readiness ping waits at a gate the test opens: a request that is provably in flight.
 * (Not a mock: every call reaches the real SQLite store; only the timing of one is held.)
 */
function gatedPing(store: Store): { store: Store; entered: Promise<void>; open: () => void } {
  let open!: () => void
  let signalEntered!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const entered = new Promise<void>((resolve) => (signalEntered = resolve))
  const gated = new Proxy(store, {
    get(target, property) {
      if (property === 'ping') {
        return async () => {
          signalEntered()
          await gate
          return target.ping()
        }
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
  return { store: gated, entered, open }
}

/** Resolves with whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

describe('graceful shutdown', () => {
  it('finishes the request in flight with 2xx, refuses new connections, then releases the store', async () => {
    const workspace = await memoryWorkspace()
    const { store, entered, open } = gatedPing(workspace.store)
    const app = await createApp({ store, model: () => workspace.model })
    let released = false
    const listening = await serve(app, {
      port: 0,
      host: '127.0.0.1',
      onClose: async () => {
        released = true
        await workspace.store.close()
      },
    })
    const port = Number(new URL(listening.url).port)
    expect(await accepts(port)).toBe(true)

    const inFlight = fetch(`${listening.url}/readyz`)
    await entered
    const closing = listening.close()
    // Polled rather than timed: the listening socket closes within a few event-loop turns of close().
    let refused = false
    for (let attempt = 0; attempt < 200 && !refused; attempt++) refused = !(await accepts(port))
    expect(refused).toBe(true)
    expect(released).toBe(false)

    open()
    const response = await inFlight
    expect(response.status).toBe(200)
    // Else the client's keep-alive socket would hold the shutdown up until its timeout.
    expect(response.headers.get('connection')).toBe('close')
    expect(await response.json()).toEqual({ status: 'ready', model_version: workspace.model.version })
    await closing
    expect(released).toBe(true)
    await expect(workspace.store.ping()).rejects.toThrow()
  })
})
