/**
 * @module orders/main
 * Entry point of the Order service process: readiness line `orders listening on http://127.0.0.1:<port>`,
 * graceful SIGTERM.
 *
 * Run: `PORT=8081 AWS_ENDPOINT_URL=http://127.0.0.1:4566 node --import tsx --conditions=probity-source src/orders/main.ts`
 */
import { readAwsConfig, readIntSetting } from "../shared/aws-config.js";
import { runService } from "../shared/run-service.js";
import { createOrderApp } from "./order-app.js";

await runService(createOrderApp({ aws: readAwsConfig(process.env) }), {
  name: "orders",
  port: readIntSetting(process.env, "PORT", 8081, 0),
  hostname: process.env.HOST || "127.0.0.1",
});
