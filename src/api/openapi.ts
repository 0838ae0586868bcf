// The OpenAPI 3 document, generated from the registered routes' schemas, served at /openapi.json and browsable at /docs.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { ApiInstance } from './instance.js'
import type { RouteAccess } from './route-access.js'

/** Where the browsable documentation lives; its routes are public and left out of the document. */
export const DOCS_PREFIX = '/docs'

/** The version in the package.json above this file (two levels up from src/api, three from dist/src/api). */
export function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 5; depth++) {
    try {
      const json = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (json.name === 'leadscore' && typeof json.version === 'string') return json.version
    } catch {
      // No readable package.json here: look one level up.
    }
    directory = dirname(directory)
  }
  return '0.0.0'
}

const ACCESS_TEXT: Record<RouteAccess, string> = {
  public: 'Public: no API key needed.',
  write: 'Needs an API key with the `write` scope (or `admin`).',
  read: 'Needs an API key with the `read` scope (or `admin`).',
  admin: 'Needs an API key with the `admin` scope.',
}

/**
 * Registers @fastify/swagger and @fastify/swagger-ui. Must run before any route is registered: the document
 * is collected from the routes as they are added. Every route's `config.access` becomes its `security`.
 */
export async function registerOpenApi(app: ApiInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'leadscore',
        description:
          'Self-hosted lead scoring: fit and engagement scores 0-100, every point explained. Errors have one shape: ' +
          '`{ "error": { "code", "message", "details"?, "requestId" } }`; the codes are listed in docs/api.md.',
        version: packageVersion(),
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
          basic: { type: 'http', scheme: 'basic', description: 'The API key as the user name (Segment style); no password.' },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const access = route.config?.access ?? 'public'
      const description = [schema.description, ACCESS_TEXT[access]].filter(Boolean).join('\n\n')
      const security: Record<string, string[]>[] = access === 'public' ? [] : [{ bearer: [] }, { basic: [] }]
      return { schema: { ...schema, description, security }, url }
    },
  })
  // swagger-ui serves its own static files, so /docs works without internet access.
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' }
    })
    await scope.register(swaggerUi, { routePrefix: DOCS_PREFIX })
  })
  app.get(
    '/openapi.json',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], summary: 'The OpenAPI 3 document of this API' },
    },
    () => app.swagger(),
  )
}
