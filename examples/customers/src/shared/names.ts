/**
 * @module shared/names
 * The topic and queue names both services agree on (the same as in `topology.json`).
 */

/** SNS topics of the example. */
export const TOPICS = {
  /** Published by the Customer service: `{ customer_id, name }`. */
  customerCreated: "customer--created",
  /** Published by the Order service: `{ order_id, customer_id }`. */
  orderCreated: "order--created",
} as const;

/** SQS queues of the example. */
export const QUEUES = {
  /** The Customer service's queue subscribed to `order--created`. */
  customerOrderCreated: "customer--order-created",
  /** Its dead-letter queue. */
  customerOrderCreatedDlq: "customer--order-created--dlq",
} as const;
