// Build step (scripts/build-server.mjs runs it as apps/server/dist/embedded-template.js): makes the embedded database's
// template, which a first start on an empty data directory loads instead of creating and migrating a database.
import { prepareModuleLoading } from './module-loading';

prepareModuleLoading();
const { writeEmbeddedTemplate } = await import('@trellis/db');
const started = Date.now();
const { file } = await writeEmbeddedTemplate();
console.log(`Made the embedded database template ${file} in ${Date.now() - started} ms`);
