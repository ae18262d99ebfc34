/** The public id of a job names its kind, so the gateway can route a poll as it routes an upload: `relief-activities-<uuid>`. */
export const jobPublicId = (kind: string, id: string) => `${kind}-${id}`;
export function parseJobId(publicId: string): { kind: string; id: string } | null {
  const match = /^([a-z0-9-]+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(publicId);
  return match ? { kind: match[1], id: match[2] } : null;
}
