import { randomUUID } from 'node:crypto';
import type { FuzzCase } from './cases.ts';

/**
 * Codes a refusal of bad input may carry: each is documented and stable. The reporting cycle's
 * own refusals are among them: a case may find the fuzz report in a state another case left it in.
 */
export const REFUSAL_CODES = new Set(['BAD_USER_INPUT', 'INVALID_CURSOR', 'NOT_FOUND', 'CONFLICT', 'RULE_VIOLATION', 'INVALID_TRANSITION', 'CHILDREN_NOT_APPROVED', 'PERIOD_LOCKED']);

export type Route = 'gateway' | 'subgraph';

export interface Failure {
  route: Route;
  fuzzCase: FuzzCase;
  problem: string;
  status: number;
  errors: unknown;
}

export interface RunReport {
  sent: number;
  refused: number;
  accepted: number;
  /** Refusals whose field is not the path fuzzed (informative: another rule may speak first). */
  otherField: number;
  otherFieldExamples: string[];
  failures: Failure[];
  ms: number;
}

interface Body {
  data?: unknown;
  errors?: { message?: string; extensions?: { code?: unknown; field?: unknown } }[];
}

/** What is wrong with one answer, or null. */
function judge(fuzzCase: FuzzCase, status: number, body: Body | null): string | null {
  if (status >= 500) return `HTTP ${status}`;
  if (!body) return 'an answer that is not JSON';
  const errors = body.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR')) return 'INTERNAL_SERVER_ERROR';
  if (status === 429) return 'rate limited (the suite must stay under the limit)';
  const unstable = errors.find((error) => !REFUSAL_CODES.has(String(error.extensions?.code)));
  if (unstable) return `refused with the code ${String(unstable.extensions?.code)}`;
  if (errors.some((error) => typeof error.extensions?.field !== 'string' || !error.extensions.field)) return 'a refusal that names no field';
  if (!errors.length && fuzzCase.variant.mustRefuse) return 'accepted';
  return null;
}

const expectedField = (path: string) => (path === 'input' ? 'input' : path.replace(/^input\./, ''));

/**
 * Sends every case to the gateway and to the subgraph that owns the field, `concurrency` at a
 * time, each with a token of its own subject so the per-caller rate limit is not what answers.
 */
export async function runCases(
  cases: FuzzCase[],
  urls: { gateway: string; subgraphs: Record<string, string> },
  tokens: string[],
  concurrency: number,
): Promise<RunReport> {
  const started = performance.now();
  const report: RunReport = { sent: 0, refused: 0, accepted: 0, otherField: 0, otherFieldExamples: [], failures: [], ms: 0 };
  const jobs = cases.flatMap((fuzzCase) => (['gateway', 'subgraph'] as Route[]).map((route) => ({ fuzzCase, route })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { fuzzCase, route } = jobs[next];
      const token = tokens[next++ % tokens.length];
      const url = route === 'gateway' ? urls.gateway : urls.subgraphs[fuzzCase.subgraph];
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': `fuzz-${fuzzCase.id}-${route}-${randomUUID().slice(0, 8)}` },
        body: JSON.stringify({ query: fuzzCase.query, variables: fuzzCase.variables }),
      });
      const text = await response.text();
      let body: Body | null = null;
      try {
        body = JSON.parse(text) as Body;
      } catch {
        body = null;
      }
      report.sent++;
      const problem = judge(fuzzCase, response.status, body);
      if (problem) report.failures.push({ route, fuzzCase, problem, status: response.status, errors: body?.errors ?? text.slice(0, 300) });
      if (body?.errors?.length) {
        report.refused++;
        if (!body.errors.some((error) => String(error.extensions?.field ?? '').startsWith(expectedField(fuzzCase.path)))) {
          report.otherField++;
          if (report.otherFieldExamples.length < 200) {
            report.otherFieldExamples.push(`${route} ${fuzzCase.operation} ${fuzzCase.path} = ${fuzzCase.variant.label}: ${body.errors.map((error) => `${String(error.extensions?.code)} ${String(error.extensions?.field)} ${error.message}`).join(' | ')}`);
          }
        }
      } else if (body) report.accepted++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** Failures grouped by the class of bad value, then by problem, with an example of each. */
export function groupFailures(failures: Failure[]): Record<string, { count: number; examples: string[] }> {
  const groups: Record<string, { count: number; examples: string[] }> = {};
  for (const failure of failures) {
    const key = `${failure.fuzzCase.variant.cls}: ${failure.problem}`;
    const group = (groups[key] ??= { count: 0, examples: [] });
    group.count++;
    const example = `${failure.route} ${failure.fuzzCase.operation} ${failure.fuzzCase.path} = ${failure.fuzzCase.variant.label}`;
    if (group.examples.length < 8 && !group.examples.includes(example)) group.examples.push(example);
  }
  return groups;
}
