/**
 * @module orders/order-app
 * Assembles the Order service (HTTP API -> service -> SNS publisher), in-process or as a process.
 */
import { type AwsClients, type AwsConfig, createAwsClients, destroyAwsClients } from "../shared/aws-config.js";
import { type EventPublisher, SnsEventPublisher } from "../shared/event-publisher.js";
import { TOPICS } from "../shared/names.js";
import { ensureTopic } from "../shared/topology.js";
import { createOrderHttp } from "./order-http.js";
import { OrderService } from "./order-service.js";

/** Everything {@link createOrderApp} needs. */
export interface OrderAppConfig {
  /** AWS region, credentials and endpoints (only SNS is used). */
  aws: AwsConfig;
  /**
   * Name written to the envelope's `service.name`.
   * @default "order"
   */
  serviceName?: string;
}

/** A wired Order service. */
export interface OrderApp {
  /** The HTTP API as a fetch handler. */
  fetch: (request: Request) => Response | Promise<Response>;
  /** The business logic. */
  service: OrderService;
  /** The event publisher (SNS + JsonBase). */
  publisher: EventPublisher;
  /** The AWS SDK clients the app uses. */
  clients: AwsClients;
  /** Ensures the `order--created` topic exists. */
  start(): Promise<void>;
  /** Closes the AWS clients. */
  stop(): Promise<void>;
  /** Same as {@link OrderApp.stop}. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Builds the Order service.
 *
 * @example
 * ```ts
 * await using orders = createOrderApp({ aws });
 * await orders.start();
 * ```
 */
export function createOrderApp(config: OrderAppConfig): OrderApp {
  const clients = createAwsClients(config.aws);
  const publisher = new SnsEventPublisher(clients.sns, { serviceName: config.serviceName ?? "order" });
  const service = new OrderService(publisher);
  const http = createOrderHttp(service);
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    destroyAwsClients(clients);
  };
  return {
    fetch: (request) => http.fetch(request),
    service,
    publisher,
    clients,
    async start() {
      await ensureTopic(clients.sns, TOPICS.orderCreated);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
