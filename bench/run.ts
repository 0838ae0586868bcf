// npm run bench: runs the benchmarks (all, or those named as arguments) and prints Markdown for docs/benchmarks.md.
import { cpus, totalmem } from 'node:os'

const BENCHES: Record<string, () => Promise<string>> = {
  import: async () => (await import('./import.js')).runImportBench(),
  score: async () => (await import('./score.js')).runScoreBench(),
  predictive: async () => (await import('./predictive.js')).runPredictiveBench(),
  http: async () => (await import('./http.js')).runHttpBench(),
  list: async () => (await import('./list.js')).runListBench(),
}

async function main(): Promise<void> {
  const names = process.argv.slice(2)
  const selected = names.length === 0 ? Object.keys(BENCHES) : names
  const unknown = selected.filter((name) => !(name in BENCHES))
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})\n`)
    process.exitCode = 2
    return
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  process.stdout.write(
    `## Run of ${new Date().toISOString().slice(0, 10)} — ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n`,
  )
  for (const name of selected) {
    process.stderr.write(`running ${name} benchmark...\n`)
    process.stdout.write(`${await BENCHES[name]!()}\n`)
  }
}

await main()
