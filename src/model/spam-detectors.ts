// Validates spam detectors and fills in their defaults (points, reason, fields, lists).
import type { SpamDetector, SpamDetectorType } from '../core/index.js'
import type { RawSpamDetector } from './model-schema.js'
import type { IssueCollector, KeyPath } from './model-issue.js'
import { builtInDomains } from './named-lists.js'
import { checkLeadField } from './lead-field-checks.js'
import { FrozenSet } from './frozen.js'

/** Effect on the score of a detector that sets no points. */
export const DEFAULT_DETECTOR_POINTS = -10
/** Spam score above which a lead is flagged, when the model sets none. */
export const DEFAULT_SPAM_THRESHOLD = 30

const NAME_FIELDS = ['first_name', 'last_name', 'company']

/** Fields and reason of each detector type, used when the model does not set them. */
export const DETECTOR_DEFAULTS: Record<SpamDetectorType, { fields: readonly string[]; reason: string }> = {
  name_not_capitalized: { fields: NAME_FIELDS, reason: 'A name does not start with a capital letter.' },
  keyboard_run: { fields: NAME_FIELDS, reason: 'A name contains a run of keyboard keys such as "asdf".' },
  repeated_characters: { fields: NAME_FIELDS, reason: 'A name repeats one character many times, such as "aaaa".' },
  placeholder_name: { fields: NAME_FIELDS, reason: 'A name is a placeholder such as "test".' },
  free_mail: { fields: ['email'], reason: 'The email address is from a free mail provider, not a company.' },
  disposable_email: { fields: ['email'], reason: 'The email address is from a disposable mail service.' },
  malformed_email: { fields: ['email'], reason: 'The email address is malformed.' },
  malformed_phone: { fields: ['phone'], reason: 'The phone number is malformed.' },
}

/** Names people type when they do not want to give theirs. */
export const DEFAULT_PLACEHOLDER_NAMES = [
  'test', 'testing', 'tester', 'asdf', 'qwerty', 'foo', 'bar', 'baz', 'none', 'na', 'n/a', 'xxx', 'xx', 'x',
  'abc', 'sample', 'example', 'fake', 'nobody', 'anonymous', 'anon', 'unknown', 'null', 'undefined', 'dummy',
  'noname', 'no name', 'name', 'first name', 'last name', 'firstname', 'lastname', 'user', 'demo', 'john doe',
  'jane doe', 'doe', 'mickey mouse', 'donald duck', 'test test', 'test company', 'company', 'asd', 'aaa', '-', '.',
] as const

const EMPTY = new FrozenSet<string>([])

/** The normalised detector, or null when it has errors (all of them reported). */
export function normaliseSpamDetector(raw: RawSpamDetector, path: KeyPath, issues: IssueCollector): SpamDetector | null {
  const errorsBefore = issues.errors.length
  const onlyFor = (key: 'min_run' | 'min_repeat' | 'names', type: SpamDetectorType): void => {
    if (raw[key] !== undefined && raw.type !== type) {
      issues.error([...path, key], `only applies to detectors of type ${type}. Remove it.`, 'key')
    }
  }
  onlyFor('min_run', 'keyboard_run')
  onlyFor('min_repeat', 'repeated_characters')
  onlyFor('names', 'placeholder_name')
  raw.fields?.forEach((field, i) => checkLeadField(field, [...path, 'fields', i], issues))
  if (issues.errors.length > errorsBefore) return null
  const points = raw.points ?? DEFAULT_DETECTOR_POINTS
  const defaults = DETECTOR_DEFAULTS[raw.type]
  return {
    id: raw.id ?? raw.type,
    type: raw.type,
    reason: raw.reason ?? defaults.reason,
    points,
    spamPoints: raw.spam_points ?? Math.abs(points),
    fields: raw.fields ?? defaults.fields,
    minRun: raw.min_run ?? 4,
    minRepeat: raw.min_repeat ?? 4,
    placeholders:
      raw.type === 'placeholder_name'
        ? new FrozenSet((raw.names ?? DEFAULT_PLACEHOLDER_NAMES).map((name) => name.trim().toLowerCase()))
        : EMPTY,
    domains: raw.type === 'free_mail' ? builtInDomains('free_mail') : raw.type === 'disposable_email' ? builtInDomains('disposable') : EMPTY,
  }
}
