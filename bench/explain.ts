import type pg from 'pg';
import { UnitEdition } from '@hoi/common/references';
import { clubStatisticsPlainSql, clubStatisticsSql } from '../subgraphs/elderly/src/member/club-statistics.sql.ts';
import { ClubGrouping } from '../subgraphs/elderly/src/member/club-member.type.ts';
import { ELDERLY_TOTALS_SQL } from '../subgraphs/elderly/src/cluster-totals/cluster-totals.loaders.ts';
import { createReliefLoaders } from '../subgraphs/red-cross/src/relief/relief-activity.loaders.ts';
import { ReliefDimension } from '../subgraphs/red-cross/src/relief/relief-activity.type.ts';
import { reliefSummaryRollupSql, reliefSummarySql } from '../subgraphs/red-cross/src/relief/relief-summary.sql.ts';
import { decodeCursor } from '@hoi/common/pagination';
import { completenessSql } from '@hoi/common/period-report';
import { NATIONAL_COMPLETENESS_SQL } from '../subgraphs/red-cross/src/period-report/period-report.plug.ts';
import { provinceChaptersSql } from '../subgraphs/red-cross/src/period-report/reporting-completeness.loaders.ts';
import { PAGE_SIZE, type Subjects } from './scenarios.ts';

export interface Explained {
  title: string;
  statement: string;
  plan: string;
  hotspots: string[];
  ms: number;
}

/**
 * The subgraphs' own statements behind the slow scenarios, taken from their modules (the SQL
 * builders, or a loader run against a recording entity manager), EXPLAINed on the scale data.
 */
export async function explainSlowStatements(client: pg.Client, s: Subjects, only: Set<string> | null): Promise<Explained[]> {
  const wanted = (id: string) => !only || only.has(id);
  const explains: Explained[] = [];
  if (wanted('S2')) {
    const { rows: pairs } = await client.query(
      `select cluster_id, elderly_association_id as association_id from emulation.cluster_member where cluster_id = $1 and elderly_association_id is not null`,
      [s.clusterId],
    );
    const json = JSON.stringify(pairs);
    explains.push(await explain(client, `S2: elderlyTotals (the elderly subgraph's statement for the cluster's member associations: funds and clubs from their roll-ups, as of ${s.periodEnd})`,
      ELDERLY_TOTALS_SQL, [json, s.periodEnd]));
  }
  if (wanted('S5')) {
    // The statement the red-cross subgraph runs for a page of a chapter's activities, captured from its own loader.
    const captured: { query: string; params: unknown[] }[] = [];
    // As if in a transaction: `prepared` then hands the statement to `execute` with its lists as
    // array literals, the text and values the service prepares (here inlined, to EXPLAIN it).
    const recorder = { execute: async (query: string, params: unknown[]) => { captured.push({ query, params }); return []; }, getLoggerContext: () => ({}), getTransactionContext: () => ({}) };
    const loaders = createReliefLoaders(recorder as never);
    await loaders.ReliefActivitiesByChapterIdLoader.load({ parentId: s.pageChapterId, page: { first: PAGE_SIZE, after: null } });
    if (s.deepCursor) await loaders.ReliefActivitiesByChapterIdLoader.load({ parentId: s.pageChapterId, page: { first: PAGE_SIZE, after: decodeCursor(s.deepCursor) } });
    for (const [index, statement] of captured.entries()) {
      explains.push(await explain(client, `S5: page ${index === 0 ? 1 : s.deepPage} of ${s.pageChapterName}'s ${s.pageChapterActivities.toLocaleString('en-US')} relief activities (the red-cross subgraph's statement)`, statement.query, statement.params));
    }
  }
  if (wanted('S3')) {
    const params = [s.nationalChapterId, s.periodStart, s.periodEnd];
    explains.push(await explain(client, `S3: reliefSummary(groupBy: [PROVINCE], unitEdition: CURRENT) of the national chapter, ${s.year}, from the roll-up (the red-cross subgraph's statement)`,
      reliefSummaryRollupSql([ReliefDimension.PROVINCE], UnitEdition.CURRENT, 'NATIONAL'), params));
    explains.push(await explain(client, 'S3: the plain GROUP BY over the activities that the roll-up replaces (gives the same rows; a test checks that)',
      reliefSummarySql([ReliefDimension.PROVINCE], UnitEdition.CURRENT), params));
  }
  if (wanted('S4')) {
    const params = [null, s.periodEnd, null];
    explains.push(await explain(client, `S4: national clubStatistics(groupBy: CURRENT_PROVINCE), ${s.year}, from the roll-up (the elderly subgraph's statement)`,
      clubStatisticsSql(ClubGrouping.CURRENT_PROVINCE), params));
    explains.push(await explain(client, 'S4: the plain statement over clubs and members that the roll-up replaces (gives the same rows; a test checks that)',
      clubStatisticsPlainSql(ClubGrouping.CURRENT_PROVINCE), params));
  }
  if (wanted('S7')) {
    const params = ['ACTIVITIES', s.reportPeriod.type, s.reportPeriodStart, s.reportPeriodEnd];
    explains.push(await explain(client, `S7: nationalReportingCompleteness(unitEdition: CURRENT), ${s.reportPeriodStart} – ${s.reportPeriodEnd}, from the roll-ups (the red-cross subgraph's statement)`,
      NATIONAL_COMPLETENESS_SQL[UnitEdition.CURRENT], params));
    explains.push(await explain(client, 'S7: the plain statement over every chapter and its report that the roll-ups replace (gives the same rows; a test checks that)',
      completenessSql('red_cross', provinceChaptersSql(UnitEdition.CURRENT), { list: false, wide: true }), params));
  }
  return explains;
}

/** An app statement with MikroORM's ? placeholders replaced by literals, as MikroORM itself sends it (lists expanded). */
function inline(client: pg.Client, statement: string, params: unknown[]): string {
  const literal = (value: unknown): string =>
    value === null || value === undefined ? 'null'
      : Array.isArray(value) ? value.map(literal).join(', ')
        : typeof value === 'number' || typeof value === 'boolean' ? String(value)
          : client.escapeLiteral(String(value));
  let index = 0;
  return statement.replace(/\?/g, () => literal(params[index++]));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'CTE Name'?: string;
  'Subplan Name'?: string;
  'Actual Total Time': number;
  'Actual Loops': number;
  'Actual Rows': number;
  Plans?: PlanNode[];
}

/** EXPLAIN ANALYZE of an app statement, with its hottest plan nodes by their own time. */
export async function explain(client: pg.Client, title: string, statement: string, params: unknown[]): Promise<Explained> {
  const text = inline(client, statement, params);
  // As the services run it (openOrm): without JIT, whose compile time the plan would put on its top node.
  await client.query('set jit = off');
  const started = performance.now();
  await client.query(text);
  const ms = performance.now() - started;
  const json = (await client.query(`explain (analyze, buffers, format json) ${text}`)).rows[0]['QUERY PLAN'][0];
  const plan = (await client.query(`explain (analyze, buffers) ${text}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
  return { title, statement: text, plan, hotspots: hotspots(json), ms };
}

/**
 * Self time per plan node: its time minus its children's. A CTE is computed while its first scan
 * reads it, so that scan's time also holds the CTE's own plan: it is taken out once.
 */
export function hotspots(json: { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }, top = 5): string[] {
  const cteTime = new Map<string, number>();
  const collect = (node: PlanNode) => {
    const name = /^CTE (.+)$/.exec(node['Subplan Name'] ?? '')?.[1];
    if (name) cteTime.set(name, node['Actual Total Time'] * node['Actual Loops']);
    for (const child of node.Plans ?? []) collect(child);
  };
  collect(json.Plan);
  const nodes: { label: string; self: number }[] = [];
  // A node's time without the CTE plans computed inside it and defined above it: those count once,
  // in the CTE's own plan node, under the node that defines the CTE.
  const walk = (node: PlanNode): { time: number; pending: Map<string, number> } => {
    const raw = node['Actual Total Time'] * node['Actual Loops'];
    const cte = node['Node Type'] === 'CTE Scan' ? node['CTE Name'] : undefined;
    const pending = new Map<string, number>();
    if (cte && cteTime.has(cte)) {
      pending.set(cte, cteTime.get(cte)!);
      cteTime.delete(cte);
    }
    let children = 0;
    const defined: string[] = [];
    for (const child of node.Plans ?? []) {
      const walked = walk(child);
      children += walked.time;
      for (const [name, time] of walked.pending) pending.set(name, (pending.get(name) ?? 0) + time);
      const name = /^CTE (.+)$/.exec(child['Subplan Name'] ?? '')?.[1];
      if (name) defined.push(name);
    }
    for (const name of defined) pending.delete(name);
    const time = Math.max(0, raw - [...pending.values()].reduce((sum, t) => sum + t, 0));
    const label = `${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${cte ? ` (CTE ${cte})` : ''}${node['Subplan Name'] ? ` [${node['Subplan Name']}]` : ''}`;
    nodes.push({ label: `${label}: ${Math.round(node['Actual Rows'] * node['Actual Loops']).toLocaleString('en-US')} rows over ${node['Actual Loops'].toLocaleString('en-US')} loop(s)`, self: Math.max(0, time - children) });
    return { time, pending };
  };
  walk(json.Plan);
  const execution = json['Execution Time'];
  const lines = nodes.sort((a, b) => b.self - a.self).slice(0, top).map((node) => `${node.label} — ${Math.round(node.self).toLocaleString('en-US')} ms (${Math.round((100 * node.self) / execution)} %)`);
  lines.push(`execution ${Math.round(execution).toLocaleString('en-US')} ms, planning ${Math.round(json['Planning Time'])} ms`);
  return lines;
}
