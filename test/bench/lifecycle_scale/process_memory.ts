import { readFileSync } from 'node:fs';

/** Resident and peak resident memory of a process in MB, from Linux /proc (null elsewhere or when it has exited). */
export function processMemoryMb(pid: number | 'self'): { rssMb: number; peakRssMb: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(/\d+/.exec(status.split('\n').find((line) => line.startsWith(`${field}:`)) ?? '')?.[0] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}
