// The lifecycle engine in a child process that the crash test kills with SIGKILL.
//   work:    force-renews every record (apply-now) and ticks, in a loop, until killed
//   recover: ticks until nothing is due, then exits 0
import { LifecycleScheduler, openLifecycle } from '../../src-main/lifecycle';

const [dataDir, mode] = process.argv.slice(2);
const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
const scheduler = new LifecycleScheduler(life.engine);
process.stdout.write('ready\n');
if (mode === 'recover') {
  await scheduler.runUntilIdle(50);
  await life.engine.idle();
  life.close();
  process.stdout.write('recovered\n');
  process.exit(0);
}
for (;;) {
  await scheduler.runOnce();
  const records = life.store.certificateRecords.list();
  await Promise.all(records.map((r) => life.engine.forceRenew(r.id, { applyNow: true }).catch(() => undefined)));
}
