import { WriteStream } from "node:tty";
import { Presets, SingleBar } from "cli-progress";
import type { OutputStream } from "../io.js";
import { formatBytes } from "./format.js";

export interface UploadProgress {
  update(sentBytes: number): void;
  stop(): void;
}

/**
 * A progress bar for an upload of `totalBytes`, or `undefined` when `stream` is not a terminal (pipes
 * and CI logs get no bar). The multipart framing adds a few hundred bytes, so counts are capped.
 */
export function createUploadProgress(stream: OutputStream, totalBytes: number): UploadProgress | undefined {
  if (!(stream instanceof WriteStream) || !stream.isTTY) return undefined;
  const bar = new SingleBar(
    {
      stream,
      format: "Uploading [{bar}] {percentage}% | {sent} of {size} | ETA {eta_formatted}",
      hideCursor: true,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  bar.start(totalBytes, 0, { sent: formatBytes(0), size: formatBytes(totalBytes) });
  return {
    update(sentBytes) {
      const value = Math.min(sentBytes, totalBytes);
      bar.update(value, { sent: formatBytes(value) });
    },
    stop() {
      bar.stop();
    },
  };
}
