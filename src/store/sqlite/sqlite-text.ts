// Text search in SQLite: a folding function so searches ignore case and accents beyond ASCII.
import type Database from 'better-sqlite3'

/** The SQL name of the folding function. */
export const TEXT_FOLD_FUNCTION = 'leadscore_fold'

const registered = new WeakSet<Database.Database>()

/** Lower case without accents (`García` → `garcia`); SQLite's own `lower` and `LIKE` fold ASCII only. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Makes `leadscore_fold(text)` callable on this connection (once per connection). NULL stays NULL. */
export function registerTextFold(db: Database.Database): void {
  if (registered.has(db)) return
  db.function(TEXT_FOLD_FUNCTION, { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldText(value) : null,
  )
  registered.add(db)
}
