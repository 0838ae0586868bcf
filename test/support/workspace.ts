// An in-memory store with the b2b-saas template published: the starting point of API and CLI tests.
import { parseModel, readTemplate } from '../../src/model/index.js'
import { openStore, type ActiveModel, type Store } from '../../src/store/index.js'

export async function memoryWorkspace(template = 'b2b-saas'): Promise<{ store: Store; model: ActiveModel }> {
  const store = await openStore({ url: ':memory:' })
  const yaml = readTemplate(template)
  const parsed = parseModel(yaml)
  if (!parsed.ok) throw new Error(`template ${template} does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`)
  const version = await store.createModelVersion({ name: template, yaml, checksum: parsed.checksum }, Date.UTC(2026, 0, 1))
  await store.publishModelVersion(version.version, Date.UTC(2026, 0, 1))
  return { store, model: { version: version.version, checksum: parsed.checksum, model: parsed.model } }
}
