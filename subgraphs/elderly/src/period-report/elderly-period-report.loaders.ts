import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import type { Period } from '@hoi/common/period';
import { pgArray, REPORT_COLUMNS, SNAPSHOT_COLUMNS, toReportRow, type PeriodReportRow, type PeriodReportSnapshotRow } from '@hoi/common/period-report';
import { shareOfCounts } from '@hoi/common/share';
import type { ClubFigures } from '../member/club-member.type.ts';
import { organisationFigures, type OrganisationPeriodKey } from './elderly-period-report.plug.ts';
import { ElderlyReportKind, type ElderlyPeriodFigures, type ElderlyPeriodReport } from './elderly-period-report.type.ts';

export function toElderlyPeriodReport(row: PeriodReportRow): ElderlyPeriodReport {
  const { missingChildren, kind, ...rest } = row;
  return { ...rest, kind: kind as ElderlyReportKind, missingChildIds: missingChildren };
}

type Stored = Record<string, string>;

/** Club figures of the stored counts, with their shares. */
export function toClubFigures(clubs: string, members: Stored): ClubFigures {
  const whole = members.members;
  return {
    clubs: Number(clubs),
    clubsFoundedSince: null,
    members: Number(whole),
    boardMembers: Number(members.boardMembers),
    ethnicMinorityMembers: Number(members.ethnicMinorityMembers),
    ethnicMinorityShare: shareOfCounts(members.ethnicMinorityMembers, whole),
    membersOver55: Number(members.membersOver55),
    over55Share: shareOfCounts(members.membersOver55, whole),
    poorMembers: Number(members.poorMembers),
    poorShare: shareOfCounts(members.poorMembers, whole),
    nearPoorMembers: Number(members.nearPoorMembers),
    nearPoorShare: shareOfCounts(members.nearPoorMembers, whole),
  };
}

/** The GraphQL shape of figures stored (or computed) as JSON by ORGANISATION_FIGURES_SQL. */
export function toElderlyFigures(json: Record<string, unknown>, period: Period): ElderlyPeriodFigures {
  const fund = json.fund as Stored;
  return {
    newMembers: Number(json.intake),
    clubsAndMembers: toClubFigures(json.clubs as string, json.members as Stored),
    fund: {
      asOf: period.end,
      balance: fund.balance,
      totalFund: fund.totalFund,
      contributedOrRaised: fund.contributedOrRaised,
      outOnLoan: fund.outOnLoan,
      borrowers: Number(fund.borrowers),
      overdueLoans: Number(fund.overdueLoans),
      overdueAmount: fund.overdueAmount,
    },
    fundClubs: Number(fund.clubs),
  };
}

export interface ApprovedElderlyFigures {
  reportId: string;
  version: number;
  figures: Record<string, unknown>;
}

const keyOf = (key: OrganisationPeriodKey) => `${key.organisationId.toLowerCase()}:${key.period.type}:${key.period.start}`;

export function createElderlyPeriodReportLoaders(em: EntityManager) {
  return {
    ElderlyPeriodReportByIdLoader: new DataLoader<string, ElderlyPeriodReport | null>(async (ids) => {
      const wellFormed = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
      const rows = wellFormed.length === 0 ? [] : await sql<Record<string, unknown>>(em, `select ${REPORT_COLUMNS} from elderly.period_report r where r.id in (?)`, [wellFormed]);
      const byId = new Map(rows.map((row) => [String(row.id), toElderlyPeriodReport(toReportRow(row))]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    /** Each organisation's reports of one period (every kind), in one statement for all keys. */
    ElderlyPeriodReportsByOrganisationPeriodLoader: new DataLoader<OrganisationPeriodKey, ElderlyPeriodReport[], string>(
      async (keys) => {
        const rows = await sql<Record<string, unknown>>(
          em,
          `select ${REPORT_COLUMNS} from elderly.period_report r
             join unnest(?::uuid[], ?::text[], ?::date[]) as k (organisation_id, period_type, period_start)
               on r.organisation_id = k.organisation_id and r.period_type = k.period_type and r.period_start = k.period_start
            order by r.kind`,
          [pgArray(keys.map((key) => key.organisationId)), pgArray(keys.map((key) => key.period.type)), pgArray(keys.map((key) => key.period.start))],
        );
        const reports = Map.groupBy(rows.map((row) => toElderlyPeriodReport(toReportRow(row))), (report) => `${report.organisationId}:${report.period.type}:${report.period.start}`);
        return keys.map((key) => reports.get(keyOf(key)) ?? []);
      },
      { cacheKeyFn: keyOf },
    ),
    ElderlyPeriodReportSnapshotsByReportIdLoader: new DataLoader<string, PeriodReportSnapshotRow[]>(async (ids) => {
      const rows = await sql<PeriodReportSnapshotRow>(em, `select ${SNAPSHOT_COLUMNS} from elderly.period_report_snapshot s where s.report_id in (?) order by s.version`, [[...ids]]);
      const byReport = Map.groupBy(rows, (row) => row.reportId);
      return ids.map((id) => byReport.get(id) ?? []);
    }),
    /** The latest approved figures of each organisation's ACTIVITIES report of a period, or null: one statement for all keys. */
    ApprovedElderlyFiguresByOrganisationPeriodLoader: new DataLoader<OrganisationPeriodKey, ApprovedElderlyFigures | null, string>(
      async (keys) => {
        const rows = await sql<ApprovedElderlyFigures & { key: string }>(
          em,
          `select distinct on (r.id) r.organisation_id || ':' || r.period_type || ':' || to_char(r.period_start, 'YYYY-MM-DD') as key,
                  r.id as "reportId", s.version, s.figures
             from elderly.period_report r
             join unnest(?::uuid[], ?::text[], ?::date[]) as k (organisation_id, period_type, period_start)
               on r.organisation_id = k.organisation_id and r.period_type = k.period_type and r.period_start = k.period_start
             join elderly.period_report_snapshot s on s.report_id = r.id
            where r.kind = ?
            order by r.id, s.version desc`,
          [pgArray(keys.map((key) => key.organisationId)), pgArray(keys.map((key) => key.period.type)), pgArray(keys.map((key) => key.period.start)), ElderlyReportKind.ACTIVITIES],
        );
        const byKey = new Map(rows.map(({ key, ...approved }) => [key, approved]));
        return keys.map((key) => byKey.get(keyOf(key)) ?? null);
      },
      { cacheKeyFn: keyOf },
    ),
    /** Live figures of each report's organisation and period: one statement for all of them. */
    LiveElderlyFiguresByOrganisationPeriodLoader: new DataLoader<OrganisationPeriodKey, Record<string, unknown>, string>(
      (keys) => organisationFigures(em, keys),
      { cacheKeyFn: keyOf },
    ),
  };
}
