// Who may call a route: every route declares `config: { access }`, and createApp refuses a route without it.
import type { ApiKeyScope } from '../store/index.js'

/** What an API key may do. `write` only ingests (safe to embed in a web page); `admin` may do everything. */
export type Scope = ApiKeyScope

/** A route's access: the scope a key needs, or `public` for health checks and docs. */
export type RouteAccess = Scope | 'public'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route; see src/api/route-access.ts. */
    access?: RouteAccess
  }
}
