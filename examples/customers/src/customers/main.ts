/**
 * @module customers/main
 * Entry point of the Customer service process: configuration from the environment, the table created if
 * missing, a readiness line `customers listening on http://127.0.0.1:<port>` on stdout, graceful SIGTERM.
 *
 * Run: `PORT=8080 AWS_ENDPOINT_URL=http://127.0.0.1:4566 node --import tsx --conditions=probity-source src/customers/main.ts`
 */
import { readIntSetting } from "../shared/aws-config.js";
import { runService } from "../shared/run-service.js";
import { createCustomerApp } from "./customer-app.js";
import { readCustomerConfig } from "./customer-config.js";

await runService(createCustomerApp(readCustomerConfig(process.env)), {
  name: "customers",
  port: readIntSetting(process.env, "PORT", 8080, 0),
  hostname: process.env.HOST || "127.0.0.1",
});
