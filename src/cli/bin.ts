#!/usr/bin/env node
// The leadscore executable: runs main and hands its exit code to the process (long-running `serve` keeps going).
import { main } from './main.js'

process.exitCode = await main(process.argv.slice(2))
