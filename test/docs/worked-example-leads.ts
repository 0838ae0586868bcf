// The five leads of the guide's worked example (docs/guide.md §14), scored at NOW; the guide shows the results.
import type { Lead, LeadEvent } from '../../src/core/index.js'

/** 2026-03-01T12:00:00Z, the `--at` of the guide's `leadscore score` command. */
export const NOW = Date.UTC(2026, 2, 1, 12)

export interface WorkedExampleLead {
  lead: Lead
  events: LeadEvent[]
}

const at = (day: number, hour = 10) => Date.UTC(2026, 1, day, hour)

function events(leadId: string, list: [type: string, time: number, path?: string][]): LeadEvent[] {
  return list.map(([type, timestamp, path], index) => ({
    id: `${leadId}-${index}`,
    leadId,
    type,
    timestamp,
    properties: path === undefined ? {} : { url: `https://northwind.example${path}` },
  }))
}

export const WORKED_EXAMPLE_LEADS: WorkedExampleLead[] = [
  {
    lead: {
      id: 'priya',
      email: 'priya@brightcart.io',
      firstName: 'Priya',
      lastName: 'Shah',
      jobTitle: 'VP of Product',
      seniority: 'vp',
      companyName: 'Brightcart',
      companySize: 300,
      industry: 'E-commerce software',
      country: 'GB',
      phone: '+44 20 7946 0018',
      attributes: {},
      createdAt: at(1, 9),
    },
    events: events('priya', [
      ['page_view', at(22), '/pricing'],
      ['page_view', at(24), '/pricing'],
      ['page_view', at(26), '/pricing'],
      ['page_view', Date.UTC(2026, 1, 26, 10, 5), '/docs/integrations/segment'],
      ['demo_request', at(27, 11)],
    ]),
  },
  {
    lead: {
      id: 'tomas',
      email: 'tomas@ledgerly.de',
      firstName: 'Tomas',
      lastName: 'Becker',
      jobTitle: 'Data Analyst',
      companyName: 'Ledgerly',
      companySize: 120,
      industry: 'Fintech',
      country: 'DE',
      attributes: {},
      createdAt: at(10, 9),
    },
    events: events('tomas', [
      ['page_view', at(11), '/blog/funnels'],
      ['webinar', at(14, 16)],
      ['trial_signup', at(20)],
      ['trial_activated', at(23)],
      ['page_view', at(25), '/pricing'],
    ]),
  },
  {
    lead: {
      id: 'lena',
      email: 'lena.k@gmail.com',
      firstName: 'Lena',
      lastName: 'Kovacs',
      jobTitle: 'Student',
      country: 'HU',
      attributes: {},
      createdAt: at(5, 9),
    },
    events: events('lena', [
      ...[6, 8, 12, 15, 19, 22].map(
        (day, index) => ['page_view', at(day), `/blog/post-${index}`] as [string, number, string],
      ),
      ['page_view', Date.UTC(2026, 1, 22, 10, 10), '/careers'],
    ]),
  },
  {
    lead: {
      id: 'marc',
      email: 'marc@pixelhaus.example',
      firstName: 'Marc',
      lastName: 'Dubois',
      jobTitle: 'CEO',
      seniority: 'c_level',
      companyName: 'Pixelhaus',
      companySize: 8,
      industry: 'Marketing agency',
      country: 'US',
      phone: '+1 555 0100',
      attributes: {},
      createdAt: Date.UTC(2026, 0, 20, 9),
    },
    events: events('marc', [
      ...[10, 14, 18, 24].map((day) => ['page_view', at(day), '/pricing'] as [string, number, string]),
      ['download', at(11), '/case-study-acme.pdf'],
      ['download', at(15), '/case-study-globex.pdf'],
      ['webinar', at(17, 16)],
      ['webinar', at(25, 16)],
      ...[12, 16, 20, 23].map((day) => ['email_click', at(day)] as [string, number]),
    ]),
  },
  {
    lead: {
      id: 'aisha',
      email: 'aisha@paynova.example',
      firstName: 'Aisha',
      lastName: 'Bello',
      jobTitle: 'Head of Data',
      seniority: 'director',
      companyName: 'Paynova',
      companySize: 800,
      industry: 'Financial services',
      country: 'IE',
      attributes: {},
      createdAt: at(20, 9),
    },
    events: [],
  },
]
