import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@beratung/shared';
import { BOOKING_TOKEN_HEADER } from '@beratung/shared/schemas/booking';
import { startTestServer, type TestServer } from './support/app';
import { dateIn, seedBookingCenter } from './support/booking-center';

/**
 * The per-client and per-code limits of the public booking API, with low limits so they
 * are reached quickly. The server trusts the loopback proxy (TRUST_PROXY default), so an
 * `x-forwarded-for` header from the test stands for a different client address.
 */
const LIMITS = {
  RATE_LIMIT_SLOT_READS_PER_CLIENT: '5',
  RATE_LIMIT_HOLDS_PER_CLIENT: '3',
  RATE_LIMIT_BOOKINGS_PER_CLIENT: '2',
  RATE_LIMIT_MANAGE_FAILURES_PER_CODE: '3',
};

let server: TestServer;
let serviceId: string;
let api: ApiClient;
/** Free starts of one day, handed out one by one so no test takes another's slot. */
let freeStarts: string[];

beforeAll(async () => {
  server = await startTestServer(LIMITS);
  ({ serviceId } = await seedBookingCenter(server));
  api = server.client().api;
  const date = dateIn(20);
  const { slots } = await api.request<{ slots: Array<{ start: string }> }>('GET', '/api/slots', {
    query: { serviceId, from: date, to: date },
    headers: { 'x-forwarded-for': '198.51.100.250' },
  });
  // Three counselors: every start can be taken three times.
  freeStarts = slots.flatMap((s) => [s.start, s.start, s.start]);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const from = (address: string) => ({ 'x-forwarded-for': address });
const nextStart = () => {
  const start = freeStarts.shift();
  if (!start) throw new Error('the test day has no free start left');
  return start;
};

async function book(address: string): Promise<Response> {
  return api.raw('POST', '/api/bookings', {
    body: { serviceId, start: nextStart(), contact: {}, locale: 'de' },
    headers: from(address),
  });
}

async function expectLimited(response: Response, windowSeconds: number): Promise<void> {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(await response.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
}

describe('rate limits of the public booking API', () => {
  it('limits slot reads per client address, slots and calendar days together', async () => {
    const query = { serviceId, from: dateIn(21), to: dateIn(21) };
    const statuses: number[] = [];
    for (const path of ['/api/slots', '/api/slots/days', '/api/slots', '/api/slots/days', '/api/slots'])
      statuses.push((await api.raw('GET', path, { query, headers: from('198.51.100.1') })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await expectLimited(
      await api.raw('GET', '/api/slots/days', { query, headers: from('198.51.100.1') }),
      600,
    );
    expect((await api.raw('GET', '/api/slots', { query, headers: from('198.51.100.2') })).status).toBe(200);
  });

  it('limits holds per client address, invalid attempts included; another address still holds', async () => {
    const hold = (address: string, start: string) =>
      api.raw('POST', '/api/holds', { body: { serviceId, start }, headers: from(address) });
    const statuses = [
      (await hold('198.51.100.3', nextStart())).status,
      (await hold('198.51.100.3', 'not a time')).status,
      (await hold('198.51.100.3', nextStart())).status,
    ];
    expect(statuses).toEqual([201, 422, 201]);
    await expectLimited(await hold('198.51.100.3', nextStart()), 600);
    expect((await hold('198.51.100.4', nextStart())).status).toBe(201);
  });

  it('limits bookings per client address; another address still books', async () => {
    expect((await book('198.51.100.5')).status).toBe(201);
    expect((await book('198.51.100.5')).status).toBe(201);
    await expectLimited(await book('198.51.100.5'), 600);
    expect((await book('198.51.100.6')).status).toBe(201);
  });

  it('counts only wrong tokens per booking code, then refuses the code for the hour', async () => {
    const booked = (await (await book('198.51.100.7')).json()) as { code: string; token: string };
    const view = (token: string, address = '198.51.100.8') =>
      api.raw('GET', `/api/bookings/${booked.code}`, {
        headers: { ...from(address), [BOOKING_TOKEN_HEADER]: token },
      });

    // The owner opening the manage link again and again is never limited.
    for (let i = 0; i < 6; i++) expect((await view(booked.token)).status).toBe(200);

    const wrong = [];
    for (let i = 0; i < 3; i++) wrong.push((await view(`guess-${i}`)).status);
    expect(wrong).toEqual([404, 404, 404]);
    // The code is locked from every address and for the right token too: that is the
    // price of stopping a guesser who changes addresses.
    await expectLimited(await view('guess-3'), 3600);
    await expectLimited(await view(booked.token, '198.51.100.9'), 3600);
    // The code is written in lower case in some mail clients: it is the same code.
    const lowerCase = await api.raw('GET', `/api/bookings/${booked.code.toLowerCase()}`, {
      headers: { ...from('198.51.100.9'), [BOOKING_TOKEN_HEADER]: 'guess-4' },
    });
    expect(lowerCase.status).toBe(429);

    // Another booking is not affected, from the same address either.
    const other = (await (await book('198.51.100.7')).json()) as { code: string; token: string };
    const response = await api.raw('GET', `/api/bookings/${other.code}`, {
      headers: { ...from('198.51.100.8'), [BOOKING_TOKEN_HEADER]: other.token },
    });
    expect(response.status).toBe(200);
  });

  it('limits wrong tokens per client address over all codes, so one address cannot lock many codes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const code = `ZZ${String(i).padStart(2, '0')}-ZZZZ`;
      const response = await api.raw('GET', `/api/bookings/${code}/ics`, {
        headers: { ...from('198.51.100.10'), [BOOKING_TOKEN_HEADER]: 'guess' },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Those codes were each tried once, from one address: from another they still answer.
    const again = await api.raw('GET', '/api/bookings/ZZ00-ZZZZ', {
      headers: { ...from('198.51.100.11'), [BOOKING_TOKEN_HEADER]: 'guess' },
    });
    expect(again.status).toBe(404);
  });
});
