/**
 * The client contract against every backend available here: moto now, the embedded emulator once it
 * can start; each skipped with the reason otherwise.
 */
import { BackendUnavailableError, backends, motoSkipReason } from "../src/index.js";
import { describeContract } from "./contract.js";

async function embeddedSkipReason(): Promise<string | undefined> {
  try {
    const backend = await backends.embedded();
    await backend.dispose();
    return undefined;
  } catch (error) {
    if (error instanceof BackendUnavailableError) return error.reason;
    throw error;
  }
}

describeContract({ name: "embedded", skipReason: await embeddedSkipReason(), start: () => backends.embedded() });
describeContract({ name: "moto", skipReason: motoSkipReason(), start: () => backends.moto() });
