/** What is due to happen, earliest first; equal times in the order they were added. */
export class TimeQueue<Item> {
  private readonly heap: Array<{ at: number; seq: number; item: Item }> = [];
  private added = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: Date, item: Item): void {
    this.heap.push({ at: at.getTime(), seq: this.added++, item });
    let child = this.heap.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  /** The earliest entry, removed; null when nothing is left. */
  take(): { at: Date; item: Item } | null {
    if (this.heap.length === 0) return null;
    const top = this.heap[0];
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.sink(0);
    }
    return { at: new Date(top.at), item: top.item };
  }

  private sink(index: number): void {
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.heap.length && this.before(left, smallest)) smallest = left;
      if (right < this.heap.length && this.before(right, smallest)) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private before(a: number, b: number): boolean {
    const [x, y] = [this.heap[a], this.heap[b]];
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b], this.heap[a]];
  }
}
