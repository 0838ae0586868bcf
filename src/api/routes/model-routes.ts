// Model versions: list, read, create a draft from YAML, validate, publish and activate (then rescore in the background).
import type { Static } from 'typebox'
import { parseModel, type ModelIssue } from '../../model/index.js'
import type { ActiveModel, ModelVersion } from '../../store/index.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import { isoOrNull } from '../json.js'
import type { ApiInstance } from '../instance.js'
import type { ActiveModelSource, ModelRescores, RescoreJob } from '../model-rescores.js'
import { modelVersionToJson } from '../record-json.js'
import {
  ChangedModelJson,
  CreatedModelJson,
  ModelBody,
  ModelVersionJson,
  ModelVersionListJson,
  ModelVersionParams,
  ValidationJson,
} from '../schemas/models.js'

/** Media types read as model YAML text, besides JSON. */
const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain']

const issueToJson = (issue: ModelIssue) => ({ line: issue.line, column: issue.column, path: issue.path, message: issue.message })

function rescoreToJson(job: RescoreJob | null) {
  if (job === null) return null
  const { status, done, total, changed, error } = job
  return { status, done, total, changed, started_at: isoOrNull(job.startedAt), finished_at: isoOrNull(job.finishedAt), error }
}

/** The YAML and the name a body carries. */
function readBody(body: Static<typeof ModelBody>): { yaml: string; name: string | undefined } {
  return typeof body === 'string' ? { yaml: body, name: undefined } : { yaml: body.yaml, name: body.name }
}

/** A stored version as the model the engine runs; a version that no longer validates is a 400 with its errors. */
function toActiveModel(version: ModelVersion): ActiveModel {
  const parsed = parseModel(version.yaml)
  if (!parsed.ok) {
    throw new ApiError('invalid_model', `Model version ${version.version} does not validate; publish a corrected version.`, parsed.errors.map(issueToJson))
  }
  return { version: version.version, checksum: version.checksum, model: parsed.model }
}

export interface ModelRouteServices {
  models: ActiveModelSource
  rescores: ModelRescores
}

export function registerModelRoutes(app: ApiInstance, deps: RouteDeps, services: ModelRouteServices): void {
  const { models, rescores } = services
  app.addHook('onClose', async () => {
    await rescores.stop()
  })

  /** Makes `version` the model the app scores with and rescores every lead with it in the background. */
  const switchTo = async (version: ModelVersion): Promise<RescoreJob> => {
    // The published predictive model (if any) is independent of the rule model version: it stays attached.
    const predictive = deps.model().predictive
    const active = { ...toActiveModel(version), ...(predictive === undefined ? {} : { predictive }) }
    await models.change(active)
    const { total } = await deps.store.listLeads({ limit: 0 })
    return rescores.start(active, total)
  }

  const listSchema = { tags: ['models'], summary: 'Every model version, oldest first', response: { 200: ModelVersionListJson } }
  app.get('/v1/models', { config: { access: 'read' }, schema: listSchema }, async () => {
    const versions = await deps.store.listModelVersions()
    return {
      active_version: versions.find((version) => version.active)?.version ?? null,
      items: versions.map((version) => modelVersionToJson(version)),
    }
  })

  const getSchema = {
    tags: ['models'],
    summary: 'One model version with its YAML and the progress of the rescore its publication started',
    params: ModelVersionParams,
    response: { 200: ModelVersionJson },
  }
  app.get('/v1/models/:version', { config: { access: 'read' }, schema: getSchema }, async (request) => {
    const version = await deps.store.getModelVersion(request.params.version)
    if (version === null) throw new ApiError('not_found', `There is no model version ${request.params.version}.`)
    return { ...modelVersionToJson(version), yaml: version.yaml, rescore: rescoreToJson(rescores.job(version.version)) }
  })

  // YAML bodies are read as text in this scope only; elsewhere they stay a 415.
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body))
    const api = scope as unknown as ApiInstance

    const validateSchema = {
      tags: ['models'],
      summary: 'Check a model without storing it: every error and warning with line, column and key path',
      consumes: ['application/yaml', 'application/json'],
      body: ModelBody,
      response: { 200: ValidationJson },
    }
    api.post('/v1/models/validate', { config: { access: 'read' }, schema: validateSchema }, (request) => {
      const { yaml } = readBody(request.body)
      const parsed = parseModel(yaml)
      const warnings = parsed.warnings.map(issueToJson)
      if (!parsed.ok) {
        return Promise.resolve({ valid: false, name: null, rules: null, checksum: null, errors: parsed.errors.map(issueToJson), warnings })
      }
      const rules = parsed.model.fit.length + parsed.model.engagement.length
      return Promise.resolve({ valid: true, name: parsed.model.name, rules, checksum: parsed.checksum, errors: [], warnings })
    })

    const createSchema = {
      tags: ['models'],
      summary: 'Store a model as a new draft version (it is validated first)',
      consumes: ['application/yaml', 'application/json'],
      body: ModelBody,
      response: { 201: CreatedModelJson },
    }
    api.post('/v1/models', { config: { access: 'admin' }, schema: createSchema }, async (request, reply) => {
      const { yaml, name } = readBody(request.body)
      const parsed = parseModel(yaml)
      if (!parsed.ok) {
        const count = parsed.errors.length
        throw new ApiError('invalid_model', `The model has ${count} error${count === 1 ? '' : 's'}; see details.`, parsed.errors.map(issueToJson))
      }
      const draft = await deps.store.createModelVersion({ name: name ?? parsed.model.name, yaml, checksum: parsed.checksum }, deps.now())
      void reply.status(201)
      return { ...modelVersionToJson(draft), warnings: parsed.warnings.map(issueToJson) }
    })
    done()
  })

  const changeSchema = (summary: string) => ({
    tags: ['models'],
    summary,
    params: ModelVersionParams,
    response: { 200: ChangedModelJson },
  })
  app.post(
    '/v1/models/:version/publish',
    { config: { access: 'admin' }, schema: changeSchema('Publish a version: it becomes active and every lead is rescored in the background') },
    async (request) => {
      const stored = await deps.store.getModelVersion(request.params.version)
      if (stored === null) throw new ApiError('not_found', `There is no model version ${request.params.version}.`)
      toActiveModel(stored)
      const published = await deps.store.publishModelVersion(stored.version, deps.now())
      const job = await switchTo(published)
      return { ...modelVersionToJson(published), rescore: rescoreToJson(job) }
    },
  )
  app.post(
    '/v1/models/:version/activate',
    { config: { access: 'admin' }, schema: changeSchema('Make an already published version active again; every lead is rescored') },
    async (request) => {
      const stored = await deps.store.getModelVersion(request.params.version)
      if (stored === null) throw new ApiError('not_found', `There is no model version ${request.params.version}.`)
      if (stored.status !== 'published') {
        throw new ApiError('conflict', `Model version ${stored.version} is a draft. Publish it (POST /v1/models/${stored.version}/publish) instead.`)
      }
      toActiveModel(stored)
      const activated = await deps.store.activateModelVersion(stored.version, deps.now())
      const job = await switchTo(activated)
      return { ...modelVersionToJson(activated), rescore: rescoreToJson(job) }
    },
  )
}
