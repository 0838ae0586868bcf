// GET /healthz: the process is up and the store answers.
import type { RouteDeps } from '../app.js'
import type { ApiInstance } from '../instance.js'

export function registerHealthRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get('/healthz', { config: { access: 'public' } }, async () => {
    const { total } = await deps.store.listLeads({ limit: 1 })
    return { status: 'ok', leads: total, model_version: deps.model().version }
  })
}
