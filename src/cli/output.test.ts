import { describe, expect, it } from 'vitest'
import type { Contribution } from '../core/index.js'
import { formatPoints, formatReasons, renderTable } from './output.js'

const contribution = (ruleId: string, points: number, count = 1, kind: Contribution['kind'] = 'fit'): Contribution => ({
  ruleId,
  label: ruleId.replace('_', ' '),
  kind,
  points,
  subScorePoints: points,
  originalPoints: points,
  count,
})

describe('formatReasons', () => {
  it('lists the three contributions with the most effect, signed, with repeat counts', () => {
    const reasons = formatReasons([
      contribution('phone', 2.5),
      contribution('exec_title', 20),
      contribution('free_mail', -10),
      contribution('pricing', 12.5, 3, 'engagement'),
      contribution('score_clamp', -40, 1, 'adjustment'),
      contribution('nothing', 0),
    ])
    expect(reasons).toBe('exec title (+20); pricing x3 (+12.5); free mail (-10)')
  })

  it('is empty when nothing counted', () => {
    expect(formatReasons([])).toBe('')
  })
})

describe('formatPoints', () => {
  it('rounds to hundredths and signs positive points', () => {
    expect([12.345, -10, 0, 0.1 + 0.2].map(formatPoints)).toEqual(['+12.35', '-10', '0', '+0.3'])
  })
})

describe('renderTable', () => {
  it('pads columns and right-aligns numbers', () => {
    expect(renderTable(['rule', 'points'], [['exec_title', 20], ['phone', 2.5]])).toBe(
      'rule        points\n----------  ------\nexec_title      20\nphone          2.5\n',
    )
  })
})
