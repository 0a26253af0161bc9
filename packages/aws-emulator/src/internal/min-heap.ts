/**
 * @module internal/min-heap
 * A binary min-heap ordered by a numeric key, with a stable tie-break on insertion order.
 * @internal
 */

interface HeapEntry<T> {
  key: number;
  seq: number;
  value: T;
}

/** A binary min-heap: `push` and `pop` are O(log n), `peek` is O(1). @internal */
export class MinHeap<T> {
  #items: HeapEntry<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#items.length;
  }

  push(key: number, value: T): void {
    const items = this.#items;
    items.push({ key, seq: this.#seq++, value });
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#less(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  /** The smallest key without removing it. */
  peekKey(): number | undefined {
    return this.#items[0]?.key;
  }

  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && this.#less(left, smallest)) smallest = left;
        if (right < items.length && this.#less(right, smallest)) smallest = right;
        if (smallest === index) break;
        this.#swap(index, smallest);
        index = smallest;
      }
    }
    return top.value;
  }

  clear(): void {
    this.#items = [];
  }

  #less(a: number, b: number): boolean {
    const x = this.#items[a] as HeapEntry<T>;
    const y = this.#items[b] as HeapEntry<T>;
    return x.key < y.key || (x.key === y.key && x.seq < y.seq);
  }

  #swap(a: number, b: number): void {
    const items = this.#items;
    const x = items[a] as HeapEntry<T>;
    items[a] = items[b] as HeapEntry<T>;
    items[b] = x;
  }
}
