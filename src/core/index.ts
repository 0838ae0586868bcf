// The pure scoring engine: lead + events + model + now → score, with every point explained. No I/O.
export * from './types.js'
export * from './model-types.js'
export * from './expression.js'
export * from './lead-state.js'
export * from './score-lead.js'
export * from './conditions.js'
export * from './lead-fields.js'
