// How streamed content is cut up: reply text into word-sized deltas, tool arguments into a few JSON fragments.
// Concatenating the pieces always gives back the original string exactly.

/** 'Hello big world' -> ['Hello', ' big', ' world']; whitespace stays attached to the following word. */
export function textPieces(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits a JSON string into (at most) `count` fragments of similar length. */
export function jsonPieces(json: string, count = 3): string[] {
  if (json.length === 0) return [];
  const size = Math.ceil(json.length / count);
  const pieces: string[] = [];
  for (let start = 0; start < json.length; start += size) pieces.push(json.slice(start, start + size));
  return pieces;
}
