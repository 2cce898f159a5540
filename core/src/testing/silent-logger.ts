import type { Logger } from "../ports/logger.port.js";

/** A logger that drops everything (for tests that assert on behaviour, not logs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
