// Realistic synthetic leads, events and outcomes for demos, tests and benchmarks; pure (files: demo-files.ts).
export {
  generateDemoData,
  type DemoData,
  type DemoDataOptions,
  type GeneratedDemoData,
} from './generate-demo-data.js'
export type { DemoProfile } from './demo-leads.js'
export { PERSONAS, PERSONA_SHARES, type Persona } from './demo-personas.js'
export { createRandom, type Random } from './random.js'
