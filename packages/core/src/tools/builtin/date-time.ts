// date-time: the current date and time, in UTC or a named IANA time zone.
import { z } from 'zod';
import { defineTool } from '../types';

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const dateTimeTool = defineTool({
  id: 'date-time',
  description: 'Get the current date and time, optionally in an IANA time zone such as "Europe/Lisbon".',
  category: 'core',
  inputSchema: z.object({
    timezone: z
      .string()
      .max(64)
      .refine(validZone, 'unknown time zone')
      .optional()
      .describe('IANA time zone, default UTC'),
  }),
  async execute({ timezone = 'UTC' }) {
    const now = new Date();
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'long',
    }).formatToParts(now);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return {
      iso: now.toISOString(),
      timezone,
      date: `${get('year')}-${get('month')}-${get('day')}`,
      time: `${get('hour')}:${get('minute')}:${get('second')}`,
      weekday: get('weekday'),
      unixMs: now.getTime(),
    };
  },
});
