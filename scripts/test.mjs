#!/usr/bin/env node
// `npm test`: typecheck, lint (zero warnings), format check, unit + integration tests,
// and the browser tests when a Chromium is installed. `--services` runs the same
// integration tests against the local PostgreSQL and Redis servers instead of PGlite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const services = process.argv.includes('--services');
const workspaces = ['shared', 'server', 'media', 'client', 'admin'];
const env = { ...process.env };
if (services) {
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  env.REDIS_URL ??= 'redis://127.0.0.1:6379';
}

const totals = { passed: 0, failed: 0, skipped: 0 };

/** Adds vitest's "Tests  N failed | M passed | K skipped" line to the totals. */
function count(output) {
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes vitest prints
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  for (const line of plain.split('\n')) {
    if (!/^\s*Tests\s/.test(line)) continue;
    for (const [, n, kind] of line.matchAll(/(\d+) (passed|failed|skipped)/g)) totals[kind] += Number(n);
  }
}

function run(title, command, args, options = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: ['inherit', 'pipe', 'inherit'],
    env,
    maxBuffer: 256 * 1024 * 1024,
    ...options,
  });
  process.stdout.write(result.stdout ?? '');
  count(String(result.stdout ?? ''));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s`);
    console.log(`\n${totals.passed} passed, ${Math.max(1, totals.failed)} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

const withTsconfig = workspaces.filter((w) => fs.existsSync(`${w}/tsconfig.json`));
const withTests = workspaces.filter((w) => fs.existsSync(`${w}/vitest.config.ts`));

if (!services) {
  for (const w of withTsconfig) run(`typecheck ${w}`, 'npx', ['tsc', '-p', w]);
  run('lint (zero warnings)', 'npx', ['eslint', '.', '--max-warnings', '0']);
  run('format check', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
}

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && fs.existsSync(p),
);
if (chromium) env.CHROMIUM_PATH = chromium;

if (services) {
  run('integration tests on PostgreSQL + Redis', 'npx', ['vitest', 'run'], {
    cwd: 'server',
  });
} else {
  for (const w of withTests) run(`tests ${w}`, 'npx', ['vitest', 'run'], { cwd: w });
  // The slot engine must give the same results whatever the server's own time zone is.
  for (const tz of ['UTC', 'Europe/Berlin']) {
    run(`scheduling tests with TZ=${tz}`, 'npx', ['vitest', 'run', 'src/scheduling'], {
      cwd: 'server',
      env: { ...env, TZ: tz },
    });
  }
}

if (!chromium) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER TESTS SKIPPED: no Chromium found (looked for $CHROMIUM_PATH, /usr/bin/chromium).\n!! Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n!! .ci/run installs it, so CI runs them.\n${line}`,
  );
} else if (!services) {
  const browserSuites = ['client', 'admin'].filter((w) => fs.existsSync(`${w}/vitest.browser.config.ts`));
  if (browserSuites.length > 0) {
    for (const w of browserSuites) run(`build ${w}`, 'npm', ['run', 'build', '-w', w]);
    for (const w of browserSuites)
      run(
        `browser tests ${w} (${chromium})`,
        'npx',
        ['vitest', 'run', '--config', 'vitest.browser.config.ts'],
        { cwd: w },
      );
  }
}
console.log(
  `\nAll checks passed.\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
