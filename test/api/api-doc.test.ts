// docs/api.md and the generated OpenAPI document name the same routes, and every curl example calls a real route.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/api-app.js'

const METHODS = 'GET|POST|PUT|PATCH|DELETE'
const doc = readFileSync('docs/api.md', 'utf8')

let t: TestApp
/** `METHOD /path` of every operation, in OpenAPI form (`/v1/leads/{id}`). */
let operations: string[] = []

beforeAll(async () => {
  t = await createTestApp()
  const openapi = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, object> }>()
  operations = Object.entries(openapi.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((method) => new RegExp(`^(${METHODS})$`, 'i').test(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  )
})
afterAll(async () => {
  await t.close()
})

/** `:id` (docs) → `{id}` (OpenAPI). */
const toOpenApi = (path: string): string => path.replace(/:(\w+)/g, '{$1}')

/** Every `` `METHOD /path` `` the page mentions (query strings dropped). */
function documentedRoutes(): string[] {
  const mentions = [...doc.matchAll(new RegExp(`\`(${METHODS}) (/[^\`\\s?]*)[^\`]*\``, 'g'))]
  return [...new Set(mentions.map((match) => `${match[1]} ${toOpenApi(match[2]!)}`))]
}

/** Method and path of every curl command in the page's code blocks (continuation lines joined). */
function curlCalls(): { command: string; method: string; path: string }[] {
  const blocks = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!.replace(/\\\n\s*/g, ' '))
  return blocks
    .flatMap((block) => block.split('\n'))
    .filter((line) => /\bcurl\b/.test(line))
    .map((command) => {
      const url = /https?:\/\/[^/\s'"]+(\/[^\s'"?]*)/.exec(command)
      const explicit = /(?:-X|--request)\s+([A-Z]+)/.exec(command)?.[1]
      const sendsData = /\s(-d|--data\S*|-F)\s/.test(command)
      return { command, method: explicit ?? (sendsData ? 'POST' : 'GET'), path: url?.[1] ?? '' }
    })
}

describe('docs/api.md against the OpenAPI document', () => {
  it('documents every route of the API as `METHOD /path`', () => {
    expect(operations.length).toBeGreaterThan(5)
    const documented = new Set(documentedRoutes())
    expect(operations.filter((operation) => !documented.has(operation))).toEqual([])
  })

  it('mentions no route the API does not have', () => {
    const known = new Set(operations)
    expect(documentedRoutes().filter((route) => !known.has(route))).toEqual([])
  })

  it('has curl examples that each call an existing route with its method', () => {
    const calls = curlCalls()
    expect(calls.length).toBeGreaterThan(10)
    const patterns = operations.map((operation) => {
      const [method, path] = operation.split(' ') as [string, string]
      return { method, pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) }
    })
    const unknown = calls.filter(({ method, path }) => !patterns.some((route) => route.method === method && route.pattern.test(path)))
    expect(unknown.map((call) => call.command)).toEqual([])
  })

  it('starts with the common tasks, each with a curl example', () => {
    const common = /## Common tasks\n([\s\S]*?)\n## /.exec(doc)?.[1] ?? ''
    for (const task of ['Send an event', 'Send a batch', 'Read the priority list', 'Explain a score', 'Publish a model', 'Record an outcome']) {
      const section = new RegExp(`### ${task}\\n([\\s\\S]*?)(?=\\n### |$)`).exec(common)?.[1] ?? ''
      expect(section, task).toMatch(/curl /)
    }
  })
})
