/**
 * @module sqs/model/message-list
 * An intrusive doubly linked list: nodes carry their own `prev`/`next`/`list` fields, so a message or a
 * FIFO group is pushed, popped or unlinked from anywhere in O(1) with no allocation.
 * @internal
 */

/** A node of a {@link LinkedList}; belongs to at most one list at a time. @internal */
export interface ListNode<T extends ListNode<T>> {
  prev: T | undefined;
  next: T | undefined;
  list: LinkedList<T> | undefined;
}

/** An O(1) deque over intrusive nodes. @internal */
export class LinkedList<T extends ListNode<T>> {
  head: T | undefined;
  tail: T | undefined;
  size = 0;

  pushBack(node: T): void {
    node.list = this;
    node.next = undefined;
    node.prev = this.tail;
    if (this.tail === undefined) this.head = node;
    else this.tail.next = node;
    this.tail = node;
    this.size++;
  }

  pushFront(node: T): void {
    node.list = this;
    node.prev = undefined;
    node.next = this.head;
    if (this.head === undefined) this.tail = node;
    else this.head.prev = node;
    this.head = node;
    this.size++;
  }

  /** Inserts `node` before `before` (or at the back when `before` is undefined). */
  insertBefore(node: T, before: T | undefined): void {
    if (before === undefined) {
      this.pushBack(node);
      return;
    }
    if (before === this.head) {
      this.pushFront(node);
      return;
    }
    node.list = this;
    node.next = before;
    node.prev = before.prev;
    if (before.prev !== undefined) before.prev.next = node;
    before.prev = node;
    this.size++;
  }

  popFront(): T | undefined {
    const node = this.head;
    if (node !== undefined) this.remove(node);
    return node;
  }

  remove(node: T): void {
    if (node.list !== this) return;
    if (node.prev === undefined) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = undefined;
    node.next = undefined;
    node.list = undefined;
    this.size--;
  }

  clear(): void {
    let node = this.head;
    while (node !== undefined) {
      const next = node.next;
      node.prev = undefined;
      node.next = undefined;
      node.list = undefined;
      node = next;
    }
    this.head = undefined;
    this.tail = undefined;
    this.size = 0;
  }
}
