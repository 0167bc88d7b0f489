// The lint rule that keeps table imports inside the stores (biome.json, noRestrictedImports on `@trellis/db`): it
// names every table of the schema, so a new table is restricted the day it is added, and each file it exempts by name
// (the system paths, global on purpose) really imports a table, so the list never keeps a file that left it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from './schema/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const biome = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
const rule = biome.linter.rules.style.noRestrictedImports.options.paths['@trellis/db'];
const tables = Object.entries(schema)
  .filter(([, value]) => is(value, PgTable))
  .map(([name]) => name)
  .sort();

describe('table imports', () => {
  it('the rule restricts exactly the tables of the schema', () => {
    expect([...rule.importNames].sort()).toEqual(tables);
  });

  it('every file exempted by name imports a table from @trellis/db', () => {
    const named = (biome.overrides as { includes: string[]; linter?: unknown }[])
      .filter((o) => JSON.stringify(o.linter ?? {}).includes('noRestrictedImports'))
      .flatMap((o) => o.includes)
      .filter((p) => p.endsWith('.ts') && !p.includes('*'));
    expect(named.length).toBeGreaterThan(0);
    const importsTable = (file: string) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@trellis\/db'/g)].some((m) =>
        m[1].split(',').some((n) => tables.includes(n.trim().split(' as ')[0])),
      );
    expect(named.filter((file) => !importsTable(file))).toEqual([]);
  });
});
