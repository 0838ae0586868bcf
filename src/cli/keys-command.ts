// `leadscore keys create|list|revoke`: API keys on the database, the secret printed once at creation.
import { apiKeyToJson, createApiKey, MAX_KEY_NAME_LENGTH, type ApiKeyJson } from '../api/api-keys.js'
import { KEY_CACHE_TTL_MS } from '../api/auth.js'
import { API_KEY_SCOPES, type ApiKeyScope, type Store } from '../store/index.js'
import { CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { formatTime, renderTable } from './output.js'
import { openDatabase } from './workspace.js'

/** A key just created: the secret is shown this once. */
export interface CreatedKeyOutput {
  key: ApiKeyJson
  secret: string
}

/** `--scope write,read` (or repeated) → scopes, refusing unknown names. */
export function parseScopes(values: readonly string[]): ApiKeyScope[] {
  const scopes = values.flatMap((value) => value.split(',')).map((scope) => scope.trim()).filter((scope) => scope !== '')
  if (scopes.length === 0) throw new CliError('no scope given', { hint: `use --scope ${API_KEY_SCOPES.join('|')}`, exitCode: 2 })
  const unknown = scopes.filter((scope) => !(API_KEY_SCOPES as readonly string[]).includes(scope))
  if (unknown.length > 0) {
    throw new CliError(`unknown scope '${unknown[0]}'`, {
      hint: `scopes are write (ingest only, safe in a web page), read and admin`,
      exitCode: 2,
    })
  }
  return scopes as ApiKeyScope[]
}

async function withStore<T>(db: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openDatabase(db)
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

/** Creates a key and returns it with its secret. */
export async function createKeyCommand(
  options: { db: string; scopes: readonly string[]; name?: string | undefined },
  io: CliIo,
): Promise<CreatedKeyOutput> {
  const scopes = parseScopes(options.scopes)
  const name = options.name ?? `${scopes.join('+')} key`
  if (name.trim() === '' || name.length > MAX_KEY_NAME_LENGTH) {
    throw new CliError(`the key name must be 1 to ${MAX_KEY_NAME_LENGTH} characters`, { exitCode: 2 })
  }
  return withStore(options.db, async (store) => {
    const { key, secret } = await createApiKey(store, { name, scopes }, nowOf(io))
    return { key: apiKeyToJson(key), secret }
  })
}

/** The new key and its secret, with the warning that it is shown only now. */
export function renderCreatedKey(created: CreatedKeyOutput): string {
  return (
    `created ${created.key.id} (${created.key.name}; scopes: ${created.key.scopes.join(', ')})\n` +
    `\n  ${created.secret}\n\n` +
    'This is the only time the key is shown: store it now. Send it as "Authorization: Bearer <key>".\n'
  )
}

/** Every key, active and revoked, without secrets. */
export async function listKeysCommand(options: { db: string }): Promise<{ items: ApiKeyJson[] }> {
  return withStore(options.db, async (store) => ({ items: (await store.listApiKeys()).map(apiKeyToJson) }))
}

/** The keys as a table; the prefix identifies a key without revealing it. */
export function renderKeyList(list: { items: ApiKeyJson[] }): string {
  if (list.items.length === 0) return 'no API keys yet; create one with `leadscore keys create --scope admin`\n'
  const time = (iso: string | null): string => (iso === null ? '-' : formatTime(Date.parse(iso)))
  return renderTable(
    ['id', 'name', 'scopes', 'prefix', 'created', 'last used', 'status'],
    list.items.map((key) => [
      key.id,
      key.name,
      key.scopes.join(','),
      `${key.prefix}…`,
      time(key.created_at),
      time(key.last_used_at),
      key.active ? 'active' : `revoked ${time(key.revoked_at)}`,
    ]),
  )
}

/** Revokes a key; a running server stops accepting it within seconds. */
export async function revokeKeyCommand(options: { db: string; id: string }, io: CliIo): Promise<ApiKeyJson> {
  return withStore(options.db, async (store) => apiKeyToJson(await store.revokeApiKey(options.id, nowOf(io))))
}

/** One line confirming the revocation and when a running server stops accepting the key. */
export function renderRevokedKey(key: ApiKeyJson): string {
  return `revoked ${key.id} (${key.name}); a running server stops accepting it within ${KEY_CACHE_TTL_MS / 1000} seconds\n`
}
