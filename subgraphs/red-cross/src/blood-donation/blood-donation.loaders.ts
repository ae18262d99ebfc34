import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { BloodDonationProgrammeEntity } from './blood-donation.entity.ts';
import type { BloodDonationProgramme, BloodDonationProgrammeScope, BloodDonationSummary } from './blood-donation.type.ts';

export const PROGRAMME_COLUMNS = `p.id, p.name, p.scope, p.organiser_chapter_id as "organiserChapterId"`;

export function toProgramme(entity: BloodDonationProgrammeEntity): BloodDonationProgramme {
  const { id, name, scope, organiserChapterId } = entity;
  return { id, name, scope: scope as BloodDonationProgrammeScope, organiserChapterId };
}

export interface SummaryKey {
  chapterId: string;
  period: Period;
}

export function createBloodDonationLoaders(em: EntityManager) {
  return {
    BloodDonationProgrammeByIdLoader: new DataLoader<string, BloodDonationProgramme | null>(async (ids) => {
      const found = await em.find(BloodDonationProgrammeEntity, { id: { $in: [...ids] } });
      const byId = new Map(found.map((programme) => [programme.id, toProgramme(programme)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /**
     * Blood donation of each chapter's subtree in one statement per period. Records are events
     * (a round held, units received), each recorded once by the chapter that did it, so a
     * subtree's figures are plain sums over the records of every chapter whose path holds the root.
     */
    BloodDonationSummaryByChapterLoader: new DataLoader<SummaryKey, BloodDonationSummary, string>(
      async (keys) => {
        const byPeriod = Map.groupBy(keys, (key) => `${key.period.start}:${key.period.end}`);
        const results = new Map<SummaryKey, BloodDonationSummary>();
        for (const group of byPeriod.values()) {
          const { period } = group[0];
          const rows = await sql<{ chapterId: string; awarenessRounds: number; plannedUnits: string; emergencyUnits: string; totalUnits: string }>(
            em,
            `select root.id as "chapterId",
                    (select count(*)::int
                       from red_cross.blood_donation_awareness_round a join red_cross.chapter c on c.id = a.chapter_id
                      where c.path @> array[root.id] and a.held_on between ? and ?) as "awarenessRounds",
                    coalesce(units.planned, 0)::text as "plannedUnits",
                    coalesce(units.emergency, 0)::text as "emergencyUnits",
                    coalesce(units.total, 0)::text as "totalUnits"
               from unnest(array[?]::uuid[]) as root (id)
               left join lateral (
                 select sum(u.units) filter (where u.kind = 'PLANNED') as planned,
                        sum(u.units) filter (where u.kind = 'EMERGENCY') as emergency,
                        sum(u.units) as total
                   from red_cross.blood_unit_receipt u join red_cross.chapter c on c.id = u.chapter_id
                  where c.path @> array[root.id] and u.received_on between ? and ?
               ) units on true`,
            [period.start, period.end, group.map((key) => key.chapterId), period.start, period.end],
          );
          const byChapter = new Map(rows.map((row) => [String(row.chapterId), row]));
          for (const key of group) {
            const { awarenessRounds, plannedUnits, emergencyUnits, totalUnits } = byChapter.get(key.chapterId)!;
            results.set(key, { period: key.period, awarenessRounds, plannedUnits, emergencyUnits, totalUnits });
          }
        }
        return keys.map((key) => results.get(key)!);
      },
      { cacheKeyFn: (key) => `${key.chapterId}:${key.period.start}:${key.period.end}` },
    ),
  };
}

export type BloodDonationLoaders = ReturnType<typeof createBloodDonationLoaders>;
