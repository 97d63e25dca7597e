/**
 * Pages over rows ordered by id when part of the filter can only be computed in the application
 * (a status on a world date, a grounded argument status): fetches chunks after the cursor until
 * `first + 1` rows pass, so a page is always full when more matches exist.
 */
export async function filteredPage<R extends { readonly id: string }>(
  fetchChunk: (afterId: string | null, limit: number) => Promise<R[]>,
  keep: (rows: R[]) => Promise<boolean[]> | boolean[],
  afterId: string | null,
  first: number,
): Promise<R[]> {
  const wanted = first + 1;
  const chunkSize = Math.max(wanted, 200);
  const kept: R[] = [];
  let cursor = afterId;
  for (;;) {
    const chunk = await fetchChunk(cursor, chunkSize);
    const verdicts = await keep(chunk);
    chunk.forEach((row, index) => {
      if (verdicts[index] && kept.length < wanted) kept.push(row);
    });
    if (kept.length >= wanted || chunk.length < chunkSize) return kept;
    cursor = chunk[chunk.length - 1]!.id;
  }
}
