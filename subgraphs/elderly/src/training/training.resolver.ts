import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { badInput, notFound } from '@hoi/common/errors';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { AdministrativeUnitReference, unitReference } from '@hoi/common/references';
import { ElderlyAssociationEntity } from '../association/elderly-association.entity.ts';
import { ElderlyAssociation } from '../association/elderly-association.type.ts';
import { checkRecordDate, cleanText, uniqueConflict } from '../club-life/record.rules.ts';
import type { ElderlyContext } from '../context.ts';
import { TrainingEntity, TrainingParticipationEntity, TrainingPartnerEntity } from './training.entity.ts';
import { PARTICIPANT_ROLES, Training, TrainingConnection, TrainingInput } from './training.type.ts';
import { requireAssociationWrite } from '../association/association.access.ts';

const UNIQUE_INDEXES: Record<string, [string, string]> = {
  training_title_key: ['title', 'this association already recorded a training of this title on this day'],
  training_partner_name_key: ['partners', 'a partner is named twice'],
  training_participation_pkey: ['participants', 'a capacity is listed twice'],
};

/** Reports the second mention of a key, with its index in the list. */
function firstRepeat<T>(items: T[], keyOf: (item: T) => string): number | null {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const key = keyOf(item);
    if (seen.has(key)) return index;
    seen.add(key);
  }
  return null;
}

@Resolver(() => Training)
export class TrainingResolver {
  @Query(() => Training, { nullable: true, description: 'One training (tập huấn) by id.' })
  training(@Arg('id', () => ID) id: string, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.TrainingByIdLoader.load(id);
  }

  @Mutation(() => Training, { description: 'Records a training (tập huấn) an association unit held, with its partners and its participants by capacity.' })
  async recordTraining(@Arg('input', () => TrainingInput) input: TrainingInput, @Ctx() ctx: ElderlyContext): Promise<Training> {
    await requireAssociationWrite(ctx, input.associationId, 'associationId');
    checkRecordDate(input.heldOn, 'heldOn');
    const partners = (input.partners ?? []).map((partner) => ({ name: cleanText(partner.name), role: partner.role }));
    const repeatedPartner = firstRepeat(partners, (partner) => partner.name.toLocaleLowerCase('vi'));
    if (repeatedPartner != null) throw badInput(`partners.${repeatedPartner}.name`, 'this partner is already listed');
    const repeatedRole = firstRepeat(input.participants, (participant) => participant.role);
    if (repeatedRole != null) throw badInput(`participants.${repeatedRole}.role`, 'this capacity is already listed: give each capacity once, with its count');
    const participants = [...input.participants]
      .sort((a, b) => PARTICIPANT_ROLES.indexOf(a.role) - PARTICIPANT_ROLES.indexOf(b.role))
      .map(({ role, count }) => ({ role, count }));
    const training = {
      id: randomUUID(),
      associationId: input.associationId,
      title: cleanText(input.title),
      heldOn: input.heldOn,
      unitId: input.unitId ?? null,
      venue: input.venue == null ? null : cleanText(input.venue),
    };
    try {
      await writeTransaction(ctx.em, async (em) => {
        if (!(await em.findOne(ElderlyAssociationEntity, { id: input.associationId }, { fields: ['id'] }))) {
          throw notFound('associationId', 'no association unit has this id');
        }
        em.create(TrainingEntity, training);
        // The children reference the training: it goes in first.
        await em.flush();
        for (const [position, partner] of partners.entries()) em.create(TrainingPartnerEntity, { trainingId: training.id, position, ...partner });
        for (const { role, count } of participants) em.create(TrainingParticipationEntity, { trainingId: training.id, role, headcount: count });
      });
    } catch (error) {
      throw uniqueConflict(error, UNIQUE_INDEXES) ?? error;
    }
    return { ...training, partners, participants, totalParticipants: participants.reduce((sum, participant) => sum + participant.count, 0) };
  }

  @FieldResolver(() => ElderlyAssociation, { description: 'The association unit that organised it (đơn vị tổ chức).' })
  association(@Root() training: Training, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(training.associationId);
  }

  @FieldResolver(() => AdministrativeUnitReference, { nullable: true, description: 'The administrative unit where it was held (địa bàn), in the edition of the map of its time.' })
  unit(@Root() training: Training) {
    return unitReference(training.unitId);
  }
}

@Resolver(() => ElderlyAssociation)
export class AssociationTrainingResolver {
  @FieldResolver(() => TrainingConnection, { description: 'Trainings this unit organised, newest first.' })
  trainings(@Root() association: ElderlyAssociation, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.TrainingsByAssociationIdLoader.load({ parentId: association.id, page: readPage(pageArgs) });
  }
}
