/** CPU time of this machine's processes, from /proc (Linux): the benchmarks' steadier measure on a busy machine. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connectToServer } from '../test/support/testApp';

/** CPU time (user + system) the process has used so far, in ms, from /proc (Linux); null elsewhere. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
export function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based over the whole line).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The process id of the MariaDB/MySQL server when it runs on this machine (its pid file is readable), else null. */
export async function databaseServerPid(serverUrl: string): Promise<number | null> {
  const connection = await connectToServer(serverUrl);
  try {
    const [rows] = await connection.query('SELECT @@pid_file AS file');
    const pid = Number(readFileSync((rows as { file: string }[])[0]!.file, 'utf8').trim());
    return Number.isInteger(pid) && existsSync(`/proc/${pid}/stat`) ? pid : null;
  } catch {
    return null;
  } finally {
    await connection.end();
  }
}
