// The `trellis` command line: `migrate` applies pending migrations; `seed` adds the built-in agents to every
// organization that lacks them; `rotate-secrets` re-encrypts every stored credential under TRELLIS_ENCRYPTION_KEY
// (the keys it replaces listed in TRELLIS_ENCRYPTION_KEY_PREVIOUS); `worker` works the job queues in this process
// until SIGINT/SIGTERM (PostgreSQL only). All use the same configuration as the server.
import { once } from 'node:events';
import {
  createRuntime,
  jobLog,
  jobNames,
  loadConfig,
  rotateSecrets,
  secretBoxFor,
  seedOrganization,
  startChangeListener,
  startJobSystem,
  type TrellisConfig,
} from '@trellis/core';
import { openDatabase, organization } from '@trellis/db';
import { authSecret } from './secret';

const usage = 'usage: cli.ts <migrate|seed|rotate-secrets|worker>';

/** Works every queue until a signal; refuses the embedded database, which only one process can open. */
async function worker(config: TrellisConfig) {
  if (!config.env.DATABASE_URL) {
    console.error(
      'trellis worker needs PostgreSQL (set DATABASE_URL): the embedded database can be opened by one process only, ' +
        'and `npm start` already works the job queues in-process (TRELLIS_WORKER=inline).',
    );
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase({ url: config.env.DATABASE_URL });
  const runtime = createRuntime(config, { secret: config.env.BETTER_AUTH_SECRET });
  const changes = await startChangeListener(database, runtime, (e) =>
    jobLog(config.env.LOG_LEVEL).error('change listener', e),
  );
  const jobs = await startJobSystem({
    database,
    runtime,
    worker: 'process',
    leaseSeconds: config.env.TRELLIS_RUN_LEASE_SECONDS,
    log: jobLog(config.env.LOG_LEVEL),
  });
  console.log(`Trellis worker ready (PostgreSQL): working ${jobNames.length} queues`);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  console.log('stopping the worker');
  await jobs.stop();
  await changes.stop();
  await database.close();
}

async function main(command: string | undefined) {
  const config = loadConfig();
  if (command === 'worker') return worker(config);
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
    } else if (command === 'rotate-secrets') {
      const box = secretBoxFor(config.env, authSecret(config.env.BETTER_AUTH_SECRET, config.env.DATA_DIR));
      if (!box) throw new Error('no encryption key: set TRELLIS_ENCRYPTION_KEY (or BETTER_AUTH_SECRET)');
      for (const r of await rotateSecrets(database.db, box)) {
        console.log(`${r.column}: ${r.reencrypted} re-encrypted under key ${box.keyId}, ${r.current} already under it`);
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
