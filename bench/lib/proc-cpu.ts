import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds per /proc clock tick (USER_HZ 100). */
export const TICK_MS = 10;

/** CPU ticks (user + system) a process has used so far; 0 once it is gone. */
export function cpuTicks(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/**
 * CPU ticks of this database's backends, by pid. Per pid, so that a backend ending during a phase
 * (an idle pool connection closing) takes nothing away from the phase's sum.
 */
export function backendTicks(database: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${database} `)) ticks.set(Number(pid), cpuTicks(Number(pid)));
    } catch {
      // the process ended
    }
  }
  return ticks;
}

/** CPU the backends alive at the end spent since `before` (all of it for backends started since). */
export function backendTicksSince(database: string, before: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of backendTicks(database)) sum += ticks - (before.get(pid) ?? 0);
  return sum;
}
