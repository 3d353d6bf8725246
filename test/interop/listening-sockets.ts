import { readdir, readFile, readlink } from "node:fs/promises";

/** One listening TCP socket. */
export interface ListeningSocket {
  readonly pid: number;
  /** "127.0.0.1", "0.0.0.0", "::1", "::", "::ffff:127.0.0.1", ... */
  readonly address: string;
  readonly port: number;
}

/** Linux /proc/net/tcp* state code of a listening socket. */
const TCP_LISTEN = "0A";

/** Pids whose process group is `pgid` (Linux /proc/<pid>/stat, field 5). */
async function pidsInGroup(pgid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = await readdir(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // fd closed meanwhile
    }
  }
  return inodes;
}

/** /proc/net/tcp keeps each 32-bit word of an address in host (little-endian) order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)));
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  const text = groups.join(":");
  if (text === "0:0:0:0:0:0:0:0") return "::";
  if (text === "0:0:0:0:0:0:0:1") return "::1";
  if (text.startsWith("0:0:0:0:0:ffff:")) return `::ffff:${bytes.slice(12).join(".")}`;
  return text;
}

/**
 * Listening TCP sockets held by any process of process group `pgid`
 * (Linux only: reads /proc). Used to check that a test server binds only
 * loopback addresses.
 */
export async function listeningSocketsOfGroup(pgid: number): Promise<ListeningSocket[]> {
  const byInode = new Map<string, number>();
  for (const pid of await pidsInGroup(pgid)) {
    for (const inode of await socketInodes(pid)) byInode.set(inode, pid);
  }
  const result: ListeningSocket[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = await readFile(table, "utf8");
    } catch {
      continue; // no IPv6 on this host
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const inode = cols[9];
      if (cols[3] !== TCP_LISTEN || !local || !inode) continue;
      const pid = byInode.get(inode);
      if (pid === undefined) continue;
      const [addressHex = "", portHex = "0"] = local.split(":");
      result.push({ pid, address: decodeAddress(addressHex), port: Number.parseInt(portHex, 16) });
    }
  }
  return result;
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x addresses. */
export function isLoopback(address: string): boolean {
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}
