// The b2b-saas template as a string, so the compiled package needs no .yaml files; kept equal to b2b-saas.yaml by a test.
export const B2B_SAAS_TEMPLATE = String.raw`# Lead-scoring model for a B2B software company (free trial, demos, a sales team).
#
# How to adapt it:
#   - fit: change the job titles, company sizes, industries and countries to your ideal customer.
#     Fit points of a perfect lead add up to about 100; fit is clamped to 0..100.
#   - lists.competitors: put your competitors' domains there (they get a large fit penalty).
#   - engagement: change the URL globs (*/pricing*, */careers*, ...) to your site's paths, and the
#     points to how much each action tells you. Engagement is clamped to 0..100; a very active lead
#     reaches about 100.
#   - qualification: when a lead becomes an MQL or SQL; fast_track sends demo requests from fitting
#     leads straight to sales.
#   - See docs/model-format.md for every key, default, operator and detector.
format: 1
name: b2b-saas
description: B2B software with a free trial, demos and a sales team. Fit and engagement count half each.

lists:
  competitors: [competitor-one.example, competitor-two.example]

weights: { fit: 0.5, engagement: 0.5, predictive: 0 }
grades: { A: 75, B: 50, C: 25 }
levels: { 1: 75, 2: 50, 3: 25 }
decay: { half_life_days: 30 }

fit:
  - id: title_executive
    label: Executive job title
    when: { field: job_title, matches: '\b(ceo|cto|cfo|coo|cmo|cio|chief|founder|owner|president|vp|vice president)\b' }
    points: 25
  - id: title_director
    label: Director or head of a department
    when: { field: job_title, matches: '\b(director|head of)\b' }
    points: 20
  - id: title_manager
    label: Manager or team lead
    when: { field: job_title, matches: '\b(manager|team lead|supervisor)\b' }
    points: 10
  - id: title_not_buyer
    label: Student, intern or job seeker
    when: { field: job_title, matches: '\b(student|intern|internship|job seeker|looking for work|unemployed)\b' }
    points: -30
  - id: seniority_senior
    label: Senior decision maker
    when: { field: seniority, in: [c_level, c-level, executive, owner, vp, director] }
    points: 10
  - id: size_core
    label: Company of 50 to 1,000 employees
    when: { field: company_size, between: [50, 1000] }
    points: 20
  - id: size_large
    label: Company of 1,001 to 10,000 employees
    when: { field: company_size, between: [1001, 10000] }
    points: 15
  - id: size_enterprise
    label: Company of more than 10,000 employees
    when: { field: company_size, gt: 10000 }
    points: 10
  - id: size_small
    label: Company of 10 to 49 employees
    when: { field: company_size, between: [10, 49] }
    points: 5
  - id: size_tiny
    label: Company of fewer than 10 employees
    when: { field: company_size, lt: 10 }
    points: -5
  - id: revenue_fit
    label: Annual revenue of 5 million or more
    when: { field: annual_revenue, gte: 5000000 }
    points: 10
  - id: industry_target
    label: Software, technology or financial services
    when: { field: industry, contains: [software, saas, technology, financial services, fintech] }
    points: 15
  - id: country_target
    label: Target country
    when: { field: country, in: [US, USA, United States, GB, UK, United Kingdom, DE, Germany, FR, France, NL, Netherlands, CA, Canada] }
    points: 10
  - id: free_mail_address
    label: Free mail address instead of a company one
    when: { field: email, domain_in: [free_mail] }
    points: -15
  - id: competitor
    label: Works for a competitor
    when:
      any:
        - { field: email, domain_in: [competitors] }
        - { field: company_domain, domain_in: [competitors] }
    points: -50
  - id: has_phone
    label: Gave a phone number
    when: { field: phone, exists: true }
    points: 5

engagement:
  - id: demo_request
    label: Requested a demo
    event: demo_request
    points: 40
    max_total: 2
    half_life_days: 60
  - id: trial_signup
    label: Signed up for a trial
    event: trial_signup
    points: 30
    once: true
    half_life_days: 60
  - id: pricing_page
    label: Viewed the pricing page
    event: page_view
    url: '*/pricing*'
    points: 10
    max_per_day: 1
    max_total: 5
    half_life_days: 14
  - id: pricing_burst
    label: Viewed the pricing page 3 times in 7 days
    event: page_view
    url: '*/pricing*'
    frequency: { count: 3, within_days: 7 }
    points: 15
    once: true
  - id: case_study
    label: Downloaded a case study
    event: download
    url: ['*case-stud*', '*case_stud*', '*casestud*']
    points: 8
    max_total: 3
  - id: whitepaper
    label: Downloaded a whitepaper or e-book
    event: download
    url: ['*whitepaper*', '*white-paper*', '*ebook*', '*e-book*']
    points: 8
    max_total: 3
  - id: webinar
    label: Attended a webinar
    event: webinar
    points: 12
    max_total: 3
    half_life_days: 45
  - id: form_submit
    label: Submitted a form
    event: form_submit
    points: 10
    max_per_day: 1
  - id: blog_view
    label: Read a blog post
    event: page_view
    url: '*/blog*'
    points: 2
    max_per_day: 2
    max_total: 10
    half_life_days: 14
  - id: careers_page
    label: Looked at job openings
    event: page_view
    url: '*/careers*'
    points: -15
    once: true
    half_life_days: 60
  - id: sales_call
    label: Had a sales call of 2 minutes or more
    event: call
    where: { field: duration_seconds, gte: 120 }
    points: 20
  - id: meeting
    label: Met with sales
    event: [meeting, appointment]
    points: 30
    half_life_days: 45
  - id: proposal
    label: Received a proposal
    event: proposal_sent
    points_per: { property: value, unit: 10000, points: 5, max: 30 }
    half_life_days: 60
  - id: social_light
    label: Liked or followed on social media
    event: [social_like, social_follow]
    points: 2
    max_per_day: 2
    max_total: 10
  - id: social_active
    label: Shared, commented on or mentioned us on social media
    event: [social_share, social_comment, social_mention]
    points: 5
    max_per_day: 2
    max_total: 15
  - id: email_open
    label: Opened an email
    event: email_open
    points: 1
    max_per_day: 1
    max_total: 10
    half_life_days: 14
  - id: email_click
    label: Clicked a link in an email
    event: email_click
    points: 3
    max_per_day: 2
    max_total: 15
    half_life_days: 21
  - id: email_bounce
    label: Email bounced
    event: email_bounce
    points: -10
    once: true
    decay: none
  - id: unsubscribed
    label: Unsubscribed from emails
    event: unsubscribe
    points: -20
    once: true
    decay: none
  - id: gone_quiet
    label: No activity for 30 days
    inactive_days: 30
    points: -10

spam:
  threshold: 30
  detectors:
    - id: lowercase_name
      type: name_not_capitalized
      points: -5
      spam_points: 10
    - id: keyboard_mash
      type: keyboard_run
      points: -15
      spam_points: 20
    - id: repeated_letters
      type: repeated_characters
      points: -10
      spam_points: 15
    - id: placeholder
      type: placeholder_name
      points: -20
      spam_points: 30
    # The fit rule free_mail_address already lowers the score; here a free mail address only adds to the spam score.
    - id: free_mail_spam
      type: free_mail
      points: 0
      spam_points: 10
    - id: disposable
      type: disposable_email
      points: -20
      spam_points: 30
    - id: bad_email
      type: malformed_email
      points: -20
      spam_points: 30
    - id: bad_phone
      type: malformed_phone
      points: -5
      spam_points: 10

stages:
  - { stage: action, rules: [proposal, meeting], within_days: 90 }
  - { stage: decision, rules: [demo_request, trial_signup, pricing_page, pricing_burst, sales_call], within_days: 60 }
  - { stage: investigation, rules: [case_study, whitepaper, webinar, form_submit], within_days: 60 }

qualification:
  mql: 'score >= 60 and fit_grade <= "B" and engagement >= 25 and not spam'
  sql: '(fired("meeting", 30) or fired("sales_call", 30)) and fit_grade <= "B"'
  fast_track:
    - id: demo_request_fit
      label: Demo request from a fitting lead
      when: 'fired("demo_request", 14) and fit_grade <= "B"'
      to: sql

segments:
  - { id: hot, label: Hot, when: 'score >= 70' }
  - { id: warm, label: Warm, when: 'score >= 40' }
  - { id: cold, label: Cold, when: 'true' }
`
