/**
 * @module probity-example-customers
 * The worked example's services, for in-process tests: app factories, their layers and the envelope.
 */

export type { Customer, CustomerCreated, OrderCreated } from "./customers/customer.js";
export { CustomerNotFoundError, parseOrderCreated } from "./customers/customer.js";
export type { CustomerApp } from "./customers/customer-app.js";
export { createCustomerApp } from "./customers/customer-app.js";
export type { CustomerAppConfig } from "./customers/customer-config.js";
export { DEFAULT_CUSTOMER_CONFIG, readCustomerConfig } from "./customers/customer-config.js";
export { createCustomerHttp } from "./customers/customer-http.js";
export type { CustomerRepository } from "./customers/customer-repository.js";
export { CustomerService } from "./customers/customer-service.js";
export { DynamoDbCustomerRepository } from "./customers/dynamodb-customer-repository.js";
export { InMemoryCustomerRepository } from "./customers/in-memory-customer-repository.js";
export type { OrderCreatedConsumerOptions, OrderHandler } from "./customers/order-created-consumer.js";
export { OrderCreatedConsumer } from "./customers/order-created-consumer.js";
export type { OrderApp, OrderAppConfig } from "./orders/order-app.js";
export { createOrderApp } from "./orders/order-app.js";
export { createOrderHttp } from "./orders/order-http.js";
export type { Order } from "./orders/order-service.js";
export { OrderService } from "./orders/order-service.js";
export type { AwsClients, AwsConfig } from "./shared/aws-config.js";
export { createAwsClients, readAwsConfig } from "./shared/aws-config.js";
export { InvalidMessageError } from "./shared/errors.js";
export type { EventPublisher } from "./shared/event-publisher.js";
export { SnsEventPublisher } from "./shared/event-publisher.js";
export type { JsonBaseBuildOptions } from "./shared/json-base.js";
export { build, JSON_BASE_PROTOCOL_VERSION, jsonBase, parse } from "./shared/json-base.js";
export { QUEUES, TOPICS } from "./shared/names.js";
export type { HttpServer } from "./shared/serve-http.js";
export { serveHttp } from "./shared/serve-http.js";
export { unwrapSnsNotification } from "./shared/sns-notification.js";
export type { QueueRef, SubscribedQueue, SubscribedQueueSpec } from "./shared/topology.js";
export { ensureQueue, ensureSubscribedQueue, ensureSubscription, ensureTopic } from "./shared/topology.js";
