import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { foldVietnamese } from '@hoi/common/text';
import { seedAssociationWithClubs } from '../club/club.seed.ts';
import { fundFiguresRollupSql, fundFiguresSql, SCOPES } from './club-fund.sql.ts';
import { ELDERLY_TOTALS_SQL } from '../cluster-totals/cluster-totals.loaders.ts';
import type { WholeVnd } from '@hoi/common/scalars';

/**
 * The fund roll-up (elderly.club_fund_month) against the ledger: every figure the roll-up statement
 * gives at a month's end equals the ledger statement's, for generated ledgers (inflows, loans with
 * and without due days, partial and full repayments, reversals of every kind, several entries a
 * day, single and multi-row inserts, entries out of date order), for clubs, association subtrees,
 * clusters of members and report organisations, and under concurrent writers. The roll-up one
 * level up (elderly.association_fund_month, per ancestor association) gives a cluster's fund
 * totals (ELDERLY_TOTALS_SQL) equal to the ledger's, before and after clubs and associations move,
 * and what its triggers keep equals its rebuild.
 */

const M = 1_000_000;
const INFLOWS = ['STARTING_GRANT', 'MEMBER_CONTRIBUTION', 'SOCIETY_RAISED', 'INTEREST', 'FEE'];
type Scope = keyof typeof SCOPES;

/** A small deterministic generator (mulberry32): a failing case can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)), pick: <T>(items: T[]) => items[Math.floor(next() * items.length)] };
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day of every month from `first` (YYYY-MM) to `last`. */
function monthEnds(first: string, last: string): string[] {
  const ends: string[] = [];
  for (let [year, month] = first.split('-').map(Number); `${year}-${String(month).padStart(2, '0')}` <= last; month === 12 ? (year++, month = 1) : month++) {
    ends.push(new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10));
  }
  return ends;
}

interface Entry {
  id: string;
  clubId: string;
  kind: string;
  amountVnd: WholeVnd;
  occurredOn: string;
  borrowerRef: string | null;
  dueOn: string | null;
  reversesId: string | null;
}

/**
 * A club's ledger from `first` to `last`, in date order, with everything the rules allow and a few
 * things only the mutations refuse (repaying more than owed after a loan is reversed, say): the
 * roll-up must agree with the ledger statement whatever is stored.
 */
function generateLedger(rnd: ReturnType<typeof random>, clubId: string, first: string, last: string): Entry[] {
  const entries: Entry[] = [];
  const owed = new Map<string, number>();
  const reversed = new Set<string>();
  const borrowers = ['Lò Văn A', 'Quàng Thị B', 'Tòng Văn C', 'Vì Thị D'];
  const add = (entry: Omit<Entry, 'id' | 'clubId'>) => entries.push({ id: randomUUID(), clubId, ...entry });
  add({ kind: 'STARTING_GRANT', amountVnd: 30 * M, occurredOn: first, borrowerRef: null, dueOn: null, reversesId: null });
  for (let day = first; ; ) {
    day = addDays(day, rnd.next() < 0.25 ? 0 : rnd.int(1, 15));
    if (day > last) break;
    const roll = rnd.next();
    const owing = [...owed].filter(([, amount]) => amount > 0);
    if (roll < 0.3) {
      add({ kind: rnd.pick(INFLOWS), amountVnd: rnd.int(1, 40) * 100_000, occurredOn: day, borrowerRef: null, dueOn: null, reversesId: null });
    } else if (roll < 0.55) {
      const borrower = rnd.pick(borrowers);
      const amount = rnd.int(5, 50) * 100_000;
      // Due days fall anywhere in a month (overdue from the next day), or never.
      add({ kind: 'LOAN_DISBURSED', amountVnd: amount, occurredOn: day, borrowerRef: borrower, dueOn: rnd.next() < 0.15 ? null : addDays(day, rnd.int(0, 200)), reversesId: null });
      owed.set(borrower, (owed.get(borrower) ?? 0) + amount);
    } else if (roll < 0.85 && owing.length) {
      const [borrower, amount] = rnd.pick(owing);
      const paid = rnd.next() < 0.3 ? amount : Math.max(1, Math.floor(amount * rnd.next()));
      add({ kind: 'REPAYMENT', amountVnd: paid, occurredOn: day, borrowerRef: borrower, dueOn: null, reversesId: null });
      owed.set(borrower, amount - paid);
    } else {
      const candidates = entries.filter((entry) => entry.kind !== 'REVERSAL' && !reversed.has(entry.id));
      if (!candidates.length) continue;
      const target = rnd.pick(candidates);
      reversed.add(target.id);
      add({ kind: 'REVERSAL', amountVnd: target.amountVnd, occurredOn: day, borrowerRef: null, dueOn: null, reversesId: target.id });
      if (target.borrowerRef) {
        const sign = target.kind === 'LOAN_DISBURSED' ? -1 : 1;
        owed.set(target.borrowerRef, (owed.get(target.borrowerRef) ?? 0) + sign * target.amountVnd);
      }
    }
  }
  return entries;
}

/** Inserts entries in one statement (the roll-up trigger runs once for all of them). */
async function insertEntries(client: pg.Client, entries: Entry[]): Promise<void> {
  const params: unknown[] = [];
  const rows = entries.map((entry) => {
    const values = [entry.id, entry.clubId, entry.kind, entry.amountVnd, entry.occurredOn, `${entry.kind} ${entry.occurredOn}`, entry.borrowerRef, entry.dueOn, entry.reversesId];
    const placeholders = values.map((value) => `$${params.push(value)}`);
    return `(${placeholders.join(', ')})`;
  });
  await client.query(
    `insert into elderly.club_fund_entry (id, club_id, kind, amount_vnd, occurred_on, note, borrower_ref, due_on, reverses_id) values ${rows.join(', ')}`,
    params,
  );
}

/**
 * Ledgers interleaved by day across clubs, in statements of 1 to 40 rows; a reversal never shares a
 * statement with the entry it undoes (the reversal trigger reads that entry). Returns every entry.
 */
async function insertInterleaved(client: pg.Client, rnd: ReturnType<typeof random>, ledgers: Entry[][]): Promise<Entry[]> {
  const all = ledgers.flat().sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  let batch: Entry[] = [];
  let size = 1;
  for (const entry of all) {
    if (batch.length >= size || (entry.reversesId && batch.some((pending) => pending.id === entry.reversesId))) {
      await insertEntries(client, batch);
      batch = [];
      size = rnd.next() < 0.5 ? 1 : rnd.int(2, 40);
    }
    batch.push(entry);
  }
  await insertEntries(client, batch);
  return all;
}

/** A statement written for MikroORM (`?` placeholders) with its parameters inlined, a list as one array literal. */
function inline(query: string, params: unknown[]): string {
  const literal = (value: unknown): string =>
    value === null
      ? 'null'
      : // A list is bound as one array value (`= any(?::uuid[])`), as prepared() binds it.
        Array.isArray(value)
        ? literal(`{${value.map((item) => `"${String(item)}"`).join(',')}}`)
        : `'${String(value).replaceAll('\'', '\'\'')}'`;
  let index = 0;
  const bound = query.replace(/\?/g, () => literal(params[index++]));
  expect(index).toBe(params.length);
  return bound;
}

/** The ledger statement's and the roll-up statement's rows for the same roots and day, sorted by root. */
async function bothFigures(client: pg.Client, scope: Scope, day: string, roots: unknown) {
  const run = async (statement: string) =>
    (await client.query(inline(statement, [day, roots]))).rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { ledger: await run(fundFiguresSql(scope)), rollup: await run(fundFiguresRollupSql(scope)) };
}

/**
 * An association tree (province → two districts → communes) with clubs at every level. Inserted
 * with their parents (no update that would move a subtree and lock the club statistics roll-up).
 */
async function seedTree(client: pg.Client, tag: string) {
  const level = async (name: string, kind: 'PROVINCE' | 'DISTRICT' | 'COMMUNE', parent: string | null, clubs: number) => {
    const id = randomUUID();
    const full = `Hội NCT ${name} ${tag}`;
    await client.query('insert into elderly.association (id, parent_id, level, name, name_folded) values ($1, $2, $3, $4, $5)', [id, parent, kind, full, foldVietnamese(full)]);
    const clubIds = Array.from({ length: clubs }, () => randomUUID());
    for (const [index, clubId] of clubIds.entries()) {
      const club = `CLB ${name} ${tag} số ${index + 1}`;
      await client.query('insert into elderly.club (id, association_id, name, name_folded) values ($1, $2, $3, $4)', [clubId, id, club, foldVietnamese(club)]);
    }
    return { id, clubs: clubIds };
  };
  const province = await level('tỉnh', 'PROVINCE', null, 1);
  const north = await level('huyện Bắc', 'DISTRICT', province.id, 1);
  const c1 = await level('xã Một', 'COMMUNE', north.id, 3);
  const c2 = await level('xã Hai', 'COMMUNE', north.id, 2);
  const south = await level('huyện Nam', 'DISTRICT', province.id, 0);
  const c3 = await level('xã Ba', 'COMMUNE', south.id, 2);
  return { province, north, c1, c2, south, c3, clubs: [province, north, c1, c2, c3].flatMap((unit) => unit.clubs) };
}

/** Ledger statement rows of disjoint subtrees added up, as one root `id`'s (a cluster of them). */
const sumFigures = (rows: Record<string, unknown>[], id: string) => ({
  ...Object.fromEntries(Object.keys(rows[0]).filter((key) => key !== 'id' && key !== 'asOf').map((key) => [key, typeof rows[0][key] === 'number'
    ? rows.reduce((total, row) => total + Number(row[key]), 0)
    : String(rows.reduce((total, row) => total + BigInt(row[key] as string), 0n))])),
  id, asOf: rows[0].asOf,
});

/** The fund figures of ELDERLY_TOTALS_SQL (a cluster's elderlyTotals, from the per-association roll-up) equal `expected` (the ledger's). */
async function expectClusterFunds(client: pg.Client, day: string, pairs: string, expected: Record<string, unknown>[]) {
  const funds = (row: Record<string, unknown>) => ({ id: row.id ?? row.clusterId, totalFund: row.totalFund, contributedOrRaised: row.contributedOrRaised, outOnLoan: row.outOnLoan, borrowers: row.borrowers });
  const rows = (await client.query(inline(ELDERLY_TOTALS_SQL, [pairs, day]))).rows.map(funds).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  expect(rows, `elderlyTotals ${day}`).toEqual(expected.map(funds));
}

/** The non-zero rows of elderly.association_fund_month of some associations. */
async function associationRows(client: pg.Client, ids: string[]) {
  return (await client.query(`
    select association_id, to_char(month, 'YYYY-MM') as month, total_fund::text, contributed_or_raised::text, out_on_loan::text, borrowers, overdue_loans, overdue_amount::text
      from elderly.association_fund_month
     where association_id = any ($1::uuid[]) and (total_fund, contributed_or_raised, out_on_loan, borrowers, overdue_loans, overdue_amount) <> (0, 0, 0, 0, 0, 0)
     order by 1, 2`, [ids])).rows;
}

/**
 * The rows of these associations that differ from the sums of the club rows of their subtrees
 * (what a rebuild writes), read without a lock: none is expected.
 */
async function associationMismatches(client: pg.Client, ids: string[]) {
  const figures = ['total_fund', 'contributed_or_raised', 'out_on_loan', 'borrowers', 'overdue_loans', 'overdue_amount'];
  return (await client.query(`
    with recursive below (root_id, id) as (
      select id, id from unnest($1::uuid[]) as t (id)
      union
      select below.root_id, a.id from elderly.association a join below on a.parent_id = below.id
    ),
    expected as (
      select below.root_id as association_id, f.month, ${figures.map((f) => `sum(f.${f}) as ${f}`).join(', ')}
        from below join elderly.club c on c.association_id = below.id join elderly.club_fund_month f on f.club_id = c.id
       group by 1, 2
    ),
    kept as (select * from elderly.association_fund_month where association_id = any ($1::uuid[]))
    select coalesce(e.association_id, k.association_id) as association_id, coalesce(e.month, k.month) as month
      from expected e full join kept k on k.association_id = e.association_id and k.month = e.month
     where row(${figures.map((f) => `coalesce(e.${f}, 0)`).join(', ')}) is distinct from row(${figures.map((f) => `coalesce(k.${f}, 0)`).join(', ')})`, [ids])).rows;
}

/** What the triggers kept of these associations equals their rebuild (which locks writers out until the transaction ends). */
async function expectAssociationRollupAsRebuilt(client: pg.Client, ids: string[]) {
  const kept = await associationRows(client, ids);
  await client.query('select elderly.rebuild_association_fund_rollup($1::uuid[])', [ids]);
  expect(await associationRows(client, ids)).toEqual(kept);
}

describe('club fund roll-up (elderly.club_fund_month)', () => {
  it('gives every figure the ledger gives, at every month\'s end, for generated ledgers and every scope', async () => {
    // All in one transaction, rolled back: the generated years (2106–2109) never reach the shared database.
    await withDatabase(async (client) => {
      await client.query('begin');
      try {
        const tree = await seedTree(client, 'cuộn');
        const rnd = random(2106);
        const ledgers = tree.clubs.map((clubId) => generateLedger(rnd, clubId, '2106-01-03', '2109-11-20'));
        const all = await insertInterleaved(client, rnd, ledgers);
        expect(all.length).toBeGreaterThan(1500);

        const pairs = JSON.stringify([
          // nested members (a commune inside a member district) count once
          { cluster_id: 'k1', association_id: tree.c1.id }, { cluster_id: 'k1', association_id: tree.north.id },
          { cluster_id: 'k2', association_id: tree.c3.id }, { cluster_id: 'k2', association_id: tree.c2.id },
          { cluster_id: 'k3', association_id: tree.province.id },
        ]);
        const associations = [tree.province, tree.north, tree.c1, tree.c2, tree.south, tree.c3].map((unit) => unit.id);
        let compared = 0;
        const seen = { borrowers: 0, overdueLoans: 0, outOnLoan: 0 };
        for (const [index, day] of monthEnds('2105-12', '2110-08').entries()) {
          // Every club at every month's end; the other scopes (the same clubs' rows summed another
          // way) every third month.
          const cases: [Scope, unknown][] = [
            ['club', tree.clubs],
            ...(index % 3 === 0 ? [['association', associations], ['organisation', tree.north.id], ['organisation', tree.c2.clubs[0]]] as [Scope, unknown][] : []),
          ];
          for (const [scope, roots] of cases) {
            const { ledger, rollup } = await bothFigures(client, scope, day, roots);
            expect(ledger.length).toBeGreaterThan(0);
            expect(rollup, `${scope} ${day}`).toEqual(ledger);
            compared += ledger.length;
            for (const row of ledger) {
              if (row.borrowers > 0) seen.borrowers++;
              if (row.overdueLoans > 0) seen.overdueLoans++;
              if (row.outOnLoan !== '0') seen.outOnLoan++;
            }
            if (scope === 'association') {
              // A cluster's figures are those of its members' subtrees, each club once (clubs are
              // disjoint, and so are their borrowers): from the ledger statement's subtrees. The
              // ledger statement over the cluster scope itself plans badly inside this transaction.
              const of = (id: string) => ledger.find((row) => row.id === id)!;
              const expected = [sumFigures([of(tree.north.id)], 'k1'), sumFigures([of(tree.c2.id), of(tree.c3.id)], 'k2'), sumFigures([of(tree.province.id)], 'k3')];
              const rows = (await client.query(inline(fundFiguresRollupSql('clusterMembers'), [day, pairs]))).rows.sort((a, b) => a.id.localeCompare(b.id));
              expect(rows, `clusterMembers ${day}`).toEqual(expected);
              await expectClusterFunds(client, day, pairs, expected);
            }
          }
        }
        expect(compared).toBeGreaterThan(500);
        // Read-only checks first: a rebuild inside this transaction would hold up every fund writer
        // of the other test files until the rollback.
        const keptAssociationRows = await associationRows(client, associations);
        expect(keptAssociationRows.length).toBeGreaterThan(100);
        expect(await associationMismatches(client, associations)).toEqual([]);
        // The cases are not vacuous: borrowers, overdue loans and money out on loan at many month ends.
        expect(Math.min(seen.borrowers, seen.overdueLoans, seen.outOnLoan)).toBeGreaterThan(100);

        // What the trigger kept, statement by statement, is what a rebuild from the ledger gives.
        await client.query('create temp table kept on commit drop as select * from elderly.club_fund_month where club_id = any ($1::uuid[])', [tree.clubs]);
        await client.query('select elderly.rebuild_club_fund_rollup()');
        const { rows } = await client.query(`
          with rebuilt as (select * from elderly.club_fund_month where club_id = any ($1::uuid[])),
          nonzero_kept as (select * from kept where (total_fund, contributed_or_raised, out_on_loan, borrowers, overdue_loans, overdue_amount) <> (0, 0, 0, 0, 0, 0))
          select (select count(*) from rebuilt)::int as rebuilt,
                 (select count(*) from (select * from nonzero_kept except all select * from rebuilt) x)::int as kept_only,
                 (select count(*) from (select * from rebuilt except all select * from nonzero_kept) x)::int as rebuilt_only`, [tree.clubs]);
        expect(rows[0].rebuilt).toBeGreaterThan(200);
        expect(rows[0]).toMatchObject({ kept_only: 0, rebuilt_only: 0 });
        // The per-association roll-up, refilled by the club roll-up's rebuild (a truncate, then its
        // insert through the triggers), is what the triggers kept statement by statement.
        expect(await associationRows(client, associations)).toEqual(keptAssociationRows);
      } finally {
        await client.query('rollback');
      }
    });
  }, 180_000);

  it('keeps a cluster\'s fund totals exact when a club moves to another commune and a commune to another district', async () => {
    // In a short transaction, rolled back: the moves lock the roll-ups against other writers until then.
    await withDatabase(async (client) => {
      await client.query('begin');
      try {
        const tree = await seedTree(client, 'dời');
        const rnd = random(2111);
        await insertInterleaved(client, rnd, tree.clubs.map((clubId) => generateLedger(rnd, clubId, '2111-01-03', '2111-12-20')));
        const associations = [tree.province, tree.north, tree.c1, tree.c2, tree.south, tree.c3].map((unit) => unit.id);
        await client.query('update elderly.club set association_id = $1 where id = $2', [tree.c3.id, tree.c1.clubs[0]]);
        await client.query('update elderly.association set parent_id = $1 where id = $2', [tree.south.id, tree.c2.id]);
        expect(await associationMismatches(client, associations)).toEqual([]);
        const pairs = JSON.stringify([{ cluster_id: 'k1', association_id: tree.north.id }, { cluster_id: 'k2', association_id: tree.south.id },
          { cluster_id: 'k3', association_id: tree.c3.id }, { cluster_id: 'k3', association_id: tree.c1.id }]);
        for (const day of ['2111-06-30', '2111-12-31']) {
          const ledger = (await client.query(inline(fundFiguresSql('association'), [day, associations]))).rows;
          const of = (id: string) => ledger.find((row) => row.id === id)!;
          // The moved commune's money is now the southern district's, the moved club's its new commune's.
          expect(of(tree.south.id).totalFund).not.toBe('0');
          await expectClusterFunds(client, day, pairs, [sumFigures([of(tree.north.id)], 'k1'), sumFigures([of(tree.south.id)], 'k2'),
            sumFigures([of(tree.c3.id), of(tree.c1.id)], 'k3')]);
        }
        expect((await associationRows(client, associations)).length).toBeGreaterThan(20);
        await expectAssociationRollupAsRebuilt(client, associations);
      } finally {
        await client.query('rollback');
      }
    });
  }, 120_000);

  it('loses nothing under concurrent writers: eight connections writing to the same borrowers, in any date order', async () => {
    const { associationId, clubIds } = await withDatabase((client) =>
      seedAssociationWithClubs(client, { name: 'Hội NCT xã Đồng Thời Cuộn', level: 'COMMUNE' }, [{ name: 'CLB Cuộn Một' }, { name: 'CLB Cuộn Hai' }]));
    const clubs = [...clubIds.values()];
    // Dated in 2100 (within the dates the API accepts), out of order on purpose: the trigger must not rely on it.
    await withDatabase((client) => insertEntries(client, clubs.map((clubId) => ({
      id: randomUUID(), clubId, kind: 'STARTING_GRANT', amountVnd: 100 * M, occurredOn: '2100-01-02', borrowerRef: null, dueOn: null, reversesId: null,
    }))));
    const writer = (seed: number) => withDatabase(async (client) => {
      const rnd = random(seed);
      let committed = 0;
      for (let transaction = 0; transaction < 6; transaction++) {
        await client.query('begin');
        try {
          // One club a transaction, as every mutation: two clubs in opposite orders could deadlock.
          const clubId = rnd.pick(clubs);
          for (let statement = rnd.int(1, 3); statement > 0; statement--) {
            // Up to October: due days and reversals stay within 2100, the last year the API accepts.
            const day = `2100-${String(rnd.int(1, 10)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
            const roll = rnd.next();
            const borrowerRef = rnd.pick(['Người vay chung 1', 'Người vay chung 2']);
            const entry: Entry = roll < 0.45
              ? { id: randomUUID(), clubId, kind: 'LOAN_DISBURSED', amountVnd: rnd.int(1, 9) * M, occurredOn: day, borrowerRef, dueOn: addDays(day, rnd.int(0, 60)), reversesId: null }
              : roll < 0.85
                ? { id: randomUUID(), clubId, kind: 'REPAYMENT', amountVnd: rnd.int(1, 9) * 500_000, occurredOn: day, borrowerRef, dueOn: null, reversesId: null }
                : { id: randomUUID(), clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: M, occurredOn: day, borrowerRef: null, dueOn: null, reversesId: null };
            await insertEntries(client, [entry]);
            // Now and then a reversal of a committed loan or repayment, which another writer may take first.
            if (rnd.next() < 0.2) {
              const { rows } = await client.query(`
                select e.id, e.amount_vnd, e.occurred_on::text as day from elderly.club_fund_entry e
                 where e.club_id = $1 and e.borrower_ref is not null and not exists (select 1 from elderly.club_fund_entry r where r.reverses_id = e.id)
                 order by random() limit 1`, [clubId]);
              if (rows[0]) {
                await client.query('savepoint reversal');
                try {
                  await insertEntries(client, [{ id: randomUUID(), clubId, kind: 'REVERSAL', amountVnd: Number(rows[0].amount_vnd), occurredOn: addDays(rows[0].day, rnd.int(0, 40)), borrowerRef: null, dueOn: null, reversesId: rows[0].id }]);
                } catch {
                  await client.query('rollback to savepoint reversal');
                }
              }
            }
          }
          await client.query('commit');
          committed++;
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
      }
      return committed;
    });
    const committed = await Promise.all(Array.from({ length: 8 }, (_, index) => writer(7000 + index)));
    expect(committed.reduce((sum, n) => sum + n, 0)).toBe(48);
    await withDatabase(async (client) => {
      const { rows } = await client.query('select count(*)::int as n from elderly.club_fund_entry where club_id = any ($1::uuid[])', [clubs]);
      expect(rows[0].n).toBeGreaterThan(60);
      for (const day of monthEnds('2099-12', '2100-12')) {
        const { ledger, rollup } = await bothFigures(client, 'club', day, clubs);
        expect(rollup, day).toEqual(ledger);
      }
      // Both clubs' writers added to the association's shared rows: nothing lost there either.
      expect((await associationRows(client, [associationId])).length).toBeGreaterThan(5);
      await expectAssociationRollupAsRebuilt(client, [associationId]);
    });
  }, 120_000);

  it('reads the roll-up through the API: concurrent mutations, then fundStatistics and club funds by period, exact and in one statement', async () => {
    const url = subgraphUrl('elderly');
    const { associationId, clubIds } = await withDatabase((client) =>
      seedAssociationWithClubs(client, { name: 'Hội NCT xã Cuộn Quỹ', level: 'COMMUNE' }, [{ name: 'CLB Cuộn Quỹ Một' }, { name: 'CLB Cuộn Quỹ Hai' }]));
    const clubs = [...clubIds.values()];
    // Grants and loans (one falls due in February) in 2013, before the concurrent writes of 15 March.
    const seeded = await withDatabase(async (client) => {
      const entries: Entry[] = clubs.flatMap((clubId) => [
        { id: randomUUID(), clubId, kind: 'STARTING_GRANT', amountVnd: 50 * M, occurredOn: '2013-01-05', borrowerRef: null, dueOn: null, reversesId: null },
        { id: randomUUID(), clubId, kind: 'SOCIETY_RAISED', amountVnd: 2 * M, occurredOn: '2013-01-06', borrowerRef: null, dueOn: null, reversesId: null },
        { id: randomUUID(), clubId, kind: 'LOAN_DISBURSED', amountVnd: 6 * M, occurredOn: '2013-02-01', borrowerRef: 'Bà Lò Thị Xuân', dueOn: '2013-02-28', reversesId: null },
        { id: randomUUID(), clubId, kind: 'LOAN_DISBURSED', amountVnd: 4 * M, occurredOn: '2013-02-10', borrowerRef: 'Ông Lường Văn Đông', dueOn: '2013-06-10', reversesId: null },
      ]);
      await insertEntries(client, entries);
      return entries;
    });
    const mutations = clubs.flatMap((clubId, index) => [
      [`mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { id } }`,
        { clubId, borrowerRef: 'Bà Lò Thị Xuân', amountVnd: 3 * M, occurredOn: '2013-03-15', dueOn: '2013-03-20', note: 'Vay thêm' }],
      [`mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`,
        { clubId, borrowerRef: 'Bà Lò Thị Xuân', amountVnd: 2 * M, occurredOn: '2013-03-15', note: 'Trả một phần' }],
      [`mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { id } }`,
        { clubId, borrowerRef: 'Ông Lường Văn Đông', amountVnd: 4 * M, occurredOn: '2013-03-15', note: 'Trả hết' }],
      [`mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`,
        { clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: M, occurredOn: '2013-03-15', note: 'Đóng góp' }],
      [`mutation ($input: ReverseFundEntryInput!) { reverseFundEntry(input: $input) { id } }`,
        { entryId: seeded[index * 4 + 1].id, occurredOn: '2013-03-15', note: 'Ghi nhầm' }],
    ] as const);
    const results = await Promise.all(mutations.map(([query, input]) => graphql(url, query, { input })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);

    const ledgerAt = (day: string, scope: Scope, roots: unknown) => withDatabase(async (client) =>
      (await client.query(inline(fundFiguresSql(scope), [day, roots]))).rows);
    for (const [period, day] of [[{ type: 'MONTH', year: 2013, index: 2 }, '2013-02-28'], [{ type: 'QUARTER', year: 2013, index: 1 }, '2013-03-31'],
      [{ type: 'YEAR', year: 2013 }, '2013-12-31']] as const) {
      const requestId = randomUUID();
      const result = await graphql<{ fundStatistics: Record<string, unknown> }>(url,
        `query ($id: ID!, $period: PeriodInput) { fundStatistics(associationId: $id, period: $period) { asOf clubs balance totalFund contributedOrRaised outOnLoan borrowers overdueLoans overdueAmount } }`,
        { id: associationId, period }, requestId);
      expect(result.errors).toBeUndefined();
      const [expected] = await ledgerAt(day, 'association', [associationId]);
      const { id: _id, ...figures } = expected;
      expect(result.data!.fundStatistics).toEqual(figures);
      expect((await statementsFor(requestId)).elderly).toBe(1);
    }
    // The March figures: the February loan overdue, partly repaid, topped up by a loan due on the 20th.
    const march = await graphql<Record<string, { fund: Record<string, unknown> }>>(url,
      `query ($a: ID!, $b: ID!) { a: club(id: $a) { fund(asOf: "2013-03-31") { borrowers overdueLoans overdueAmount outOnLoan } }
                                  b: club(id: $b) { fund(asOf: "2013-03-31") { borrowers overdueLoans overdueAmount outOnLoan } } }`, { a: clubs[0], b: clubs[1] });
    expect(march.errors).toBeUndefined();
    for (const club of Object.values(march.data!)) expect(club.fund).toEqual({ borrowers: 1, overdueLoans: 2, overdueAmount: String(7 * M), outOnLoan: String(7 * M) });
    const byClub = await ledgerAt('2013-03-31', 'club', clubs);
    for (const row of byClub) expect(row).toMatchObject({ borrowers: 1, overdueLoans: 2, overdueAmount: String(7 * M), outOnLoan: String(7 * M) });
  }, 120_000);
});
