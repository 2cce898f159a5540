import type { Logger } from "@hotpatch/core";
import type { AppRuntime } from "../app/app-runtime.js";
import type { HotpatchConfig } from "../config/hotpatch-config.js";

/** Writes one line (given without its newline) to the configured destination. */
function lineWriter(destination: "stdout" | "stderr"): (line: string) => void {
  const stream = destination === "stderr" ? process.stderr : process.stdout;
  return (line) => void stream.write(`${line}\n`);
}

/**
 * The provider's logger: JSON lines in the shape its log service indexes (SLS on Alibaba, CloudWatch
 * Logs Insights on AWS). The cloud SDK packages are imported only for their provider, so a local
 * server never loads ali-oss or the AWS SDK.
 */
export async function createLogger(config: HotpatchConfig, runtime: AppRuntime): Promise<Logger> {
  if (runtime.logger) return runtime.logger;
  const { level, destination } = config.log;
  const write = lineWriter(destination);
  const bindings = { ...(config.platform.functionName ? { function: config.platform.functionName } : {}), ...runtime.logBindings };
  switch (config.provider) {
    case "local": {
      const { ConsoleJsonLogger } = await import("@hotpatch/provider-local");
      return new ConsoleJsonLogger({ level, bindings, write });
    }
    case "alibaba": {
      const { SlsLogger, StdoutSink } = await import("@hotpatch/provider-alibaba");
      // StdoutSink hands over the line with its newline already added.
      const stream = destination === "stderr" ? process.stderr : process.stdout;
      return new SlsLogger({ level, bindings, sink: new StdoutSink((line) => void stream.write(line)) });
    }
    case "aws": {
      const { CloudWatchJsonLogger } = await import("@hotpatch/provider-aws");
      return new CloudWatchJsonLogger({ level, bindings, write, ...(runtime.logContext ? { context: runtime.logContext } : {}) });
    }
  }
}
