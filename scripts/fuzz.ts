import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

/**
 * A long fuzz campaign: the suite's test file, started as `npm test` starts it (a fresh database,
 * every service on free ports), with more cases and a chosen seed.
 *   npm run fuzz -- --cases 20000 --seed 1234
 */
const { values } = parseArgs({
  options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string' }, help: { type: 'boolean', default: false } },
});
if (values.help) {
  console.log('npm run fuzz -- [--cases N (default 10000; each goes to the gateway and to its subgraph)] [--seed S (default: random, printed)]');
  process.exit(0);
}
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases is a positive whole number');
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz campaign: ${cases} cases, seed ${seed}`);
const child = spawn('npx', ['vitest', 'run', 'test/fuzz.e2e.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, HOI_FUZZ_CASES: String(cases), HOI_FUZZ_SEED: seed },
});
child.on('exit', (code) => process.exit(code ?? 1));
