// Entry of the built server, apps/server/dist/main.js (what `npm start` runs): prepares module loading, then main.ts.
import { prepareModuleLoading } from './module-loading';

prepareModuleLoading();
await import('../main');
