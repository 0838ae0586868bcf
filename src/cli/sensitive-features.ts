// Warns before training or evaluating on features that look like protected characteristics (gender, age, ...).
import { ATTRIBUTE_PREFIX, isLeadFieldName } from '../core/index.js'
import { isSensitiveField } from '../model/index.js'
import type { FeatureSpec } from '../predict/index.js'
import type { CliIo } from './context.js'

/**
 * The feature columns of `spec` that hold a lead field or custom attribute (`country`, `attributes.gender`)
 * whose name looks sensitive (see `isSensitiveField`) or is in `declared` (a scoring model's
 * `sensitive_attributes`), each reported as a `warning:` line on stderr. Derived features such as
 * `lead_age_days` (the age of the record, not of the person) are not people's attributes and are skipped.
 *
 * @example warnSensitiveFeatures(spec, io, activeModel.model.sensitiveAttributes)
 */
export function warnSensitiveFeatures(
  spec: FeatureSpec,
  io: Pick<CliIo, 'stderr'>,
  declared: readonly string[] = [],
): string[] {
  const sensitive = spec.columns
    .map((column) => column.name)
    .filter((name) => (name.startsWith(ATTRIBUTE_PREFIX) || isLeadFieldName(name)) && isSensitiveField(name, declared))
  for (const name of sensitive) {
    io.stderr.write(
      `warning: feature '${name}' looks like a sensitive attribute; a model trained on it may be unlawful or unfair. ` +
        'Drop the column from the data unless you are sure it is allowed.\n',
    )
  }
  return sensitive
}
