import type { CustosConfig } from "../config/schema.js";

/** What the primary tells a worker: its configuration and place, then when to stop. */
export type ToWorker =
  | { readonly type: "start"; readonly config: CustosConfig; readonly index: number }
  | { readonly type: "stop" };

/**
 * What a worker tells the primary: that it listens for messages (sent once its module has
 * loaded; a message sent before that would be lost), that it is serving, or why it could not start.
 */
export type ToPrimary =
  | { readonly type: "ready" }
  | { readonly type: "listening"; readonly host: string; readonly port: number }
  | { readonly type: "failed"; readonly message: string };

export function isToWorker(m: unknown): m is ToWorker {
  const type = (m as { type?: unknown } | null)?.type;
  return type === "start" || type === "stop";
}

export function isToPrimary(m: unknown): m is ToPrimary {
  const type = (m as { type?: unknown } | null)?.type;
  return type === "ready" || type === "listening" || type === "failed";
}
