/** Compares two global ledger positions, decimal strings of any size ("9" < "10"). */
export function comparePositions(left: string, right: string): number {
  const a = BigInt(left);
  const b = BigInt(right);
  return a < b ? -1 : a > b ? 1 : 0;
}
