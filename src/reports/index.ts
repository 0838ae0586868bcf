// Analytics, backtests, learned points and fairness over the store: reads leads through the Store port, runs the pure code.
export * from './report-error.js'
export * from './snake-keys.js'
export * from './analytics-reports.js'
export * from './backtest-report.js'
export * from './learn-report.js'
export * from './fairness-report.js'
