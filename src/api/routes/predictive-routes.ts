// Predictive models: train in the background, follow the job, list, read and publish models, a lead's prediction.
import type { Static } from 'typebox'
import { checkMinimumData, loadArtifact, MINIMUM_TRAINING_DATA, trainLeadsSteps } from '../../predict/index.js'
import type { TrainingJob } from '../../store/index.js'
import { predictActive, predictionToJson } from '../active-predictive.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import { isoOrNull, predictiveModelToJson } from '../json.js'
import type { ApiInstance } from '../instance.js'
import { LeadParams } from '../schemas.js'
import {
  LeadPredictionJson,
  PredictiveModelJson,
  PredictiveModelListJson,
  PredictiveModelParams,
  TrainAcceptedJson,
  TrainBody,
  TrainingJobJson,
  TrainingJobParams,
} from '../schemas/predictive.js'
import { INTERRUPTED_JOB_ERROR, runTrainingJob } from '../training-jobs.js'
import type { ModelRouteServices } from './model-routes.js'


function jobToJson(job: TrainingJob): Static<typeof TrainingJobJson> {
  return {
    id: job.id,
    status: job.status,
    algo: job.algo,
    seed: job.seed,
    phase: job.phase,
    done: job.done,
    total: job.total,
    progress: job.status === 'succeeded' ? 1 : job.total > 0 ? job.done / job.total : 0,
    error: job.error,
    model_id: job.modelId,
    created_at: new Date(job.createdAt).toISOString(),
    started_at: isoOrNull(job.startedAt),
    finished_at: isoOrNull(job.finishedAt),
  }
}


export function registerPredictiveRoutes(app: ApiInstance, deps: RouteDeps, services: ModelRouteServices): void {
  /** The job training now, so that closing the app waits for it instead of cutting it off mid-write. */
  let running: Promise<void> = Promise.resolve()
  // Jobs run inside the process that started them: any still unfinished at start-up died with an earlier one.
  app.addHook('onReady', async () => {
    await deps.store.failUnfinishedTrainingJobs(INTERRUPTED_JOB_ERROR, deps.now())
  })
  app.addHook('onClose', async () => {
    await running
  })

  const trainSchema = {
    tags: ['predictive'],
    summary: 'Train a predictive model on the leads with known outcomes, in the background',
    body: TrainBody,
    response: { 202: TrainAcceptedJson },
  }
  // A POST without a body means "all defaults", as `{}` does.
  const defaultBody = (request: { body: unknown }, _reply: unknown, done: () => void): void => {
    request.body ??= {}
    done()
  }
  const trainOptions = { config: { access: 'admin' as const }, schema: trainSchema, preValidation: defaultBody }
  app.post('/v1/predictive/train', trainOptions, async (request, reply) => {
    const algo = request.body.algo ?? 'gbdt'
    const seed = request.body.seed ?? 42
    // Checked before a job is recorded, so a refused request leaves nothing behind.
    const items = await deps.store.trainingSet()
    const labels = Uint8Array.from(items, (item) => (item.outcome.converted ? 1 : 0))
    const problem = checkMinimumData(labels, MINIMUM_TRAINING_DATA)
    if (problem !== null) throw new ApiError('not_enough_data', `Not enough outcomes to train: ${problem}.`)
    const job = await deps.store.createTrainingJob({ algo, seed }, deps.now())
    try {
      const steps = trainLeadsSteps(items, { algo, seed, folds: request.body.folds, scoringModel: deps.model().model })
      running = runTrainingJob(deps.store, job, steps, deps.now, request.log)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await deps.store.updateTrainingJob(job.id, { status: 'failed', error: message }, deps.now())
      throw error
    }
    void reply.status(202).header('location', `/v1/predictive/jobs/${job.id}`)
    return { job_id: job.id, status: 'queued' }
  })

  const jobSchema = {
    tags: ['predictive'],
    summary: 'A training job: status, progress, error and the model it produced',
    params: TrainingJobParams,
    response: { 200: TrainingJobJson },
  }
  app.get('/v1/predictive/jobs/:id', { config: { access: 'read' }, schema: jobSchema }, async (request) => {
    const job = await deps.store.getTrainingJob(request.params.id)
    if (job === null) throw new ApiError('not_found', `There is no training job ${request.params.id}.`)
    return jobToJson(job)
  })

  const listSchema = {
    tags: ['predictive'],
    summary: 'The trained predictive models, newest first, with their headline metrics',
    response: { 200: PredictiveModelListJson },
  }
  app.get('/v1/predictive/models', { config: { access: 'read' }, schema: listSchema }, async () => {
    const models = await deps.store.listPredictiveModels()
    return {
      items: models.map((model) => ({
        ...predictiveModelToJson(model),
        rows: model.report.rows,
        positives: model.report.positives,
        auc: model.report.auc,
        pr_auc: model.report.pr_auc,
      })),
    }
  })

  const modelSchema = {
    tags: ['predictive'],
    summary: 'One predictive model with its quality report',
    params: PredictiveModelParams,
    response: { 200: PredictiveModelJson },
  }
  app.get('/v1/predictive/models/:id', { config: { access: 'read' }, schema: modelSchema }, async (request) => {
    const model = await deps.store.getPredictiveModel(request.params.id)
    if (model === null) throw new ApiError('not_found', `There is no predictive model ${request.params.id}.`)
    return { ...predictiveModelToJson(model), report: { ...model.report } }
  })

  const publishSchema = {
    tags: ['predictive'],
    summary: 'Publish a predictive model: it becomes the active one that scores leads',
    params: PredictiveModelParams,
    response: { 200: PredictiveModelJson },
  }
  app.post('/v1/predictive/models/:id/publish', { config: { access: 'admin' }, schema: publishSchema }, async (request) => {
    const model = await deps.store.publishPredictiveModel(request.params.id, deps.now())
    // Scoring uses it at once (the host is told), and every stored score is blended again in the background.
    const active = { ...deps.model(), predictive: { id: model.id, artifact: loadArtifact(model.artifact) } }
    await services.models.change(active)
    const { total } = await deps.store.listLeads({ limit: 0 })
    services.rescores.start(active, total)
    return { ...predictiveModelToJson(model), report: { ...model.report } }
  })

  const leadSchema = {
    tags: ['predictive'],
    summary: "A lead's conversion probability, predictive score and top factors from the active model",
    params: LeadParams,
    response: { 200: LeadPredictionJson },
  }
  app.get('/v1/leads/:id/predictive', { config: { access: 'read' }, schema: leadSchema }, async (request) => {
    const lead = await deps.store.getLead(request.params.id)
    if (lead === null) throw new ApiError('not_found', `No lead with id or email '${request.params.id}'.`)
    const prediction = await predictActive(deps.store, lead, await deps.store.listEvents(lead.id), deps.now())
    if (prediction === null) {
      throw new ApiError('not_found', 'No predictive model is published. Train one (POST /v1/predictive/train) and publish it.')
    }
    return predictionToJson(lead.id, prediction)
  })
}
