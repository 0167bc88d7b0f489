// Workspace UI figures: production build time, initial JavaScript (gzip) the first page loads, and time from
// navigation to the agent grid being visible in Chromium for a signed-in user.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDist } from '../apps/server/src/routes/web';
import { hasChromium, launch, openPage } from '../apps/web/e2e/browser';
import { onPglite } from './databases';
import { startBenchServer } from './server';
import { percentile } from './stats';

export interface UiResult {
  buildMs: number[];
  initialJsGzipBytes: number;
  initialJsBytes: number;
  initialCssGzipBytes: number;
  gridVisibleMs: number[] | null;
}

function buildOnce(): number {
  const t0 = performance.now();
  execFileSync('npm', ['run', 'build', '-w', '@trellis/web'], {
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return performance.now() - t0;
}

/** The JS and CSS that index.html references (what the first page load fetches), raw and gzipped. */
function initialAssets() {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let js = 0;
  let jsGzip = 0;
  let cssGzip = 0;
  for (const ref of refs) {
    const bytes = readFileSync(join(webDist, ref));
    if (ref.endsWith('.js')) {
      js += bytes.length;
      jsGzip += gzipSync(bytes, { level: 9 }).length;
    } else cssGzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { js, jsGzip, cssGzip };
}

async function gridVisible(samples: number): Promise<number[]> {
  return onPglite(async (database) => {
    const { url, close } = await startBenchServer(database);
    try {
      return await gridVisibleAt(url, samples);
    } finally {
      await close();
    }
  });
}

async function gridVisibleAt(url: string, samples: number): Promise<number[]> {
  const browser = await launch();
  try {
    const w = await openPage(browser, url);
    await w.page.goto('/sign-up');
    await w.page.getByLabel('Name').fill('Bench');
    await w.page.getByLabel('Email').fill('bench@example.com');
    await w.page.getByLabel('Password').fill('benchmark password');
    await w.page.getByRole('button', { name: 'Create account' }).click();
    await w.page.getByRole('list', { name: 'Agents' }).waitFor();
    const out: number[] = [];
    for (let i = 0; i < samples + 2; i++) {
      // A fresh page each time: cold JS parse and data fetch, warm HTTP cache like a returning user.
      const page = await w.context.newPage();
      const t0 = performance.now();
      await page.goto('/workspace');
      await page.getByRole('list', { name: 'Agents' }).getByRole('listitem').first().waitFor();
      if (i >= 2) out.push(performance.now() - t0);
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function measureUi(samples = 10): Promise<UiResult> {
  const buildMs = [buildOnce(), buildOnce(), buildOnce()];
  const assets = initialAssets();
  return {
    buildMs,
    initialJsBytes: assets.js,
    initialJsGzipBytes: assets.jsGzip,
    initialCssGzipBytes: assets.cssGzip,
    gridVisibleMs: hasChromium ? await gridVisible(samples) : null,
  };
}

export function uiMarkdown(r: UiResult): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const median = (xs: number[]) => percentile(xs, 50);
  const grid = r.gridVisibleMs
    ? `| navigation to agent grid visible (Chromium, signed in, 12 agents) | ${median(r.gridVisibleMs).toFixed(0)} ms median, p90 ${percentile(r.gridVisibleMs, 90).toFixed(0)} ms | ${r.gridVisibleMs.length} navigations, each in a new tab after 2 warm-ups |`
    : '| navigation to agent grid visible | not measured: Chromium not installed | |';
  return `## Workspace UI

| measure | result | conditions |
|---|---|---|
| production build (\`vite build\`) | ${median(r.buildMs).toFixed(0)} ms median | 3 builds: ${r.buildMs.map((v) => v.toFixed(0)).join(', ')} ms |
| initial JavaScript | ${kb(r.initialJsGzipBytes)} gzip (${kb(r.initialJsBytes)} raw) | what index.html loads, gzip level 9 |
| initial CSS | ${kb(r.initialCssGzipBytes)} gzip | |
${grid}
`;
}
