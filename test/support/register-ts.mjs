// `node --import ./test/support/register-ts.mjs src/cli/bin.ts ...`: runs the CLI from its TypeScript sources.
import { register } from 'node:module'

register('./ts-hooks.mjs', import.meta.url)
