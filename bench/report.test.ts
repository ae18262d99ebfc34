import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;
const RESULTS = path.join(ROOT, 'bench', 'results');

/** The Benchmark section the bench writes into the README. */
const benchSection = (readme: string) => readme.slice(readme.indexOf('<!-- bench:begin -->'), readme.indexOf('<!-- bench:end -->'));

/**
 * `npm run bench` saves its raw measurements beside the report; the report, its chart and the
 * README table must come back the same from them alone, without measuring again.
 */
describe('bench report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hoi-bench-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is regenerated from the committed raw results exactly as committed', async () => {
    const raw = readdirSync(RESULTS).filter((file) => file.endsWith('.json')).sort().at(-1);
    expect(raw, 'bench/results holds the raw results of the latest run').toBeDefined();
    const date = raw!.replace(/\.json$/, '');
    const readme = path.join(dir, 'README.md');
    copyFileSync(path.join(ROOT, 'README.md'), readme);
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--from-json', path.join(RESULTS, raw!), '--results-dir', dir, '--readme', readme], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    for (const file of [`${date}.md`, `${date}.svg`]) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(readFileSync(path.join(RESULTS, file), 'utf8'));
    }
    const committed = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(benchSection(committed).length).toBeGreaterThan(100);
    expect(benchSection(readFileSync(readme, 'utf8'))).toBe(benchSection(committed));
  }, 60_000);

  it('leaves the README alone when the results go elsewhere', async () => {
    const raw = readdirSync(RESULTS).filter((file) => file.endsWith('.json')).sort().at(-1)!;
    const other = path.join(dir, 'elsewhere');
    const before = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--from-json', path.join(RESULTS, raw), '--results-dir', other], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    expect(stdout).toContain('no README');
    expect(readdirSync(other).sort()).toEqual([raw.replace('.json', '.md'), raw.replace('.json', '.svg')]);
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toBe(before);
  }, 60_000);
});
