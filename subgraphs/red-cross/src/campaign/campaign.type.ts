import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsIn, IsUUID, Length } from 'class-validator';
import { connectionOf } from '@hoi/common/pagination';

export enum CampaignScope {
  NATIONAL = 'NATIONAL',
  LOCAL = 'LOCAL',
}
registerEnumType(CampaignScope, {
  name: 'CampaignScope',
  valuesConfig: {
    NATIONAL: { description: 'Launched by the national society for every chapter (do Trung ương Hội phát động).' },
    LOCAL: { description: 'Launched by a local chapter for its own subtree.' },
  },
});

export enum CampaignRecurrence {
  YEARLY = 'YEARLY',
  STANDING = 'STANDING',
}
registerEnumType(CampaignRecurrence, {
  name: 'CampaignRecurrence',
  valuesConfig: {
    YEARLY: { description: 'Runs every year, e.g. "Tháng Nhân đạo" each May; activities carry their own dates.' },
    STANDING: { description: 'Runs continuously, e.g. "Mỗi tổ chức, cá nhân gắn với một địa chỉ nhân đạo".' },
  },
});

@ObjectType({ description: 'A movement or campaign (phong trào, cuộc vận động), e.g. "Tết Nhân ái", "Tháng Nhân đạo".' })
@Directive('@key(fields: "id")')
export class Campaign {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CampaignScope)
  scope!: CampaignScope;

  @Field(() => CampaignRecurrence)
  recurrence!: CampaignRecurrence;

  organiserChapterId!: string;
}

export const CampaignConnection = connectionOf(Campaign, 'Campaign', 'A page of campaigns.');

@InputType({ description: 'A new campaign; its organiser\'s subtree records activities under it.' })
export class CampaignInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => CampaignScope)
  @IsIn(Object.values(CampaignScope))
  scope!: CampaignScope;

  @Field(() => CampaignRecurrence)
  @IsIn(Object.values(CampaignRecurrence))
  recurrence!: CampaignRecurrence;

  @Field(() => ID, { description: 'The chapter that launches it: the national society for a NATIONAL campaign.' })
  @IsUUID()
  organiserChapterId!: string;
}
