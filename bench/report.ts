import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { profileMarkdown, type ProfileSummary } from './profile.ts';

export interface Measured {
  scenario: string;
  title: string;
  /** floor, subgraph, gateway, hive, hive-dedup, grafbase */
  target: string;
  /** For a subgraph row made of several fetches: which. */
  detail?: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
  /** SQL statements one request costs (all subgraphs together); subgraph fetches for gateways. */
  statements: number | null;
  fetches: number | null;
  cpuMsPerRequest: Record<string, number>;
  peakRssMb: Record<string, number>;
  /** Whether the answer agrees with the floor's (and for Hive, with @apollo/gateway's). */
  agrees: boolean | null;
  parts?: Measured[];
}

export interface Verdict {
  target: string;
  measured: string;
  pass: boolean;
}

export interface BenchReport {
  date: string;
  connections: number;
  database: string;
  machine: string;
  /** How the data was generated: scale, years, seed time (seed:scale records it on the database). */
  seed?: string;
  rowCounts: Record<string, number>;
  subjects: Record<string, unknown>;
  rows: Measured[];
  verdicts: Verdict[];
  flat: { items: number; statements: number; returned: number }[];
  mutation: { target: string; succeeded: number; written: number }[];
  hive: string;
  /** How Grafbase ran (absent in results saved before it was measured). */
  grafbase?: string;
  profiles: ProfileSummary[];
  memory: { service: string; idleRssMb: number; peakRssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; rssMb: number }[];
  explains: { title: string; statement: string; plan: string; hotspots: string[]; ms: number }[];
  notes: string[];
  settings: string;
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const ms = (value: number) => (value >= 100 ? fixed(value) : fixed(value, 1));

/** The processes a row's CPU belongs to: the service(s) that served it, PostgreSQL, the load generator. */
function cpuCell(row: Measured): string {
  const entries = Object.entries(row.cpuMsPerRequest).filter(([, value]) => value >= 0.05);
  return entries.map(([name, value]) => `${name} ${value.toFixed(value >= 10 ? 0 : 1)}`).join(', ');
}

function rssCell(row: Measured): string {
  return Object.entries(row.peakRssMb).map(([name, value]) => `${name} ${fixed(value)}`).join(', ');
}

/** Runs before Grafbase was measured report as they did: its columns only where it has rows. */
const withGrafbase = (rows: Measured[]) => rows.some((row) => row.target.startsWith('grafbase'));

export function ratio(a: number | undefined, b: number | undefined): string {
  return a && b ? (a / b).toFixed(2) : '–';
}

export function resultTable(rows: Measured[]): string {
  const lines = [
    '| scenario | via | req/s | p50 ms | p99 ms | SQL stmts/req | fetches | failed | CPU ms/req (process) | peak RSS MB | same data |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(`| ${row.scenario} ${row.title} | ${row.target}${row.detail ? ` (${row.detail})` : ''} | ${fixed(row.rps, row.rps < 10 ? 1 : 0)} | ${ms(row.p50)} | ${ms(row.p99)} | ${row.statements ?? '–'} | ${row.fetches ?? '–'} | ${row.failures}/${row.requests} | ${cpuCell(row)} | ${rssCell(row)} | ${row.agrees === null ? '–' : row.agrees ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

export function ratioTable(rows: Measured[]): string {
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  const grafbase = withGrafbase(rows);
  const lines = [
    `| scenario | gateway / subgraph | subgraph / SQL floor | Hive / subgraph | Hive / @apollo/gateway |${grafbase ? ' Grafbase / subgraph | Grafbase / @apollo/gateway |' : ''}`,
    `|---|---:|---:|---:|---:|${grafbase ? '---:|---:|' : ''}`,
  ];
  for (const scenario of scenarios) {
    const of = (target: string) => rows.find((row) => row.scenario === scenario && row.target === target && !row.detail)?.rps;
    lines.push(`| ${scenario} | ${ratio(of('gateway'), of('subgraph'))} | ${ratio(of('subgraph'), of('floor'))} | ${ratio(of('hive'), of('subgraph'))} | ${ratio(of('hive'), of('gateway'))} |${grafbase ? ` ${ratio(of('grafbase'), of('subgraph'))} | ${ratio(of('grafbase'), of('gateway'))} |` : ''}`);
  }
  return lines.join('\n');
}

export function verdictTable(verdicts: Verdict[]): string {
  return ['| target | measured | |', '|---|---|---|', ...verdicts.map((v) => `| ${v.target} | ${v.measured} | ${v.pass ? 'PASS' : '**FAIL**'} |`)].join('\n');
}

const COLOURS: Record<string, string> = { floor: '#4c72b0', subgraph: '#55a868', gateway: '#c44e52', hive: '#8172b2', 'hive-dedup': '#ccb974', grafbase: '#64b5cd', 'grafbase-dedup': '#8c8c8c' };
const LABELS: Record<string, string> = { floor: 'SQL floor', subgraph: 'subgraph', gateway: '@apollo/gateway', hive: 'Hive Gateway', 'hive-dedup': 'Hive, fetch dedup', grafbase: 'Grafbase (Rust)', 'grafbase-dedup': 'Grafbase, fetch dedup' };

/** Requests per second of each scenario by each way, on a log scale: plain SVG, no browser. */
export function chartSvg(rows: Measured[], title: string): string {
  const main = rows.filter((row) => !row.detail);
  const scenarios = [...new Set(main.map((row) => row.scenario))];
  const targets = ['floor', 'subgraph', 'gateway', 'hive', 'hive-dedup', ...(withGrafbase(rows) ? ['grafbase', 'grafbase-dedup'] : [])];
  const barHeight = 14;
  const groupGap = 14;
  const left = 70;
  const width = 860;
  const plotWidth = width - left - 140;
  const top = 48;
  const max = Math.max(10, ...main.map((row) => row.rps));
  const decades = Math.ceil(Math.log10(max)) + 1; // from 0.1
  const x = (rps: number) => left + (Math.max(0, Math.log10(Math.max(rps, 0.1)) + 1) / decades) * plotWidth;
  const parts: string[] = [];
  let y = top;
  for (const scenario of scenarios) {
    const group = targets.map((target) => main.find((row) => row.scenario === scenario && row.target === target)).filter(Boolean) as Measured[];
    parts.push(`<text x="${left - 8}" y="${y + (group.length * barHeight) / 2 + 4}" text-anchor="end" font-size="12" font-weight="bold">${scenario}</text>`);
    for (const row of group) {
      const end = x(row.rps);
      parts.push(`<rect x="${left}" y="${y}" width="${Math.max(1, end - left).toFixed(1)}" height="${barHeight - 2}" fill="${COLOURS[row.target]}"/>`);
      parts.push(`<text x="${(end + 4).toFixed(1)}" y="${y + barHeight - 4}" font-size="10">${row.target} ${fixed(row.rps, row.rps < 10 ? 1 : 0)}/s · p50 ${ms(row.p50)} ms</text>`);
      y += barHeight;
    }
    y += groupGap;
  }
  const axisY = y;
  const grid: string[] = [];
  for (let d = 0; d <= decades; d++) {
    const value = 10 ** (d - 1);
    const px = left + (d / decades) * plotWidth;
    grid.push(`<line x1="${px}" y1="${top - 6}" x2="${px}" y2="${axisY}" stroke="#ddd"/>`);
    grid.push(`<text x="${px}" y="${axisY + 14}" text-anchor="middle" font-size="10">${value >= 1 ? fixed(value) : value}</text>`);
  }
  // Seven ways fit the width closer together; five keep the spacing of the runs before Grafbase.
  const step = targets.length > 5 ? 112 : 130;
  const legend = targets.map((target, index) => `<rect x="${left + index * step - 60}" y="18" width="10" height="10" fill="${COLOURS[target]}"/><text x="${left + index * step - 46}" y="27" font-size="11">${LABELS[target]}</text>`);
  const height = axisY + 34;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${left}" y="12" font-size="12">${title} — requests per second (log scale), 10 connections</text>
${legend.join('\n')}
${grid.join('\n')}
${parts.join('\n')}
<text x="${left + plotWidth / 2}" y="${axisY + 28}" text-anchor="middle" font-size="10">requests / s</text>
</svg>
`;
}

export function resultsMarkdown(report: BenchReport, chartFile: string): string {
  const counts = Object.entries(report.rowCounts).map(([table, rows]) => `${table} ${rows.toLocaleString('en-US')}`).join(', ');
  return `# Benchmark ${report.date}

\`npm run bench\` against the \`${report.database}\` database (${counts}).
${report.seed ? `Data: ${report.seed}.\n` : ''}${report.machine}. ${report.settings}

![requests per second](${chartFile})

## Targets (issues 8 and 16)

${verdictTable(report.verdicts)}

## Results

Medians of the measured rounds after a warm-up. "CPU ms/req" is each process's CPU time (user +
system, from /proc) over the measured rounds divided by the requests served: the service that
answered, \`postgres\` (all its backends), and \`bench\` (the load generator itself, on the same two
cores). A subgraph row of a query that needs several subgraphs is the sum of the fetches the
gateway makes (their req/s combined as 1 / Σ 1/(req/s), latencies added).

${resultTable(report.rows)}

${ratioTable(report.rows)}

Subgraph fetches of the multi-subgraph queries, replayed one by one:

${resultTable(report.rows.flatMap((row) => row.parts ?? []))}

### Statement counts by list size

${['| items in the list | SQL statements | items returned |', '|---:|---:|---:|', ...report.flat.map((f) => `| ${f.items} | ${f.statements} | ${f.returned} |`)].join('\n')}

### Mutation under load: nothing lost

${['| via | requests that succeeded | rows written |', '|---|---:|---:|', ...report.mutation.map((m) => `| ${m.target} | ${m.succeeded} | ${m.written} |`)].join('\n')}

### Hive Gateway

${report.hive}
${report.grafbase === undefined ? '' : `
### Grafbase

${report.grafbase}
`}
### Memory

Resident set of each process when started (idle), its peak under the load (sampled every 100 ms
from /proc), and at the end of the run V8's heap (used / reserved) and memory outside it.

${['| process | idle RSS MB | peak RSS MB | heap used / total MB at the end | external MB | RSS at the end MB |', '|---|---:|---:|---:|---:|---:|',
  ...report.memory.map((m) => `| ${m.service} | ${fixed(m.idleRssMb)} | ${fixed(m.peakRssMb)} | ${fixed(m.heapUsedMb)} / ${fixed(m.heapTotalMb)} | ${fixed(m.externalMb)} | ${fixed(m.rssMb)} |`)].join('\n')}

## Where the CPU goes

V8's sampling profiler (node:inspector) in the running process over 10 s of the same load, after a
warm-up; self time by package and by function.

${report.profiles.map(profileMarkdown).join('\n')}

## What holds the aggregates back

${report.explains.map((e) => `### ${e.title}

One run alone: ${fixed(e.ms)} ms. Where the time goes (plan nodes by their own time):

${e.hotspots.map((h) => `- ${h}`).join('\n')}

<details><summary>EXPLAIN (ANALYZE, BUFFERS)</summary>

\`\`\`sql
${e.statement.trim()}
\`\`\`

\`\`\`
${e.plan}
\`\`\`

</details>`).join('\n\n')}

${report.notes.length ? `## Notes\n\n${report.notes.map((note) => `- ${note}`).join('\n')}\n` : ''}
<details><summary>Subjects</summary>

\`\`\`json
${JSON.stringify(report.subjects, null, 2)}
\`\`\`

</details>
`;
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Appends the Benchmark section to the README once, then only replaces what lies between its markers. */
export function updateReadme(readmePath: string, report: BenchReport, resultsFile: string): void {
  if (!existsSync(readmePath)) return;
  const readme = readFileSync(readmePath, 'utf8');
  const block = `${BEGIN}
Latest run: [${resultsFile}](${resultsFile}) (${report.date}; ${report.machine}${report.seed ? `; data: ${report.seed}` : ''}). Median requests per
second at ${report.connections} connections, p50 latency, and SQL statements per request:

${compactTable(report.rows)}

${verdictTable(report.verdicts)}
${END}`;
  if (readme.includes(BEGIN) && readme.includes(END)) {
    writeFileSync(readmePath, readme.slice(0, readme.indexOf(BEGIN)) + block + readme.slice(readme.indexOf(END) + END.length));
    return;
  }
  const section = `
## Benchmark

\`npm run seed:scale -- --years 5\` fills a separate database (\`hoi_scale\`) with national-size data
generated in SQL; \`npm run bench\` starts each subgraph, \`@apollo/gateway\`, Hive Gateway, Grafbase and a
raw-SQL floor as child processes against it and measures each scenario of issue 8 three ways with
autocannon (\`--help\` lists the options). Results, the chart and the query plans go to
\`bench/results/<date>.md\`.

${block}
`;
  writeFileSync(readmePath, `${readme.trimEnd()}\n${section}`);
}

function compactTable(rows: Measured[]): string {
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  const grafbase = withGrafbase(rows);
  const lines = [`| scenario | SQL floor | subgraph | @apollo/gateway | Hive Gateway |${grafbase ? ' Grafbase |' : ''}`, `|---|---|---|---|---|${grafbase ? '---|' : ''}`];
  for (const scenario of scenarios) {
    const cell = (target: string) => {
      const row = rows.find((r) => r.scenario === scenario && r.target === target && !r.detail);
      return row ? `${fixed(row.rps, row.rps < 10 ? 1 : 0)}/s, ${ms(row.p50)} ms${row.statements !== null ? `, ${row.statements} stmt` : ''}` : '–';
    };
    const title = rows.find((r) => r.scenario === scenario)!.title;
    lines.push(`| ${scenario} ${title} | ${cell('floor')} | ${cell('subgraph')} | ${cell('gateway')} | ${cell('hive')} |${grafbase ? ` ${cell('grafbase')} |` : ''}`);
  }
  return lines.join('\n');
}
