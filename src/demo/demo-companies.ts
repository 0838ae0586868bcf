// Synthetic companies (the accounts leads work at) and the contact details derived from them.
import {
  COMPANY_CORES,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  COUNTRIES,
  OTHER_INDUSTRIES,
  TARGET_COUNTRIES,
  TARGET_INDUSTRIES,
  type CountryCode,
} from './demo-pools.js'
import type { Random } from './random.js'

export interface DemoCompany {
  name: string
  domain: string
  industry: string
  /** Employees. */
  size: number
  /** Annual revenue in USD; undefined when the enrichment did not find it. */
  revenue: number | undefined
  country: CountryCode
}

/** Two pools: companies in the ideal customer profile (50–5,000 staff, target industries) and the rest. */
export interface CompanyPools {
  ideal: DemoCompany[]
  other: DemoCompany[]
}

export function createCompanyPools(random: Random, leadCount: number): CompanyPools {
  const usedNames = new Set<string>()
  const make = (isIdeal: boolean): DemoCompany => {
    let name = ''
    do {
      const core = random.pick(COMPANY_CORES)
      name = `${random.pick(COMPANY_PREFIXES)}${core} ${random.pick(COMPANY_SUFFIXES)}`
      if (usedNames.has(name)) name += ` ${random.int(2, 999)}`
    } while (usedNames.has(name))
    usedNames.add(name)
    const country = random.chance(0.6) ? 'US' : random.pick(TARGET_COUNTRIES)
    const size = Math.round(isIdeal ? random.logUniform(50, 5000) : otherSize(random))
    const revenuePerEmployee = random.logUniform(80_000, 350_000)
    return {
      name,
      domain: `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.${COUNTRIES[country].tld}`,
      industry: isIdeal || random.chance(0.5) ? random.pick(TARGET_INDUSTRIES) : random.pick(OTHER_INDUSTRIES),
      size,
      revenue: random.chance(0.8) ? Math.round((size * revenuePerEmployee) / 10_000) * 10_000 : undefined,
      country,
    }
  }
  const idealCount = Math.max(10, Math.round(leadCount / 5))
  const otherCount = Math.max(10, Math.round(leadCount / 6))
  return {
    ideal: Array.from({ length: idealCount }, () => make(true)),
    other: Array.from({ length: otherCount }, () => make(false)),
  }
}

/** Too small or too large for the ideal profile. */
function otherSize(random: Random): number {
  return random.chance(0.6) ? random.logUniform(2, 49) : random.logUniform(5001, 50_000)
}

/** A company from the pool, skewed so that a few accounts have many leads. */
export function pickCompany(random: Random, pool: readonly DemoCompany[]): DemoCompany {
  const u = random.next()
  return pool[Math.floor(u * u * pool.length)] as DemoCompany
}

/** A phone number in the country's format. */
export function formatPhone(random: Random, country: CountryCode): string {
  return COUNTRIES[country].phone.replace(/#/g, () => String(random.int(0, 9)))
}

/** Hands out each email address once, adding a number when a name repeats at a domain. */
export function createEmailRegistry(): (localPart: string, domain: string) => string {
  const used = new Set<string>()
  return (localPart, domain) => {
    const base = localPart.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '')
    let email = `${base}@${domain}`
    for (let n = 2; used.has(email); n++) email = `${base}${n}@${domain}`
    used.add(email)
    return email
  }
}
