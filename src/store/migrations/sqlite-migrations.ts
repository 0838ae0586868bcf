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

/** Every SQLite migration, oldest first. Append new ones; never edit a released one. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial-schema', sql: initialSchema },
  { version: 2, name: 'pending-rescores', sql: pendingRescores },
]
