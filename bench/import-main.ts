// Runs the import benchmark on its own: npx tsc -p tsconfig.build.json && node dist/bench/import-main.js
import { runImportBench } from './import.js'

console.log(await runImportBench())
