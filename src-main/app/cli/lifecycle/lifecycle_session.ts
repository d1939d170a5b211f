import type { LabCa } from '../../../labca';
import { openLifecycle, type OpenLifecycle } from '../../../lifecycle';
import type { CliContext } from '../command';
import { readLabMode, startLabCa } from './lab_mode';

/**
 * Opens the lifecycle on the data folder for one command, with notifications printed as lines, and
 * (in lab mode) the lab CA running in-process for the duration.
 */
export async function withLifecycle<T>(context: CliContext, work: (life: OpenLifecycle) => Promise<T>, options: { needsCa: boolean }): Promise<T> {
  const dataDir = context.dataPaths.dataDir;
  const life = await openLifecycle({ dataDir, notifier: { notify: (n) => context.output.err(`${n.at} ${n.kind}: ${n.message}`) } });
  let lab: LabCa | undefined;
  try {
    const mode = options.needsCa ? readLabMode(dataDir) : null;
    if (mode !== null) lab = await startLabCa(dataDir, mode, life.iaks);
    return await work(life);
  } finally {
    await life.engine.idle();
    life.close();
    await lab?.stop();
  }
}

/** The record with this name, or a usage error naming the records that exist. */
export function recordByName(life: OpenLifecycle, name: string) {
  const records = life.store.certificateRecords.list();
  const record = records.find((r) => r.name === name);
  if (!record) throw new Error(`No certificate record "${name}"; known: ${records.map((r) => r.name).join(', ') || 'none'}`);
  return record;
}
