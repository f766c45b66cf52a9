/**
 * `compute()` once per key, kept in `memo` (which starts over once it holds `max` answers): for answers that
 * depend on their key alone, such as a zone's day bounds, which do not change while a process runs.
 */
export function remembered<V>(memo: Map<string, V>, key: string, max: number, compute: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    if (memo.size >= max) memo.clear();
    memo.set(key, value);
  }
  return value;
}
