// Which model the app scores with after the API changed it, and the background rescore that follows a change.
import type { FastifyBaseLogger } from 'fastify'
import type { EpochMs } from '../core/index.js'
import type { ActiveModel, RescoreProgress, Store } from '../store/index.js'

/**
 * The active model as the routes see it. The host's `model()` stays the source of truth; after the API
 * published or activated a version, the new model is used at once, until the host's own model changes
 * (a host that follows `onModelChanged`, like `leadscore serve`, has then caught up).
 */
export class ActiveModelSource {
  private override: { active: ActiveModel; hostVersion: number } | null = null

  constructor(
    private readonly host: () => ActiveModel,
    private readonly onChanged: ((active: ActiveModel) => void | Promise<void>) | undefined,
  ) {}

  /** The model to score with now. */
  readonly current = (): ActiveModel => {
    const hosted = this.host()
    if (this.override === null) return hosted
    if (hosted.version === this.override.hostVersion) return this.override.active
    this.override = null
    return hosted
  }

  /** Switches to `active` at once and tells the host. */
  async change(active: ActiveModel): Promise<void> {
    this.override = { active, hostVersion: this.host().version }
    await this.onChanged?.(active)
  }
}

/** How far the rescore after a model change got. */
export interface RescoreJob {
  version: number
  /** `cancelled`: a newer change (or shutdown) stopped it; the leads it reached keep their new scores. */
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  done: number
  total: number
  /** Leads whose score changed; known when done. */
  changed: number | null
  startedAt: EpochMs | null
  finishedAt: EpochMs | null
  error: string | null
}

class RescoreCancelled extends Error {}

/**
 * Rescores every lead with a newly active model in the background, one job at a time: a newer change
 * cancels the running job (between chunks) and runs after it. Progress is kept per model version.
 */
export class ModelRescores {
  private readonly jobs = new Map<number, RescoreJob>()
  private current: { job: RescoreJob; cancelled: boolean } | null = null
  private tail: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: Store,
    private readonly now: () => EpochMs,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Queues a rescore with `active` (cause `model`) and returns its job, updated as it runs: of every lead, or with
   * `outdated` only of the leads another model scored (`Store.rescoreOutdated`). An `outdated` job is listed under
   * its version only once it finds such a lead, so a start with nothing to finish leaves no job behind.
   */
  start(active: ActiveModel, leads: number, scope: 'all' | 'outdated' = 'all'): RescoreJob {
    const job: RescoreJob = {
      version: active.version,
      status: 'queued',
      done: 0,
      total: leads,
      changed: null,
      startedAt: null,
      finishedAt: null,
      error: null,
    }
    if (scope === 'all') this.jobs.set(active.version, job)
    if (this.current !== null) this.current.cancelled = true
    const run = { job, cancelled: false }
    this.current = run
    this.tail = this.tail.then(() => this.run(run, active, scope))
    return job
  }

  /** The latest rescore job of a model version, if the API started one since the process started. */
  job(version: number): RescoreJob | null {
    return this.jobs.get(version) ?? null
  }

  /** Cancels the running job and waits until it has stopped (at its next chunk boundary). */
  async stop(): Promise<void> {
    if (this.current !== null) this.current.cancelled = true
    await this.tail
  }

  private async run(run: { job: RescoreJob; cancelled: boolean }, active: ActiveModel, scope: 'all' | 'outdated'): Promise<void> {
    const { job } = run
    try {
      if (run.cancelled) throw new RescoreCancelled()
      job.status = 'running'
      job.startedAt = this.now()
      const onProgress = (progress: RescoreProgress): void => {
        job.done = progress.done
        job.total = progress.total
        // Listed from its first chunk on (an outdated-only job that finds nothing is never listed).
        if (progress.total > 0) this.jobs.set(job.version, job)
        // Thrown between chunks: every chunk before it is committed, none after it starts.
        if (run.cancelled) throw new RescoreCancelled()
      }
      const result =
        scope === 'all'
          ? await this.store.rescoreAll(active, job.startedAt, 'model', onProgress)
          : await this.store.rescoreOutdated(active, job.startedAt, onProgress)
      job.status = 'done'
      job.done = result.leads
      job.total = Math.max(job.total, result.leads)
      job.changed = result.changed
    } catch (error) {
      if (error instanceof RescoreCancelled) {
        job.status = 'cancelled'
      } else {
        job.status = 'failed'
        job.error = error instanceof Error ? error.message : String(error)
        this.log.error({ err: error, version: job.version }, 'rescoring after a model change failed')
      }
    } finally {
      job.finishedAt = this.now()
      if (this.current === run) this.current = null
    }
  }
}
