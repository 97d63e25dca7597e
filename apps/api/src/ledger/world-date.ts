/** "today" for world-date arguments that default to it (`on:`): the server's calendar date in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
