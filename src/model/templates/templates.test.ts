import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { listTemplates, parseModel, readTemplate } from '../index.js'

describe('templates', () => {
  it('lists the shipped templates', () => {
    expect(listTemplates()).toEqual(['b2b-saas', 'ecommerce'])
  })

  it.each(['b2b-saas', 'ecommerce'])('%s parses with no errors and no warnings', (name) => {
    const result = parseModel(readTemplate(name))
    expect(result.ok ? [] : result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.ok && result.model.name).toBe(name)
  })

  it.each(['b2b-saas', 'ecommerce'])('%s.ts embeds exactly %s.yaml', (name) => {
    expect(readTemplate(name)).toBe(readFileSync(new URL(`./${name}.yaml`, import.meta.url), 'utf8'))
  })

  it('starts each template with a comment on how to adapt it', () => {
    for (const name of listTemplates()) expect(readTemplate(name)).toMatch(/^# .*\n#\n# How to adapt it:/)
  })

  it('rejects an unknown template, naming the known ones', () => {
    expect(() => readTemplate('b2c')).toThrow("unknown model template 'b2c'. Known templates: b2b-saas, ecommerce.")
    expect(() => readTemplate('toString')).toThrow(/unknown model template/)
  })

  it('gives a perfect B2B lead about 100 fit points and penalises free mail in b2b-saas only', () => {
    const b2b = parseModel(readTemplate('b2b-saas'))
    const shop = parseModel(readTemplate('ecommerce'))
    if (!b2b.ok || !shop.ok) throw new Error('templates must parse')
    const positive = ['title_executive', 'seniority_senior', 'size_core', 'revenue_fit', 'industry_target', 'country_target', 'has_phone']
    const sum = b2b.model.fit.filter((rule) => positive.includes(rule.id)).reduce((total, rule) => total + rule.points, 0)
    expect(sum).toBeGreaterThanOrEqual(90)
    expect(sum).toBeLessThanOrEqual(110)
    expect(b2b.model.fit.find((rule) => rule.id === 'free_mail_address')?.points).toBeLessThan(0)
    const domainTests = (rules: typeof shop.model.fit): string[] => rules.filter((rule) => JSON.stringify(rule.when).includes('"domain_in"')).map((rule) => rule.id)
    expect(domainTests(shop.model.fit)).toEqual([])
    expect(domainTests(b2b.model.fit)).toEqual(['free_mail_address', 'competitor'])
    expect(shop.model.spam.detectors.some((detector) => detector.type === 'free_mail')).toBe(false)
    expect(b2b.model.spam.detectors.map((detector) => detector.type).sort()).toEqual([
      'disposable_email', 'free_mail', 'keyboard_run', 'malformed_email', 'malformed_phone', 'name_not_capitalized', 'placeholder_name', 'repeated_characters',
    ])
  })
})
