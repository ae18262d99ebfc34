import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedAssociationTree } from './association-tree.seed.ts';

const url = () => subgraphUrl('elderly');
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;

const ADOPT = `mutation ($input: ReplicationSchemeInput!) {
  adoptReplicationScheme(input: $input) { id name approvedBy startsOn endsOn targetClubs association { name } progress { clubsFounded targetClubs basisPoints } }
}`;

type Data = { adoptReplicationScheme: Record<string, unknown> };
const adopt = (input: Record<string, unknown>) => graphql<Data>(url(), ADOPT, { input });

describe('replication schemes (đề án nhân rộng mô hình CLB)', () => {
  beforeAll(async () => {
    ids = await withDatabase(async (client) => {
      const tree = await seedAssociationTree(client, {
        name: 'Hội NCT tỉnh Đề Án',
        level: 'PROVINCE',
        // the first day of the period counts, the day before does not
        clubsFoundedOn: ['2017-01-01', '2016-12-31'],
        children: [
          {
            name: 'Hội NCT huyện Nhân Rộng',
            level: 'DISTRICT',
            // a club without a founding date never counts
            clubsFoundedOn: ['2018-05-05', null],
            children: [
              // the last day of the period counts, the day after does not
              { name: 'Hội NCT xã Nhân Rộng A', level: 'COMMUNE', clubsFoundedOn: ['2019-02-02', '2020-12-31', '2021-01-01'] },
              { name: 'Hội NCT xã Nhân Rộng B', level: 'COMMUNE', clubsFoundedOn: ['2017-06-30'] },
            ],
          },
          { name: 'Hội NCT huyện Chậm', level: 'DISTRICT', clubsFoundedOn: ['2020-03-03'], children: [{ name: 'Hội NCT xã Chậm A', level: 'COMMUNE' }] },
        ],
      });
      // Another province's clubs do not count for this one.
      const other = await seedAssociationTree(client, { name: 'Hội NCT tỉnh Bên Ngoài', level: 'PROVINCE', clubsFoundedOn: ['2018-01-01', '2019-01-01'] });
      return new Map([...tree, ...other]);
    });
  });

  it('adopts schemes for a year range or for dates and counts the clubs of the whole subtree founded in the period, in exact basis points', async () => {
    const province = await adopt({
      associationId: id('Hội NCT tỉnh Đề Án'),
      name: '  Đề án thành lập CLB Liên thế hệ tự giúp nhau   giai đoạn 2017 - 2020 ',
      approvedBy: 'Ủy ban nhân dân tỉnh Đề Án',
      period: { fromYear: 2017, toYear: 2020 },
      targetClubs: 9,
    });
    // 2017-01-01, 2018-05-05, 2019-02-02, 2020-12-31, 2017-06-30, 2020-03-03: 6 of 9 = 66.666…% → 6667
    expect(province).toEqual({
      data: {
        adoptReplicationScheme: {
          id: expect.any(String),
          name: 'Đề án thành lập CLB Liên thế hệ tự giúp nhau giai đoạn 2017 - 2020',
          approvedBy: 'Ủy ban nhân dân tỉnh Đề Án',
          startsOn: '2017-01-01',
          endsOn: '2020-12-31',
          targetClubs: 9,
          association: { name: 'Hội NCT tỉnh Đề Án' },
          progress: { clubsFounded: 6, targetClubs: 9, basisPoints: 6667 },
        },
      },
    });
    // 2018-05-05 and 2019-02-02: 2 of 7 = 28.5714…% → 2857
    const district = await adopt({ associationId: id('Hội NCT huyện Nhân Rộng'), name: 'Đề án nhân rộng 2018 - 2019', period: { startsOn: '2018-01-01', endsOn: '2019-12-31' }, targetClubs: 7 });
    expect(district.data?.adoptReplicationScheme).toMatchObject({ startsOn: '2018-01-01', endsOn: '2019-12-31', approvedBy: null, progress: { clubsFounded: 2, targetClubs: 7, basisPoints: 2857 } });
    // Beyond the target: 3 of 2 = 150 %.
    const commune = await adopt({ associationId: id('Hội NCT xã Nhân Rộng A'), name: 'Đề án xã 2019 - 2021', period: { fromYear: 2019, toYear: 2021 }, targetClubs: 2 });
    expect(commune.data?.adoptReplicationScheme).toMatchObject({ progress: { clubsFounded: 3, targetClubs: 2, basisPoints: 15000 } });
    // No target: a count, no ratio.
    const untargeted = await adopt({ associationId: id('Hội NCT huyện Chậm'), name: 'Đề án không chỉ tiêu', period: { fromYear: 2020, toYear: 2020 } });
    expect(untargeted.data?.adoptReplicationScheme).toMatchObject({ targetClubs: null, progress: { clubsFounded: 1, targetClubs: null, basisPoints: null } });
    // Read back by id, as stored.
    const read = await graphql(url(), `query ($id: ID!) { replicationScheme(id: $id) { name startsOn endsOn targetClubs progress { clubsFounded basisPoints } } }`, {
      id: (province.data!.adoptReplicationScheme as { id: string }).id,
    });
    expect(read).toEqual({
      data: {
        replicationScheme: {
          name: 'Đề án thành lập CLB Liên thế hệ tự giúp nhau giai đoạn 2017 - 2020',
          startsOn: '2017-01-01',
          endsOn: '2020-12-31',
          targetClubs: 9,
          progress: { clubsFounded: 6, basisPoints: 6667 },
        },
      },
    });
  });

  it('names the field at fault', async () => {
    const base = { associationId: id('Hội NCT xã Chậm A'), name: 'Đề án thử lỗi', period: { fromYear: 2021, toYear: 2025 }, targetClubs: 4 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ period: { fromYear: 2021, toYear: 2025, startsOn: '2021-01-01', endsOn: '2025-12-31' } }, 'BAD_USER_INPUT', 'period'],
      [{ period: {} }, 'BAD_USER_INPUT', 'period'],
      [{ period: { fromYear: 2021 } }, 'BAD_USER_INPUT', 'period.toYear'],
      [{ period: { toYear: 2021 } }, 'BAD_USER_INPUT', 'period.fromYear'],
      [{ period: { fromYear: 2021, toYear: 2020 } }, 'BAD_USER_INPUT', 'period.toYear'],
      [{ period: { fromYear: 1990, toYear: 2000 } }, 'BAD_USER_INPUT', 'period.fromYear'],
      [{ period: { startsOn: '2021-01-01' } }, 'BAD_USER_INPUT', 'period.endsOn'],
      [{ period: { startsOn: '2021-06-01', endsOn: '2021-05-31' } }, 'BAD_USER_INPUT', 'period.endsOn'],
      [{ period: { startsOn: '1994-12-31', endsOn: '2000-12-31' } }, 'BAD_USER_INPUT', 'period.startsOn'],
      [{ targetClubs: 0 }, 'BAD_USER_INPUT', 'targetClubs'],
      [{ name: '   ' }, 'BAD_USER_INPUT', 'name'],
      [{ approvedBy: '' }, 'BAD_USER_INPUT', 'approvedBy'],
      [{ associationId: 'xã Chậm A' }, 'BAD_USER_INPUT', 'associationId'],
      [{ associationId: randomUUID() }, 'NOT_FOUND', 'associationId'],
    ];
    for (const [change, code, field] of cases) {
      const result = await adopt({ ...base, ...change });
      expect(result.errors?.[0].extensions, `${code} ${field}`).toMatchObject({ code, field });
    }
    // Nothing was written by the refused calls; a name is used once per association, whatever its case.
    const schemes = await graphql(url(), `query ($id: ID!) { elderlyAssociation(id: $id) { replicationSchemes { totalCount } } }`, { id: base.associationId });
    expect(schemes).toEqual({ data: { elderlyAssociation: { replicationSchemes: { totalCount: 0 } } } });
    expect((await adopt(base)).errors).toBeUndefined();
    const again = await adopt({ ...base, name: 'ĐỀ ÁN THỬ LỖI', period: { fromYear: 2026, toYear: 2030 } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('costs the same statements for the schemes and progress of many associations as for one', async () => {
    const statements = async (first: number) => {
      const requestId = `schemes-${first}-${randomUUID()}`;
      const result = await graphql<{ elderlyAssociations: { edges: { node: { replicationSchemes: { totalCount: number } } }[] } }>(
        url(),
        `query ($parentId: ID!, $first: Int!) { elderlyAssociations(parentId: $parentId, first: $first) { edges { node { name
          replicationSchemes { totalCount edges { node { name progress { clubsFounded basisPoints } } } }
        } } } }`,
        { parentId: id('Hội NCT tỉnh Đề Án'), first },
        requestId,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.elderlyAssociations.edges).toHaveLength(first);
      return (await statementsFor(requestId)).elderly;
    };
    // the associations, their schemes, the schemes' totals, the schemes' progress
    expect(await statements(1)).toBe(4);
    expect(await statements(2)).toBe(4);
  });

  it('holds Lai Châu\'s provincial scheme for 2017 - 2020 from the demo data, without a target', async () => {
    const result = await graphql(
      url(),
      `query ($id: ID!) { elderlyAssociation(id: $id) { name replicationSchemes { edges { node { name approvedBy startsOn endsOn targetClubs progress { clubsFounded targetClubs basisPoints } } } } } }`,
      { id: stableId('elderly:lai-chau') },
    );
    expect(result).toEqual({
      data: {
        elderlyAssociation: {
          name: 'Hội Người cao tuổi tỉnh Lai Châu',
          replicationSchemes: {
            edges: [
              {
                node: {
                  name: 'Đề án thành lập CLB Liên thế hệ tự giúp nhau giai đoạn 2017 - 2020',
                  approvedBy: 'Ủy ban nhân dân tỉnh Lai Châu',
                  startsOn: '2017-01-01',
                  endsOn: '2020-12-31',
                  targetClubs: null,
                  // The clubs come from another loader's demo data: only their count's type is ours to check.
                  progress: { clubsFounded: expect.any(Number), targetClubs: null, basisPoints: null },
                },
              },
            ],
          },
        },
      },
    });
  });
});
