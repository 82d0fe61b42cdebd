/**
 * A character trie over folded aliases, built from sorted keys straight into flat typed arrays.
 *
 * Nodes are numbered breadth-first, so the children of a node are consecutive node ids and every
 * node but the root has exactly one incoming edge: the edge's label is stored on the child. A node
 * then costs ten bytes (label, first child, first value) and the whole trie is four arrays that
 * serialise as they are, so a large pack's matcher is built once and loaded, not rebuilt.
 */

export interface FrozenTrie {
  /** Per node: the character on the edge into it (the root's is unused). */
  labels: Uint16Array;
  /** Per node, plus one: the id of its first child; its children run to firstChild[n + 1] - 1. */
  firstChild: Uint32Array;
  /** Per node, plus one: where its values start in `values`; they run to valueStart[n + 1]. */
  valueStart: Uint32Array;
  /** Payload indices (caller-defined) of every key that ends at a node. */
  values: Uint32Array;
}

/**
 * Builds the trie from (key, payload) pairs. Keys are sorted first; then each key shares the path
 * of the previous one up to their common prefix, so nodes are created in one pass without maps.
 */
export function buildTrie(keys: readonly string[], payloads: readonly number[]): FrozenTrie {
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));

  // First pass: a left-child/right-sibling tree in creation (depth-first) order.
  const label: number[] = [0];
  const firstChildDfs: number[] = [-1];
  const lastChildDfs: number[] = [-1];
  const nextSibling: number[] = [-1];
  const valueLists: number[][] = [];
  const valueNode: number[] = [];
  const path: number[] = [0];
  let previous = '';

  for (const index of order) {
    const key = keys[index]!;
    let common = 0;
    const limit = Math.min(key.length, previous.length);
    while (common < limit && key.charCodeAt(common) === previous.charCodeAt(common)) common++;
    path.length = common + 1;
    let node = path[common]!;
    for (let i = common; i < key.length; i++) {
      const child = label.length;
      label.push(key.charCodeAt(i));
      firstChildDfs.push(-1);
      lastChildDfs.push(-1);
      nextSibling.push(-1);
      if (firstChildDfs[node] === -1) firstChildDfs[node] = child;
      else nextSibling[lastChildDfs[node]!] = child;
      lastChildDfs[node] = child;
      node = child;
      path.push(node);
    }
    if (valueNode[valueNode.length - 1] === node) valueLists[valueLists.length - 1]!.push(payloads[index]!);
    else {
      valueNode.push(node);
      valueLists.push([payloads[index]!]);
    }
    previous = key;
  }

  // Second pass: number the nodes breadth-first so that siblings are consecutive.
  const count = label.length;
  const newId = new Uint32Array(count);
  const queue = new Uint32Array(count);
  let head = 0;
  let tail = 1;
  queue[0] = 0;
  newId[0] = 0;
  const trie: FrozenTrie = {
    labels: new Uint16Array(count),
    firstChild: new Uint32Array(count + 1),
    valueStart: new Uint32Array(count + 1),
    values: new Uint32Array(valueLists.reduce((n, list) => n + list.length, 0)),
  };
  while (head < tail) {
    const old = queue[head]!;
    const id = head++;
    trie.firstChild[id] = tail;
    for (let c = firstChildDfs[old]!; c !== -1; c = nextSibling[c]!) {
      newId[c] = tail;
      trie.labels[tail] = label[c]!;
      queue[tail++] = c;
    }
  }
  trie.firstChild[count] = count;

  const valuesAt = new Map<number, number[]>();
  valueNode.forEach((node, i) => valuesAt.set(newId[node]!, valueLists[i]!));
  let v = 0;
  for (let id = 0; id < count; id++) {
    trie.valueStart[id] = v;
    for (const payload of valuesAt.get(id) ?? []) trie.values[v++] = payload;
  }
  trie.valueStart[count] = v;
  return trie;
}

/** The child of `node` along `code`, or -1. */
export function childOf(trie: FrozenTrie, node: number, code: number): number {
  let lo = trie.firstChild[node]!;
  let hi = trie.firstChild[node + 1]! - 1;
  const labels = trie.labels;
  if (hi - lo < 8) {
    for (let i = lo; i <= hi; i++) {
      const c = labels[i]!;
      if (c === code) return i;
      if (c > code) return -1;
    }
    return -1;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = labels[mid]!;
    if (c === code) return mid;
    if (c < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The approximate memory the trie's arrays take, in bytes. */
export function trieBytes(trie: FrozenTrie): number {
  return trie.labels.byteLength + trie.firstChild.byteLength + trie.valueStart.byteLength + trie.values.byteLength;
}
