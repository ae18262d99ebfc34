import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ClusterMember } from '../cluster/emulation-cluster.type.ts';

export enum ClusterRoleKind {
  HEAD = 'HEAD',
  DEPUTY = 'DEPUTY',
  REVIEW_HOST = 'REVIEW_HOST',
  NEXT_YEAR_HOST = 'NEXT_YEAR_HOST',
}
registerEnumType(ClusterRoleKind, {
  name: 'ClusterRoleKind',
  description: 'A role a member holds in a cluster year; one holder of each per cluster.',
  valuesConfig: {
    HEAD: { description: 'Head of the cluster (cụm trưởng, trưởng khối).' },
    DEPUTY: { description: 'Deputy head (cụm phó, phó khối); another member than the head.' },
    REVIEW_HOST: { description: 'Host (đơn vị đăng cai) of the year\'s review meeting.' },
    NEXT_YEAR_HOST: { description: 'Member assigned to host next year\'s meeting (giao nhiệm vụ đăng cai năm sau).' },
  },
});

/** The order roles are listed in. */
export const ROLE_ORDER: readonly ClusterRoleKind[] = Object.values(ClusterRoleKind);

export enum RoleSelection {
  ELECTION = 'ELECTION',
  ROTATION = 'ROTATION',
}
registerEnumType(RoleSelection, {
  name: 'RoleSelection',
  description: 'How a member came to hold a role.',
  valuesConfig: {
    ELECTION: { description: 'Elected by the members (bầu, suy tôn).' },
    ROTATION: { description: 'By turns among the members (luân phiên).' },
  },
});

@ObjectType({ description: 'A role a member holds in a cluster year, e.g. the head (cụm trưởng) or the host of the review meeting.' })
export class ClusterRole {
  @Field(() => ID)
  id!: string;

  @Field(() => ClusterRoleKind)
  role!: ClusterRoleKind;

  @Field(() => ClusterMember, { description: 'The member organisation holding the role.' })
  member!: ClusterMember;

  @Field(() => RoleSelection, { nullable: true, description: 'How the member was chosen; null when the source does not say.' })
  selection!: RoleSelection | null;

  @Field(() => String, {
    nullable: true,
    description: 'The person who holds the role for the member, as free text, e.g. "bà Nguyễn Thị Phúc - Chủ tịch Hội người cao tuổi".',
  })
  heldBy!: string | null;

  clusterId!: string;
}

@InputType({ description: 'A member taking a role in a cluster year. One holder of each role per cluster; the head and the deputy are different members.' })
export class AssignClusterRoleInput {
  @Field(() => ID)
  @IsUUID()
  clusterId!: string;

  @Field(() => ClusterRoleKind)
  @IsEnum(ClusterRoleKind)
  role!: ClusterRoleKind;

  @Field(() => ID, { description: 'A member (ClusterMember.id) of this cluster.' })
  @IsUUID()
  memberId!: string;

  @Field(() => RoleSelection, { nullable: true, description: 'Omit when unknown.' })
  @IsOptional()
  @IsEnum(RoleSelection)
  selection?: RoleSelection | null;

  @Field(() => String, { nullable: true, description: 'The person holding the role for the member, free text; stored in Unicode NFC.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/\S/, { message: 'heldBy must not be blank' })
  heldBy?: string | null;
}
