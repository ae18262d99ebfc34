import { ObjectType } from 'type-graphql';

/** The committees of a term are not stored apart: their seats are office holders, their regulations term documents. */
@ObjectType({ description: 'The Executive Committee (Ban Chấp hành) of a term: the chair, vice chairs and members it elected.' })
export class ExecutiveCommittee {
  termId!: string;
}

@ObjectType({ description: 'The Inspection Committee (Ban Kiểm tra) of a term.' })
export class InspectionCommittee {
  termId!: string;
}
