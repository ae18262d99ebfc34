import { readFileSync } from 'node:fs';
import { Migration } from '@mikro-orm/migrations';
import { parse } from 'csv-parse/sync';
import { foldVietnamese, nfc, toneKey } from '@hoi/common/text';

const DATA = new URL('../../data/', import.meta.url);
const BEFORE = 'BEFORE_2025';
const CURRENT = 'CURRENT';
const LEVEL_RANK = { PROVINCE: 1, DISTRICT: 2, COMMUNE: 3 } as const;
// Longest first, so "Thị xã" is stripped whole rather than leaving "Thị".
const TYPE_PREFIXES = ['Thành phố', 'Thị trấn', 'Đặc khu', 'Thị xã', 'Phường', 'Huyện', 'Quận', 'Tỉnh', 'Xã'];

type Level = keyof typeof LEVEL_RANK;
interface UnitRow {
  id: string;
  edition: string;
  level: Level;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(new URL(file, DATA), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

export const unitId = (edition: string, code: string) => `${edition}:${code}`;

function shortName(name: string): string {
  const prefix = TYPE_PREFIXES.find((candidate) => name.startsWith(`${candidate} `));
  const rest = prefix ? name.slice(prefix.length + 1) : name;
  // "Phường 1" keeps its type: a bare number is not a name.
  return /^\d+$/.test(rest) ? name : rest;
}

/**
 * Loads the official administrative units of both editions and the old→new mapping into the
 * read-only `places` reference schema.
 */
export class Migration20261123000000_reference_units extends Migration {
  override async up(): Promise<void> {
    // Statements run through execute() precede the runner's own search_path statement.
    await this.execute(`set local search_path to places`);
    await this.execute(`
      create table administrative_unit (
        id text primary key,
        edition text not null check (edition in ('${BEFORE}', '${CURRENT}')),
        level text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE')),
        level_rank smallint not null,
        code text not null,
        name text not null,
        short_name text collate "vi-x-icu" not null,
        type text not null,
        parent_id text references administrative_unit (id),
        name_folded text not null,
        name_tone_key text not null,
        unique (edition, code)
      )`);
    await this.execute(`create index administrative_unit_parent_idx on administrative_unit (parent_id)`);
    await this.execute(`create index administrative_unit_order_idx on administrative_unit (level_rank, short_name, id)`);
    await this.execute(`
      create table unit_succession (
        predecessor_id text not null references administrative_unit (id),
        successor_id text not null references administrative_unit (id),
        partial boolean not null,
        primary key (predecessor_id, successor_id)
      )`);
    await this.execute(`create index unit_succession_successor_idx on unit_succession (successor_id)`);

    const units: UnitRow[] = [];
    const add = (edition: string, level: Level, row: Record<string, string>, parentCode: string | null) =>
      units.push({
        id: unitId(edition, row.code),
        edition,
        level,
        code: row.code,
        name: nfc(row.name),
        type: nfc(row.type),
        parentId: parentCode ? unitId(edition, parentCode) : null,
      });
    const oldProvinces = readCsv('provinces-until-2025-06-30.csv');
    const oldDistricts = readCsv('districts-until-2025-06-30.csv');
    const oldCommunes = readCsv('communes-until-2025-06-30.csv');
    const newProvinces = readCsv('provinces-from-2025-07-01.csv');
    const newCommunes = readCsv('communes-from-2025-07-01.csv');
    oldProvinces.forEach((row) => add(BEFORE, 'PROVINCE', row, null));
    oldDistricts.forEach((row) => add(BEFORE, 'DISTRICT', row, row.province_code));
    oldCommunes.forEach((row) => add(BEFORE, 'COMMUNE', row, row.district_code));
    newProvinces.forEach((row) => add(CURRENT, 'PROVINCE', row, null));
    newCommunes.forEach((row) => add(CURRENT, 'COMMUNE', row, row.province_code));

    await this.execute(
      `insert into administrative_unit
         (id, edition, level, level_rank, code, name, short_name, type, parent_id, name_folded, name_tone_key)
       select id, edition, level, level_rank, code, name, short_name, type, parent_id, name_folded, name_tone_key
         from jsonb_to_recordset(?::jsonb) as t(id text, edition text, level text, level_rank smallint, code text,
              name text, short_name text, type text, parent_id text, name_folded text, name_tone_key text)`,
      [
        JSON.stringify(
          units.map((u) => ({
            id: u.id,
            edition: u.edition,
            level: u.level,
            level_rank: LEVEL_RANK[u.level],
            code: u.code,
            name: u.name,
            short_name: shortName(u.name),
            type: u.type,
            parent_id: u.parentId,
            name_folded: foldVietnamese(u.name),
            name_tone_key: toneKey(u.name),
          })),
        ),
      ],
    );

    // Old province → the new province it went into; an old district went wherever its province went.
    const successions: { predecessor_id: string; successor_id: string; partial: boolean }[] = [];
    const succeeds = (predecessor: string, successor: string, partial: boolean) =>
      successions.push({ predecessor_id: predecessor, successor_id: successor, partial });
    const provinceSuccessor = new Map(oldProvinces.map((row) => [row.code, row.successor_code]));
    for (const row of oldProvinces) succeeds(unitId(BEFORE, row.code), unitId(CURRENT, row.successor_code), false);
    for (const row of oldDistricts) {
      succeeds(unitId(BEFORE, row.code), unitId(CURRENT, provinceSuccessor.get(row.province_code)!), false);
    }
    // Communes: the new units name their old parts, marking those that only partly went in.
    for (const row of newCommunes) {
      for (const part of row.merged_from.split(';').filter(Boolean)) {
        const [code, partial] = part.split(':');
        succeeds(unitId(BEFORE, code), unitId(CURRENT, row.code), partial === 'partial');
      }
    }
    await this.execute(
      `insert into unit_succession (predecessor_id, successor_id, partial)
       select predecessor_id, successor_id, partial
         from jsonb_to_recordset(?::jsonb) as t(predecessor_id text, successor_id text, partial boolean)
       on conflict do nothing`,
      [JSON.stringify(successions)],
    );

    // A reference schema: rows change only through migrations, never through the running service.
    await this.execute(`
      create function reject_reference_write() returns trigger language plpgsql as $$
      begin
        if coalesce(current_setting('hoi.reference_write', true), '') <> 'on' then
          raise exception 'places is a read-only reference schema; change it with a migration';
        end if;
        return null;
      end $$`);
    for (const table of ['administrative_unit', 'unit_succession']) {
      await this.execute(
        `create trigger ${table}_read_only before insert or update or delete or truncate on ${table}
         for each statement execute function reject_reference_write()`,
      );
    }
  }
}
