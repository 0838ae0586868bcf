// Who a synthetic lead is, by persona: name, title, company, contact details and source.
import type { EpochMs } from '../core/index.js'
import type { LeadInput } from '../store/index.js'
import {
  createCompanyPools,
  createEmailRegistry,
  formatPhone,
  pickCompany,
  type CompanyPools,
  type DemoCompany,
} from './demo-companies.js'
import {
  BUYER_TITLES,
  COMPETITOR_TITLES,
  COMPETITORS,
  DISPOSABLE_DOMAINS,
  FIRST_NAMES,
  FREE_MAIL_DOMAINS,
  JUNK_NAMES,
  LAST_NAMES,
  MALFORMED_EMAILS,
  MALFORMED_PHONES,
  OTHER_COUNTRIES,
  PRACTITIONER_TITLES,
  SOURCES,
  STUDENT_COMPANIES,
  STUDENT_TITLES,
  TARGET_COUNTRIES,
} from './demo-pools.js'
import type { Random } from './random.js'

export const PERSONAS = ['buyer', 'practitioner', 'student', 'competitor', 'spam'] as const
export type Persona = (typeof PERSONAS)[number]

/** Share of each persona among generated leads. */
export const PERSONA_SHARES: Readonly<Record<Persona, number>> = {
  buyer: 0.4,
  practitioner: 0.38,
  student: 0.13,
  competitor: 0.05,
  spam: 0.04,
}

/** What every lead of one data set shares: the random stream, the companies, the emails handed out. */
export interface LeadContext {
  random: Random
  companies: CompanyPools
  /** Returns a unique address for the local part at the domain. */
  registerEmail: (localPart: string, domain: string) => string
  /** The end of the period. */
  now: EpochMs
  /** Length of the period in days. */
  days: number
}

/** The shared context for a data set of `leads` leads. */
export function createLeadContext(random: Random, leads: number, now: EpochMs, days: number): LeadContext {
  const companies = createCompanyPools(random, leads)
  return { random, companies, registerEmail: createEmailRegistry(), now, days }
}

/** The lead's own fields for its persona (without id and createdAt). */
export function describeLead(context: LeadContext, persona: Persona, index: number): LeadInput {
  const { random } = context
  const firstName = random.pick(FIRST_NAMES)
  const lastName = random.pick(LAST_NAMES)
  const source = random.weighted(SOURCES)
  switch (persona) {
    case 'buyer':
    case 'practitioner': {
      const pool = persona === 'buyer' || random.chance(0.6) ? context.companies.ideal : context.companies.other
      const company = pickCompany(random, pool)
      const titles: readonly (readonly [string, string])[] =
        persona === 'buyer' ? BUYER_TITLES : PRACTITIONER_TITLES
      const [jobTitle, seniority] = random.pick(titles)
      const planInterest =
        persona === 'buyer'
          ? random.weighted([
              ['team', 3],
              ['business', 4],
              ['enterprise', company.size > 1000 ? 6 : 1],
            ] as const)
          : random.pick(['starter', 'team'] as const)
      return {
        ...contactAt(context, firstName, lastName, company),
        phone: random.chance(persona === 'buyer' ? 0.55 : 0.3)
          ? formatPhone(random, company.country)
          : undefined,
        jobTitle,
        seniority,
        source,
        attributes: random.chance(0.65) ? { plan_interest: planInterest } : {},
      }
    }
    case 'student': {
      const hasCompany = random.chance(0.35)
      const birthYear = random.chance(0.5) ? random.int(75, 99) : random.int(1975, 2006)
      return {
        email: context.registerEmail(`${firstName}.${lastName}${birthYear}`, random.pick(FREE_MAIL_DOMAINS)),
        firstName,
        lastName,
        jobTitle: random.chance(0.85) ? random.pick(STUDENT_TITLES) : undefined,
        seniority: random.chance(0.5) ? 'entry' : undefined,
        country: random.chance(0.6) ? random.pick(TARGET_COUNTRIES) : random.pick(OTHER_COUNTRIES),
        source,
        companyName: hasCompany ? random.pick(STUDENT_COMPANIES) : undefined,
        companySize: hasCompany ? random.int(1, 5) : undefined,
        attributes: random.chance(0.3) ? { plan_interest: 'free' } : {},
      }
    }
    case 'competitor': {
      const [companyName, domain] = random.pick(COMPETITORS)
      const company: DemoCompany = {
        name: companyName,
        domain,
        industry: 'software',
        size: 120,
        revenue: 18_000_000,
        country: 'US',
      }
      return {
        ...contactAt(context, firstName, lastName, company),
        jobTitle: random.pick(COMPETITOR_TITLES),
        seniority: random.pick(['manager', 'senior', 'director'] as const),
        source: random.pick(['organic_search', 'direct'] as const),
        attributes: { plan_interest: 'enterprise' },
      }
    }
    case 'spam':
      return describeJunkLead(context, index)
  }
}

function contactAt(context: LeadContext, firstName: string, lastName: string, company: DemoCompany): LeadInput {
  const { random } = context
  const localPart = random.weighted([
    [`${firstName}.${lastName}`, 5],
    [`${firstName.charAt(0)}${lastName}`, 3],
    [firstName, 1],
  ] as const)
  return {
    email: context.registerEmail(localPart, company.domain),
    firstName,
    lastName,
    country: company.country,
    companyName: company.name,
    companyDomain: company.domain,
    industry: company.industry,
    companySize: company.size,
    annualRevenue: company.revenue,
  }
}

/** Junk: keyboard runs, placeholders, disposable or malformed addresses, nonsense phones. */
function describeJunkLead(context: LeadContext, index: number): LeadInput {
  const { random } = context
  const [firstName, lastName] = random.pick(JUNK_NAMES)
  const email = random.chance(0.35)
    ? random.pick(MALFORMED_EMAILS).replace('#', String(index))
    : context.registerEmail(`${firstName}${random.int(1, 9999)}`, random.pick(DISPOSABLE_DOMAINS))
  return {
    email,
    firstName,
    lastName,
    phone: random.chance(0.5) ? random.pick(MALFORMED_PHONES) : undefined,
    jobTitle: random.chance(0.4) ? random.pick(['asdf', 'ceo', 'xxx', 'n/a']) : undefined,
    companyName: random.chance(0.5) ? random.pick(['asdf', 'test', 'none', 'aaaa']) : undefined,
    source: random.pick(['direct', 'paid_search'] as const),
    attributes: random.chance(0.3) ? { plan_interest: 'asdf' } : {},
  }
}
