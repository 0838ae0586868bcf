// Test helper: writes fixture files into a fresh temp directory and collects a reader's rows.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Writes `content` to `name` in a new temp directory and returns its path. */
export function writeTempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'leadscore-ingest-')), name)
  writeFileSync(path, content)
  return path
}

/** Every item of an async generator, in order. */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const row of rows) items.push(row)
  return items
}
