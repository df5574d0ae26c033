/** Posting lists: the ascending indexes of the entries that hold a term, a character pair or a head text. */

/** Whether the ascending `list` holds `value` (binary search). */
export function holds(list: Int32Array | undefined, value: number): boolean {
  if (list === undefined) return false;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle] < value) low = middle + 1;
    else high = middle;
  }
  return list[low] === value;
}

/**
 * Whether some value all the ascending `lists` hold passes `test`: the shortest list is walked, and each other one
 * searched (binary search) for each of its values. Nothing is allocated: it runs per span of every question.
 */
export function someInAll(lists: readonly Int32Array[], test: (value: number) => boolean): boolean {
  let shortest = lists[0];
  for (const list of lists) if (list.length < shortest.length) shortest = list;
  values: for (const value of shortest) {
    for (const list of lists) {
      if (list === shortest) continue;
      if (list[list.length - 1] < value) return false;
      if (!holds(list, value)) continue values;
    }
    if (test(value)) return true;
  }
  return false;
}
