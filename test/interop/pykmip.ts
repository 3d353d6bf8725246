import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Harness } from "../support/custos-harness.js";

/** The distribution interpreter: PyKMIP (python3-pykmip) is only importable there. */
const SYSTEM_PYTHON = "/usr/bin/python3";
const CLIENT_SCRIPT = fileURLToPath(new URL("./pykmip_client.py", import.meta.url));
const DEFAULT_TIMEOUT_MS = 60_000;

export type PykmipVersion = "1.2" | "2.0";

export interface PykmipScenarioOptions {
  readonly host: string;
  readonly port: number;
  /** CA that signed the server certificate (PEM file). */
  readonly ca: string;
  /** Client certificate and key (PEM files); the subject CN is the identity. */
  readonly cert: string;
  readonly key: string;
  readonly version: PykmipVersion;
  /** A scenario of pykmip_client.py: lifecycle, bench, denied, asymmetric, crypto, rekey. */
  readonly scenario: string;
  /** More arguments, e.g. ["--count", "200"], ["--uid", id], ["--timeout", "2"] (socket timeout, default 10 s). */
  readonly extra?: readonly string[];
  readonly timeoutMs?: number;
}

/** Where a PyKMIP client reaches a custos test harness (test/support/custos-harness.ts), as identity `who`. */
export function custosTarget(
  h: Pick<Harness, "port" | "paths">,
  who: "admin" | "user" = "admin",
): Pick<PykmipScenarioOptions, "host" | "port" | "ca" | "cert" | "key"> {
  return {
    host: "127.0.0.1",
    port: h.port,
    ca: h.paths.caCert,
    cert: who === "admin" ? h.paths.adminCert : h.paths.userCert,
    key: who === "admin" ? h.paths.adminKey : h.paths.userKey,
  };
}

/** An error as pykmip_client.py reports it. */
export interface PykmipError {
  /** Python exception class, e.g. "KmipOperationFailure", "ConnectionRefusedError". */
  readonly class: string;
  readonly message: string;
  /** KMIP Result Status / Result Reason enum names, when the server answered. */
  readonly status?: string;
  readonly reason?: string;
  readonly reasonMessage?: string;
}

export type PykmipStep =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: PykmipError };

/** The one JSON object pykmip_client.py prints. */
export interface PykmipReport extends Record<string, unknown> {
  readonly pykmip: string;
  readonly kmipVersion: string;
  readonly scenario: string;
  readonly steps: Record<string, PykmipStep>;
  /** Name of the step whose socket-level failure (refused, reset, TLS alert, timeout) ended the scenario. */
  readonly connectionLost?: string;
  /** Set when the harness itself broke (a bug in pykmip_client.py). */
  readonly fatal?: PykmipError;
}

/** The typed failure of runPykmipScenario: the script crashed, timed out or printed no JSON. */
export class PykmipRunError extends Error {
  readonly code = "PYKMIP_RUN";
  override readonly name = "PykmipRunError";
}

/**
 * Runs test/interop/pykmip_client.py (PyKMIP's ProxyKmipClient) against a
 * KMIP server and returns its JSON report. Failed KMIP steps are data in the
 * report, not exceptions; only a broken run rejects.
 */
export function runPykmipScenario(opts: PykmipScenarioOptions): Promise<PykmipReport> {
  const args = [
    "-I",
    CLIENT_SCRIPT,
    "--host",
    opts.host,
    "--port",
    String(opts.port),
    "--ca",
    opts.ca,
    "--cert",
    opts.cert,
    "--key",
    opts.key,
    "--version",
    opts.version,
    "--scenario",
    opts.scenario,
    ...(opts.extra ?? []),
  ];
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new PykmipRunError(`cannot run ${SYSTEM_PYTHON}: ${error.message} (run scripts/test-setup.sh)`));
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      const context = `pykmip_client.py ${opts.scenario} (exit ${code}, signal ${signal})\n--- stderr ---\n${stderr}`;
      if (code !== 0) {
        reject(new PykmipRunError(`${signal === "SIGKILL" ? `timed out after ${timeoutMs} ms: ` : ""}${context}`));
        return;
      }
      try {
        const report = JSON.parse(stdout) as PykmipReport;
        if (typeof report !== "object" || report === null || typeof report.steps !== "object") {
          throw new Error("not a report object");
        }
        resolve(report);
      } catch (error) {
        reject(new PykmipRunError(`${context}\n--- bad JSON on stdout (${String(error)}) ---\n${stdout}`));
      }
    });
  });
}

/** What pykmip_client.py reports of a Get: the object's class and fields, its value in hex. */
export interface PykmipGotObject {
  class: string;
  object_type?: string;
  cryptographic_algorithm?: string;
  cryptographic_length?: number;
  data_type?: string;
  key_format_type?: string;
  valueHex: string;
}

/** What pykmip_client.py reports of a Get Attributes. */
export interface PykmipGotAttributes {
  uid: string;
  attributes: Record<string, unknown>;
}

/** What pykmip_client.py reports of a Locate: the ids, their count, and which expected ones are there. */
export interface PykmipLocated {
  uids: string[];
  count?: number;
  contains: Record<string, boolean>;
}

/** The value of a step that must have succeeded; throws a readable error otherwise. */
export function stepValue(report: PykmipReport, name: string): unknown {
  const step = report.steps[name];
  if (!step) throw new Error(`step ${name} did not run (fatal: ${JSON.stringify(report.fatal ?? null)})`);
  if (!step.ok) throw new Error(`step ${name} failed: ${step.error.class}: ${step.error.message}`);
  return step.value;
}

/** The error of a step that must have failed; throws a readable error otherwise. */
export function stepError(report: PykmipReport, name: string): PykmipError {
  const step = report.steps[name];
  if (!step) throw new Error(`step ${name} did not run (fatal: ${JSON.stringify(report.fatal ?? null)})`);
  if (step.ok) throw new Error(`step ${name} succeeded but should have failed: ${JSON.stringify(step.value)}`);
  return step.error;
}
