import { describe, expect, it } from 'vitest'
import { createIntakeQueue } from '../../src/api/intake-queue.js'
import type { EventInput, IngestResult } from '../../src/store/index.js'
import { createTestApp } from '../support/api-app.js'

const event = (id: string, leadId = 'ana'): EventInput => ({ id, leadId, type: 'page_view', timestamp: 0, properties: {} })

describe('createIntakeQueue', () => {
  it('stores the events of concurrent submissions in one call and gives each its own result', async () => {
    const calls: string[][] = []
    const submit = createIntakeQueue((events) => {
      calls.push(events.map((e) => e.id))
      return Promise.resolve(events.map((e): IngestResult => ({ status: 'stored', eventId: e.id, leadId: e.leadId!, leadCreated: false })))
    })
    const results = await Promise.all([submit(event('a')), submit(event('b')), submit(event('c'))])
    expect(calls).toEqual([['a', 'b', 'c']])
    expect(results.map((result) => result.eventId)).toEqual(['a', 'b', 'c'])
    // Alone, an event is stored in the same turn of the event loop, in its own call.
    expect((await submit(event('d'))).eventId).toBe('d')
    expect(calls).toEqual([['a', 'b', 'c'], ['d']])
  })

  it('rejects every event of a group whose call failed, and goes on with the next group', async () => {
    let fail = true
    const submit = createIntakeQueue((events) => {
      if (fail) return Promise.reject(new Error('disk full'))
      return Promise.resolve(events.map((e): IngestResult => ({ status: 'duplicate', eventId: e.id })))
    })
    const outcomes = await Promise.allSettled([submit(event('a')), submit(event('b'))])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected'])
    fail = false
    expect(await submit(event('c'))).toEqual({ status: 'duplicate', eventId: 'c' })
  })
})

describe('POST /v1/events under concurrency', () => {
  it('answers concurrent single events each with its own result and the score after them, all stored once', async () => {
    const t = await createTestApp()
    try {
      const headers = await t.auth('write')
      const post = (id: string, leadId: string) =>
        t.app.inject({ method: 'POST', url: '/v1/events', headers, payload: { id, lead_id: leadId, type: 'page_view', timestamp: '2026-05-30T12:00:00Z', properties: { url: 'https://acme.io/pricing' } } })
      const responses = await Promise.all([post('x1', 'ana'), post('x2', 'ana'), post('x3', 'ben'), post('x1', 'ana')])
      // The two requests with id x1 race: whichever is read first is stored, the other is a duplicate.
      const statuses = responses.map((response) => `${response.statusCode} ${response.json<{ status: string }>().status}`)
      expect(statuses.slice(1, 3)).toEqual(['201 stored', '201 stored'])
      expect([statuses[0], statuses[3]].sort()).toEqual(['200 duplicate', '201 stored'])
      const ana = await t.store.getScore('ana')
      expect(responses[1].json<{ score: { score: number } }>().score.score).toBe(ana?.score)
      expect(await t.store.listEvents('ana')).toHaveLength(2)
    } finally {
      await t.close()
    }
  })
})
