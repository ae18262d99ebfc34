import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '@hoi/common/dates';
import { connectionOf } from '@hoi/common/pagination';

@ObjectType({ description: 'An Intergenerational Self-Help Club (Câu lạc bộ Liên thế hệ tự giúp nhau, CLB LTHTGN) in a commune or ward.' })
@Directive('@key(fields: "id")')
export class Club {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Founding date (ngày thành lập), an ISO date.' })
  foundedOn!: string | null;

  associationId!: string;
  unitId!: string | null;
}

export const ClubConnection = connectionOf(Club, 'Club', 'A page of clubs.');
