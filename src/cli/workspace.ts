// Opens the database a command works on, with the active scoring model (bootstrapping the b2b-saas template).
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { EpochMs } from '../core/index.js'
import { formatIssue, parseModel, readTemplate } from '../model/index.js'
import { ArtifactError, loadArtifact } from '../predict/index.js'
import { openStore, type ActiveModel, type ModelVersion, type OpenStoreOptions, type Store } from '../store/index.js'
import { CliError } from './cli-error.js'

/** Default database file. */
export const DEFAULT_DB = './data/leadscore.db'

/** The template stored and published as version 1 of an empty database. */
export const BOOTSTRAP_TEMPLATE = 'b2b-saas'

export interface Workspace {
  store: Store
  /** The active model version, parsed. */
  model: ActiveModel
  /**
   * Re-reads the active model version and the active predictive model (another process may have published
   * one) and updates `model`; resolves whether either changed.
   */
  refreshModel: () => Promise<boolean>
  close: () => Promise<void>
}

/** The database to use: the `--db` flag, else `LEADSCORE_DB`, else ./data/leadscore.db. */
export function resolveDb(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  return flag ?? (env.LEADSCORE_DB || DEFAULT_DB)
}

/**
 * How a command wants its store tuned (see `OpenStoreOptions`): bulk commands that nothing waits on rescore in larger
 * transactions; the server and bulk imports checkpoint, and fold and score deferred leads, on worker threads.
 */
export type StoreTuning = Pick<OpenStoreOptions, 'rescoreChunkSize' | 'backgroundCheckpoints' | 'foldWorker'>

/** Opens the store at `db`, creating the directory of a SQLite file when missing. */
export async function openDatabase(db: string, options: StoreTuning = {}): Promise<Store> {
  const file = db.startsWith('sqlite:') ? db.slice('sqlite:'.length) : db
  if (file !== ':memory:' && !file.includes('://')) await mkdir(dirname(file), { recursive: true })
  return openStore({ ...options, url: db })
}

export interface OpenWorkspaceOptions extends StoreTuning {
  /** Database file or store url. Default: `LEADSCORE_DB` from `env`, else ./data/leadscore.db. */
  db?: string | undefined
  /** Environment to read `LEADSCORE_DB` from. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** When a bootstrapped template version is created and published. Default: now. */
  now?: EpochMs | undefined
}

/**
 * Opens the store and loads the active model. A database with no model versions at all gets the b2b-saas
 * template as version 1, published, so a first `import` works without any setup.
 *
 * @example const { store, model, close } = await openWorkspace({ db: './data/leadscore.db' })
 */
export async function openWorkspace(options: OpenWorkspaceOptions): Promise<Workspace> {
  const store = await openDatabase(resolveDb(options.db, options.env ?? process.env), {
    rescoreChunkSize: options.rescoreChunkSize,
    backgroundCheckpoints: options.backgroundCheckpoints,
    foldWorker: options.foldWorker,
  })
  try {
    const version = (await store.getActiveModelVersion()) ?? (await bootstrapModel(store, options.now ?? Date.now()))
    const workspace: Workspace = {
      store,
      model: withPredictive(parseStoredModel(version), await loadPredictive(store)),
      refreshModel: async () => {
        const active = await store.getActiveModelVersion()
        const predictiveId = await store.activePredictiveModelId()
        const versionChanged = active !== null && active.version !== workspace.model.version
        const predictiveChanged = predictiveId !== (workspace.model.predictive?.id ?? null)
        if (!versionChanged && !predictiveChanged) return false
        const base = versionChanged ? parseStoredModel(active) : workspace.model
        workspace.model = withPredictive(base, predictiveChanged ? await loadPredictive(store) : workspace.model.predictive)
        return true
      },
      close: () => store.close(),
    }
    return workspace
  } catch (error) {
    await store.close()
    throw error
  }
}

async function bootstrapModel(store: Store, now: EpochMs): Promise<ModelVersion> {
  if ((await store.listModelVersions()).length > 0) {
    throw new CliError('no model version is active', {
      hint: 'publish one with `leadscore model publish model.yaml`',
    })
  }
  const yaml = readTemplate(BOOTSTRAP_TEMPLATE)
  const parsed = parseModel(yaml)
  if (!parsed.ok) throw new Error(`the ${BOOTSTRAP_TEMPLATE} template does not validate`)
  const draft = await store.createModelVersion({ name: parsed.model.name, yaml, checksum: parsed.checksum }, now)
  return store.publishModelVersion(draft.version, now)
}

function parseStoredModel(version: ModelVersion): ActiveModel {
  const parsed = parseModel(version.yaml)
  if (!parsed.ok) {
    const issues = parsed.errors.map((issue) => formatIssue(`model v${version.version}`, issue)).join('\n')
    throw new CliError(`the active model (version ${version.version}) does not validate:\n${issues}`, {
      hint: 'publish a corrected model with `leadscore model publish model.yaml`',
    })
  }
  return { version: version.version, checksum: version.checksum, model: parsed.model }
}

/** The active predictive model, loaded and checked; undefined when none is published. */
async function loadPredictive(store: Store): Promise<ActiveModel['predictive']> {
  const stored = await store.getActivePredictiveModel()
  if (stored === null) return undefined
  try {
    return { id: stored.id, artifact: loadArtifact(stored.artifact) }
  } catch (error) {
    if (!(error instanceof ArtifactError)) throw error
    throw new CliError(`the active predictive model ${stored.id} cannot be loaded: ${error.message}`, {
      hint: 'train and publish a new one with `leadscore train --publish`',
    })
  }
}

function withPredictive(model: ActiveModel, predictive: ActiveModel['predictive']): ActiveModel {
  const { predictive: _previous, ...base } = model
  return predictive === undefined ? base : { ...base, predictive }
}
