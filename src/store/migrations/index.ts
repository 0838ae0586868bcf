// Versioned schema migrations, one ordered list per SQL dialect.
export type { Migration } from './migration.js'
export { SQLITE_MIGRATIONS } from './sqlite-migrations.js'
