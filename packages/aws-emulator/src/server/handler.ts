/**
 * @module server/handler
 * The server core: routes one request to a service and action and renders the answer in the protocol it
 * came in. `handle(Request) => Promise<Response>` is the fetch-style entry; the node:http binding calls
 * {@link AwsRequestHandler.handleRaw} directly to skip building WHATWG objects.
 *
 * Routing order: raw routes first (the hook for DynamoDB via dynalite and `/_probity/*`), then
 * `X-Amz-Target` prefix (AWS JSON 1.0), then form `Action=` (Query) with the service taken from the SigV4
 * credential scope, else from the only service that knows the action, else by request path.
 */

import { randomUUID } from "node:crypto";
import { AwsServiceError } from "../errors.js";
import { decodeJsonInput, encodeJsonError, encodeJsonOutput } from "../protocol/aws-json.js";
import { decodeQueryInput, encodeQueryError, encodeQueryOutput } from "../protocol/aws-query.js";
import { accountFromAccessKey, detectProtocol, parseCredentialScope } from "../protocol/detect.js";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import type { RequestContext, ServiceDefinition } from "../protocol/service.js";

/**
 * A route that takes whole requests before protocol detection: DynamoDB (`X-Amz-Target:
 * DynamoDB_20120810.*` proxied to dynalite), SNS extras, `/_probity/*` endpoints.
 */
export interface RawRoute {
  readonly name: string;
  matches(request: AwsHttpRequest): boolean;
  handle(request: AwsHttpRequest, baseUrl: string): AwsHttpResponse | Promise<AwsHttpResponse>;
}

/** Options of {@link AwsRequestHandler}. */
export interface AwsRequestHandlerOptions {
  /** Services reachable through JSON or Query. The first one takes Query requests nobody claims. */
  services: readonly ServiceDefinition[];
  /** Region when a request is unsigned. */
  defaultRegion: string;
  /** Account when the access key id is not 12 digits. */
  defaultAccountId: string;
  /** Routes tried before protocol detection. @default [] */
  routes?: readonly RawRoute[];
  /**
   * Checks each AWS request (not the raw routes) before it reaches a service; throws an `AwsServiceError` to
   * reject it (the SigV4 verifier of `requireAuth`). @default undefined (no check)
   */
  authorize?: (request: AwsHttpRequest) => void;
  /** Called with unexpected (non-AWS) errors; they are answered as `InternalFailure`. @default console.error */
  onInternalError?: (error: unknown) => void;
  /** Called once per answered request (the CLI's `--verbose` log); must not throw. @default undefined */
  onRequest?: ((entry: RequestLogEntry) => void) | undefined;
}

/** One answered request, as {@link AwsRequestHandlerOptions.onRequest} sees it. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** `sqs`, `sns`, a raw route's name (`probity`, `dynamodb`), or `""` when unknown. */
  readonly service: string;
  /** The AWS action (`SendMessage`), or the path for raw routes. */
  readonly action: string;
  readonly status: number;
  /** Milliseconds until the answer was ready (for streams: until the stream opened). */
  readonly durationMs: number;
}

interface RouteInfo {
  service: string;
  action: string;
}

const FALLBACK_SERVICE: Pick<ServiceDefinition, "jsonErrorPrefix" | "xmlNamespace"> = {
  jsonErrorPrefix: "com.amazonaws.sqs#",
  xmlNamespace: "http://queue.amazonaws.com/doc/2012-11-05/",
};

/**
 * Routes and answers AWS requests.
 *
 * @example
 * ```ts
 * const handler = new AwsRequestHandler({ services: [createSqsService(model)], defaultRegion: "us-east-1", defaultAccountId: "000000000000" });
 * const response = await handler.handle(new Request("http://localhost/", { method: "POST", body: "Action=ListQueues",
 *   headers: { "content-type": "application/x-www-form-urlencoded" } }));
 * ```
 */
export class AwsRequestHandler {
  readonly #options: AwsRequestHandlerOptions;
  readonly #byTarget = new Map<string, ServiceDefinition>();
  readonly #byName = new Map<string, ServiceDefinition>();
  readonly #onInternalError: (error: unknown) => void;

  constructor(options: AwsRequestHandlerOptions) {
    this.#options = options;
    for (const service of options.services) {
      if (service.jsonTargetPrefix !== undefined) this.#byTarget.set(service.jsonTargetPrefix, service);
      this.#byName.set(service.name, service);
    }
    this.#onInternalError = options.onInternalError ?? ((error) => console.error(error));
  }

  /** Fetch-style entry point. */
  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
    const cancelled = new AbortController();
    const raw: AwsHttpRequest = {
      method: request.method,
      path: url.pathname,
      query: url.search.startsWith("?") ? url.search.slice(1) : url.search,
      header: (name) => request.headers.get(name) ?? undefined,
      body,
      signal: AbortSignal.any([request.signal, cancelled.signal]),
    };
    const host = request.headers.get("host") ?? url.host;
    const response = await this.handleRaw(raw, `${url.protocol}//${host}`);
    const stream = response.stream;
    if (stream === undefined)
      return new Response(response.body, { status: response.status, headers: response.headers });
    const encoder = new TextEncoder();
    const readable = new ReadableStream<Uint8Array>({
      start(controller) {
        const close = (): void => {
          if (!cancelled.signal.aborted) controller.close();
        };
        stream((chunk) => {
          if (!cancelled.signal.aborted) controller.enqueue(encoder.encode(chunk));
        }).then(close, close);
      },
      cancel() {
        cancelled.abort();
      },
    });
    return new Response(readable, { status: response.status, headers: response.headers });
  }

  /**
   * Answers a request; never rejects.
   * @param baseUrl - scheme and host as the client addressed us (queue URLs are built on it).
   */
  async handleRaw(request: AwsHttpRequest, baseUrl: string): Promise<AwsHttpResponse> {
    const hook = this.#options.onRequest;
    if (hook === undefined) return this.#dispatch(request, baseUrl, { service: "", action: "" });
    const started = performance.now();
    const info: RouteInfo = { service: "", action: "" };
    const response = await this.#dispatch(request, baseUrl, info);
    try {
      hook({
        method: request.method,
        path: request.path,
        service: info.service,
        action: info.action,
        status: response.status,
        durationMs: performance.now() - started,
      });
    } catch (error) {
      this.#onInternalError(error);
    }
    return response;
  }

  async #dispatch(request: AwsHttpRequest, baseUrl: string, info: RouteInfo): Promise<AwsHttpResponse> {
    const requestId = randomUUID();
    let service: Pick<ServiceDefinition, "jsonErrorPrefix" | "xmlNamespace"> = FALLBACK_SERVICE;
    let protocol: "json" | "query" = "query";
    try {
      for (const route of this.#options.routes ?? []) {
        if (route.matches(request)) {
          info.service = route.name;
          info.action = request.path;
          return await route.handle(request, baseUrl);
        }
      }
      const detected = detectProtocol(
        request.header("x-amz-target"),
        request.header("content-type"),
        request.method,
        request.query,
      );
      if (detected.protocol === "unknown") {
        throw new AwsServiceError("InvalidAction", "Could not determine the action or protocol of this request.");
      }
      if (detected.protocol === "json") protocol = "json";
      this.#options.authorize?.(request);
      const scope = parseCredentialScope(request.header("authorization"));
      const region = scope?.region ?? this.#options.defaultRegion;
      const accountId = accountFromAccessKey(scope?.accessKeyId) ?? this.#options.defaultAccountId;
      const context = (p: "json" | "query"): RequestContext => ({
        accountId,
        region,
        accessKeyId: scope?.accessKeyId,
        requestId,
        baseUrl,
        path: request.path,
        signal: request.signal,
        protocol: p,
      });

      if (detected.protocol === "json") {
        protocol = "json";
        const target = this.#byTarget.get(detected.targetPrefix);
        if (target !== undefined) service = target;
        info.service = target?.name ?? "";
        info.action = detected.action;
        const handler =
          target !== undefined && Object.hasOwn(target.actions, detected.action)
            ? target.actions[detected.action]
            : undefined;
        if (handler === undefined) {
          throw new AwsServiceError(
            "InvalidAction",
            `The action ${detected.action || "(none)"} is not valid for this endpoint.`,
          );
        }
        const output = await handler(decodeJsonInput(request.body), context("json"));
        return encodeJsonOutput(output, requestId);
      }

      const params = new URLSearchParams(request.method === "GET" ? request.query : request.body);
      const action = params.get("Action") ?? "";
      const chosen = this.#queryService(scope?.service, action, request.path);
      service = chosen;
      info.service = chosen.name;
      info.action = action;
      const { input } = decodeQueryInput(params, chosen.query);
      const handler = Object.hasOwn(chosen.actions, action) ? chosen.actions[action] : undefined;
      if (handler === undefined)
        throw new AwsServiceError("InvalidAction", `The action ${action} is not valid for this endpoint.`);
      const member = chosen.queryPathMember;
      if (member !== undefined && request.path !== "/" && request.path !== "" && input[member] === undefined) {
        input[member] = `${baseUrl}${request.path}`;
      }
      const output = await handler(input, context("query"));
      return encodeQueryOutput(action, output, chosen, requestId);
    } catch (error) {
      const awsError = error instanceof AwsServiceError ? error : this.#internal(error);
      return protocol === "json"
        ? encodeJsonError(awsError, service, requestId)
        : encodeQueryError(awsError, service, requestId);
    }
  }

  /**
   * Picks the service of a Query request: the SigV4 scope's service when we serve it; else the only
   * service that has the action; when several have it (AddPermission: SNS and SQS), the one whose
   * resources live in paths (SQS queue URLs) for a non-root path, else the other; else the first service.
   */
  #queryService(signingName: string | undefined, action: string, path: string): ServiceDefinition {
    const services = this.#options.services;
    const named = signingName === undefined ? undefined : this.#byName.get(signingName);
    if (named !== undefined) return named;
    const knowing = services.filter((service) => Object.hasOwn(service.actions, action));
    const atResource = path !== "/" && path !== "";
    const chosen =
      knowing.length > 1
        ? (knowing.find((service) => (service.queryPathMember !== undefined) === atResource) ?? knowing[0])
        : (knowing[0] ?? services[0]);
    if (chosen === undefined)
      throw new AwsServiceError("InvalidAction", `The action ${action} is not valid for this endpoint.`);
    return chosen;
  }

  #internal(error: unknown): AwsServiceError {
    this.#onInternalError(error);
    return new AwsServiceError("InternalFailure", "The request processing has failed because of an unknown error.", {
      status: 500,
      cause: error,
    });
  }
}
