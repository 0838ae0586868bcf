// The command line: `main(argv, io)` runs leadscore in-process and resolves to the exit code (bin.ts is the executable).
export { main, EXIT } from './main.js'
export type { CliIo, TextSink } from './context.js'
