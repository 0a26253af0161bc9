/**
 * @module sts/service
 * The slice of STS that applications and SDK tooling call at start-up: `GetCallerIdentity` (the account
 * follows the emulator's access-key rule) and a minimal `AssumeRole` returning fake credentials. Query
 * protocol, namespace `https://sts.amazonaws.com/doc/2011-06-15/`.
 */

import { randomBytes } from "node:crypto";
import { realEmulatorClock } from "../clock.js";
import { AwsServiceError } from "../errors.js";
import type { ActionHandler, QueryMemberShape, ServiceDefinition } from "../protocol/service.js";

const list = (member: string): QueryMemberShape => ({ kind: "list", member, item: "member", flattened: false });

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function validation(member: string, value: unknown, constraint: string): AwsServiceError {
  return new AwsServiceError(
    "ValidationError",
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

function randomKey(prefix: string, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out.slice(0, length);
}

/** Options of {@link createStsService}. */
export interface StsServiceOptions {
  /** Wall-clock epoch ms for credential expiry (SDKs compare it with their own clock). @default the wall clock */
  readonly now?: () => number;
}

/**
 * The STS service definition.
 *
 * `AssumeRole` answers with an `AccessKeyId` equal to the role's 12-digit account id, so requests signed
 * with the assumed credentials land in the role's account (the emulator's access-key rule).
 *
 * @example
 * ```ts
 * const handler = new AwsRequestHandler({ services: [sqs, sns, createStsService()], defaultRegion, defaultAccountId });
 * ```
 */
export function createStsService(options: StsServiceOptions = {}): ServiceDefinition {
  const now = options.now ?? realEmulatorClock.now;
  const actions: Record<string, ActionHandler> = {
    GetCallerIdentity: (_input, context) => ({
      UserId: context.accountId,
      Account: context.accountId,
      Arn: `arn:aws:iam::${context.accountId}:root`,
    }),
    AssumeRole: (input) => {
      const roleArn = input.RoleArn;
      const sessionName = input.RoleSessionName;
      if (roleArn === undefined) throw validation("roleArn", null, "Member must not be null");
      if (sessionName === undefined) throw validation("roleSessionName", null, "Member must not be null");
      const role = typeof roleArn === "string" ? ROLE_ARN.exec(roleArn) : null;
      if (role === null) throw validation("roleArn", roleArn, "Member must be a valid IAM role ARN");
      if (typeof sessionName !== "string" || !SESSION_NAME.test(sessionName)) {
        throw validation(
          "roleSessionName",
          sessionName,
          "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
        );
      }
      const duration = input.DurationSeconds === undefined ? 3_600 : Number(input.DurationSeconds);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
        throw validation("durationSeconds", input.DurationSeconds, "Member must be between 900 and 43200");
      }
      const [, account, roleName] = role as unknown as [string, string, string];
      const roleId = randomKey("AROA", 21);
      return {
        Credentials: {
          AccessKeyId: account,
          SecretAccessKey: randomBytes(30).toString("base64"),
          SessionToken: randomBytes(96).toString("base64"),
          Expiration: new Date(now() + duration * 1_000).toISOString(),
        },
        AssumedRoleUser: {
          AssumedRoleId: `${roleId}:${sessionName}`,
          Arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
        },
        PackedPolicySize: 0,
      };
    },
  };
  return {
    name: "sts",
    jsonErrorPrefix: "com.amazonaws.sts#",
    xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
    apiVersion: "2011-06-15",
    query: {
      input: { PolicyArns: list("PolicyArns"), Tags: list("Tags"), TransitiveTagKeys: list("TransitiveTagKeys") },
      integers: new Set(["DurationSeconds"]),
      output: {},
    },
    actions,
  };
}
