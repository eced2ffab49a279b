/**
 * Repairs of a greedy parse where it breaks a rule every UD tree keeps. A predicate has one
 * subject: when the parser gives a verb two subjects with a coordinator between them ("he and
 * President X agreed", read as two separate subjects), they are one coordinated subject.
 */
export function repairTree(heads: number[], deprels: string[]): void {
  const n = heads.length;
  for (let v = 1; v <= n; v++) {
    let first = -1;
    for (let d = 1; d < v; d++) {
      if (heads[d - 1] !== v || deprels[d - 1] !== 'nsubj') continue;
      if (first < 0) {
        first = d;
        continue;
      }
      const cc = ccBetween(heads, deprels, v, first, d);
      if (cc < 0) continue;
      heads[d - 1] = first;
      deprels[d - 1] = 'conj';
      heads[cc - 1] = d;
    }
  }
}

/** A `cc` dependent of v between words a and b (1-based), or -1. */
function ccBetween(heads: number[], deprels: string[], v: number, a: number, b: number): number {
  for (let k = a + 1; k < b; k++) if (heads[k - 1] === v && deprels[k - 1] === 'cc') return k;
  return -1;
}
