import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnitEdition } from '@hoi/common/references';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import { ReliefDimension } from './relief-activity.type.ts';
import { RELIEF_BY_MONTH_ROLLUP_SQL, RELIEF_BY_MONTH_SQL, reliefSummaryRollupSql, reliefSummarySql, rollupAnswers } from './relief-summary.sql.ts';

const KINDS = ['GIFT_PACKAGES', 'FREE_MEALS', 'LIGHTING_WORKS', 'REGULAR_ASSISTANCE'];
const GROUPINGS: ReliefDimension[][] = [
  [],
  [ReliefDimension.PROVINCE],
  [ReliefDimension.CHILD_CHAPTER],
  [ReliefDimension.KIND, ReliefDimension.MONTH],
  [ReliefDimension.CAMPAIGN, ReliefDimension.PROVINCE],
  [ReliefDimension.MONTH, ReliefDimension.CHILD_CHAPTER, ReliefDimension.KIND],
];
const PERIODS = [
  ['2024-01-01', '2024-12-31'],
  ['2024-04-01', '2024-06-30'],
  ['2025-02-01', '2025-02-28'],
  ['2019-01-01', '2019-12-31'],
];

let ids: Map<string, string>;
let campaignId: string;

/** MikroORM's `?` placeholders as pg's `$n`. */
function numbered(statement: string): string {
  let index = 0;
  return statement.replace(/\?/g, () => `$${++index}`);
}

/** Every summary the roll-up answers, compared row for row with the plain GROUP BY over the activities. */
async function compareEverySummary(client: pg.Client): Promise<number> {
  let compared = 0;
  for (const [name, level] of [['Trung ương Thử', 'NATIONAL'], ['Hội CTĐ tỉnh Gộp', 'PROVINCE'], ['Hội CTĐ tỉnh Không Mã', 'PROVINCE']] as const) {
    for (const groupBy of GROUPINGS.filter((dimensions) => rollupAnswers(level, dimensions))) {
      for (const edition of [UnitEdition.BEFORE_2025, UnitEdition.CURRENT]) {
        for (const [start, end] of PERIODS) {
          const params = [ids.get(name), start, end];
          const plain = await client.query(numbered(reliefSummarySql(groupBy, edition)), params);
          const rolled = await client.query(numbered(reliefSummaryRollupSql(groupBy, edition, level)), params);
          expect(rolled.rows, `${name} by [${groupBy}] ${edition} ${start}`).toEqual(plain.rows);
          compared += 1;
        }
      }
    }
    for (const kind of [null, 'FREE_MEALS']) {
      for (const [start, end] of PERIODS) {
        const params = [ids.get(name), start, end, kind, kind, start, end];
        const plain = await client.query(numbered(RELIEF_BY_MONTH_SQL), params);
        const rolled = await client.query(numbered(RELIEF_BY_MONTH_ROLLUP_SQL), params);
        expect(rolled.rows, `${name} by month, ${kind}, ${start}`).toEqual(plain.rows);
      }
    }
  }
  return compared;
}

describe('the relief roll-up (reliefSummary and reliefByMonth of national and province chapters)', () => {
  beforeAll(async () => {
    ids = await withDatabase(async (client) => {
      const tree = await seedChapterTree(client, {
        name: 'Trung ương Thử',
        level: 'NATIONAL',
        children: [
          {
            // Bắc Giang, merged into Bắc Ninh by the reform.
            name: 'Hội CTĐ tỉnh Gộp',
            level: 'PROVINCE',
            unitId: 'BEFORE_2025:24',
            children: [
              { name: 'Hội CTĐ huyện Gộp Một', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Gộp Một A', level: 'GRASSROOTS', children: [{ name: 'Chi hội Gộp A1', level: 'BRANCH' }] }] },
              { name: 'Hội CTĐ xã Gộp Hai', level: 'GRASSROOTS' },
            ],
          },
          { name: 'Hội CTĐ tỉnh Giữ', level: 'PROVINCE', unitId: 'BEFORE_2025:01', children: [{ name: 'Hội CTĐ huyện Giữ', level: 'DISTRICT' }] },
          { name: 'Hội CTĐ tỉnh Không Mã', level: 'PROVINCE', children: [{ name: 'Hội CTĐ huyện Không Mã', level: 'DISTRICT' }] },
        ],
      });
      const campaign = randomUUID();
      await client.query(
        `insert into red_cross.campaign (id, name, scope, recurrence, organiser_chapter_id) values ($1, 'Tết Thử', 'NATIONAL', 'YEARLY', $2)`,
        [campaign, tree.get('Trung ương Thử')],
      );
      campaignId = campaign;
      // 400 activities spread over every chapter of the tree (the national one's own included), kinds, campaigns and months.
      const chapters = [...tree.values()];
      await client.query(
        `insert into red_cross.relief_activity (id, chapter_id, campaign_id, kind, quantity, people_reached, value_vnd, occurred_on)
         select gen_random_uuid(), ($1::uuid[])[1 + i % cardinality($1::uuid[])], case when i % 3 = 0 then $2::uuid end,
                ($3::text[])[1 + (i / 7) % cardinality($3::text[])], 1 + i % 13, i % 17, (i * 1000003)::bigint % 900000000,
                date '2023-11-01' + (i * 37) % 600
           from generate_series(1, 400) as i`,
        [chapters, campaign, KINDS],
      );
      return tree;
    });
  });

  it('gives exactly what the plain GROUP BY gives, for every grouping, edition and period it answers', async () => {
    const compared = await withDatabase(compareEverySummary);
    expect(compared).toBe(2 * PERIODS.length * (GROUPINGS.length + GROUPINGS.filter((g) => !g.includes(ReliefDimension.CHILD_CHAPTER)).length * 2));
  });

  it('stays exact after activities are recorded through the API, changed and deleted', async () => {
    const record = `mutation ($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id } }`;
    for (const [chapter, day] of [['Chi hội Gộp A1', '2024-05-31'], ['Trung ương Thử', '2024-06-01'], ['Hội CTĐ tỉnh Không Mã', '2025-02-14']]) {
      const result = await graphql(subgraphUrl('red-cross'), record, {
        input: { chapterId: ids.get(chapter), campaignId, kind: 'FREE_MEALS', quantity: 5, peopleReached: 5, valueVnd: 2_500_000, occurredOn: day },
      });
      expect(result.errors).toBeUndefined();
    }
    await withDatabase(async (client) => {
      const chapters = [...ids.values()];
      // Moves between chapters, months, kinds and campaigns, in one statement and one at a time.
      await client.query(
        `update red_cross.relief_activity set occurred_on = occurred_on + 45, kind = 'LIGHTING_WORKS', quantity = quantity + 1
          where chapter_id = any($1::uuid[]) and value_vnd % 5 = 0`,
        [chapters],
      );
      await client.query(
        `update red_cross.relief_activity set chapter_id = $2, campaign_id = null
          where id in (select id from red_cross.relief_activity where chapter_id = any($1::uuid[]) order by id limit 30)`,
        [chapters, ids.get('Hội CTĐ huyện Giữ')],
      );
      await client.query(`delete from red_cross.relief_activity where chapter_id = any($1::uuid[]) and people_reached % 4 = 0`, [chapters]);
      await compareEverySummary(client);
    });
  });

  it('answers a national summary from the roll-up alone, without reading the activities', async () => {
    const plan = await withDatabase(async (client) =>
      (await client.query(`explain ${numbered(reliefSummaryRollupSql([ReliefDimension.PROVINCE], UnitEdition.CURRENT, 'NATIONAL'))}`, [ids.get('Trung ương Thử'), '2024-01-01', '2024-12-31']))
        .rows.map((row) => row['QUERY PLAN']).join('\n'),
    );
    expect(plan).toContain('relief_rollup');
    expect(plan).not.toContain('relief_activity');
  });

  it('rebuilds to the same totals it keeps', async () => {
    await withDatabase(async (client) => {
      // Other test files write activities at the same time: hold them off while comparing.
      await client.query('begin');
      await client.query('lock table red_cross.relief_activity in share mode');
      const read = () => Promise.all([
        client.query(`select * from red_cross.relief_rollup where activities <> 0 order by chapter_id, month, kind, campaign_id`),
        client.query(`select * from red_cross.relief_rollup_month where activities <> 0 order by chapter_id, month`),
      ]);
      const before = await read();
      await client.query(`select red_cross.rebuild_relief_rollup()`);
      const after = await read();
      await client.query('commit');
      expect(before[0].rows.length).toBeGreaterThan(0);
      expect(before[1].rows.length).toBeGreaterThan(0);
      expect(after.map((result) => result.rows)).toEqual(before.map((result) => result.rows));
    });
  });
});
