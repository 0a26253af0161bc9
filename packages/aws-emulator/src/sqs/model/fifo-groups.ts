/**
 * @module sqs/model/fifo-groups
 * FIFO bookkeeping: each message group's visible messages in sequence order, and the list of *ready*
 * groups (visible messages and nothing in flight) a receive takes from. A group leaves the map once it
 * holds nothing, so an idle queue keeps no groups.
 * @internal
 */

import { FifoGroup, type StoredMessage } from "./message.js";
import { LinkedList } from "./message-list.js";

/** The message groups of one FIFO queue. @internal */
export class FifoGroups {
  /** Groups with visible messages and none in flight, in the order they became ready. */
  readonly ready = new LinkedList<FifoGroup>();
  readonly #groups = new Map<string, FifoGroup>();

  /**
   * Links a visible `message` into its group in sequence order; `front` means it may belong before
   * messages already there (it came back from flight). Makes the group ready if it now is.
   */
  insert(message: StoredMessage, front: boolean): void {
    const groupId = message.content.messageGroupId ?? "";
    let group = this.#groups.get(groupId);
    if (group === undefined) {
      group = new FifoGroup(groupId, new LinkedList());
      this.#groups.set(groupId, group);
    }
    message.group = group;
    // Keep the group in sequence order: a message back from flight goes before later ones.
    let before = front ? group.messages.head : undefined;
    while (before !== undefined && before.sequence < message.sequence) before = before.next;
    group.messages.insertBefore(message, before);
    this.updateReadiness(group);
  }

  /** Puts `group` in or out of the ready list after its messages or in-flight count changed; drops it when empty. */
  updateReadiness(group: FifoGroup): void {
    const ready = group.inFlight === 0 && group.messages.size > 0;
    if (ready && group.list === undefined) this.ready.pushBack(group);
    else if (!ready && group.list !== undefined) this.ready.remove(group);
    if (group.inFlight === 0 && group.messages.size === 0) this.#groups.delete(group.id);
  }

  /** Forgets every group and unlinks their messages. */
  clear(): void {
    for (const group of this.#groups.values()) group.messages.clear();
    this.#groups.clear();
    this.ready.clear();
  }
}
