// The shape of a versioned schema migration, shared by every SQL dialect.

/** One schema step. Versions start at 1, increase by one and are never edited once released. */
export interface Migration {
  /** Position in the sequence; recorded in `schema_migrations` once applied. */
  version: number
  /** Short kebab-case description, e.g. `initial-schema`. */
  name: string
  /** Statements to run, separated by semicolons, inside one transaction. */
  sql: string
}
