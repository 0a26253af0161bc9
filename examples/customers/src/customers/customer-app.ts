/**
 * @module customers/customer-app
 * Assembles the Customer service: consumer (transport) -> service (business logic) -> repository
 * (DynamoDB), plus the HTTP API. Usable in-process by a test, or as a process through `main.ts`.
 */
import { type AwsClients, createAwsClients, destroyAwsClients } from "../shared/aws-config.js";
import { type EventPublisher, SnsEventPublisher } from "../shared/event-publisher.js";
import { QUEUES, TOPICS } from "../shared/names.js";
import { ensureSubscribedQueue, ensureTopic } from "../shared/topology.js";
import { type CustomerAppConfig, DEFAULT_CUSTOMER_CONFIG } from "./customer-config.js";
import { createCustomerHttp } from "./customer-http.js";
import { CustomerService } from "./customer-service.js";
import { DynamoDbCustomerRepository } from "./dynamodb-customer-repository.js";
import { OrderCreatedConsumer } from "./order-created-consumer.js";

/** A wired Customer service; every layer is exposed so tests can lock on it. */
export interface CustomerApp {
  /** The HTTP API as a fetch handler (serve it with `serveHttp`, or call it directly). */
  fetch: (request: Request) => Response | Promise<Response>;
  /** The `OrderCreated` consumer (transport layer). */
  consumer: OrderCreatedConsumer;
  /** The business logic. */
  service: CustomerService;
  /** The DynamoDB repository. */
  repository: DynamoDbCustomerRepository;
  /** The event publisher (SNS + JsonBase). */
  publisher: EventPublisher;
  /** The AWS SDK clients the app uses. */
  clients: AwsClients;
  /**
   * Creates the table (when configured), the `order--created` topic, queue, DLQ, redrive policy and
   * subscription, and the `customer--created` topic, then starts consuming.
   */
  start(): Promise<void>;
  /** Stops consuming (finishing in-flight messages) and closes the AWS clients. */
  stop(): Promise<void>;
  /** Same as {@link CustomerApp.stop}, for `await using app = createCustomerApp(…)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Builds the Customer service. Nothing talks to AWS until {@link CustomerApp.start}.
 *
 * @example
 * ```ts
 * await using app = createCustomerApp({ aws, tableName: "autotest-customers", ensureTable: true });
 * await app.start();
 * const response = await app.fetch(new Request("http://customers/customer", { method: "POST", body: '{"name":"John Doe"}' }));
 * ```
 */
export function createCustomerApp(config: CustomerAppConfig): CustomerApp {
  const settings = { ...DEFAULT_CUSTOMER_CONFIG, ...definedOnly(config) };
  const clients = createAwsClients(config.aws);
  const repository = new DynamoDbCustomerRepository(clients.dynamodb, config.tableName);
  const publisher = new SnsEventPublisher(clients.sns, { serviceName: settings.serviceName });
  const service = new CustomerService(repository, publisher);
  const consumer = new OrderCreatedConsumer(service, clients.sqs, { waitTimeSeconds: settings.waitTimeSeconds });
  const http = createCustomerHttp(service);
  let state: "new" | "started" | "stopped" = "new";

  const stop = async (): Promise<void> => {
    if (state === "stopped") return;
    state = "stopped";
    await consumer.stop();
    destroyAwsClients(clients);
  };

  return {
    fetch: (request) => http.fetch(request),
    consumer,
    service,
    repository,
    publisher,
    clients,
    async start() {
      if (state !== "new") throw new Error(`the customer app cannot start: it is ${state}`);
      state = "started";
      const [{ queue }] = await Promise.all([
        ensureSubscribedQueue(clients, {
          topic: TOPICS.orderCreated,
          queue: QUEUES.customerOrderCreated,
          dlq: { name: QUEUES.customerOrderCreatedDlq, maxReceiveCount: settings.maxReceiveCount },
          visibilityTimeout: settings.visibilityTimeout,
        }),
        settings.ensureTable ? repository.ensureTable() : undefined,
        ensureTopic(clients.sns, TOPICS.customerCreated),
      ]);
      consumer.start(queue.url);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
