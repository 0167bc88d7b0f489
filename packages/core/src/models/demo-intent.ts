// The demo model's reading of a user message: which of the offered tools the message calls for, and with what input.
// Deterministic pattern rules; a real model replaces all of this.

export interface ToolIntent {
  toolName: string;
  input: Record<string, unknown>;
}

type Rule = (text: string, lower: string) => Record<string, unknown> | undefined;

const arithmetic = /(-?\(?\s*\d[\d.,]*\s*\)?(?:\s*(?:[-+*/^%x×÷]|\*\*|mod)\s*\(?\s*-?\d[\d.,]*\s*\)?)+)/i;
const functionCall = /\b(sqrt|sin|cos|tan|log|ln|abs|round|floor|ceil|exp)\s*\(([^)]*)\)/i;
const percentOf = /(\d[\d.]*)\s*%\s*of\s*(\d[\d.]*)/i;

const rules: Record<string, Rule> = {
  'web-fetch': (text) => {
    const url = text.match(/https?:\/\/[^\s"'<>)]+/i)?.[0];
    return url ? { url } : undefined;
  },
  'json-parser': (text, lower) => {
    if (!/\bjson\b/.test(lower)) return undefined;
    const start = text.search(/[{[]/);
    return start >= 0 ? { text: text.slice(start) } : undefined;
  },
  calculator: (text) => {
    const pct = text.match(percentOf);
    if (pct) return { expression: `${pct[1]}% * ${pct[2]}` };
    const fn = text.match(functionCall);
    if (fn) return { expression: `${fn[1]}(${fn[2]})` };
    const m = text.match(arithmetic);
    if (!m) return undefined;
    const expression = m[1].replace(/[×x]/g, '*').replace(/÷/g, '/').replace(/,/g, '').trim();
    return { expression };
  },
  'date-time': (text, lower) => {
    if (
      !/\bwhat(?:'s| is)? the (?:time|date)\b|\bwhat time\b|\btoday'?s date\b|\bwhat day is\b|\bcurrent (?:time|date)\b/.test(
        lower,
      )
    ) {
      return undefined;
    }
    const timezone = timeZoneOf(placeAfter(text, /\b(?:in|at)\s+/i));
    return timezone ? { timezone } : {};
  },
  'generate-id': (_t, lower) => {
    const m = lower.match(
      /\b(?:generate|create|make|give me)\s+(?:(an?|one|two|three|four|five|\d{1,2})\s+)?(?:new\s+)?(?:uuids?|ids?|identifiers?)\b/,
    );
    if (!m && !/\b(?:uuid|new id)\b/.test(lower)) return undefined;
    const count = Math.min(100, Math.max(1, numberWords[m?.[1] ?? ''] ?? (Number(m?.[1]) || 1)));
    return { kind: 'uuid', count };
  },
  'weather-lookup': (text, lower) => {
    if (!/\b(?:weather|forecast|temperature)\b/.test(lower)) return undefined;
    return { location: placeAfter(text, /\b(?:in|for|at)\s+/i) ?? 'Lisbon' };
  },
  'flight-search': (text, lower) => {
    if (!/\bflights?\b/.test(lower)) return undefined;
    const route = text.match(/from\s+([A-Z][\w\s]*?)\s+to\s+([A-Z][\w\s]*?)(?:[?.!,]|\s+on\b|$)/);
    return { origin: route?.[1]?.trim() ?? 'London', destination: route?.[2]?.trim() ?? 'Lisbon' };
  },
  'hotel-search': (text, lower) => {
    if (!/\b(?:hotels?|accommodation|stay|lodging)\b/.test(lower)) return undefined;
    return { city: placeAfter(text, /\b(?:in|near|at)\s+/i) ?? 'Lisbon' };
  },
  'trip-notes': (text, lower) => {
    const save = lower.match(/\b(?:note|remember|save)(?: that)?:?\s+(.+)/);
    if (save) return { action: 'add', title: 'Note', body: text.slice(text.length - save[1].length) };
    return /\b(?:my notes|list notes|show notes)\b/.test(lower) ? { action: 'list' } : undefined;
  },
  'knowledge-search': (text) => {
    const m = text.match(
      /\b(?:search|look up|find)\s+(?:in\s+)?(?:the\s+)?knowledge(?:\s+base)?s?\s+(?:for|about)\s+(.+?)[?.!]*$/i,
    );
    return m ? { query: m[1] } : undefined;
  },
  'memory-recall': (_t, lower) => {
    const m = lower.match(/\b(?:recall|what did i (?:say|tell you) about)\s+(.+?)[?.!]*$/);
    return m ? { query: m[1] } : undefined;
  },
};

const numberWords: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };

/** The IANA zone whose city part is `place` (e.g. "Tokyo" → "Asia/Tokyo", "New York" → "America/New_York"). */
function timeZoneOf(place: string | undefined): string | undefined {
  if (!place) return undefined;
  const wanted = place.trim().toLowerCase().replace(/\s+/g, '_');
  return Intl.supportedValuesOf('timeZone').find(
    (zone) => zone.toLowerCase() === wanted || zone.toLowerCase().endsWith(`/${wanted}`),
  );
}

function placeAfter(text: string, marker: RegExp): string | undefined {
  const idx = text.search(marker);
  if (idx < 0) return undefined;
  const rest = text.slice(idx).replace(marker, '');
  return rest.match(/^([A-Z][\p{L}'-]*(?:\s+[A-Z][\p{L}'-]*)*)/u)?.[1];
}

/** A tool's input JSON Schema, as far as the demo reads it. */
export interface ToolInputSchema {
  properties?: Record<string, { type?: string | string[] }>;
  required?: string[];
}

/**
 * A message that names an offered tool ("call everything_echo with hello"): its input from the schema — string
 * fields get the text after the name, number fields the numbers in it (in order), booleans true.
 */
function namedTool(text: string, schemas: Record<string, ToolInputSchema>): ToolIntent | undefined {
  const lower = text.toLowerCase();
  const toolName = Object.keys(schemas)
    .sort((a, b) => b.length - a.length)
    .find((name) => lower.includes(name.toLowerCase()));
  if (!toolName) return undefined;
  const after = text
    .slice(lower.indexOf(toolName.toLowerCase()) + toolName.length)
    .replace(/^\s*(?:with|on|for|:)?\s*/i, '')
    .trim();
  const numbers = (after.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const input: Record<string, unknown> = {};
  const properties = schemas[toolName].properties ?? {};
  for (const [key, prop] of Object.entries(properties)) {
    const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
    const required = schemas[toolName].required?.includes(key);
    if (type === 'string' && (required || after)) input[key] = after || key;
    else if ((type === 'number' || type === 'integer') && (required || numbers.length))
      input[key] = numbers.shift() ?? 1;
    else if (type === 'boolean' && required) input[key] = true;
  }
  return { toolName, input };
}

/**
 * The tool a message calls for: one it names (when `schemas` are given), else the first offered tool whose rule
 * matches `text`; undefined when the message calls for none.
 */
export function detectToolIntent(
  text: string,
  offeredTools: readonly string[],
  schemas?: Record<string, ToolInputSchema>,
): ToolIntent | undefined {
  const named = schemas ? namedTool(text, schemas) : undefined;
  if (named) return named;
  const lower = text.toLowerCase();
  for (const [toolName, rule] of Object.entries(rules)) {
    if (!offeredTools.includes(toolName)) continue;
    const input = rule(text, lower);
    if (input) return { toolName, input };
  }
  return undefined;
}
