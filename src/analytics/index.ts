// Pure analytics over scored leads: distribution, conversion by group, rule lift, funnel, trend.
export * from './scored-lead.js'
export * from './proportion.js'
export * from './score-distribution.js'
export * from './conversion-by.js'
export * from './rule-lift.js'
export * from './funnel.js'
export * from './score-trend.js'
