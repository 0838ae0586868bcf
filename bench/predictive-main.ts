// Runs the predictive benchmark standalone: node dist/bench/predictive-main.js from the root.
import { runPredictiveBench } from './predictive.js'

process.stdout.write(`${await runPredictiveBench()}\n`)
