/**
 * CPU time of another process and its live children (a custos cluster's workers), read
 * from /proc/<pid>/stat (utime + stime, all threads),
 * so the benchmark can tell a CPU-bound server (about 1 core busy) from one that waits
 * on I/O. Linux only; elsewhere it returns undefined and the column stays empty.
 */
import { readFileSync } from "node:fs";

/** USER_HZ: the unit of utime/stime; 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds `pid` and its live child processes have used so far, or undefined if /proc cannot tell. */
export function processCpuSeconds(pid: number): number | undefined {
  const own = ownCpuSeconds(pid);
  if (own === undefined) return undefined;
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    // No children file (older kernels): the process's own time only.
  }
  return children.reduce((sum, child) => sum + (ownCpuSeconds(Number(child)) ?? 0), own);
}

function ownCpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces; fields after it are plain numbers.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat; fields[0] is field 3.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}
