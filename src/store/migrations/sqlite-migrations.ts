// The SQLite schema, as an ordered list of migrations (ADR: SQL kept in TypeScript so `tsc` ships it in dist).
import type { Migration } from './migration.js'

const initialSchema = `
CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  email TEXT,
  first_name TEXT,
  last_name TEXT,
  phone TEXT,
  job_title TEXT,
  seniority TEXT,
  department TEXT,
  country TEXT,
  language TEXT,
  source TEXT,
  owner TEXT,
  company_name TEXT,
  company_domain TEXT,
  industry TEXT,
  company_size REAL,
  annual_revenue REAL,
  attributes TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- Emails are stored lower-cased, so a plain unique index makes them unique case-insensitively.
CREATE UNIQUE INDEX leads_email ON leads (email) WHERE email IS NOT NULL;
CREATE INDEX leads_created_at ON leads (created_at);
CREATE INDEX leads_updated_at ON leads (updated_at);

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  properties TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX events_lead_timestamp ON events (lead_id, timestamp);

CREATE TABLE scores (
  lead_id TEXT PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
  score REAL NOT NULL,
  fit REAL NOT NULL,
  engagement REAL NOT NULL,
  grade TEXT NOT NULL,
  level INTEGER NOT NULL,
  cell TEXT NOT NULL,
  stage TEXT NOT NULL,
  spam INTEGER NOT NULL,
  spam_score REAL NOT NULL,
  spam_reasons TEXT NOT NULL,
  status TEXT NOT NULL,
  fast_track TEXT,
  segment TEXT,
  predictive REAL,
  contributions TEXT NOT NULL,
  state TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  model_checksum TEXT NOT NULL,
  computed_at INTEGER NOT NULL
);
CREATE INDEX scores_score ON scores (score);
CREATE INDEX scores_status ON scores (status);

CREATE TABLE score_history (
  seq INTEGER PRIMARY KEY,
  lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  cause TEXT NOT NULL CHECK (cause IN ('event', 'lead', 'model', 'decay')),
  event_id TEXT,
  model_version INTEGER NOT NULL,
  score REAL NOT NULL,
  previous_score REAL,
  fit REAL NOT NULL,
  engagement REAL NOT NULL,
  status TEXT NOT NULL,
  segment TEXT
);
CREATE INDEX score_history_lead_at ON score_history (lead_id, at, seq);

CREATE TABLE model_versions (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  yaml TEXT NOT NULL,
  checksum TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  published_at INTEGER
);
-- At most one active version.
CREATE UNIQUE INDEX model_versions_one_active ON model_versions (active) WHERE active = 1;

CREATE TABLE outcomes (
  lead_id TEXT PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
  converted INTEGER NOT NULL CHECK (converted IN (0, 1)),
  at INTEGER,
  recorded_at INTEGER NOT NULL
);
`

/**
 * Leads whose events a bulk intake stored without rescoring them (`ingestEvents` with `deferScoring`):
 * their stored score and state are stale until `rescorePending` (or any rescore) rebuilds them from every
 * event. Kept in the database so an interrupted import is completed later.
 */
const pendingRescores = `
CREATE TABLE pending_rescores (
  lead_id TEXT PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE
) WITHOUT ROWID;
`

/**
 * API keys: only a SHA-256 hash of each secret is kept, with a short visible prefix to tell keys apart.
 * `scopes` is a JSON array of `write` / `read` / `admin`; a revoked key keeps its row (audit) with `revoked_at`.
 */
const apiKeys = `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
`

/**
 * Predictive models (a trained artifact and its quality report as JSON; draft or published, at most one
 * active) and the background jobs that train them (progress as phase + done/total steps).
 */
const predictiveModels = `
CREATE TABLE predictive_models (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  algo TEXT NOT NULL CHECK (algo IN ('lr', 'gbdt')),
  artifact TEXT NOT NULL,
  report TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  published_at INTEGER
);
CREATE UNIQUE INDEX predictive_models_one_active ON predictive_models (active) WHERE active = 1;

CREATE TABLE training_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  algo TEXT NOT NULL,
  seed INTEGER NOT NULL,
  phase TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  model_id INTEGER REFERENCES predictive_models (id),
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX training_jobs_status ON training_jobs (status);
`

/**
 * Indexes for the lead list filters: owner (a rep's own leads), the matrix cell and the segment (the
 * priority list's usual filters; the segment one also serves the counts of GET /v1/segments).
 */
const leadFilterIndexes = `
CREATE INDEX leads_owner ON leads (owner) WHERE owner IS NOT NULL;
CREATE INDEX scores_cell ON scores (cell);
CREATE INDEX scores_segment ON scores (segment);
`

/**
 * Ids a lead was known by before a merge (an anonymous visitor's `anon:<id>`): events, upserts and reads that
 * name one reach the lead it was merged into. Erasing that lead erases its aliases.
 */
const leadAliases = `
CREATE TABLE lead_aliases (
  alias TEXT PRIMARY KEY,
  lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX lead_aliases_lead ON lead_aliases (lead_id);
`

/**
 * The lead list reads in (sort value, lead id) order, both ways: with the id in the index, a page is read straight
 * off it instead of sorting every lead, even when many share a value (every lead of an import has the same
 * updated_at). These replace the single-column indexes on score, created_at and updated_at (same writes).
 */
const listOrderIndexes = `
DROP INDEX scores_score;
CREATE INDEX scores_score_lead ON scores (score, lead_id);
DROP INDEX leads_created_at;
CREATE INDEX leads_created_at_id ON leads (created_at, id);
DROP INDEX leads_updated_at;
CREATE INDEX leads_updated_at_id ON leads (updated_at, id);
`

/** Every SQLite migration, oldest first. Append new ones; never edit a released one. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial-schema', sql: initialSchema },
  { version: 2, name: 'pending-rescores', sql: pendingRescores },
  { version: 3, name: 'api-keys', sql: apiKeys },
  { version: 4, name: 'lead-filter-indexes', sql: leadFilterIndexes },
  { version: 5, name: 'predictive-models', sql: predictiveModels },
  { version: 6, name: 'lead-aliases', sql: leadAliases },
  { version: 7, name: 'list-order-indexes', sql: listOrderIndexes },
]
