// The word lists synthetic leads are drawn from: names, company name parts, titles, places, junk.

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen',
  'Matthew', 'Emily', 'Anthony', 'Michelle', 'Mark', 'Laura', 'Priya', 'Raj', 'Wei', 'Mei',
  'Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Sophie', 'Lucas', 'Camille', 'Hugo', 'Chloé',
  'Pablo', 'Lucía', 'Javier', 'Marta', 'Oliver', 'Amelia', 'Harry', 'Isla', 'Liam', 'Olivia',
  'Noah', 'Emma', 'Sem', 'Julia', 'Daan', 'Fleur', 'Aiden', 'Zoe', 'Ethan', 'Grace',
] as const

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White',
  'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Patel', 'Chen',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Bernard', 'Moreau', 'Laurent', 'Fernández',
  'López', 'Sánchez', 'Pérez', 'de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Evans', 'Hughes', "O'Brien",
  'Murphy', 'Campbell', 'Stewart', 'Nguyen', 'Kim', 'Singh', 'Kowalski', 'Rossi', 'Novak', 'Larsen',
] as const

export const COMPANY_PREFIXES = [
  'Blue', 'North', 'Bright', 'Silver', 'Red', 'Green', 'Iron', 'Clear', 'Swift', 'True',
  'Cloud', 'Data', 'Quantum', 'Apex', 'Nova', 'Summit', 'Vertex', 'Pioneer', 'Harbor', 'Golden',
  'Stone', 'Pixel', 'Atlas', 'Orbit', 'Cedar', 'Maple', 'Falcon', 'Lumen', 'Polar', 'Urban',
] as const

export const COMPANY_CORES = [
  'stone', 'wave', 'path', 'point', 'field', 'bridge', 'light', 'gate', 'leaf', 'peak',
  'stack', 'forge', 'line', 'spring', 'works', 'scale', 'shift', 'mark', 'sight', 'wind',
  'core', 'grid', 'link', 'base', 'flow',
] as const

export const COMPANY_SUFFIXES = [
  'Analytics', 'Systems', 'Software', 'Labs', 'Technologies', 'Health', 'Financial', 'Retail',
  'Manufacturing', 'Learning', 'Solutions', 'Group', 'Partners', 'Digital', 'Networks', 'Logistics',
  'Media', 'Capital', 'Foods', 'Energy',
] as const

/** Industries of the ideal customer profile, then others. */
export const TARGET_INDUSTRIES = [
  'software', 'saas', 'technology', 'financial services', 'healthcare', 'retail', 'manufacturing', 'education',
] as const
export const OTHER_INDUSTRIES = [
  'government', 'non-profit', 'hospitality', 'construction', 'agriculture',
] as const

/** Countries with their top-level domain and phone format (`#` is a random digit). */
export const COUNTRIES = {
  US: { tld: 'com', phone: '+1 6## 555 ####' },
  GB: { tld: 'co.uk', phone: '+44 20 #### ####' },
  DE: { tld: 'de', phone: '+49 30 ########' },
  ES: { tld: 'es', phone: '+34 91 ### ## ##' },
  FR: { tld: 'fr', phone: '+33 1 ## ## ## ##' },
  CA: { tld: 'ca', phone: '+1 4## 555 ####' },
  AU: { tld: 'com.au', phone: '+61 2 #### ####' },
  NL: { tld: 'nl', phone: '+31 20 ### ####' },
} as const
export type CountryCode = keyof typeof COUNTRIES
export const TARGET_COUNTRIES = Object.keys(COUNTRIES) as CountryCode[]
export const OTHER_COUNTRIES = ['IN', 'BR', 'NG', 'PH', 'RU', 'CN', 'MX'] as const

/** Buyer titles with their seniority. */
export const BUYER_TITLES = [
  ['CEO', 'executive'], ['CTO', 'executive'], ['CMO', 'executive'], ['Chief Revenue Officer', 'executive'],
  ['VP Marketing', 'executive'], ['VP Sales', 'executive'], ['VP of Growth', 'executive'],
  ['Director of Marketing', 'director'], ['Director of Demand Generation', 'director'],
  ['Sales Director', 'director'], ['Head of Growth', 'director'], ['Head of Revenue Operations', 'director'],
  ['Head of Marketing', 'director'], ['Marketing Manager', 'manager'], ['Sales Operations Manager', 'manager'],
  ['Demand Generation Manager', 'manager'], ['Marketing Operations Manager', 'manager'],
] as const

export const PRACTITIONER_TITLES = [
  ['Marketing Specialist', 'senior'], ['Software Engineer', 'senior'], ['Data Analyst', 'senior'],
  ['Sales Development Representative', 'entry'], ['Marketing Coordinator', 'entry'],
  ['Account Executive', 'senior'], ['Operations Analyst', 'entry'], ['Content Writer', 'entry'],
  ['Customer Success Associate', 'entry'], ['Product Designer', 'senior'],
] as const

export const STUDENT_TITLES = [
  'Student', 'Marketing Intern', 'Intern', 'Graduate Student', 'Job Seeker', 'Looking for opportunities',
  'MBA Candidate', 'Unemployed',
] as const

export const STUDENT_COMPANIES = ['Self-employed', 'Freelance', 'State University', 'Acme Café'] as const

export const COMPETITOR_TITLES = [
  'Product Manager', 'Product Marketing Manager', 'Competitive Intelligence Analyst', 'Founder', 'Growth Hacker',
] as const

/** Companies that sell lead scoring too. */
export const COMPETITORS = [
  ['ScoreHub', 'scorehub.io'], ['Leadrank', 'leadrank.com'], ['Pipelinr', 'pipelinr.com'],
  ['FunnelIQ', 'funneliq.com'],
] as const

export const FREE_MAIL_DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'] as const
export const DISPOSABLE_DOMAINS = [
  'mailinator.com', '10minutemail.com', 'guerrillamail.com', 'trashmail.com', 'yopmail.com',
] as const

/** Junk name pairs: keyboard runs, repeated letters, placeholders. */
export const JUNK_NAMES = [
  ['asdf', 'qwer'], ['aaaa', 'aaaa'], ['test', 'test'], ['qwerty', 'asdfgh'], ['xxx', 'xxx'],
  ['john', 'doe'], ['zzzz', 'zz'], ['sdfsdf', 'sdfsdf'], ['a', 'b'], ['first', 'last'],
] as const
/** Malformed addresses; `#` is replaced by a number so that each is unique. */
export const MALFORMED_EMAILS = ['asdf#@asdf', 'test#@@test.com', 'noemail#', 'a#@b', 'qwerty#.com'] as const
export const MALFORMED_PHONES = ['12345', '000-000-0000', '1111111111', 'phone', '+0'] as const

export const SOURCES = [
  ['organic_search', 30], ['paid_search', 15], ['linkedin', 12], ['referral', 10], ['webinar', 8],
  ['direct', 10], ['event', 5], ['content_syndication', 6], ['partner', 4],
] as const
