import { describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl } from '../../../../test/graphql.ts';

const url = () => subgraphUrl('places');

const SEARCH = `query ($search: String, $level: UnitLevel, $edition: UnitEdition, $first: Int, $after: String) {
  administrativeUnits(search: $search, level: $level, edition: $edition, first: $first, after: $after) {
    totalCount
    edges { node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Units = { administrativeUnits: { totalCount: number; edges: { node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const ids = (result: { data?: Units }) => result.data!.administrativeUnits.edges.map((edge) => edge.node.id);

describe('administrative units (places subgraph, direct)', () => {
  it('finds a province without diacritics and in either tone-mark style', async () => {
    const plain = await graphql<Units>(url(), SEARCH, { search: 'Thai Nguyen', level: 'PROVINCE' });
    expect(ids(plain)).toEqual(['BEFORE_2025:19', 'CURRENT:19']);

    const newStyle = await graphql<Units>(url(), SEARCH, { search: 'Hoà Bình', level: 'PROVINCE' });
    const oldStyle = await graphql<Units>(url(), SEARCH, { search: 'Hòa Bình', level: 'PROVINCE' });
    const folded = await graphql<Units>(url(), SEARCH, { search: 'hoa binh', level: 'PROVINCE' });
    // The registry spells the province "Tỉnh Hoà Bình": all three queries find it.
    expect(ids(newStyle)).toEqual(['BEFORE_2025:17']);
    expect(ids(oldStyle)).toEqual(['BEFORE_2025:17']);
    expect(ids(folded)).toEqual(['BEFORE_2025:17']);
  });

  it('keeps diacritics significant when the query has them', async () => {
    // "Hóa" (sắc) is not "Hòa" (huyền): Thanh Hóa must not answer a search for Hòa.
    const result = await graphql<Units>(url(), SEARCH, { search: 'Hòa', level: 'PROVINCE', edition: 'BEFORE_2025' });
    expect(result.data!.administrativeUnits.edges.map((edge) => edge.node.name)).toEqual(['Tỉnh Hoà Bình', 'Tỉnh Khánh Hòa']);
    const folded = await graphql<Units>(url(), SEARCH, { search: 'Hoa', level: 'PROVINCE', edition: 'BEFORE_2025' });
    expect(folded.data!.administrativeUnits.edges.map((edge) => edge.node.name)).toContain('Tỉnh Thanh Hóa');
  });

  it('sorts names the Vietnamese way and pages with opaque cursors', async () => {
    const first = await graphql<Units>(url(), SEARCH, { level: 'PROVINCE', edition: 'BEFORE_2025', first: 5 });
    expect(first.data!.administrativeUnits.edges.map((edge) => edge.node.name)).toEqual([
      'Tỉnh An Giang',
      'Tỉnh Bà Rịa - Vũng Tàu',
      'Tỉnh Bạc Liêu',
      'Tỉnh Bắc Giang',
      'Tỉnh Bắc Kạn',
    ]);
    expect(first.data!.administrativeUnits.totalCount).toBe(63);
    const next = await graphql<Units>(url(), SEARCH, {
      level: 'PROVINCE',
      edition: 'BEFORE_2025',
      first: 3,
      after: first.data!.administrativeUnits.pageInfo.endCursor,
    });
    expect(next.data!.administrativeUnits.edges.map((edge) => edge.node.name)).toEqual(['Tỉnh Bắc Ninh', 'Tỉnh Bến Tre', 'Tỉnh Bình Dương']);

    const all = await graphql<Units>(url(), SEARCH, { level: 'PROVINCE', edition: 'CURRENT', first: 100 });
    const names = all.data!.administrativeUnits.edges.map((edge) => edge.node.name.replace(/^(Tỉnh|Thành phố) /, ''));
    expect(all.data!.administrativeUnits.totalCount).toBe(34);
    expect(all.data!.administrativeUnits.pageInfo.hasNextPage).toBe(false);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
  });

  it('tells a unit of each edition apart and answers with its current successors', async () => {
    const result = await graphql(
      url(),
      `{
        oldBacGiang: administrativeUnit(id: "BEFORE_2025:24") { name edition successors { id name } }
        newBacNinh: administrativeUnit(id: "CURRENT:24") { name edition successors { id } }
        yenBai: administrativeUnit(id: "BEFORE_2025:15") { successors { name } }
        laoCai: administrativeUnit(id: "BEFORE_2025:10") { successors { name } }
        district: administrativeUnit(id: "BEFORE_2025:164") { name parent { name } successors { name } }
      }`,
    );
    expect(result).toEqual({
      data: {
        oldBacGiang: { name: 'Tỉnh Bắc Giang', edition: 'BEFORE_2025', successors: [{ id: 'CURRENT:24', name: 'Tỉnh Bắc Ninh' }] },
        newBacNinh: { name: 'Tỉnh Bắc Ninh', edition: 'CURRENT', successors: [{ id: 'CURRENT:24' }] },
        yenBai: { successors: [{ name: 'Tỉnh Lào Cai' }] },
        laoCai: { successors: [{ name: 'Tỉnh Lào Cai' }] },
        district: { name: 'Thành phố Thái Nguyên', parent: { name: 'Tỉnh Thái Nguyên' }, successors: [{ name: 'Tỉnh Thái Nguyên' }] },
      },
    });
  });

  it('refuses a page size out of range and a forged cursor, naming the argument', async () => {
    const tooBig = await graphql(url(), SEARCH, { first: 1000 });
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await graphql(url(), SEARCH, { after: 'not-a-cursor' });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'INVALID_CURSOR', field: 'after' });
    expect(forged.errors?.[0].extensions?.requestId).toEqual(expect.any(String));
  });

  it('matches a query literally: LIKE wildcards in it are not wildcards', async () => {
    const result = await graphql<Units>(url(), SEARCH, { search: '%' });
    expect(result.data!.administrativeUnits.totalCount).toBe(0);
  });

  it('is a read-only reference: a write outside a migration is refused', async () => {
    await withDatabase(async (client) => {
      await expect(client.query(`update places.administrative_unit set name = 'x' where id = 'CURRENT:01'`)).rejects.toThrow(/read-only reference schema/);
      await expect(client.query(`delete from places.unit_succession`)).rejects.toThrow(/read-only reference schema/);
    });
  });

  it('loads every official unit of both editions', async () => {
    const count = (level: string, edition: string) =>
      graphql<Units>(url(), `query ($level: UnitLevel, $edition: UnitEdition) { administrativeUnits(level: $level, edition: $edition, first: 0) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { level, edition }).then(
        (result) => result.data!.administrativeUnits.totalCount,
      );
    expect(await count('PROVINCE', 'BEFORE_2025')).toBe(63);
    expect(await count('DISTRICT', 'BEFORE_2025')).toBe(696);
    expect(await count('COMMUNE', 'BEFORE_2025')).toBe(10_047);
    expect(await count('PROVINCE', 'CURRENT')).toBe(34);
    expect(await count('COMMUNE', 'CURRENT')).toBe(3_321);
  });
});
