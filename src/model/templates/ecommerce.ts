// The ecommerce template as a string, so the compiled package needs no .yaml files; kept equal to ecommerce.yaml by a test.
export const ECOMMERCE_TEMPLATE = String.raw`# Lead-scoring model for an online shop: shoppers are scored mostly on what they do.
#
# How to adapt it:
#   - weights: engagement counts 70%, fit 30%; a shop knows little about who its visitors are.
#   - fit: change the shipping countries and languages to yours. Free mail addresses are normal for
#     shoppers and are NOT penalised. Fit points of a complete profile add up to 100.
#   - engagement: change the URL globs (*/product*, */offers*, ...) to your shop's paths. Cart value
#     earns points per 20 of value; purchases count at most 4 times and fade over months, and a
#     purchase in the last 30 days earns extra.
#   - stages: a cart means decision, a purchase means action.
#   - See docs/model-format.md for every key, default, operator and detector.
format: 1
name: ecommerce
description: Online shop. Engagement (carts, checkouts, purchases) counts 70%, fit 30%.

event_types: [wishlist_add]

weights: { fit: 0.3, engagement: 0.7, predictive: 0 }
grades: { A: 75, B: 50, C: 25 }
levels: { 1: 75, 2: 50, 3: 25 }
decay: { half_life_days: 21 }

fit:
  - id: ships_to_country
    label: Lives in a country we ship to
    when: { field: country, in: [US, USA, United States, GB, UK, United Kingdom, DE, Germany, FR, France, NL, Netherlands] }
    points: 30
  - id: has_email
    label: Gave an email address
    when: { field: email, exists: true }
    points: 20
  - id: accepts_marketing
    label: Accepts marketing emails
    when: { field: attributes.accepts_marketing, equals: true }
    points: 20
  - id: has_phone
    label: Gave a phone number
    when: { field: phone, exists: true }
    points: 10
  - id: has_full_name
    label: Gave a first and last name
    when:
      all:
        - { field: first_name, exists: true }
        - { field: last_name, exists: true }
    points: 10
  - id: shop_language
    label: Speaks a language the shop supports
    when: { field: language, in: [en, de, fr, nl] }
    points: 10

engagement:
  - id: product_view
    label: Viewed a product
    event: page_view
    url: '*/product*'
    points: 2
    max_per_day: 5
    max_total: 20
    half_life_days: 7
  - id: offers_page
    label: Viewed prices, offers or sales
    event: page_view
    url: ['*/pricing*', '*/offers*', '*/sale*', '*/deals*']
    points: 5
    max_per_day: 1
    max_total: 5
    half_life_days: 7
  - id: wishlist
    label: Added a product to the wishlist
    event: wishlist_add
    points: 4
    max_per_day: 2
    max_total: 10
  - id: cart_value
    label: Added to the cart (per 20 of value)
    event: cart_add
    points_per: { property: value, unit: 20, points: 2, max: 20 }
    half_life_days: 14
  - id: abandoned_cart
    label: Left a cart without buying
    event: cart_abandon
    points: 10
    max_per_day: 1
    window_days: 7
  - id: checkout
    label: Started a checkout
    event: checkout
    points: 20
    max_per_day: 1
    half_life_days: 14
  - id: purchase
    label: Bought something
    event: purchase
    points: 25
    max_total: 4
    half_life_days: 90
  - id: recent_purchase
    label: Bought something in the last 30 days
    event: purchase
    points: 15
    max_per_day: 1
    window_days: 30
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
    half_life_days: 14
  - id: social
    label: Engaged with us on social media
    event: [social_like, social_share, social_comment, social_follow, social_mention]
    points: 2
    max_per_day: 2
    max_total: 10
  - id: email_bounce
    label: Email bounced
    event: email_bounce
    points: -10
    once: true
    decay: none
  - id: unsubscribed
    label: Unsubscribed from emails
    event: unsubscribe
    points: -15
    once: true
    decay: none
  - id: gone_quiet
    label: No activity for 45 days
    inactive_days: 45
    points: -10

spam:
  threshold: 30
  detectors:
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
    - id: keyboard_mash
      type: keyboard_run
      points: -10
      spam_points: 20
    - id: repeated_letters
      type: repeated_characters
      points: -10
      spam_points: 15
    - id: placeholder
      type: placeholder_name
      points: -15
      spam_points: 30
    # Shoppers often type names in lower case: a small signal only.
    - id: lowercase_name
      type: name_not_capitalized
      fields: [first_name, last_name]
      points: -2
      spam_points: 5

stages:
  - { stage: action, rules: [purchase], within_days: 90 }
  - { stage: decision, rules: [cart_value, abandoned_cart, checkout], within_days: 30 }
  - { stage: investigation, rules: [product_view, offers_page, wishlist], within_days: 30 }

qualification:
  mql: 'score >= 50 and engagement >= 40 and not spam'
  sql: 'score >= 65 and fired("cart_value", 14)'
  fast_track:
    - id: abandoned_cart_engaged
      label: Engaged shopper who just left a cart
      when: 'fired("abandoned_cart", 3) and engagement >= 50'
      to: sql

segments:
  - { id: loyal, label: Loyal customer, when: 'count("purchase") >= 3' }
  - { id: hot, label: Hot, when: 'score >= 70' }
  - { id: warm, label: Warm, when: 'score >= 40' }
  - { id: cold, label: Cold, when: 'true' }
`
