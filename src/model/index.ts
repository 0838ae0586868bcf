// The YAML model format: schema, parsing with positions, validation with key paths, and templates.
export { parseModel, MAX_MODEL_LENGTH, type ParseModelResult } from './parse-model.js'
export { formatIssue, type ModelIssue } from './model-issue.js'
export { ModelSchema, ID_PATTERN, MAX_LIST_ITEMS, type RawModel } from './model-schema.js'
export { EXPRESSION_FUNCTIONS, EXPRESSION_VARIABLES, SEGMENT_VARIABLES } from './expressions.js'
export { listTemplates, readTemplate } from './templates/index.js'
export { DEFAULT_PLACEHOLDER_NAMES, DETECTOR_DEFAULTS, DEFAULT_SPAM_THRESHOLD, DEFAULT_DETECTOR_POINTS } from './spam-detectors.js'
export { DEFAULT_GRADES, DEFAULT_LEVELS, DEFAULT_WEIGHTS } from './model-settings.js'
