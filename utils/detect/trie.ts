/**
 * A character trie over folded aliases, frozen into typed arrays.
 *
 * Children of a node are stored as one sorted run of (character, target) pairs, so a lookup is a
 * short linear scan or a binary search and the whole structure is a handful of flat arrays: cheap
 * to keep in memory for large packs and easy to serialise ahead of time.
 */

export interface FrozenTrie {
  /** Per node: index of its first edge in edgeChars/edgeTargets. */
  edgeStart: Uint32Array;
  /** Per node: number of edges. */
  edgeCount: Uint16Array;
  edgeChars: Uint16Array;
  edgeTargets: Uint32Array;
  /** Per node: index of its first value in `values`, and how many. */
  valueStart: Uint32Array;
  valueCount: Uint16Array;
  /** Payload indices (caller-defined) of every key that ends at a node. */
  values: Uint32Array;
}

export class TrieBuilder {
  private children: Map<number, number>[] = [new Map<number, number>()];
  private payloads: (number[] | undefined)[] = [undefined];

  insert(key: string, payload: number): void {
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      const edges = this.children[node]!;
      let next = edges.get(code);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map<number, number>());
        this.payloads.push(undefined);
        edges.set(code, next);
      }
      node = next;
    }
    const list = (this.payloads[node] ??= []);
    if (!list.includes(payload)) list.push(payload);
  }

  freeze(): FrozenTrie {
    const nodeCount = this.children.length;
    let edgeTotal = 0;
    let valueTotal = 0;
    for (let n = 0; n < nodeCount; n++) {
      edgeTotal += this.children[n]!.size;
      valueTotal += this.payloads[n]?.length ?? 0;
    }
    const trie: FrozenTrie = {
      edgeStart: new Uint32Array(nodeCount),
      edgeCount: new Uint16Array(nodeCount),
      edgeChars: new Uint16Array(edgeTotal),
      edgeTargets: new Uint32Array(edgeTotal),
      valueStart: new Uint32Array(nodeCount),
      valueCount: new Uint16Array(nodeCount),
      values: new Uint32Array(valueTotal),
    };
    let e = 0;
    let v = 0;
    for (let n = 0; n < nodeCount; n++) {
      const edges = [...this.children[n]!.entries()].sort((a, b) => a[0] - b[0]);
      trie.edgeStart[n] = e;
      trie.edgeCount[n] = edges.length;
      for (const [code, target] of edges) {
        trie.edgeChars[e] = code;
        trie.edgeTargets[e] = target;
        e++;
      }
      const payload = this.payloads[n];
      trie.valueStart[n] = v;
      trie.valueCount[n] = payload?.length ?? 0;
      for (const p of payload ?? []) trie.values[v++] = p;
    }
    return trie;
  }
}

/** The child of `node` along `code`, or -1. */
export function childOf(trie: FrozenTrie, node: number, code: number): number {
  const start = trie.edgeStart[node]!;
  const count = trie.edgeCount[node]!;
  const chars = trie.edgeChars;
  if (count <= 8) {
    for (let i = start; i < start + count; i++) {
      const c = chars[i]!;
      if (c === code) return trie.edgeTargets[i]!;
      if (c > code) return -1;
    }
    return -1;
  }
  let lo = start;
  let hi = start + count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = chars[mid]!;
    if (c === code) return trie.edgeTargets[mid]!;
    if (c < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
