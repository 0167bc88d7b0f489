// The `trellis` command line: `migrate` applies pending migrations; `seed` adds the built-in agents to every
// organization that lacks them. Both use the same configuration as the server.
import { createRuntime, loadConfig, seedOrganization } from '@trellis/core';
import { openDatabase, organization } from '@trellis/db';

const usage = 'usage: cli.ts <migrate|seed>';

async function main(command: string | undefined) {
  const config = loadConfig();
  const database = await openDatabase({ url: config.env.DATABASE_URL, dataDir: config.env.DATA_DIR });
  try {
    if (command === 'migrate') {
      console.log(`migrations applied (${database.kind})`);
    } else if (command === 'seed') {
      const runtime = createRuntime(config);
      const orgs = await database.db.select({ id: organization.id, name: organization.name }).from(organization);
      for (const org of orgs) {
        const created = await seedOrganization({
          db: database.db,
          tenantId: org.id,
          actor: { type: 'system', id: 'seed' },
          clock: () => new Date(),
          runtime,
        });
        console.log(`${org.name}: ${created.length ? `created ${created.join(', ')}` : 'nothing to seed'}`);
      }
    } else {
      console.error(usage);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

await main(process.argv[2]);
