// Integrations in Chromium with the offline demo model: an MCP server added on the MCP servers page (a private URL
// refused at its field first, then the npm `server-everything` over stdio, its environment write-only) and tested —
// its tools listed; an agent given `everything_echo` under Configure › Tools calls it from the chat; a knowledge base
// created, a Markdown file uploaded and ingested to READY, searched in the playground (ranked hits with scores and
// citations); an agent given knowledge-search cites the file in the chat; a PNG attached in the vision agent's chat
// (a file too big refused before sending) and the demo's reply naming image/png. Screenshots at 1280 and 1024 px,
// light and dark, go to /tmp/integrations-*.png. No console error except the 400 provoked.
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../server/test/harness';
import { expectProvoked, hasChromium, screenshotsOf, startWithDemoAgent, type WatchedPage } from './browser';

const require = createRequire(import.meta.url);
const everything = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');

let api: ApiClient;
let w: WatchedPage;
let agent: { id: string; slug: string };
const { shot, shotOf } = screenshotsOf('integrations', () => w.page);

const EMAIL = 'ines@example.com';
const HANDBOOK = [
  '# Support handbook',
  '',
  '## Refunds',
  'Customers may ask for a refund within 30 days of purchase. Refunds go back to the original card in 5 business days.',
  '',
  '## Shipping',
  'Parcels leave our Lisbon warehouse every weekday at noon; tracking numbers arrive by email.',
].join('\n');
/** A width × height PNG of a colour gradient (a real image for the chat to show). */
function gradientPng(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      raw.set([(x * 255) / width, (y * 255) / height, 160], y * (width * 3 + 1) + 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PNG = gradientPng(96, 64);
const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 30_000, interval: 250 });
const nav = (name: string) => w.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const expectNoSideways = async () =>
  expect(await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

/** Checks the tool in Configure › Tools and saves a new version. */
async function giveTool(tool: string, version: number) {
  const { page } = w;
  await page.goto(`/workspace/${agent.slug}/configure`);
  await page.locator(`[id="tool-${tool}"]`).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(`Saved as version ${version}`).waitFor();
}

/** Sends `text` in the agent's test chat (a new thread) and waits for the reply's run to finish. */
async function chat(slug: string, text: string) {
  const { page } = w;
  await page.goto(`/workspace/${slug}/test`);
  await page.getByLabel('Message').fill(text);
  await page.keyboard.press('Enter');
  const conversation = page.getByLabel('Conversation');
  await conversation.getByRole('link', { name: 'Run details' }).waitFor();
  return conversation;
}

describe.skipIf(!hasChromium)('integrations in Chromium', () => {
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    ({ api, agent, w, close } = await startWithDemoAgent(
      EMAIL,
      { name: 'Integrations Helper', instructions: 'Use your tools to answer.' },
      { MCP_STDIO_COMMANDS: process.execPath },
    ));
  });
  afterAll(() => close());

  it('refuses a private URL at its field, adds server-everything over stdio and tests it: its tools show', async () => {
    const { page } = w;
    await nav('MCP servers').click();
    await page.waitForURL('**/mcp-servers');
    await page.getByText('No MCP servers yet').waitFor();
    const catalog = page.getByRole('table', { name: 'Catalog servers' });
    await catalog
      .getByRole('row', { name: /playwright/ })
      .getByText('MCP_PLAYWRIGHT_ENABLED=true')
      .waitFor();

    await page.getByRole('button', { name: 'Add server' }).click();
    const form = page.getByRole('form', { name: 'Add an MCP server' });
    await form.getByLabel('Name', { exact: true }).fill('everything');
    await form.getByLabel('Description (optional)').fill('The MCP reference server');
    await form.getByRole('radio', { name: /Streamable HTTP/ }).check();
    await form.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/mcp');
    await form.getByText('Allow private network addresses').waitFor();
    const before = w.errors.length;
    await form.getByRole('button', { name: 'Add server' }).click();
    await form.getByRole('alert').filter({ hasText: 'The url is refused' }).waitFor();
    await expect.poll(() => form.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Allow private network addresses').check();
    await form.getByText('This lets the server').waitFor();
    await shotOf('form-http', page.getByRole('dialog'));
    await form.getByLabel('Allow private network addresses').uncheck();
    expectProvoked(w, before, 400);

    // A command the operator did not allow is refused at its field, with the server's message.
    await form.getByRole('radio', { name: /stdio/ }).check();
    await form.getByLabel('Command', { exact: true }).fill('bash');
    const beforeCommand = w.errors.length;
    await form.getByRole('button', { name: 'Add server' }).click();
    await form.getByRole('alert').filter({ hasText: "The command 'bash' is not allowed here" }).waitFor();
    expectProvoked(w, beforeCommand, 400);
    await form.getByLabel('Command', { exact: true }).fill(process.execPath);
    await form.getByLabel('Arguments', { exact: true }).fill(`${everything}\nstdio`);
    await form.getByRole('button', { name: 'Add variable' }).click();
    await form.getByLabel('variable 1 name').fill('GREETING');
    await form.getByLabel('variable 1 value').fill('hello-secret');
    await shotOf('form', page.getByRole('dialog'));
    await form.getByRole('button', { name: 'Add server' }).click();
    await page.getByText('Added everything: test it to see its tools').waitFor();

    const card = page.getByRole('region', { name: 'MCP server everything' });
    await card.getByText('not checked').waitFor();
    await card.getByText('GREETING').waitFor();
    expect(await card.textContent()).not.toContain('hello-secret');
    await card.getByRole('button', { name: 'Test' }).click();
    const test = card.getByRole('region', { name: 'Test of everything' });
    await test.getByText(/Connected in .*: \d+ tools/).waitFor({ timeout: 30_000 });
    const tools = test.getByRole('list', { name: 'Tools of everything' });
    await tools.getByText('everything_echo', { exact: true }).waitFor();
    await card.getByText('healthy').waitFor();
    await tools.getByRole('listitem').filter({ hasText: 'everything_echo' }).getByText('Input schema').click();
    await shot('mcp-1280');

    // Editing shows the stored variable by name only, write-only.
    await card.getByRole('button', { name: 'Edit everything' }).click();
    const edit = page.getByRole('form', { name: 'Edit everything' });
    await edit.getByRole('list', { name: 'Stored variables' }).getByText('GREETING').waitFor();
    await edit.getByText('•••• set').waitFor();
    await shotOf('form-edit', page.getByRole('dialog'));
    await edit.getByRole('button', { name: 'Cancel' }).click();
    const stored = await api.get('/api/mcp-servers/everything');
    expect(stored.body).toMatchObject({ envNames: ['GREETING'], status: 'ok', enabled: true });
    expect(JSON.stringify(stored.body)).not.toContain('hello-secret');
    expect(w.errors).toEqual([]);
  });

  it('gives the agent everything_echo under Configure › Tools, and the chat shows the call with its result', async () => {
    const { page } = w;
    await page.goto(`/workspace/${agent.slug}/configure`);
    const group = page.getByRole('region', { name: 'MCP server everything' });
    await group.getByText('everything_echo', { exact: true }).waitFor();
    await giveTool('everything_echo', 2);
    await shotOf('configure-tools', page.getByRole('region', { name: 'Tools', exact: true }));
    expect((await api.get(`/api/agents/${agent.id}`)).body.tools).toContain('everything_echo');

    const conversation = await chat(agent.slug, 'call everything_echo with hello');
    const call = conversation.getByRole('button', { name: /everything_echo/ });
    await call.getByText('done').waitFor();
    await call.click();
    await conversation
      .getByText(/Echo: hello/)
      .first()
      .waitFor();
    await shot('chat-mcp');
    expect(w.errors).toEqual([]);
  });

  it('creates a knowledge base, uploads a Markdown file, follows it to READY and searches it', async () => {
    const { page } = w;
    await nav('Knowledge').click();
    await page.waitForURL('**/knowledge');
    await page.getByText('No knowledge bases yet').waitFor();
    await page.getByRole('button', { name: 'New knowledge base' }).click();
    const form = page.getByRole('form', { name: 'New knowledge base' });
    await form.getByLabel('Name', { exact: true }).fill('Support handbook');
    await form.getByRole('button', { name: 'Create knowledge base' }).click();
    await page.waitForURL(/\/knowledge\?kb=/);

    const upload = page.getByRole('form', { name: 'Upload a file' });
    await upload.getByLabel('File').setInputFiles({
      name: 'handbook.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(HANDBOOK),
    });
    await upload.getByRole('button', { name: 'Upload file' }).click();
    await page.getByText('Queued handbook.md for ingest').waitFor();
    const docs = page.getByRole('table', { name: 'Documents' });
    const row = docs.getByRole('row', { name: /handbook\.md/ });
    await waitFor(async () => expect(await row.getByText('ready').count()).toBe(1));
    const passages = Number(await row.locator('td').nth(2).textContent());
    expect(passages).toBeGreaterThan(0);

    const search = page.getByRole('form', { name: 'Search the knowledge base' });
    await search.getByLabel('Query').fill('refund within 30 days');
    await search.getByRole('button', { name: 'Search' }).click();
    const hits = page.getByRole('region', { name: 'Search results' }).getByRole('listitem');
    await hits.first().waitFor();
    await hits
      .first()
      .getByText(/score \d\.\d{4}/)
      .waitFor();
    await hits.first().getByText('handbook.md, part 1').waitFor();
    await hits
      .first()
      .getByText(/refund within 30 days/)
      .waitFor();
    await shot('knowledge-1280');
    expect(w.errors).toEqual([]);
  });

  it('gives the agent knowledge-search, and the chat shows the search with a citation of the file', async () => {
    await giveTool('knowledge-search', 3);
    const conversation = await chat(agent.slug, 'search the knowledge base for refund');
    const call = conversation.getByRole('button', { name: /knowledge-search/ });
    await call.getByText('done').waitFor();
    await call.click();
    await conversation
      .getByText(/handbook\.md, part \d/)
      .first()
      .waitFor();
    await shot('chat-knowledge');
    expect(w.errors).toEqual([]);
  });

  it("attaches a PNG in the vision agent's chat (a file too big refused first): the reply names image/png", async () => {
    const { page } = w;
    const vision = (await api.get('/api/agents/vision')).body;
    expect(vision.modelProvider).toBe('demo');
    await page.goto('/workspace/vision/test');
    const files = page.getByLabel('Image files');
    await files.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
    await page.getByRole('alert').filter({ hasText: 'huge.png is 5.0 MB: an image may be at most 5 MB' }).waitFor();
    await files.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
    const attached = page.getByRole('list', { name: 'Attached images' });
    await attached.getByRole('img', { name: 'dot.png' }).waitFor();
    await page.getByLabel('Message').fill('What is in this picture?');
    await shot('chat-attach');
    await page.keyboard.press('Enter');
    const conversation = page.getByLabel('Conversation');
    await conversation.getByRole('list', { name: 'Images you sent' }).getByRole('img', { name: 'dot.png' }).waitFor();
    await conversation.getByText(/You sent 1 image \(image\/png, \d+ bytes\)/).waitFor();
    await expect.poll(() => attached.count()).toBe(0);
    await shot('chat-image-1280');
    // A reloaded thread shows what the run kept of the image: its type and size, not its bytes.
    await page.reload();
    await page
      .getByLabel('Conversation')
      .getByText(/image\/png, [\d,]+ bytes \(not kept\)/)
      .waitFor();
    expect(w.errors).toEqual([]);
  });

  it('looks right at 1024 px and in the dark theme, and logged no console error', async () => {
    const { page } = w;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/mcp-servers');
    await page.getByRole('region', { name: 'MCP server everything' }).getByText('healthy').waitFor();
    await shot('mcp-1024');
    await expectNoSideways();
    await page.goto('/knowledge');
    await page.getByRole('table', { name: 'Documents' }).getByText('ready').waitFor();
    await shot('knowledge-1024');
    await expectNoSideways();

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'dark'));
    await page.goto('/mcp-servers');
    await page.getByRole('region', { name: 'MCP server everything' }).getByText('healthy').waitFor();
    await shot('mcp-dark');
    await page.goto('/knowledge');
    const search = page.getByRole('form', { name: 'Search the knowledge base' });
    await search.getByLabel('Query').fill('parcels warehouse');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('region', { name: 'Search results' }).getByRole('listitem').first().waitFor();
    await shot('knowledge-dark');
    await page.goto('/workspace/vision/test');
    await page.getByLabel('Image files').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
    await page.getByLabel('Message').fill('And now?');
    await page.keyboard.press('Enter');
    await page
      .getByLabel('Conversation')
      .getByText(/You sent 1 image/)
      .waitFor();
    await shot('chat-image-dark');
    await page.evaluate(() => localStorage.setItem('trellis-theme', 'light'));
    expect(w.errors).toEqual([]);
  });
});
