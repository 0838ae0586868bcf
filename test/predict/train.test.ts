// The training pipeline on demo leads and on bank marketing rows: deterministic, sane reports, no leakage.
import { describe, expect, it } from 'vitest'
import { BANK, isPositive, loadRecords } from '../../bench/predictive-data.js'
import type { LeadEvent } from '../../src/core/index.js'
import { generateDemoData } from '../../src/demo/index.js'
import { leadFromInput } from '../../src/ingest/index.js'
import { parseModel, readTemplate } from '../../src/model/index.js'
import {
  InsufficientDataError,
  loadArtifact,
  predictLead,
  runTraining,
  trainingRows,
  trainLeadsSteps,
  trainPredictiveModel,
  type TrainingItem,
  type TrainingProgress,
} from '../../src/predict/index.js'

const NOW = Date.UTC(2024, 5, 1)

/** Demo leads with an outcome, as the store hands them out (outcomes recorded at NOW). */
function demoItems(leads: number): TrainingItem[] {
  const data = generateDemoData({ seed: 3, leads, now: NOW })
  const byId = new Map(data.leads.map((input) => [input.id!, leadFromInput(input, NOW)]))
  const events = new Map<string, LeadEvent[]>()
  for (const { leadId, ...event } of data.events) {
    const list = events.get(leadId!) ?? []
    list.push({ ...event, leadId: leadId! })
    events.set(leadId!, list)
  }
  return data.outcomes.map((outcome) => ({ lead: byId.get(outcome.leadId)!, outcome, recordedAt: NOW, events: events.get(outcome.leadId) ?? [] }))
}

const template = parseModel(readTemplate('b2b-saas'))
if (!template.ok) throw new Error('template does not parse')
const items = demoItems(1500)

describe('training on demo leads', () => {
  const progress: TrainingProgress[] = []
  const result = runTraining(trainLeadsSteps(items, { algo: 'gbdt', seed: 3, scoringModel: template.model }), (step) => progress.push(step))
  const { report, artifact } = result

  it('reports progress after each fold, the held-out test and the final fit', () => {
    expect(progress.map((step) => `${step.phase} ${step.done}/${step.total}`)).toEqual([
      'cross_validation 1/7',
      'cross_validation 2/7',
      'cross_validation 3/7',
      'cross_validation 4/7',
      'cross_validation 5/7',
      'holdout 6/7',
      'final 7/7',
    ])
  })

  it('holds out the newest 20 % by created_at and reports metrics a useless model cannot reach', () => {
    expect(report).toMatchObject({ algo: 'gbdt', seed: 3, rows: 592, positives: 55 })
    expect(report.split).toMatchObject({ kind: 'time', test_fraction: 0.2, train_rows: 474, test_rows: 118 })
    const testFrom = Date.parse(report.split.test_created_from!)
    const held = items.filter((item) => item.lead.createdAt >= testFrom)
    expect(held).toHaveLength(118)
    // Measured: 0.986 held out, 0.96 cross-validated; a model that ignores the features scores 0.5.
    expect(report.auc).toBeGreaterThan(0.85)
    expect(report.cross_validation!.auc).toBeGreaterThan(0.85)
    expect(report.cross_validation!.per_fold).toHaveLength(5)
    expect(report.pr_auc).toBeGreaterThan(report.split.test_positives / report.split.test_rows)
    expect(report.brier).toBeLessThan(0.1)
    expect(report.log_loss).toBeGreaterThan(0)
  })

  it('tables calibration in ten bins and conversion by decile over the held-out leads', () => {
    expect(report.calibration).toHaveLength(10)
    expect(report.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(118)
    expect(report.deciles).toHaveLength(10)
    expect(report.deciles.reduce((sum, row) => sum + row.positives, 0)).toBe(report.split.test_positives)
    expect(report.deciles[0]!.lift).toBeGreaterThan(3)
  })

  it('sets the threshold at the MQL share of the rule model and compares the two', () => {
    const { threshold } = report
    expect(threshold.basis).toBe('mql_share')
    expect(threshold.mql_share).toBeGreaterThan(0)
    expect(threshold.true_positives + threshold.false_positives).toBeGreaterThanOrEqual(Math.round(threshold.mql_share! * 118))
    expect(threshold.rule_precision).not.toBeNull()
    expect(threshold.recall).toBeGreaterThanOrEqual(threshold.rule_recall! - 0.1)
  })

  it('stores the feature spec, and never uses outcome events as features', () => {
    const names = report.feature_spec.columns.map((column) => column.name)
    expect(report.feature_spec.lead_features_version).toBe(1)
    expect(names).toContain('events_demo_request')
    expect(names).toContain('industry')
    for (const leaky of ['events_purchase', 'events_opportunity_won', 'events_opportunity_lost', 'events_checkout']) {
      expect(names).not.toContain(leaky)
    }
    expect(artifact.featureSpec.columns).toEqual(report.feature_spec.columns)
    expect(artifact.params.outcome_event_types).toEqual(['opportunity_won', 'opportunity_lost', 'purchase', 'checkout'])
  })

  it('gives the same model and report for the same seed', () => {
    const again = runTraining(trainLeadsSteps(items, { algo: 'gbdt', seed: 3, scoringModel: template.model }))
    // Only the measured fit times may differ.
    expect(JSON.stringify(again.artifact.model) === JSON.stringify(artifact.model)).toBe(true)
    expect(again.artifact.featureSpec).toEqual(artifact.featureSpec)
    expect(again.artifact.metrics?.auc).toBe(artifact.metrics?.auc)
    expect({ ...again.report, fit_seconds: 0, cross_validation: null }).toEqual({ ...report, fit_seconds: 0, cross_validation: null })
  })

  it('predicts a lead like the model saw it in training, with factors on both sides', () => {
    const loaded = loadArtifact(JSON.parse(JSON.stringify(artifact)))
    const item = items.find((candidate) => candidate.outcome.converted)!
    const prediction = predictLead(loaded, item.lead, item.events, NOW)
    expect(prediction.probability).toBeGreaterThan(0)
    expect(prediction.probability).toBeLessThan(1)
    expect(prediction.score).toBe(Math.round(prediction.probability * 10_000) / 100)
    expect(prediction.factors.positive.every((factor) => factor.contribution > 0)).toBe(true)
    expect(prediction.factors.negative.every((factor) => factor.contribution < 0)).toBe(true)
    expect(prediction.factors.positive.length).toBeLessThanOrEqual(5)
  })
})

describe('the cut-off rule', () => {
  it('stops features before the first outcome-like event, even when the outcome is dated after it', () => {
    const withPurchase = items.find((item) => item.events.some((event) => event.type === 'purchase'))!
    const purchaseAt = withPurchase.events.find((event) => event.type === 'checkout' || event.type === 'purchase')!.timestamp
    expect(withPurchase.outcome.at!).toBeGreaterThan(purchaseAt)
    const rows = trainingRows([withPurchase])
    expect(rows.cutoffs[0]).toBe(purchaseAt)
    const counted = withPurchase.events.filter((event) => event.timestamp < purchaseAt).length
    expect(rows.records[0]!.events_total).toBe(counted)
  })

  it('uses the recording time when an outcome has no date', () => {
    const item = { ...items[0]!, outcome: { leadId: items[0]!.lead.id, converted: false }, recordedAt: NOW - 1000, events: [] }
    expect(trainingRows([item]).cutoffs[0]).toBe(NOW - 1000)
  })

  it('refuses too few outcomes, saying exactly how many of each there are', () => {
    const few = demoItems(1200)
    expect(() => runTraining(trainLeadsSteps(few, { algo: 'lr' }))).toThrow(InsufficientDataError)
    expect(() => runTraining(trainLeadsSteps(few, { algo: 'lr' }))).toThrow('needs 40 converted and 40 not converted leads; have 39 / 413')
  })
})

const bank = loadRecords(BANK)

describe.skipIf(!bank)('training on bank marketing rows (in time order)', () => {
  it('ranks the newest 20 % above the floor with logistic regression (a model ignoring the features: 0.5)', () => {
    const records = bank!.filter((_, row) => row % 5 === 0)
    const positive = isPositive(BANK)
    const labels = Uint8Array.from(records, (record) => (positive(record) ? 1 : 0))
    // The file is in call order (May 2008 onwards), so the row number is a creation time. Measured: 0.664
    // on the newest 20 % (time drift makes it lower than k-fold's 0.79 on shuffled rows).
    const createdAt = Float64Array.from(records, (_, row) => row)
    const { report } = trainPredictiveModel(records, labels, createdAt, {
      algo: 'lr',
      seed: 1,
      folds: 3,
      exclude: [BANK.label, ...BANK.exclude],
    })
    console.log(`bank (every 5th row) time-split LR AUC ${report.auc?.toFixed(4)}, 3-fold ${report.cross_validation?.auc.toFixed(4)}`)
    expect(report.threshold.basis).toBe('fixed')
    expect(report.threshold.threshold).toBe(0.5)
    expect(report.auc).toBeGreaterThan(0.63)
    expect(report.feature_spec.columns.map((column) => column.name)).not.toContain('duration')
  })
})
