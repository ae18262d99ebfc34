import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';

/**
 * The stages of a cluster year's cycle, in order. Transitions are implicit: the first act of the
 * next stage moves the cycle there and records its date; an act out of order is refused with
 * RULE_VIOLATION on the field `stage`.
 */
export enum EmulationStage {
  REGISTRATION = 'REGISTRATION',
  CRITERIA_SET = 'CRITERIA_SET',
  SCORING = 'SCORING',
  RANKED = 'RANKED',
  TITLES_VOTED = 'TITLES_VOTED',
}
registerEnumType(EmulationStage, {
  name: 'EmulationStage',
  description:
    'Where a cluster year stands in its yearly cycle. The stages follow one another in this order; each is entered by the first act that belongs to it (no separate "advance" step), and an act out of order is refused with RULE_VIOLATION on the field `stage`.',
  valuesConfig: {
    REGISTRATION: { description: 'Members register emulation commitments (đăng ký giao ước thi đua) and model programmes (mô hình điểm). Every cluster year starts here.' },
    CRITERIA_SET: { description: 'Entered by setEmulationCriteria: the scoring criteria (tiêu chí) and their weights, adding up to 100, are set; they may be set again until scoring starts.' },
    SCORING: { description: 'Entered by the first recordEmulationScores: members are scored (chấm điểm) per criterion; the criteria are frozen.' },
    RANKED: { description: 'Entered by computeEmulationRanking once every member is scored on every criterion: the ranking (xếp hạng) is final and scores are frozen.' },
    TITLES_VOTED: { description: 'Entered by the first voteEmulationTitle or proposeEmulationCommendation: the cluster votes titles (suy tôn danh hiệu thi đua) and proposes commendations (đề nghị khen thưởng).' },
  },
});

/** Stages in order, for comparisons. */
export const STAGE_ORDER: readonly EmulationStage[] = Object.values(EmulationStage);

export function stageReached(stage: EmulationStage, target: EmulationStage): boolean {
  return STAGE_ORDER.indexOf(stage) >= STAGE_ORDER.indexOf(target);
}

@ObjectType({
  description: 'The yearly cycle of a cluster year: its stage and the date of each transition. A date is null for a stage not reached, or when the source of the record does not give it.',
})
export class EmulationCycle {
  @Field(() => EmulationStage)
  stage!: EmulationStage;

  @Field(() => LocalDate, { nullable: true, description: 'When the criteria were set (the latest setting, while they could still change).' })
  criteriaSetOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When scoring started: the day of the first scores.' })
  scoringStartedOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the ranking was computed.' })
  rankedOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the cluster voted its titles (suy tôn) or proposed its first commendation: usually the day of the review conference.' })
  titlesVotedOn!: string | null;

  clusterId!: string;
}
