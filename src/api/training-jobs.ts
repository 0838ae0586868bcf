// Training in the background of the API process: one job at a time, progress in the store, the loop kept free.
import type { FastifyBaseLogger } from 'fastify'
import type { EpochMs } from '../core/index.js'
import type { TrainingProgress, TrainingResult } from '../predict/index.js'
import type { Store, TrainingJob } from '../store/index.js'

/** Why a job left unfinished by a stopped process failed. */
export const INTERRUPTED_JOB_ERROR = 'interrupted: the server stopped before training finished; start it again'

/** Hands the event loop back for one turn, so requests are served between training steps. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Runs the training steps of `job`: each step (a fold, the held-out test, the final fit) runs
 * synchronously, then the job's progress is stored and the event loop gets a turn. The trained model is
 * stored as a draft and the job marked succeeded with its id; any error marks it failed with the message.
 * Never rejects.
 */
export async function runTrainingJob(
  store: Store,
  job: TrainingJob,
  steps: Generator<TrainingProgress, TrainingResult, void>,
  now: () => EpochMs,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await store.updateTrainingJob(job.id, { status: 'running' }, now())
    await nextTurn()
    for (;;) {
      const step = steps.next()
      if (step.done === true) {
        const model = await store.createPredictiveModel(step.value, now())
        await store.updateTrainingJob(job.id, { status: 'succeeded', modelId: model.id }, now())
        log.info({ job: job.id, model: model.id, auc: step.value.report.auc }, 'training finished')
        return
      }
      const { phase, done, total } = step.value
      await store.updateTrainingJob(job.id, { phase, done, total }, now())
      await nextTurn()
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    log.error({ err: error, job: job.id }, 'training failed')
    await store.updateTrainingJob(job.id, { status: 'failed', error: message }, now()).catch((failure: unknown) => {
      log.error({ err: failure, job: job.id }, 'recording the failed training job failed')
    })
  }
}
