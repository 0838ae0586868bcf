// Predictive models, training jobs and the training set on SQLite: rows, mappers and statements in one place.
import type Database from 'better-sqlite3'
import type { EpochMs, Lead, LeadEvent } from '../../core/index.js'
import { StoreError } from '../errors.js'
import type {
  PredictiveModel,
  PredictiveModelInput,
  PredictiveModelSummary,
  TrainingJob,
  TrainingJobChange,
  TrainingJobStatus,
  TrainingSetItem,
} from '../store.js'
import { eventRowToEvent, leadRowToLead, type EventRow, type LeadRow } from './rows.js'

interface PredictiveModelRow {
  id: number
  algo: string
  /** JSON of the PredictiveArtifact; absent in summaries. */
  artifact?: string
  /** JSON of the TrainingReport. */
  report: string
  status: string
  active: 0 | 1
  created_at: number
  published_at: number | null
}

interface TrainingJobRow {
  id: number
  status: string
  algo: string
  seed: number
  phase: string | null
  done: number
  total: number
  error: string | null
  model_id: number | null
  created_at: number
  started_at: number | null
  finished_at: number | null
}

type TrainingLeadRow = LeadRow & { converted: 0 | 1; outcome_at: number | null; recorded_at: number }

const SUMMARY_COLUMNS = 'id, algo, report, status, active, created_at, published_at'

function summaryOf(row: PredictiveModelRow): PredictiveModelSummary {
  return {
    id: row.id,
    algo: row.algo as PredictiveModelSummary['algo'],
    status: row.status as PredictiveModelSummary['status'],
    active: row.active === 1,
    report: JSON.parse(row.report) as PredictiveModelSummary['report'],
    createdAt: row.created_at,
    publishedAt: row.published_at,
  }
}

function modelOf(row: PredictiveModelRow): PredictiveModel {
  return { ...summaryOf(row), artifact: JSON.parse(row.artifact ?? 'null') as PredictiveModel['artifact'] }
}

function jobOf(row: TrainingJobRow): TrainingJob {
  return {
    id: row.id,
    status: row.status as TrainingJobStatus,
    algo: row.algo,
    seed: row.seed,
    phase: row.phase,
    done: row.done,
    total: row.total,
    error: row.error,
    modelId: row.model_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  }
}

/** The predictive operations of one connection; synchronous, as better-sqlite3 is. */
export class SqlitePredictive {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      trainingLeads: db.prepare<[], TrainingLeadRow>(
        `SELECT leads.*, outcomes.converted, outcomes.at AS outcome_at, outcomes.recorded_at
         FROM leads JOIN outcomes ON outcomes.lead_id = leads.id ORDER BY leads.id`,
      ),
      trainingEvents: db.prepare<[], EventRow>(
        `SELECT events.id, events.lead_id, events.type, events.timestamp, events.properties
         FROM events JOIN outcomes ON outcomes.lead_id = events.lead_id
         ORDER BY events.lead_id, events.timestamp, events.seq`,
      ),
      insertModel: db.prepare<[Record<string, unknown>]>(
        `INSERT INTO predictive_models (algo, artifact, report, status, created_at)
         VALUES (@algo, @artifact, @report, 'draft', @created_at)`,
      ),
      model: db.prepare<[number], PredictiveModelRow>('SELECT * FROM predictive_models WHERE id = ?'),
      activeModel: db.prepare<[], PredictiveModelRow>('SELECT * FROM predictive_models WHERE active = 1'),
      activeModelId: db.prepare<[], number>('SELECT id FROM predictive_models WHERE active = 1').pluck(),
      models: db.prepare<[], PredictiveModelRow>(`SELECT ${SUMMARY_COLUMNS} FROM predictive_models ORDER BY id DESC`),
      deactivateModels: db.prepare('UPDATE predictive_models SET active = 0 WHERE active = 1'),
      publishModel: db.prepare<[number, number]>(
        `UPDATE predictive_models SET status = 'published', active = 1, published_at = coalesce(published_at, ?)
         WHERE id = ?`,
      ),
      unfinishedJob: db.prepare<[], number>(
        "SELECT id FROM training_jobs WHERE status IN ('queued', 'running') LIMIT 1",
      ).pluck(),
      insertJob: db.prepare<[Record<string, unknown>]>(
        `INSERT INTO training_jobs (status, algo, seed, created_at) VALUES ('queued', @algo, @seed, @created_at)`,
      ),
      job: db.prepare<[number], TrainingJobRow>('SELECT * FROM training_jobs WHERE id = ?'),
      updateJob: db.prepare<[Record<string, unknown>]>(
        `UPDATE training_jobs SET status = @status, phase = @phase, done = @done, total = @total, error = @error,
           model_id = @model_id, started_at = @started_at, finished_at = @finished_at
         WHERE id = @id`,
      ),
      failUnfinished: db.prepare<[string, number]>(
        `UPDATE training_jobs SET status = 'failed', error = ?, finished_at = ?
         WHERE status IN ('queued', 'running')`,
      ),
    }
  }

  /** Two queries in one read transaction: the leads with outcomes, then their events in lead order. */
  trainingSet(): TrainingSetItem[] {
    return this.db.transaction(() => {
      const items: TrainingSetItem[] = []
      const byId = new Map<string, LeadEvent[]>()
      for (const row of this.statements.trainingLeads.iterate()) {
        const { converted, outcome_at: at, recorded_at: recordedAt, ...leadRow } = row
        const lead: Lead = leadRowToLead(leadRow)
        const events: LeadEvent[] = []
        byId.set(lead.id, events)
        const base = { leadId: lead.id, converted: converted === 1 }
        const outcome = at === null ? base : { ...base, at }
        items.push({ lead, outcome, recordedAt, events })
      }
      for (const row of this.statements.trainingEvents.iterate()) byId.get(row.lead_id)?.push(eventRowToEvent(row))
      return items
    })()
  }

  createModel(input: PredictiveModelInput, now: EpochMs): PredictiveModel {
    const { lastInsertRowid } = this.statements.insertModel.run({
      algo: input.artifact.algo,
      artifact: JSON.stringify(input.artifact),
      report: JSON.stringify(input.report),
      created_at: now,
    })
    return this.requireModel(Number(lastInsertRowid))
  }

  publishModel(id: number, now: EpochMs): PredictiveModel {
    return this.db
      .transaction(() => {
        this.requireModel(id)
        this.statements.deactivateModels.run()
        this.statements.publishModel.run(now, id)
        return this.requireModel(id)
      })
      .immediate()
  }

  listModels(): PredictiveModelSummary[] {
    return this.statements.models.all().map(summaryOf)
  }

  getModel(id: number): PredictiveModel | null {
    const row = this.statements.model.get(id)
    return row === undefined ? null : modelOf(row)
  }

  activeModel(): PredictiveModel | null {
    const row = this.statements.activeModel.get()
    return row === undefined ? null : modelOf(row)
  }

  activeModelId(): number | null {
    return this.statements.activeModelId.get() ?? null
  }

  createJob(input: { algo: string; seed: number }, now: EpochMs): TrainingJob {
    return this.db
      .transaction(() => {
        const running = this.statements.unfinishedJob.get()
        if (running !== undefined) {
          throw new StoreError('conflict', `Training job ${running} is still running; wait for it to finish.`)
        }
        const { lastInsertRowid } = this.statements.insertJob.run({ ...input, created_at: now })
        return this.requireJob(Number(lastInsertRowid))
      })
      .immediate()
  }

  updateJob(id: number, change: TrainingJobChange, now: EpochMs): TrainingJob {
    return this.db
      .transaction(() => {
        const job = this.requireJob(id)
        const status = change.status ?? job.status
        const finished = status === 'succeeded' || status === 'failed'
        this.statements.updateJob.run({
          id,
          status,
          phase: change.phase ?? job.phase,
          done: change.done ?? job.done,
          total: change.total ?? job.total,
          error: change.error ?? job.error,
          model_id: change.modelId ?? job.modelId,
          started_at: job.startedAt ?? (status === 'queued' ? null : now),
          finished_at: job.finishedAt ?? (finished ? now : null),
        })
        return this.requireJob(id)
      })
      .immediate()
  }

  getJob(id: number): TrainingJob | null {
    const row = this.statements.job.get(id)
    return row === undefined ? null : jobOf(row)
  }

  failUnfinishedJobs(error: string, now: EpochMs): number {
    return this.statements.failUnfinished.run(error, now).changes
  }

  private requireModel(id: number): PredictiveModel {
    const model = this.getModel(id)
    if (model === null) throw new StoreError('not_found', `There is no predictive model ${id}.`)
    return model
  }

  private requireJob(id: number): TrainingJob {
    const job = this.getJob(id)
    if (job === null) throw new StoreError('not_found', `There is no training job ${id}.`)
    return job
  }
}
