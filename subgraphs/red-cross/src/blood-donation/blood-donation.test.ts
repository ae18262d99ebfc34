import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';
import { reloadDemoData } from '../model-programme/model-programme.test-support.ts';
import { loadBloodDonationDemoData } from './blood-donation.demo.ts';

const url = () => subgraphUrl('red-cross');
let ids: Map<string, string>;
const id = (name: string) => ids.get(name)!;

const CREATE_PROGRAMME = `mutation ($input: BloodDonationProgrammeInput!) {
  createBloodDonationProgramme(input: $input) { id name scope organiser { name } }
}`;
const RECORD_ROUND = `mutation ($input: BloodDonationAwarenessRoundInput!) {
  recordBloodDonationAwarenessRound(input: $input) { id heldOn note chapter { name } programme { name scope } }
}`;
const RECORD_UNITS = `mutation ($input: BloodUnitsReceivedInput!) {
  recordBloodUnitsReceived(input: $input) { id receivedOn units kind note chapter { name } programme { name } }
}`;
const SUMMARY = `query ($id: ID!, $period: PeriodInput!) {
  chapter(id: $id) { bloodDonationSummary(period: $period) { awarenessRounds plannedUnits emergencyUnits totalUnits period { start end } } }
}`;

type Data = Record<string, { id: string }>;
const run = (query: string, input: Record<string, unknown>) => graphql<Data>(url(), query, { input });
const summaryOf = async (name: string, period: Record<string, unknown>) =>
  ((await graphql<{ chapter: { bloodDonationSummary: Record<string, unknown> } }>(url(), SUMMARY, { id: id(name), period })).data!.chapter.bloodDonationSummary);

/** A fresh programme name per run: programme names are unique per organiser. */
const unique = (name: string) => `${name} ${randomUUID().slice(0, 8)}`;

describe('voluntary blood donation', () => {
  let national: { id: string; name: string };
  let provincial: { id: string; name: string };
  let elsewhere: { id: string; name: string };

  beforeAll(async () => {
    ids = await withDatabase((client) =>
      seedChapterTree(client, {
        name: 'Trung ương Hội thử hiến máu',
        level: 'NATIONAL',
        children: [
          {
            name: 'Hội CTĐ tỉnh Hiến Máu',
            level: 'PROVINCE',
            children: [
              { name: 'Hội CTĐ huyện Giọt Một', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Giọt Một A', level: 'GRASSROOTS' }, { name: 'Hội CTĐ xã Giọt Một B', level: 'GRASSROOTS' }] },
              { name: 'Hội CTĐ huyện Giọt Hai', level: 'DISTRICT', children: [{ name: 'Hội CTĐ xã Giọt Hai A', level: 'GRASSROOTS' }] },
            ],
          },
          { name: 'Hội CTĐ tỉnh Bên Cạnh', level: 'PROVINCE' },
        ],
      }),
    );
    const create = async (name: string, scope: string, organiser: string) => {
      const result = await run(CREATE_PROGRAMME, { name, scope, organiserChapterId: id(organiser) });
      expect(result.errors).toBeUndefined();
      return { id: result.data!.createBloodDonationProgramme.id, name };
    };
    national = await create(unique('Hành trình đỏ thử'), 'NATIONAL', 'Trung ương Hội thử hiến máu');
    provincial = await create(unique('Những giọt máu hồng thử'), 'LOCAL', 'Hội CTĐ tỉnh Hiến Máu');
    elsewhere = await create(unique('Giọt hồng bên cạnh'), 'LOCAL', 'Hội CTĐ tỉnh Bên Cạnh');
  });

  describe('programmes', () => {
    it('sets up a programme once per organiser and name', async () => {
      const name = unique('Chủ nhật đỏ');
      const input = { name: `  ${name}  `, scope: 'LOCAL', organiserChapterId: id('Hội CTĐ huyện Giọt Một') };
      expect(await run(CREATE_PROGRAMME, input)).toEqual({
        data: { createBloodDonationProgramme: { id: expect.any(String), name, scope: 'LOCAL', organiser: { name: 'Hội CTĐ huyện Giọt Một' } } },
      });
      const again = await run(CREATE_PROGRAMME, input);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
    });

    it('names the field at fault', async () => {
      const base = { name: unique('Lễ hội Xuân hồng'), scope: 'NATIONAL', organiserChapterId: id('Trung ương Hội thử hiến máu') };
      const blank = await run(CREATE_PROGRAMME, { ...base, name: '   ' });
      expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      const tooLong = await run(CREATE_PROGRAMME, { ...base, name: 'x'.repeat(201) });
      expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      const notAnId = await run(CREATE_PROGRAMME, { ...base, organiserChapterId: 'lao-cai' });
      expect(notAnId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organiserChapterId' });
      const unknown = await run(CREATE_PROGRAMME, { ...base, organiserChapterId: randomUUID() });
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'organiserChapterId' });
      const nationalByProvince = await run(CREATE_PROGRAMME, { ...base, organiserChapterId: id('Hội CTĐ tỉnh Hiến Máu') });
      expect(nationalByProvince.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'scope' });
      const localByHeadquarters = await run(CREATE_PROGRAMME, { ...base, scope: 'LOCAL' });
      expect(localByHeadquarters.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'scope' });
    });

    it('lists the programmes a chapter may record under: national ones and those of the chapters above it', async () => {
      const query = `query ($id: ID!) { bloodDonationProgrammes(availableTo: $id, first: 100) { edges { node { id } } } }`;
      const result = await graphql<{ bloodDonationProgrammes: { edges: { node: { id: string } }[] } }>(url(), query, { id: id('Hội CTĐ xã Giọt Hai A') });
      const available = result.data!.bloodDonationProgrammes.edges.map((edge) => edge.node.id);
      expect(available).toContain(national.id);
      expect(available).toContain(provincial.id);
      expect(available).not.toContain(elsewhere.id);
      expect(available).toContain(stableId('red-cross:blood-programme:hanh-trinh-do'));
      const notAnId = await graphql(url(), query, { id: 'x' });
      expect(notAnId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'availableTo' });
    });
  });

  describe('records', () => {
    it('records an awareness round under a programme of a chapter above', async () => {
      const input = { chapterId: id('Hội CTĐ xã Giọt Một A'), heldOn: '2024-04-07', programmeId: provincial.id, note: ' Tại nhà văn hóa xã ' };
      expect(await run(RECORD_ROUND, input)).toEqual({
        data: {
          recordBloodDonationAwarenessRound: {
            id: expect.any(String),
            heldOn: '2024-04-07',
            note: 'Tại nhà văn hóa xã',
            chapter: { name: 'Hội CTĐ xã Giọt Một A' },
            programme: { name: provincial.name, scope: 'LOCAL' },
          },
        },
      });
    });

    it('records units received, planned or emergency, with or without a programme', async () => {
      const planned = await run(RECORD_UNITS, { chapterId: id('Hội CTĐ xã Giọt Một A'), receivedOn: '2024-04-07', units: 120, kind: 'PLANNED', programmeId: national.id });
      expect(planned).toEqual({
        data: {
          recordBloodUnitsReceived: {
            id: expect.any(String),
            receivedOn: '2024-04-07',
            units: 120,
            kind: 'PLANNED',
            note: null,
            chapter: { name: 'Hội CTĐ xã Giọt Một A' },
            programme: { name: national.name },
          },
        },
      });
      const emergency = await run(RECORD_UNITS, { chapterId: id('Hội CTĐ xã Giọt Một A'), receivedOn: '2024-04-20', units: 3, kind: 'EMERGENCY' });
      expect(emergency.data?.recordBloodUnitsReceived).toMatchObject({ units: 3, kind: 'EMERGENCY', programme: null });
    });

    it('refuses a wrong record with the field at fault, and writes nothing', async () => {
      const chapterId = id('Hội CTĐ xã Giọt Một B');
      const units = { chapterId, receivedOn: '2024-05-02', units: 10, kind: 'PLANNED' };
      const round = { chapterId, heldOn: '2024-05-02' };
      const refusals: [string, Record<string, unknown>, string, string][] = [
        [RECORD_UNITS, { ...units, units: 0 }, 'BAD_USER_INPUT', 'units'],
        [RECORD_UNITS, { ...units, units: -4 }, 'BAD_USER_INPUT', 'units'],
        [RECORD_UNITS, { ...units, units: 100_001 }, 'BAD_USER_INPUT', 'units'],
        [RECORD_UNITS, { ...units, receivedOn: '2999-01-01' }, 'BAD_USER_INPUT', 'receivedOn'],
        [RECORD_UNITS, { ...units, receivedOn: '1946-11-22' }, 'BAD_USER_INPUT', 'receivedOn'],
        [RECORD_UNITS, { ...units, chapterId: 'not-an-id' }, 'BAD_USER_INPUT', 'chapterId'],
        [RECORD_UNITS, { ...units, programmeId: 'not-an-id' }, 'BAD_USER_INPUT', 'programmeId'],
        [RECORD_UNITS, { ...units, note: '  ' }, 'BAD_USER_INPUT', 'note'],
        [RECORD_UNITS, { ...units, chapterId: randomUUID() }, 'NOT_FOUND', 'chapterId'],
        [RECORD_UNITS, { ...units, programmeId: randomUUID() }, 'NOT_FOUND', 'programmeId'],
        [RECORD_UNITS, { ...units, programmeId: elsewhere.id }, 'RULE_VIOLATION', 'programmeId'],
        [RECORD_ROUND, { ...round, heldOn: '2999-12-31' }, 'BAD_USER_INPUT', 'heldOn'],
        [RECORD_ROUND, { ...round, heldOn: '1900-01-01' }, 'BAD_USER_INPUT', 'heldOn'],
        [RECORD_ROUND, { ...round, note: '' }, 'BAD_USER_INPUT', 'note'],
        [RECORD_ROUND, { ...round, chapterId: randomUUID() }, 'NOT_FOUND', 'chapterId'],
        [RECORD_ROUND, { ...round, programmeId: randomUUID() }, 'NOT_FOUND', 'programmeId'],
        [RECORD_ROUND, { ...round, programmeId: elsewhere.id }, 'RULE_VIOLATION', 'programmeId'],
      ];
      for (const [mutation, input, code, field] of refusals) {
        const result = await run(mutation, input);
        expect({ input, data: result.data ?? null, extensions: result.errors?.[0].extensions }).toMatchObject({ input, data: null, extensions: { code, field } });
      }
      // Not a calendar date: refused by the LocalDate scalar before any resolver runs.
      const noSuchDay = await run(RECORD_UNITS, { ...units, receivedOn: '2024-02-30' });
      expect(noSuchDay.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await summaryOf('Hội CTĐ xã Giọt Một B', { type: 'YEAR', year: 2024 })).toEqual({
        awarenessRounds: 0, plannedUnits: '0', emergencyUnits: '0', totalUnits: '0', period: { start: '2024-01-01', end: '2024-12-31' },
      });
    });
  });

  describe('summary', () => {
    beforeAll(async () => {
      // 2023, at every level of the province; one record on each side of the second quarter.
      const records: [string, string, number | null, string][] = [
        ['Hội CTĐ tỉnh Hiến Máu', '2023-04-01', 200, 'PLANNED'],
        ['Hội CTĐ tỉnh Hiến Máu', '2023-04-01', null, 'ROUND'],
        ['Hội CTĐ huyện Giọt Một', '2023-05-15', 80, 'PLANNED'],
        ['Hội CTĐ huyện Giọt Một', '2023-05-15', null, 'ROUND'],
        ['Hội CTĐ xã Giọt Một A', '2023-06-30', 12, 'EMERGENCY'],
        ['Hội CTĐ xã Giọt Một B', '2023-06-02', 40, 'PLANNED'],
        ['Hội CTĐ xã Giọt Một B', '2023-06-02', null, 'ROUND'],
        ['Hội CTĐ xã Giọt Hai A', '2023-04-20', 5, 'EMERGENCY'],
        ['Hội CTĐ xã Giọt Hai A', '2023-03-31', 60, 'PLANNED'],
        ['Hội CTĐ xã Giọt Hai A', '2023-07-01', null, 'ROUND'],
        ['Hội CTĐ tỉnh Bên Cạnh', '2023-05-01', 999, 'PLANNED'],
      ];
      for (const [chapter, date, units, kind] of records) {
        const result =
          kind === 'ROUND'
            ? await run(RECORD_ROUND, { chapterId: id(chapter), heldOn: date })
            : await run(RECORD_UNITS, { chapterId: id(chapter), receivedOn: date, units, kind });
        expect(result.errors).toBeUndefined();
      }
    });

    it('sums every record of the chapter\'s subtree dated in the period', async () => {
      const requestId = `blood-summary-${randomUUID()}`;
      const quarter = `{ type: QUARTER, year: 2023, index: 2 }`;
      const result = await graphql(
        url(),
        `query ($id: ID!) { chapter(id: $id) {
          bloodDonationSummary(period: ${quarter}) { awarenessRounds plannedUnits emergencyUnits totalUnits period { type start end } }
          children { edges { node { name bloodDonationSummary(period: ${quarter}) { awarenessRounds plannedUnits emergencyUnits totalUnits } } } }
        } }`,
        { id: id('Hội CTĐ tỉnh Hiến Máu') },
        requestId,
      );
      expect(result).toEqual({
        data: {
          chapter: {
            bloodDonationSummary: { awarenessRounds: 3, plannedUnits: '320', emergencyUnits: '17', totalUnits: '337', period: { type: 'QUARTER', start: '2023-04-01', end: '2023-06-30' } },
            children: {
              edges: [
                { node: { name: 'Hội CTĐ huyện Giọt Hai', bloodDonationSummary: { awarenessRounds: 0, plannedUnits: '0', emergencyUnits: '5', totalUnits: '5' } } },
                { node: { name: 'Hội CTĐ huyện Giọt Một', bloodDonationSummary: { awarenessRounds: 2, plannedUnits: '120', emergencyUnits: '12', totalUnits: '132' } } },
              ],
            },
          },
        },
      });
      // the chapter, its summary, its children, their summaries (one batch)
      expect((await statementsFor(requestId))['red-cross']).toBe(4);
      expect(await summaryOf('Hội CTĐ xã Giọt Hai A', { type: 'YEAR', year: 2023 })).toMatchObject({ awarenessRounds: 1, plannedUnits: '60', emergencyUnits: '5', totalUnits: '65' });
      expect(await summaryOf('Trung ương Hội thử hiến máu', { type: 'HALF_YEAR', year: 2023, index: 1 })).toMatchObject({ awarenessRounds: 3, plannedUnits: '1379', emergencyUnits: '17', totalUnits: '1396' });
    });

    it('costs one statement for the summaries of many chapters, as for one', async () => {
      const statementsFor_ = async (first: number) => {
        const requestId = `blood-many-${first}-${randomUUID()}`;
        const result = await graphql<{ chapter: { descendants: { edges: unknown[] } } }>(
          url(),
          `query ($id: ID!, $first: Int!) { chapter(id: $id) { descendants(first: $first) { edges { node { name bloodDonationSummary(period: { type: YEAR, year: 2023 }) { totalUnits } } } } } }`,
          { id: id('Trung ương Hội thử hiến máu'), first },
          requestId,
        );
        expect(result.data!.chapter.descendants.edges).toHaveLength(first);
        return (await statementsFor(requestId))['red-cross'];
      };
      // the chapter, its descendants, their summaries
      expect(await statementsFor_(1)).toBe(3);
      expect(await statementsFor_(7)).toBe(3);
    });

    it('refuses a period that does not exist', async () => {
      const result = await graphql(url(), SUMMARY, { id: id('Hội CTĐ tỉnh Hiến Máu'), period: { type: 'QUARTER', year: 2023, index: 5 } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.index' });
    });
  });
});

describe('blood donation demo data (through the gateway)', () => {
  it('reproduces Lào Cai\'s first half of 2022: 6 rounds, nearly 2,900 planned and nearly 140 emergency units', async () => {
    // Demo data loads on every start: loading it again must change nothing.
    await reloadDemoData(loadBloodDonationDemoData);
    const result = await graphql<{ chapter: { bloodDonationSummary: { plannedUnits: string; emergencyUnits: string } } }>(
      gatewayUrl(),
      `query ($id: ID!) { chapter(id: $id) {
        name
        bloodDonationSummary(period: { type: HALF_YEAR, year: 2022, index: 1 }) { awarenessRounds plannedUnits emergencyUnits totalUnits period { start end } }
        secondHalf: bloodDonationSummary(period: { type: HALF_YEAR, year: 2022, index: 2 }) { totalUnits }
      } }`,
      { id: stableId('red-cross:lao-cai') },
    );
    expect(result).toEqual({
      data: {
        chapter: {
          name: 'Hội Chữ thập đỏ tỉnh Lào Cai',
          bloodDonationSummary: { awarenessRounds: 6, plannedUnits: '2896', emergencyUnits: '138', totalUnits: '3034', period: { start: '2022-01-01', end: '2022-06-30' } },
          secondHalf: { totalUnits: '0' },
        },
      },
    });
    const { plannedUnits, emergencyUnits } = result.data!.chapter.bloodDonationSummary;
    // "gần 2.900": a little below 2,900, rounding to it; "gần 140": a little below 140, rounding to it.
    expect(Number(plannedUnits)).toBeLessThan(2900);
    expect(Math.round(Number(plannedUnits) / 100) * 100).toBe(2900);
    expect(Number(emergencyUnits)).toBeLessThan(140);
    expect(Math.round(Number(emergencyUnits) / 10) * 10).toBe(140);
  });
});
