import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { todayInVietnam } from '../club-life/record.rules.ts';
import { seedAssociationTree } from '../scheme/association-tree.seed.ts';
import { reloadElderlyDemoData } from './demo-reload.test-support.ts';
import { loadTrainingDemoData } from './training.demo.ts';

const url = () => subgraphUrl('elderly');
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;

const RECORD = `mutation ($input: TrainingInput!) {
  recordTraining(input: $input) {
    id title heldOn venue unit { id } association { name }
    partners { name role } participants { role count } totalParticipants
  }
}`;

const record = (input: Record<string, unknown>) => graphql<{ recordTraining: { id: string } }>(url(), RECORD, { input });

const tomorrow = () => {
  const [year, month, day] = todayInVietnam().split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
};

describe('trainings (tập huấn)', () => {
  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedAssociationTree(client, {
        name: 'Hội NCT tỉnh Tập Huấn',
        level: 'PROVINCE',
        children: [
          { name: 'Hội NCT huyện Tập Huấn Một', level: 'DISTRICT' },
          { name: 'Hội NCT huyện Tập Huấn Hai', level: 'DISTRICT' },
          { name: 'Hội NCT huyện Tập Huấn Ba', level: 'DISTRICT' },
        ],
      }),
    );
  });

  it('records a training with its partners and its participants by capacity', async () => {
    const input = {
      associationId: id('Hội NCT tỉnh Tập Huấn'),
      title: '  Tập huấn nghiệp vụ   CLB Liên thế hệ tự giúp nhau ',
      heldOn: '2023-11-20',
      unitId: 'BEFORE_2025:19',
      venue: 'Hội trường Hội NCT tỉnh',
      partners: [
        { name: 'Sở Lao động - Thương binh và Xã hội', role: 'CO_ORGANISER' },
        { name: ' Hội Liên hiệp Phụ nữ tỉnh ', role: 'ATTENDING' },
      ],
      // listed in any order, returned in the order of the capacities
      participants: [
        { role: 'OTHER', count: 5 },
        { role: 'CLUB_HEAD', count: 40 },
        { role: 'ASSOCIATION_CHAIR', count: 12 },
      ],
    };
    const expected = {
      title: 'Tập huấn nghiệp vụ CLB Liên thế hệ tự giúp nhau',
      heldOn: '2023-11-20',
      venue: 'Hội trường Hội NCT tỉnh',
      unit: { id: 'BEFORE_2025:19' },
      association: { name: 'Hội NCT tỉnh Tập Huấn' },
      partners: [
        { name: 'Sở Lao động - Thương binh và Xã hội', role: 'CO_ORGANISER' },
        { name: 'Hội Liên hiệp Phụ nữ tỉnh', role: 'ATTENDING' },
      ],
      participants: [
        { role: 'ASSOCIATION_CHAIR', count: 12 },
        { role: 'CLUB_HEAD', count: 40 },
        { role: 'OTHER', count: 5 },
      ],
      totalParticipants: 57,
    };
    const recorded = await record(input);
    expect(recorded).toEqual({ data: { recordTraining: { id: expect.any(String), ...expected } } });
    // Read back as stored.
    const read = await graphql(
      url(),
      `query ($id: ID!) { training(id: $id) { title heldOn venue unit { id } association { name } partners { name role } participants { role count } totalParticipants } }`,
      { id: recorded.data!.recordTraining.id },
    );
    expect(read).toEqual({ data: { training: expected } });
    // The same title on the same day is the same training, whatever the letter case.
    const again = await record({ ...input, title: 'TẬP HUẤN NGHIỆP VỤ CLB LIÊN THẾ HỆ TỰ GIÚP NHAU' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'title' });
    // A minimal one: no place, no venue, no partners.
    const minimal = await record({ associationId: input.associationId, title: 'Tập huấn kỹ năng', heldOn: '2024-03-01', participants: [{ role: 'CLUB_HEAD', count: 1 }] });
    expect(minimal.data?.recordTraining).toMatchObject({ unit: null, venue: null, partners: [], participants: [{ role: 'CLUB_HEAD', count: 1 }], totalParticipants: 1 });
  });

  it('names the field at fault and writes nothing', async () => {
    const base = {
      associationId: id('Hội NCT huyện Tập Huấn Ba'),
      title: 'Tập huấn bị từ chối',
      heldOn: '2024-05-05',
      partners: [{ name: 'Viện Nghiên cứu', role: 'ATTENDING' }],
      participants: [{ role: 'ASSOCIATION_CHAIR', count: 3 }, { role: 'CLUB_HEAD', count: 4 }],
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ participants: [{ role: 'ASSOCIATION_CHAIR', count: 0 }] }, 'BAD_USER_INPUT', 'participants.0.count'],
      [{ participants: [{ role: 'ASSOCIATION_CHAIR', count: 3 }, { role: 'CLUB_HEAD', count: -4 }] }, 'BAD_USER_INPUT', 'participants.1.count'],
      [{ participants: [{ role: 'CLUB_HEAD', count: 3 }, { role: 'CLUB_HEAD', count: 4 }] }, 'BAD_USER_INPUT', 'participants.1.role'],
      [{ participants: [] }, 'BAD_USER_INPUT', 'participants'],
      [{ partners: [{ name: 'Viện Nghiên cứu', role: 'ATTENDING' }, { name: 'viện nghiên cứu', role: 'CO_ORGANISER' }] }, 'BAD_USER_INPUT', 'partners.1.name'],
      [{ partners: [{ name: '  ', role: 'ATTENDING' }] }, 'BAD_USER_INPUT', 'partners.0.name'],
      [{ heldOn: tomorrow() }, 'BAD_USER_INPUT', 'heldOn'],
      [{ heldOn: '1995-05-09' }, 'BAD_USER_INPUT', 'heldOn'],
      [{ title: ' ' }, 'BAD_USER_INPUT', 'title'],
      [{ unitId: 'Thái Nguyên' }, 'BAD_USER_INPUT', 'unitId'],
      [{ venue: '' }, 'BAD_USER_INPUT', 'venue'],
      [{ associationId: 'huyện Ba' }, 'BAD_USER_INPUT', 'associationId'],
      [{ associationId: randomUUID() }, 'NOT_FOUND', 'associationId'],
    ];
    for (const [change, code, field] of cases) {
      const result = await record({ ...base, ...change });
      expect(result.errors?.[0].extensions, `${code} ${field}`).toMatchObject({ code, field });
    }
    const trainings = await graphql(url(), `query ($id: ID!) { elderlyAssociation(id: $id) { trainings { totalCount } } }`, { id: base.associationId });
    expect(trainings).toEqual({ data: { elderlyAssociation: { trainings: { totalCount: 0 } } } });
  });

  it('lists each association\'s trainings newest first, for many associations in the statements of one', async () => {
    const held = [
      ['Hội NCT huyện Tập Huấn Một', '2022-04-01'],
      ['Hội NCT huyện Tập Huấn Một', '2023-09-15'],
      ['Hội NCT huyện Tập Huấn Hai', '2021-12-01'],
    ];
    for (const [association, heldOn] of held) {
      const result = await record({ associationId: id(association), title: `Tập huấn ${heldOn}`, heldOn, partners: [{ name: 'Hội Liên hiệp Phụ nữ', role: 'ATTENDING' }], participants: [{ role: 'OTHER', count: 9 }] });
      expect(result.errors).toBeUndefined();
    }
    const statements = async (first: number) => {
      const requestId = `trainings-${first}-${randomUUID()}`;
      const result = await graphql<{ elderlyAssociations: { edges: unknown[] } }>(
        url(),
        `query ($parentId: ID!, $first: Int!) { elderlyAssociations(parentId: $parentId, first: $first) { edges { node { name
          trainings(first: 5) { totalCount edges { node { heldOn partners { name } participants { role count } } } }
        } } } }`,
        { parentId: id('Hội NCT tỉnh Tập Huấn'), first },
        requestId,
      );
      return { result, statements: (await statementsFor(requestId)).elderly };
    };
    const all = await statements(3);
    expect(all.result).toEqual({
      data: {
        elderlyAssociations: {
          edges: [
            { node: { name: 'Hội NCT huyện Tập Huấn Ba', trainings: { totalCount: 0, edges: [] } } },
            { node: { name: 'Hội NCT huyện Tập Huấn Hai', trainings: { totalCount: 1, edges: [{ node: { heldOn: '2021-12-01', partners: [{ name: 'Hội Liên hiệp Phụ nữ' }], participants: [{ role: 'OTHER', count: 9 }] } }] } } },
            {
              node: {
                name: 'Hội NCT huyện Tập Huấn Một',
                trainings: {
                  totalCount: 2,
                  edges: [
                    { node: { heldOn: '2023-09-15', partners: [{ name: 'Hội Liên hiệp Phụ nữ' }], participants: [{ role: 'OTHER', count: 9 }] } },
                    { node: { heldOn: '2022-04-01', partners: [{ name: 'Hội Liên hiệp Phụ nữ' }], participants: [{ role: 'OTHER', count: 9 }] } },
                  ],
                },
              },
            },
          ],
        },
      },
    });
    // the associations, then their trainings with partners and participants: one statement, and one for the totals
    expect(all.statements).toBe(3);
    expect((await statements(1)).statements).toBe(3);
  });
});

describe('the Thái Nguyên training of 7 December 2023 (demo data, through the gateway)', () => {
  it('has 36 commune association chairs and 98 club heads', async () => {
    // Demo data loads on every start: loading it again must change nothing.
    await reloadElderlyDemoData(loadTrainingDemoData);
    const result = await graphql(
      gatewayUrl(),
      `query ($id: ID!) { elderlyAssociation(id: $id) {
        name
        trainings { totalCount edges { node {
          title heldOn venue unit { id name }
          partners { name role }
          participants { role count }
          totalParticipants
        } } }
      } }`,
      { id: stableId('elderly:thai-nguyen') },
    );
    expect(result).toEqual({
      data: {
        elderlyAssociation: {
          name: 'Hội Người cao tuổi tỉnh Thái Nguyên',
          trainings: {
            totalCount: 1,
            edges: [
              {
                node: {
                  title: 'Tập huấn nâng cao nghiệp vụ quản lí, vận hành và nhân rộng CLB Liên thế hệ tự giúp nhau năm 2023',
                  heldOn: '2023-12-07',
                  venue: null,
                  unit: { id: 'BEFORE_2025:19', name: 'Tỉnh Thái Nguyên' },
                  partners: [
                    { name: 'Sở Lao động – Thương binh và Xã hội tỉnh Thái Nguyên', role: 'CO_ORGANISER' },
                    { name: 'Hội Liên hiệp Phụ nữ tỉnh Thái Nguyên', role: 'ATTENDING' },
                    { name: 'Viện Nghiên cứu và Phát triển Chăm sóc Sức khỏe cộng đồng', role: 'ATTENDING' },
                  ],
                  participants: [
                    { role: 'ASSOCIATION_CHAIR', count: 36 },
                    { role: 'CLUB_HEAD', count: 98 },
                  ],
                  totalParticipants: 134,
                },
              },
            ],
          },
        },
      },
    });
  });
});
