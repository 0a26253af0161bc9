/**
 * The client contract against every backend available here: moto now, the embedded emulator once it
 * can start; each skipped with the reason otherwise.
 */
import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { BackendUnavailableError, backends, motoSkipReason, SnsSqsTestClient } from "../src/index.js";
import { describeContract } from "./contract.js";

/** Why the embedded backend cannot run at all, or cannot run the SNS cases. */
async function embeddedSkipReasons(): Promise<{ all?: string; sns?: string }> {
  let backend: Awaited<ReturnType<typeof backends.embedded>>;
  try {
    backend = await backends.embedded();
  } catch (error) {
    if (error instanceof BackendUnavailableError) return { all: error.reason };
    throw error;
  }
  try {
    const bus = await SnsSqsTestClient.connect(backend);
    try {
      await bus.sns.send(new ListTopicsCommand({}));
      return {};
    } catch (error) {
      return { sns: `the emulator does not serve SNS yet (${error instanceof Error ? error.message : String(error)})` };
    } finally {
      bus.close();
    }
  } finally {
    await backend.dispose();
  }
}

const embeddedReasons = await embeddedSkipReasons();
describeContract({
  name: "embedded",
  skipReason: embeddedReasons.all,
  snsSkipReason: embeddedReasons.sns,
  start: () => backends.embedded(),
});
describeContract({ name: "moto", skipReason: motoSkipReason(), start: () => backends.moto() });
