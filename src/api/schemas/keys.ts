// TypeBox schemas of the API key routes: create, list, revoke.
import { Type } from 'typebox'
import { MAX_KEY_NAME_LENGTH } from '../api-keys.js'

const ScopeSchema = Type.Union([Type.Literal('write'), Type.Literal('read'), Type.Literal('admin')])

/** POST /v1/keys: the scopes (at least one) and an optional name. */
export const CreateKeyBody = Type.Object(
  {
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_KEY_NAME_LENGTH })),
  },
  { additionalProperties: false },
)

/** DELETE /v1/keys/:id. */
export const KeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })

const iso = Type.Union([Type.String(), Type.Null()])

/** A key as the API shows it: never the secret or its hash. */
export const KeyJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(ScopeSchema),
  prefix: Type.String({ description: 'The first characters of the secret, to tell keys apart.' }),
  created_at: Type.String(),
  last_used_at: iso,
  revoked_at: iso,
  active: Type.Boolean(),
})

/** POST /v1/keys answers the key and, this once, its secret. */
export const CreatedKeyJson = Type.Object({
  key: KeyJson,
  secret: Type.String({ description: 'The API key itself. Shown this once: store it now.' }),
})

/** GET /v1/keys. */
export const KeyListJson = Type.Object({ items: Type.Array(KeyJson) })
