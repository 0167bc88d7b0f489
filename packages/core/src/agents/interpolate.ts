// Fills `{{path}}` placeholders in instruction templates from a RequestContext. Unknown placeholders stay as
// written so a missing value is visible, never a crash. `{{userId}}` is shorthand for `{{resource.userId}}`.
import type { RequestContext } from '@trellis/db';

const shorthands: Record<string, string> = {
  userId: 'resource.userId',
  userName: 'resource.userName',
  tenantId: 'resource.tenantId',
  threadId: 'thread.id',
  sessionId: 'thread.sessionId',
};

function lookup(source: unknown, path: string): unknown {
  let current = source;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Replaces each `{{ path }}` in `template` with its value in `context`; unknown or non-scalar paths are kept. */
export function interpolate(template: string, context: RequestContext = {}): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, raw: string) => {
    const path = shorthands[raw] ?? raw;
    const value = lookup(context, path) ?? (path.startsWith('metadata.') ? undefined : lookup(context.metadata, raw));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return whole;
  });
}

/** The placeholder paths a template uses, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]))];
}
