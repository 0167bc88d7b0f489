// Helpers for reading untyped request JSON: records, arrays of records and the text inside message content.
// Each protocol module uses them to turn its own message format into provider-neutral TranscriptEntry lists.

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record elements of `value` when it is an array, else an empty list. */
export function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function stringField(record: JsonRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** Text of message content: a plain string, a `{ text }` part, or an array of either (joined). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).join('');
  if (isRecord(content) && typeof content.text === 'string') return content.text;
  return '';
}

/** Structured values (tool arguments, tool results) counted as their JSON text. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
