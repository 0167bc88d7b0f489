// Trip-planner tools over the sample provider: deterministic for the same query, labelled as sample data.
import type { Db } from '@trellis/db';
import { describe, expect, it } from 'vitest';
import type { ToolContext, ToolDefinition } from '../types';
import type { Flight, Hotel, TravelProvider, Weather } from './provider';
import { travelTools } from './tools';

const ctx: ToolContext = {
  db: {} as Db,
  tenantId: 'org-travel',
  webFetch: { allowlist: [], maxBytes: 1000, timeoutMs: 1000, maxRedirects: 0 },
};

const byId = (tools: ToolDefinition[], id: string) => {
  const tool = tools.find((t) => t.id === id);
  if (!tool) throw new Error(`no tool ${id}`);
  return tool;
};
const call = <T>(tool: ToolDefinition, input: unknown) =>
  tool.execute(tool.inputSchema.parse(input), ctx) as Promise<{ source: string; sample: boolean } & T>;

const tools = travelTools() as ToolDefinition[];
const flights = byId(tools, 'flight-search');
const hotels = byId(tools, 'hotel-search');
const weather = byId(tools, 'weather-lookup');

describe('sample travel tools', () => {
  it('are marked as sample data', () => {
    for (const tool of [flights, hotels, weather]) {
      expect(tool.sampleData).toBe(true);
      expect(tool.category).toBe('trip-planner');
      expect(tool.description).toContain('(sample data)');
    }
  });

  it('flight-search is deterministic, labelled and sorted by price', async () => {
    const input = { origin: 'London', destination: 'Paris', date: '2030-05-01' };
    const a = await call<{ flights: Flight[] }>(flights, input);
    const b = await call<{ flights: Flight[] }>(flights, input);
    expect(a).toEqual(b);
    expect(a.source).toBe('sample data');
    expect(a.sample).toBe(true);
    expect(a.flights).toHaveLength(3);
    const prices = a.flights.map((f) => f.priceUsd);
    expect(prices).toEqual([...prices].sort((x, y) => x - y));
    for (const f of a.flights) {
      expect(f.departure.startsWith('2030-05-01T')).toBe(true);
      expect(Date.parse(f.arrival) - Date.parse(f.departure)).toBe(f.durationMinutes * 60_000);
    }
    const elsewhere = await call<{ flights: Flight[] }>(flights, { ...input, destination: 'Rome' });
    expect(elsewhere.flights).not.toEqual(a.flights);
  });

  it('flight prices scale with passengers', async () => {
    const input = { origin: 'London', destination: 'Paris', date: '2030-05-01' };
    const one = await call<{ flights: Flight[] }>(flights, input);
    const three = await call<{ flights: Flight[] }>(flights, { ...input, passengers: 3 });
    expect(three.flights.map((f) => f.priceUsd)).toEqual(one.flights.map((f) => f.priceUsd * 3));
  });

  it('hotel-search is deterministic and labelled', async () => {
    const input = { city: 'Lisbon', checkIn: '2030-06-10', nights: 3 };
    const a = await call<{ hotels: Hotel[] }>(hotels, input);
    expect(await call<{ hotels: Hotel[] }>(hotels, input)).toEqual(a);
    expect(a).toMatchObject({ source: 'sample data', sample: true });
    expect(a.hotels).toHaveLength(4);
    for (const h of a.hotels) expect(h.name).toContain('Lisbon');
    const ratings = a.hotels.map((h) => h.rating);
    expect(ratings).toEqual([...ratings].sort((x, y) => y - x));
  });

  it('weather-lookup is deterministic and labelled', async () => {
    const input = { location: 'Lisbon', date: '2030-07-01' };
    const a = await call<{ weather: Weather }>(weather, input);
    expect(await call<{ weather: Weather }>(weather, input)).toEqual(a);
    expect(a).toMatchObject({
      source: 'sample data',
      sample: true,
      weather: { location: 'Lisbon', date: '2030-07-01' },
    });
    expect(a.weather.lowC).toBeLessThan(a.weather.highC);
  });

  it('their schemas validate dates and places', () => {
    expect(flights.inputSchema.safeParse({ origin: 'London', destination: 'Paris', date: '01/05/2030' }).success).toBe(
      false,
    );
    expect(flights.inputSchema.safeParse({ origin: 'L', destination: 'Paris' }).success).toBe(false);
    expect(flights.inputSchema.safeParse({ origin: 'London', destination: 'Paris', passengers: 10 }).success).toBe(
      false,
    );
    expect(weather.inputSchema.safeParse({ location: 'Lisbon' }).success).toBe(true);
  });
});

describe('travel tools over a live provider', () => {
  it('carry the provider name and are not marked as sample data', async () => {
    const provider: TravelProvider = {
      name: 'acme-travel',
      sample: false,
      searchFlights: async () => [],
      searchHotels: async () => [],
      weather: async (q) => ({
        location: q.location,
        date: '2030-01-01',
        condition: 'sunny',
        highC: 20,
        lowC: 10,
        precipitationChance: 0,
      }),
    };
    const live = travelTools(provider) as ToolDefinition[];
    const w = byId(live, 'weather-lookup');
    expect(w.sampleData).toBe(false);
    expect(w.description).not.toContain('sample');
    expect(await call(w, { location: 'Oslo' })).toMatchObject({
      source: 'acme-travel',
      sample: false,
      weather: { location: 'Oslo' },
    });
  });
});
