// Offline scoring benchmark: `leadscore score` on a 20,000-lead / 360,000-event file pair.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { scoreCommand } from '../src/cli/score-command.js'
import { generateBenchFiles } from './generate-files.js'

const quiet = { write: () => true }

/** Runs the benchmark and returns Markdown lines. */
export async function runScoreBench(leads = 20_000, events = 360_000): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-score-bench-'))
  try {
    const files = await generateBenchFiles(dir, { leads, events })
    const out = join(dir, 'scores.ndjson')
    const started = performance.now()
    const summary = await scoreCommand(
      { model: 'b2b-saas', leads: files.leads, events: files.events, at: '2025-01-01T00:00:00Z', out },
      { stdout: quiet, stderr: quiet, env: {} },
    )
    const seconds = (performance.now() - started) / 1000
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { score: number; contributions: { points: number }[] })
    const mismatched = rows.filter((row) => row.contributions.reduce((sum, c) => sum + Math.round(c.points * 100), 0) !== Math.round(row.score * 100)).length
    const peakMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
    return [
      `### Offline scoring (\`leadscore score\`)`,
      '',
      `| leads | events | seconds | events/s | leads/s | rows whose breakdown ≠ score | RSS after (MiB) |`,
      `|---:|---:|---:|---:|---:|---:|---:|`,
      `| ${summary.scored} | ${summary.events} | ${seconds.toFixed(2)} | ${Math.round(summary.events / seconds)} | ${Math.round(summary.scored / seconds)} | ${mismatched} | ${peakMb} |`,
      '',
    ].join('\n')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
