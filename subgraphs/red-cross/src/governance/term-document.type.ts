import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';

export enum TermDocumentKind {
  EXECUTIVE_COMMITTEE_REGULATIONS = 'EXECUTIVE_COMMITTEE_REGULATIONS',
  INSPECTION_COMMITTEE_REGULATIONS = 'INSPECTION_COMMITTEE_REGULATIONS',
  WHOLE_TERM_PROGRAMME = 'WHOLE_TERM_PROGRAMME',
}
registerEnumType(TermDocumentKind, {
  name: 'TermDocumentKind',
  description: 'A document a term adopts; one of each kind per term.',
  valuesConfig: {
    EXECUTIVE_COMMITTEE_REGULATIONS: { description: 'Working regulations of the Executive Committee (quy chế làm việc của Ban Chấp hành).' },
    INSPECTION_COMMITTEE_REGULATIONS: { description: 'Working regulations of the Inspection Committee (quy chế làm việc của Ban Kiểm tra).' },
    WHOLE_TERM_PROGRAMME: { description: 'Whole-term work programme of the Executive Committee (chương trình công tác toàn khóa).' },
  },
});

export enum TermDocumentStatus {
  DRAFT = 'DRAFT',
  ADOPTED = 'ADOPTED',
}
registerEnumType(TermDocumentStatus, {
  name: 'TermDocumentStatus',
  valuesConfig: {
    DRAFT: { description: 'A draft (dự thảo), under discussion.' },
    ADOPTED: { description: 'Adopted (thông qua); the adoption date is known.' },
  },
});

/** The title a draft gets when none is given. */
export const DEFAULT_TITLES: Record<TermDocumentKind, string> = {
  EXECUTIVE_COMMITTEE_REGULATIONS: 'Quy chế làm việc của Ban Chấp hành',
  INSPECTION_COMMITTEE_REGULATIONS: 'Quy chế làm việc của Ban Kiểm tra',
  WHOLE_TERM_PROGRAMME: 'Chương trình công tác toàn khóa của Ban Chấp hành',
};
export const KIND_ORDER: readonly TermDocumentKind[] = Object.values(TermDocumentKind);

@ObjectType({ description: 'A document of a term (văn bản của nhiệm kỳ): working regulations or the whole-term work programme.' })
export class TermDocument {
  @Field(() => ID)
  id!: string;

  @Field(() => TermDocumentKind)
  kind!: TermDocumentKind;

  @Field(() => String, { description: 'Title in Vietnamese, e.g. "Quy chế làm việc của Ban Chấp hành Hội Chữ thập đỏ tỉnh".' })
  title!: string;

  @Field(() => TermDocumentStatus)
  status!: TermDocumentStatus;

  @Field(() => LocalDate, { nullable: true, description: 'Day the draft was presented or discussed, when known.' })
  draftedOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day it was adopted; null while a draft.' })
  adoptedOn!: string | null;

  termId!: string;
}

export const TermDocumentConnection = connectionOf(TermDocument, 'TermDocument', 'A page of a term\'s documents, by kind.');

@InputType({ description: 'A draft document of a term; a term has one document of each kind.' })
export class RecordTermDocumentDraftInput {
  @Field(() => ID)
  @IsUUID()
  termId!: string;

  @Field(() => TermDocumentKind)
  @IsEnum(TermDocumentKind)
  kind!: TermDocumentKind;

  @Field(() => String, { nullable: true, description: 'Title in Vietnamese; by default the usual name of the kind, e.g. "Quy chế làm việc của Ban Chấp hành".' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/\S/, { message: 'title must not be blank' })
  title?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Day the draft was presented or discussed; within the term\'s years.' })
  draftedOn?: string | null;
}

@InputType({ description: 'The adoption of a draft document.' })
export class AdoptTermDocumentInput {
  @Field(() => ID)
  @IsUUID()
  documentId!: string;

  @Field(() => LocalDate, { description: 'Within the term\'s years, not before the draft, not in the future.' })
  adoptedOn!: string;
}
