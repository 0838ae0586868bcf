// TypeBox schemas of the model version routes.
import { Type } from 'typebox'
import { MAX_MODEL_LENGTH } from '../../model/index.js'

/** Longest model name accepted. */
export const MAX_MODEL_NAME = 200

/** A model: the YAML text itself (Content-Type application/yaml), or JSON `{ name?, yaml }`. */
export const ModelBody = Type.Union([
  Type.String({ minLength: 1, maxLength: MAX_MODEL_LENGTH, description: 'The model YAML (send as application/yaml).' }),
  Type.Object(
    {
      name: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_MODEL_NAME, description: "Default: the YAML's name." })),
      yaml: Type.String({ minLength: 1, maxLength: MAX_MODEL_LENGTH }),
    },
    { additionalProperties: false },
  ),
])

export const ModelVersionParams = Type.Object(
  { version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
)

const IssueJson = Type.Object({
  line: Type.Integer(),
  column: Type.Integer(),
  path: Type.String(),
  message: Type.String(),
})

export const ValidationJson = Type.Object({
  valid: Type.Boolean(),
  name: Type.Union([Type.String(), Type.Null()]),
  rules: Type.Union([Type.Integer(), Type.Null()], { description: 'Fit and engagement rules, when valid.' }),
  checksum: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(IssueJson),
  warnings: Type.Array(IssueJson),
})

const RescoreJson = Type.Union([
  Type.Object({
    status: Type.String({ description: 'queued, running, done, failed or cancelled.' }),
    done: Type.Integer(),
    total: Type.Integer(),
    changed: Type.Union([Type.Integer(), Type.Null()]),
    started_at: Type.Union([Type.String(), Type.Null()]),
    finished_at: Type.Union([Type.String(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  }),
  Type.Null(),
])

const versionFields = {
  version: Type.Integer(),
  name: Type.String(),
  status: Type.String({ description: 'draft or published.' }),
  active: Type.Boolean(),
  checksum: Type.String(),
  created_at: Type.String(),
  published_at: Type.Union([Type.String(), Type.Null()]),
}

export const ModelVersionListJson = Type.Object({
  active_version: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(Type.Object(versionFields)),
})

export const ModelVersionJson = Type.Object({
  ...versionFields,
  yaml: Type.String(),
  rescore: RescoreJson,
})

export const CreatedModelJson = Type.Object({ ...versionFields, warnings: Type.Array(IssueJson) })

export const ChangedModelJson = Type.Object({ ...versionFields, rescore: RescoreJson })
