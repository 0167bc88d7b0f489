// The demo model's intent rules: which offered tool a message calls for, and with what input.
import { describe, expect, it } from 'vitest';
import { detectToolIntent } from './demo-intent';

const all = [
  'web-fetch',
  'json-parser',
  'calculator',
  'date-time',
  'generate-id',
  'weather-lookup',
  'flight-search',
  'hotel-search',
  'trip-notes',
  'memory-recall',
];

describe('detectToolIntent', () => {
  it('picks the calculator for arithmetic', () => {
    expect(detectToolIntent('12*7', all)).toEqual({ toolName: 'calculator', input: { expression: '12*7' } });
    expect(detectToolIntent('what is 3 x 4?', all)).toEqual({ toolName: 'calculator', input: { expression: '3 * 4' } });
    expect(detectToolIntent('what is 10% of 250', all)).toEqual({
      toolName: 'calculator',
      input: { expression: '10% * 250' },
    });
    expect(detectToolIntent('please compute sqrt(81)', all)).toEqual({
      toolName: 'calculator',
      input: { expression: 'sqrt(81)' },
    });
  });

  it('picks date-time for questions about the time or date', () => {
    expect(detectToolIntent('what time is it', all)).toEqual({ toolName: 'date-time', input: {} });
    expect(detectToolIntent("What's the date today?", all)?.toolName).toBe('date-time');
  });

  it('picks web-fetch for a URL, not the calculator for its digits', () => {
    expect(detectToolIntent('summarise https://example.com/posts/2024/12-7 for me', all)).toEqual({
      toolName: 'web-fetch',
      input: { url: 'https://example.com/posts/2024/12-7' },
    });
  });

  it('reads a place for the weather and a route for flights', () => {
    expect(detectToolIntent('weather in Lisbon', all)).toEqual({
      toolName: 'weather-lookup',
      input: { location: 'Lisbon' },
    });
    expect(detectToolIntent("What's the forecast for New York?", all)?.input).toEqual({ location: 'New York' });
    expect(detectToolIntent('find flights from London to Paris', all)).toEqual({
      toolName: 'flight-search',
      input: { origin: 'London', destination: 'Paris' },
    });
    expect(detectToolIntent('flights from New York to Rome on Friday', all)?.input).toEqual({
      origin: 'New York',
      destination: 'Rome',
    });
  });

  it('only offers tools that are in the list', () => {
    expect(detectToolIntent('12*7', ['date-time'])).toBeUndefined();
    expect(detectToolIntent('what time is it', [])).toBeUndefined();
    expect(detectToolIntent('weather in Lisbon', ['calculator', 'flight-search'])).toBeUndefined();
    // without web-fetch on offer, the arithmetic in a URL is the calculator's
    expect(detectToolIntent('see https://x.test/ 12*7', ['calculator'])?.toolName).toBe('calculator');
  });

  it('returns undefined for small talk', () => {
    expect(detectToolIntent('hello there, how are you', all)).toBeUndefined();
  });

  it('asks date-time for the time zone of a named city', () => {
    expect(detectToolIntent('What time is it in Tokyo?', all)?.input).toEqual({ timezone: 'Asia/Tokyo' });
    expect(detectToolIntent('What time is it in New York?', all)?.input).toEqual({ timezone: 'America/New_York' });
    expect(detectToolIntent('What time is it in Atlantis?', all)?.input).toEqual({});
  });

  it('reads how many ids to generate', () => {
    expect(detectToolIntent('Generate two ids', all)?.input).toEqual({ kind: 'uuid', count: 2 });
    expect(detectToolIntent('give me 3 uuids', all)?.input).toEqual({ kind: 'uuid', count: 3 });
    expect(detectToolIntent('generate an id', all)?.input).toEqual({ kind: 'uuid', count: 1 });
  });

  it('calls a tool the message names, filling its input from the schema', () => {
    const schemas = {
      everything_echo: { properties: { message: { type: 'string' } }, required: ['message'] },
      'everything_get-sum': { properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
      calculator: { properties: { expression: { type: 'string' } }, required: ['expression'] },
    };
    const names = Object.keys(schemas);
    expect(detectToolIntent('call everything_echo with hello world', names, schemas)).toEqual({
      toolName: 'everything_echo',
      input: { message: 'hello world' },
    });
    expect(detectToolIntent('use everything_get-sum on 2 and 40', names, schemas)).toEqual({
      toolName: 'everything_get-sum',
      input: { a: 2, b: 40 },
    });
    // Without naming one, the rules decide as before.
    expect(detectToolIntent('what is 2+2', names, schemas)?.toolName).toBe('calculator');
  });

  it('searches the knowledge base when asked', () => {
    expect(detectToolIntent('Search the knowledge base for refund rules?', ['knowledge-search'])).toEqual({
      toolName: 'knowledge-search',
      input: { query: 'refund rules' },
    });
    expect(detectToolIntent('look up the knowledge base about parking', all)).toBeUndefined();
  });
});
