// Entry of the built command line, apps/server/dist/cli.js (`npm run worker`, `db:migrate`, `db:seed`): prepares
// module loading, then cli.ts.
import { prepareModuleLoading } from './module-loading';

prepareModuleLoading();
await import('../cli');
