import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { cpuMicros } from './processes.ts';

/**
 * CPU time of one PostgreSQL cluster running on this machine: its postmaster (a backend's parent) and
 * every child of it. Counting every process named postgres would add any other cluster on the machine.
 */
export async function pgClusterCpu(url: string): Promise<() => Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  // Read while the backend is alive: it exits with the connection.
  const postmaster = parentOf(rows[0]!.pid);
  await client.end();
  return () => {
    const cpu = new Map<number, number>([[postmaster, cpuMicros(postmaster)]]);
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        if (parentOf(Number(name)) === postmaster) cpu.set(Number(name), cpuMicros(Number(name)));
      } catch {
        // Ended between the listing and the read.
      }
    }
    return cpu;
  };
}

/** µs of CPU between two reads, over the processes alive at the second (a pool's backends stay alive through a round). */
export const cpuBetween = (before: Map<number, number>, after: Map<number, number>): number =>
  [...after].reduce((sum, [pid, micros]) => sum + micros - (before.get(pid) ?? 0), 0);
