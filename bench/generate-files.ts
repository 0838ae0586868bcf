// Writes the benchmark input files (a leads.csv / events.ndjson / outcomes.csv set) from the demo generator.
import type { EpochMs } from '../src/core/index.js'
import { writeDemoFiles, type DemoFiles } from '../src/demo/demo-files.js'
import { generateDemoData } from '../src/demo/index.js'

export interface BenchFileOptions {
  /** Default: 20,000. */
  leads?: number
  /** Exact number of events. Default: 360,000. */
  events?: number
  /** Default: 1. */
  seed?: number
  /** End of the 90-day period. Default: 2025-01-01, so the files are the same on every run. */
  now?: EpochMs
}

export interface BenchFiles extends DemoFiles {
  leadCount: number
  eventCount: number
  outcomeCount: number
  /** Time spent generating, then writing. */
  generateMs: number
  writeMs: number
}

/**
 * Generates and writes the benchmark data set into `dir`.
 *
 * @example
 * const files = await generateBenchFiles('/tmp/bench', { leads: 20000, events: 360000 })
 */
export async function generateBenchFiles(dir: string, options: BenchFileOptions = {}): Promise<BenchFiles> {
  const leads = options.leads ?? 20_000
  const events = options.events ?? 360_000
  const started = performance.now()
  const data = generateDemoData({
    seed: options.seed ?? 1,
    leads,
    now: options.now ?? Date.UTC(2025, 0, 1),
    // The generator's total is round(leads × eventsPerLead), which is exactly `events`.
    eventsPerLead: leads === 0 ? 0 : events / leads,
  })
  const generated = performance.now()
  const files = await writeDemoFiles(dir, data)
  return {
    ...files,
    leadCount: data.leads.length,
    eventCount: data.events.length,
    outcomeCount: data.outcomes.length,
    generateMs: Math.round(generated - started),
    writeMs: Math.round(performance.now() - generated),
  }
}
