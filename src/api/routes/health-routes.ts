// GET /healthz: the process is up and the store answers. GET /readyz: ready for traffic (store and active model).
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'

export function registerHealthRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['operations'], summary: 'Liveness: the process is up and the store answers' } },
    async () => {
      const { total } = await deps.store.listLeads({ limit: 1 })
      return { status: 'ok', leads: total, model_version: deps.model().version }
    },
  )

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: 200 when the store answers and a model is active, else 503 not_ready with the reason',
      },
    },
    async () => {
      try {
        await deps.store.ping()
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new ApiError('not_ready', `The store does not answer: ${message}`, { reason: 'store_unavailable' })
      }
      const active = await deps.store.getActiveModelVersion()
      if (active === null) {
        throw new ApiError('not_ready', 'No model version is active. Publish one: leadscore model publish <file>.', {
          reason: 'no_active_model',
        })
      }
      return { status: 'ready', model_version: active.version }
    },
  )
}
