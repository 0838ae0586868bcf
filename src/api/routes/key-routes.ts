// API keys: create (the secret is returned once), list, revoke. Admin only.
import { apiKeyToJson, createApiKey } from '../api-keys.js'
import type { RouteDeps } from '../app.js'
import type { ApiKeyVerifier } from '../auth.js'
import type { ApiInstance } from '../instance.js'
import { CreatedKeyJson, CreateKeyBody, KeyJson, KeyListJson, KeyParams } from '../schemas/keys.js'

/** POST, GET /v1/keys and DELETE /v1/keys/:id; a revoke also drops the key from `verifier`'s memory. */
export function registerKeyRoutes(app: ApiInstance, deps: RouteDeps, verifier: ApiKeyVerifier): void {
  app.post(
    '/v1/keys',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'Create an API key; the secret is in this response only',
        body: CreateKeyBody,
        response: { 201: CreatedKeyJson },
      },
    },
    async (request, reply) => {
      const { scopes, name } = request.body
      const created = await createApiKey(deps.store, { name: name ?? `${scopes.join('+')} key`, scopes }, deps.now())
      void reply.status(201)
      return { key: apiKeyToJson(created.key), secret: created.secret }
    },
  )

  app.get(
    '/v1/keys',
    {
      config: { access: 'admin' },
      schema: { tags: ['keys'], summary: 'List API keys (never their secrets)', response: { 200: KeyListJson } },
    },
    async () => ({ items: (await deps.store.listApiKeys()).map(apiKeyToJson) }),
  )

  app.delete(
    '/v1/keys/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key; it stops working at once',
        params: KeyParams,
        response: { 200: KeyJson },
      },
    },
    async (request) => {
      const key = await deps.store.revokeApiKey(request.params.id, deps.now())
      verifier.forget(key.id)
      return apiKeyToJson(key)
    },
  )
}
