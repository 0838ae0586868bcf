// API key secrets: generated once (`ls_<scope>_<32 base62 chars>`), stored only as a SHA-256 hash.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { EpochMs } from '../core/index.js'
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope, type Store } from '../store/index.js'
import { isoOrNull } from './json.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Random characters in a secret: 32 base62 characters carry about 190 bits. */
const SECRET_LENGTH = 32

/** Random characters of the secret kept visible in the prefix. */
const PREFIX_RANDOM_CHARS = 4

/** Longest key name accepted. */
export const MAX_KEY_NAME_LENGTH = 100

/** The hex SHA-256 digest of a secret: what the store keeps and looks keys up by. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** `length` uniformly random base62 characters (rejection sampling keeps them unbiased). */
function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes at or above it would favour the first characters.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62]
    }
  }
  return out
}

/** A fresh secret for keys of `scopes`, e.g. `ls_write_8fK2...`; scopes are only a hint for humans. */
export function generateApiKeySecret(scopes: readonly ApiKeyScope[]): string {
  return `ls_${scopes.join('-')}_${randomBase62(SECRET_LENGTH)}`
}

/** What a client may show of a key: everything up to the first few random characters. */
export function secretPrefix(secret: string): string {
  const random = secret.lastIndexOf('_') + 1
  return secret.slice(0, random + PREFIX_RANDOM_CHARS)
}

/** A key just created, with the secret that is shown this once and never again. */
export interface CreatedApiKey {
  key: ApiKey
  secret: string
}

/** Scopes in their canonical order, without repeats. */
export function normaliseScopes(scopes: readonly ApiKeyScope[]): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope))
}

/**
 * Generates a secret, stores only its hash and returns the key with the secret (the only time it is seen).
 *
 * @example const { key, secret } = await createApiKey(store, { name: 'website', scopes: ['write'] }, Date.now())
 */
export async function createApiKey(
  store: Store,
  input: { name: string; scopes: readonly ApiKeyScope[] },
  now: EpochMs,
): Promise<CreatedApiKey> {
  const scopes = normaliseScopes(input.scopes)
  const secret = generateApiKeySecret(scopes)
  const id = 'key_' + BigInt('0x' + randomUUID().replaceAll('-', '')).toString(36)
  const key = await store.createApiKey(
    { id, name: input.name, scopes, secretHash: hashApiKey(secret), prefix: secretPrefix(secret) },
    now,
  )
  return { key, secret }
}

/** Whether a key of `scopes` may call a route that needs `needed`: admin may do everything. */
export function hasScope(scopes: readonly ApiKeyScope[], needed: ApiKeyScope): boolean {
  return scopes.includes('admin') || scopes.includes(needed)
}

/** An API key as the API and `keys list --json` show it. */
export interface ApiKeyJson {
  id: string
  name: string
  scopes: ApiKeyScope[]
  prefix: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
  active: boolean
}

/** The key as JSON (snake_case; never the secret or its hash). */
export function apiKeyToJson(key: ApiKey): ApiKeyJson {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    prefix: key.prefix,
    created_at: new Date(key.createdAt).toISOString(),
    last_used_at: isoOrNull(key.lastUsedAt),
    revoked_at: isoOrNull(key.revokedAt),
    active: key.revokedAt === null,
  }
}
