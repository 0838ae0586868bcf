// Data-quality and spam checks on a lead's own fields: each detector says whether it fires, and why.
import { emailDomain, readLeadField } from './lead-fields.js'
import type { SpamDetector, SpamDetectorType } from './model-types.js'
import type { Lead } from './types.js'

/** Letter rows of a QWERTY keyboard; runs are looked for forwards and backwards. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890']

/** Each key's row and position in it, so a run is found in one pass over the text. */
const KEY_POSITIONS = new Map<string, { row: number; column: number }>(
  KEYBOARD_ROWS.flatMap((keys, row) => [...keys].map((key, column) => [key, { row, column }] as const)),
)

/** A plausible address: local part, @, a dotted domain whose last label has two or more letters. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[a-z]{2,}$/i
/** Phone characters besides digits: spaces, dots, dashes, parentheses, a leading +, and an extension. */
const PHONE_PATTERN = /^\+?[\d\s().-]+(\s*(x|ext\.?)\s*\d{1,6})?$/i

/** Whether a detector fires on a lead, given the lead's field values it reads. */
type DetectorTest = (values: string[], detector: SpamDetector, lead: Lead) => boolean

const DETECTORS: Record<SpamDetectorType, DetectorTest> = {
  name_not_capitalized: (values) => values.some((value) => /^\p{Ll}/u.test(value)),
  keyboard_run: (values, detector) => values.some((value) => hasKeyboardRun(value, detector.minRun)),
  repeated_characters: (values, detector) => values.some((value) => hasRepeatedCharacters(value, detector.minRepeat)),
  placeholder_name: (values, detector, lead) => {
    const fullName = [lead.firstName, lead.lastName].filter(Boolean).join(' ').trim().toLowerCase()
    return (
      values.some((value) => detector.placeholders.has(value.trim().toLowerCase())) ||
      (fullName !== '' && detector.placeholders.has(fullName))
    )
  },
  free_mail: (values, detector) => values.some((value) => inDomainSet(value, detector.domains)),
  disposable_email: (values, detector) => values.some((value) => inDomainSet(value, detector.domains)),
  malformed_email: (values) => values.some((value) => !EMAIL_PATTERN.test(value.trim())),
  malformed_phone: (values) => values.some((value) => isMalformedPhone(value)),
}

/** Runs one detector on a lead: true when it fires. Absent or blank fields never fire. */
export function detectSpam(detector: SpamDetector, lead: Lead): boolean {
  const values: string[] = []
  for (const field of detector.fields) {
    const value = readLeadField(lead, field)
    if (typeof value === 'string' && value.trim() !== '') values.push(value)
  }
  return values.length > 0 && DETECTORS[detector.type](values, detector, lead)
}

/** Four (or `minRun`, at least 2) neighbouring keys of one keyboard row, forwards or backwards: `asdf`, `rewq`. */
export function hasKeyboardRun(value: string, minRun: number): boolean {
  const text = value.toLowerCase()
  let forward = 1
  let backward = 1
  let previous = KEY_POSITIONS.get(text[0] ?? '')
  for (let index = 1; index < text.length; index++) {
    const key = KEY_POSITIONS.get(text[index]!)
    const step = key !== undefined && previous !== undefined && key.row === previous.row ? key.column - previous.column : 0
    forward = step === 1 ? forward + 1 : 1
    backward = step === -1 ? backward + 1 : 1
    if (forward >= minRun || backward >= minRun) return true
    previous = key
  }
  return false
}

/** The same letter or digit `minRepeat` or more times in a row, ignoring case: `aaaa`, `Xxxx`. */
export function hasRepeatedCharacters(value: string, minRepeat: number): boolean {
  const text = value.toLowerCase()
  let run = 1
  for (let i = 1; i < text.length; i++) {
    run = text[i] === text[i - 1] && /[\p{L}\p{N}]/u.test(text[i]!) ? run + 1 : 1
    if (run >= minRepeat) return true
  }
  return false
}

function inDomainSet(email: string, domains: ReadonlySet<string>): boolean {
  const domain = emailDomain(email)
  return domain !== undefined && domains.has(domain)
}

function isMalformedPhone(value: string): boolean {
  if (!PHONE_PATTERN.test(value.trim())) return true
  const digits = value.replace(/(x|ext\.?)\s*\d+$/i, '').replace(/\D/g, '')
  return digits.length < 7 || digits.length > 15 || /^(\d)\1+$/.test(digits)
}
