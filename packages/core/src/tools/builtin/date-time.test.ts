// date-time: the current moment in UTC by default or in a named IANA zone; unknown zones fail the schema.
import type { Db } from '@trellis/db';
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../types';
import { dateTimeTool } from './date-time';

const ctx: ToolContext = {
  db: {} as Db,
  tenantId: 'org-time',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
};

type Out = { iso: string; timezone: string; date: string; time: string; weekday: string; unixMs: number };
const now = (input: unknown) => dateTimeTool.execute(dateTimeTool.inputSchema.parse(input), ctx) as Promise<Out>;
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

describe('date-time tool', () => {
  it('defaults to UTC, with date, time and weekday of the same instant', async () => {
    const before = Date.now();
    const out = await now({});
    expect(out.timezone).toBe('UTC');
    expect(out.unixMs).toBeGreaterThanOrEqual(before);
    expect(out.unixMs).toBeLessThanOrEqual(Date.now());
    expect(out.iso).toBe(new Date(out.unixMs).toISOString());
    expect(out.date).toBe(out.iso.slice(0, 10));
    expect(out.time).toBe(out.iso.slice(11, 19));
    expect(out.weekday).toBe(weekdays[new Date(out.unixMs).getUTCDay()]);
  });

  it('shows the wall clock of a named zone', async () => {
    const out = await now({ timezone: 'Asia/Tokyo' }); // UTC+9 all year
    expect(out.timezone).toBe('Asia/Tokyo');
    const tokyo = new Date(out.unixMs + 9 * 3_600_000);
    expect(out.date).toBe(tokyo.toISOString().slice(0, 10));
    expect(out.time).toBe(tokyo.toISOString().slice(11, 19));
    expect(out.weekday).toBe(weekdays[tokyo.getUTCDay()]);
    expect(out.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
    expect(out.iso).toBe(new Date(out.unixMs).toISOString());
  });

  it('rejects an unknown time zone in the schema', () => {
    const parsed = dateTimeTool.inputSchema.safeParse({ timezone: 'Mars/Olympus_Mons' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ message: 'unknown time zone', path: ['timezone'] });
    expect(dateTimeTool.inputSchema.safeParse({ timezone: 'Europe/Lisbon' }).success).toBe(true);
    expect(dateTimeTool.inputSchema.safeParse({ timezone: 'x'.repeat(65) }).success).toBe(false);
  });
});
