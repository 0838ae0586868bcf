// The API on an in-memory workspace with a fixed clock, and the headers a key of each scope sends.
import type { FastifyInstance } from 'fastify'
import { createApp, type AppDeps } from '../../src/api/index.js'
import { createApiKey } from '../../src/api/api-keys.js'
import type { Scope } from '../../src/api/route-access.js'
import type { EpochMs } from '../../src/core/index.js'
import type { ActiveModel, Store } from '../../src/store/index.js'
import { memoryWorkspace } from './workspace.js'

export interface TestApp {
  app: FastifyInstance
  store: Store
  model: ActiveModel
  /** Headers that authenticate as a key with `scope` (created on first use). */
  auth: (scope: Scope) => Promise<Record<string, string>>
  close: () => Promise<void>
}

export interface TestAppOptions {
  template?: string
  now?: EpochMs
  /** Anything else createApp takes (logger, body limit, ...). */
  deps?: Partial<AppDeps>
}

/** Builds the app on a fresh in-memory store with the template published; close it in afterEach. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const workspace = await memoryWorkspace(options.template)
  const now = options.now ?? Date.UTC(2026, 5, 1, 12)
  const app = await createApp({ store: workspace.store, model: () => workspace.model, now: () => now, ...options.deps })
  const headers = new Map<Scope, Promise<Record<string, string>>>()
  const auth = (scope: Scope): Promise<Record<string, string>> => {
    let header = headers.get(scope)
    if (header === undefined) {
      header = createApiKey(workspace.store, { name: `test ${scope}`, scopes: [scope] }, now).then(({ secret }) => ({
        authorization: `Bearer ${secret}`,
      }))
      headers.set(scope, header)
    }
    return header
  }
  return {
    app,
    store: workspace.store,
    model: workspace.model,
    auth,
    close: async () => {
      await app.close()
      await workspace.store.close()
    },
  }
}
