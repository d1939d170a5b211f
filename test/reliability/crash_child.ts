// The lifecycle engine in a child process that the crash trials kill with SIGKILL.
//   work <seed>: ticks (first enrollments) and force-renews a seeded random subset of the records, in a loop, until killed
//   recover:     ticks until nothing is due, lets running work finish, exits 0
import { LifecycleScheduler, openLifecycle } from '../../src-main/lifecycle';
import { seededRandom } from '../unit/fuzz/prng';

const [dataDir, mode, seed] = process.argv.slice(2);
const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
const scheduler = new LifecycleScheduler(life.engine);
process.stdout.write('ready\n');
if (mode === 'recover') {
  await scheduler.runUntilIdle(50);
  await life.engine.idle();
  life.close();
  process.exit(0);
}
const random = seededRandom(Number(seed));
for (;;) {
  await scheduler.runOnce();
  const withCertificate = life.store.certificateRecords.list().filter((r) => life.store.certificates.current(r.id) !== null);
  const renewals = withCertificate.filter(() => random.chance(0.1));
  await Promise.all(renewals.map((r) => life.engine.forceRenew(r.id, { applyNow: true }).catch(() => undefined)));
}
