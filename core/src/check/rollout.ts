/**
 * CodePush's rollout bucket, bit-exact (codepush.md §1.5): only the shifted term wraps to 32 bits,
 * `h` itself grows in double arithmetic. Do not add `| 0` — it changes the bucket for most UUIDs.
 */
export function rolloutBucket(clientId: string, tag: string): number {
  const s = `${clientId}-${tag}`;
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h << 5) - h + s.charCodeAt(i);
  return Math.abs(h) % 100;
}

export function isSelectedForRollout(clientId: string, rollout: number, tag: string): boolean {
  return rolloutBucket(clientId, tag) < rollout;
}
