// The API on an in-memory workspace with a fixed clock, and the headers a key of each scope sends.
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach } from 'vitest'
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
  /** Sends a request with a key of `scope` (default admin); the body parsed as JSON (null when empty). */
  call: (method: HttpMethod, url: string, payload?: unknown, scope?: Scope) => Promise<TestResponse>
  close: () => Promise<void>
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export interface TestResponse {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  /** The parsed JSON body, typed loosely as light-my-request's `json()` is, so tests can walk it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
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
  const call: TestApp['call'] = async (method, url, payload, scope = 'admin') => {
    const response = await app.inject({ method, url, headers: await auth(scope), ...(payload === undefined ? {} : { payload: payload as object }) })
    return { status: response.statusCode, headers: response.headers, body: response.body === '' ? null : response.json() }
  }
  return {
    app,
    store: workspace.store,
    model: workspace.model,
    auth,
    call,
    close: async () => {
      await app.close()
      await workspace.store.close()
    },
  }
}

/** Registers beforeEach/afterEach that build and close a fresh test app; read the current one with `current()`. */
export function useTestApp(options: TestAppOptions = {}): { current: () => TestApp } {
  let testApp: TestApp | null = null
  beforeEach(async () => {
    testApp = await createTestApp(options)
  })
  afterEach(async () => {
    await testApp?.close()
    testApp = null
  })
  return {
    current: () => {
      if (testApp === null) throw new Error('useTestApp: no app outside a test')
      return testApp
    },
  }
}
