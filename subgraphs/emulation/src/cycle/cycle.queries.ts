import type { GraphQLResponse } from '../../../../test/graphql.ts';

/** The mutations of the cycle as the tests send them, and how a refusal is compared. */
export const REGISTER = `mutation ($input: RegisterEmulationCommitmentInput!) {
  registerEmulationCommitment(input: $input) { id kind title description registeredOn member { position } }
}`;
export const SET_CRITERIA = `mutation ($input: SetEmulationCriteriaInput!) {
  setEmulationCriteria(input: $input) { cycle { stage criteriaSetOn } criteria { position name description weight maxPoints } }
}`;
export const SCORE = `mutation ($input: RecordEmulationScoresInput!) {
  recordEmulationScores(input: $input) { cycle { stage scoringStartedOn } }
}`;
export const RANK = `mutation ($input: ComputeEmulationRankingInput!) {
  computeEmulationRanking(input: $input) { cycle { stage rankedOn } ranking { rank weightedScore member { position } tiedWith { position } tieNote } }
}`;
export const VOTE = `mutation ($input: VoteEmulationTitleInput!) {
  voteEmulationTitle(input: $input) { id title votedOn note member { position } }
}`;
export const PROPOSE = `mutation ($input: ProposeEmulationCommendationInput!) {
  proposeEmulationCommendation(input: $input) { id form proposedOn reason member { position } }
}`;
export const failure = (result: GraphQLResponse<unknown>) => ({ data: result.data, ...result.errors?.[0].extensions, requestId: undefined });
export const refused = (code: string, field: string) => ({ data: null, code, field, requestId: undefined });
