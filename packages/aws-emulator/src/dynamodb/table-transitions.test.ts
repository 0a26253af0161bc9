import { describe, expect, it } from "vitest";
import type { AwsHttpRequest, AwsHttpResponse } from "../protocol/http-types.js";
import { dynaliteRequestOf } from "./dynalite-request.js";
import { createDynamoDbRoute, type DynamoDbRoute } from "./dynalite-route.js";
import { inTransition, TableTransitions } from "./table-transitions.js";

function request(action: string, body: object): AwsHttpRequest {
  return dynaliteRequestOf(action, JSON.stringify(body));
}

function createTable(name: string, extra: object = {}): AwsHttpRequest {
  return request("CreateTable", {
    TableName: name,
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
    BillingMode: "PAY_PER_REQUEST",
    ...extra,
  });
}

interface TableJson {
  TableStatus?: string;
  BillingModeSummary?: { BillingMode?: string };
  GlobalSecondaryIndexes?: { IndexName?: string; IndexStatus?: string }[];
}

/** The parts of DynamoDB's answers these tests read. */
interface AnswerJson {
  __type?: string;
  Table?: TableJson;
  TableDescription?: TableJson;
  TableNames?: string[];
}

async function send(route: DynamoDbRoute, req: AwsHttpRequest): Promise<{ status: number; json: AnswerJson }> {
  const answer = await route.handle(req, "http://127.0.0.1");
  return { status: answer.status, json: JSON.parse(answer.body) as AnswerJson };
}

const newRoute = (): DynamoDbRoute => createDynamoDbRoute({ accountId: "000000000000", region: "us-east-1" });

describe("table transitions", () => {
  it("answers CreateTable with CREATING, as AWS does, and every later request sees the table ACTIVE", async () => {
    const route = newRoute();
    for (const name of ["orders", "customers", "payments"]) {
      const created = await send(route, createTable(name));
      expect(created.json.TableDescription?.TableStatus).toBe("CREATING");
      const described = await send(route, request("DescribeTable", { TableName: name }));
      expect(described.json.Table?.TableStatus).toBe("ACTIVE");
      const put = await send(route, request("PutItem", { TableName: name, Item: { pk: { S: "a" } } }));
      expect(put.status).toBe(200);
    }
  });

  it("makes a request that arrives while a table is being created wait for the creation", async () => {
    const route = newRoute();
    // Sent together, in this order: the second and third land while the first is still under way.
    const [created, again, described] = await Promise.all([
      send(route, createTable("shared")),
      send(route, createTable("shared")),
      send(route, request("DescribeTable", { TableName: "shared" })),
    ]);
    expect(created.json.TableDescription?.TableStatus).toBe("CREATING");
    expect(again.json.__type).toBe("com.amazonaws.dynamodb.v20120810#ResourceInUseException");
    expect(described.json.Table?.TableStatus).toBe("ACTIVE");
  });

  it("settles a table and its indexes before the next request, on creation and on update", async () => {
    const route = newRoute();
    const throughput = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
    const created = await send(
      route,
      createTable("indexed", {
        BillingMode: "PROVISIONED",
        ProvisionedThroughput: throughput,
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "gk", AttributeType: "S" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: "by-gk",
            KeySchema: [{ AttributeName: "gk", KeyType: "HASH" }],
            Projection: { ProjectionType: "ALL" },
            ProvisionedThroughput: throughput,
          },
        ],
      }),
    );
    expect(created.json.TableDescription?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe("CREATING");
    const afterCreate = await send(route, request("DescribeTable", { TableName: "indexed" }));
    expect(afterCreate.json.Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe("ACTIVE");

    const updated = await send(route, request("UpdateTable", { TableName: "indexed", BillingMode: "PAY_PER_REQUEST" }));
    expect(updated.json.TableDescription?.TableStatus).toBe("UPDATING");
    const afterUpdate = await send(route, request("DescribeTable", { TableName: "indexed" }));
    expect(afterUpdate.json.Table?.TableStatus).toBe("ACTIVE");
    expect(afterUpdate.json.Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    expect(afterUpdate.json.Table?.GlobalSecondaryIndexes?.[0]?.IndexStatus).toBe("ACTIVE");
  });

  it("shows a deleted table as gone, not DELETING, to the next request", async () => {
    const route = newRoute();
    await send(route, createTable("doomed"));
    const deleted = await send(route, request("DeleteTable", { TableName: "doomed" }));
    expect(deleted.json.TableDescription?.TableStatus).toBe("DELETING");
    const described = await send(route, request("DescribeTable", { TableName: "doomed" }));
    expect(described.status).toBe(400);
    expect(described.json.__type).toBe("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
  });

  it("settles a burst of create, delete and create of one table before the requests sent with it", async () => {
    const route = newRoute();
    const [created, deleted, recreated, described, put] = await Promise.all([
      send(route, createTable("burst")),
      send(route, request("DeleteTable", { TableName: "burst" })),
      send(route, createTable("burst")),
      send(route, request("DescribeTable", { TableName: "burst" })),
      send(route, request("PutItem", { TableName: "burst", Item: { pk: { S: "a" } } })),
    ]);
    expect([created.status, deleted.status, recreated.status]).toEqual([200, 200, 200]);
    expect(described.json.Table?.TableStatus).toBe("ACTIVE");
    expect(put.status).toBe(200);
  });

  it("lets the requests behind a table action through after the hold limit when the action never answers", async () => {
    const ok: AwsHttpResponse = { status: 200, headers: {}, body: "{}" };
    // A dynalite that never answers CreateTable (its table lock lost) and answers everything else.
    const transitions = new TableTransitions(
      (req) =>
        req.header("x-amz-target")?.endsWith(".CreateTable")
          ? new Promise<AwsHttpResponse>(() => {})
          : Promise.resolve(ok),
      { region: "us-east-1", holdLimitMs: 20 },
    );
    void transitions.answer("CreateTable", createTable("stuck"));

    await expect(transitions.answer("GetItem", request("GetItem", { TableName: "other" }))).resolves.toBe(ok);
    // The hold is over: the next request does not wait at all.
    await expect(transitions.answer("ListTables", request("ListTables", {}))).resolves.toBe(ok);
  });

  it("leaves a refused table action and other tables' requests unaffected", async () => {
    const route = newRoute();
    const refused = await send(route, request("CreateTable", { TableName: "x" }));
    expect(refused.status).toBe(400);
    expect(refused.json.__type).toBe("com.amazon.coral.validate#ValidationException");
    const listed = await send(route, request("ListTables", {}));
    expect(listed.json.TableNames).toEqual([]);
  });
});

describe("inTransition", () => {
  const answer = (status: number, body: object): AwsHttpResponse => ({
    status,
    headers: {},
    body: JSON.stringify(body),
  });

  it("reads the table's status and its indexes'", () => {
    expect(inTransition(answer(200, { Table: { TableStatus: "CREATING" } }))).toBe(true);
    expect(inTransition(answer(200, { Table: { TableStatus: "UPDATING" } }))).toBe(true);
    expect(inTransition(answer(200, { Table: { TableStatus: "DELETING" } }))).toBe(true);
    expect(inTransition(answer(200, { Table: { TableStatus: "ACTIVE" } }))).toBe(false);
    expect(
      inTransition(
        answer(200, { Table: { TableStatus: "ACTIVE", GlobalSecondaryIndexes: [{ IndexStatus: "CREATING" }] } }),
      ),
    ).toBe(true);
    expect(
      inTransition(
        answer(200, { Table: { TableStatus: "ACTIVE", GlobalSecondaryIndexes: [{ IndexStatus: "ACTIVE" }] } }),
      ),
    ).toBe(false);
  });

  it("is false for errors and bodies that are not a table description", () => {
    expect(inTransition(answer(400, { __type: "ResourceNotFoundException" }))).toBe(false);
    expect(inTransition({ status: 200, headers: {}, body: "not json" })).toBe(false);
    expect(inTransition(answer(200, {}))).toBe(false);
  });
});
