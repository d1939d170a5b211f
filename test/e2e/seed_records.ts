import { randomUUID } from 'node:crypto';
import { LabCa, wellKnownCmpPath } from '../../src-main/labca';
import { createLabConfiguration, desiredParameters, openLifecycle, parametersJson, requestFingerprint } from '../../src-main/lifecycle';
import type { Connection, Store } from '../../src-main/store';
import { certificatePurpose, type CertificateRecord } from '../../src-shared/domain';

/** What the seeding produced, for the assertions on the dashboard. */
export interface SeededRecords {
  total: number;
  /** CMP-managed records holding a valid CMP-obtained certificate (status "valid"). */
  valid: number;
  /** Records managed by hand (status "manual"). */
  manual: number;
}

/**
 * Copies a row of a table with some columns replaced, in SQL: every other column is exactly what the
 * repositories wrote for the template (10,000 repository saves with their audit events take tens of
 * seconds on a loaded machine; the copies take well under one).
 */
function rowCopier(connection: Connection, table: string) {
  const columns = (connection.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const statements = new Map<string, ReturnType<Connection['prepare']>>();
  return (templateId: string, replaced: Record<string, string | null | undefined>) => {
    const keys = Object.keys(replaced).sort();
    const signature = keys.join(',');
    let statement = statements.get(signature);
    if (statement === undefined) {
      const values = columns.map((c) => (keys.includes(c) ? `@${c}` : c));
      statement = connection.prepare(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table} WHERE id = @templateId`);
      statements.set(signature, statement);
    }
    const result = statement.run({ ...replaced, templateId });
    if (result.changes !== 1) throw new Error(`copying ${table} row ${templateId} wrote ${result.changes} rows`);
  };
}

function copier(connection: Connection) {
  return { record: rowCopier(connection, 'certificate_records'), certificate: rowCopier(connection, 'certificates') };
}

/** Every `manualEvery`-th seeded record is managed by hand, the rest by CMP. */
const manualEvery = 10;

/** Shared-secret reference and IAK the seeding lab CA knows at its well-known path. */
const seedReference = 'seed';
const seedSecret = 'seed-secret';

/** A lab CA that knows the seeding IAK and issues certificates valid for a year (nothing is due soon). */
export function startSeedLabCa(labDir: string): Promise<LabCa> {
  return LabCa.start({ dir: labDir, paths: [{ path: wellKnownCmpPath, sharedSecrets: { [seedReference]: seedSecret }, validitySeconds: 365 * 86_400 }] });
}

/**
 * Configures a data folder for `lab` (trust anchor, servers, group, profile with its IAK in the
 * keychain) and enrolls the records lab-1..lab-N through the real engine; `then` sees the store
 * before it is closed again.
 */
export async function enrollLabRecords<T>(dataDir: string, lab: LabCa, records: number, then: (store: Store) => T): Promise<T> {
  const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
  try {
    await createLabConfiguration(life.store, life.iaks, { rootCertificateDer: lab.store.root.der, cmpUrls: lab.cmpUrls(), reference: seedReference, secret: new Uint8Array(Buffer.from(seedSecret)), renewBeforeExpiryDays: 30, records });
    life.engine.tick();
    await life.engine.idle();
    return then(life.store);
  } finally {
    life.close();
  }
}

/**
 * Fills a data folder with `count` records the way the app stores them: a real lab-CA profile
 * chain, a few certificates enrolled through the real engine, then copies of those certificates on
 * the remaining records (own record, own certificate row and serial, request parameters as after a
 * real IR), all in one SQLite transaction. The lab CA is stopped again: nothing is due, so the
 * engine of the web host that opens this folder has no work.
 */
export async function seedRecords(dataDir: string, labDir: string, count: number): Promise<SeededRecords> {
  const enrolled = 4;
  const lab = await startSeedLabCa(labDir);
  try {
    return await enrollLabRecords(dataDir, lab, enrolled, (store) => {
      const templates = store.certificateRecords.list().map((record) => ({ record, certificate: store.certificates.current(record.id) }));
      if (templates.some((t) => t.certificate === null)) throw new Error('the lab CA did not issue the template certificates');
      const copy = copier(store.database.connection);
      let manual = 0;
      store.atomically(() => {
        for (let i = enrolled; i < count; i++) {
          const template = templates[i % templates.length];
          const managedBy = i % manualEvery === 0 ? 'manual' : 'cmp';
          if (managedBy === 'manual') manual++;
          const name = `device-${String(i).padStart(5, '0')}`;
          const record: CertificateRecord = { ...template.record, id: randomUUID(), name, purpose: certificatePurpose.options[i % certificatePurpose.options.length], managedBy, cmpProfileId: managedBy === 'cmp' ? template.record.cmpProfileId : null, subject: { ...template.record.subject, commonName: `${name}.fleet.example` } };
          copy.record(template.record.id, { id: record.id, name, purpose: record.purpose, managed_by: managedBy, cmp_profile_id: record.cmpProfileId, subject_common_name: record.subject.commonName });
          const certificateId = randomUUID();
          const certificate = template.certificate!;
          copy.certificate(certificate.id, { id: certificateId, record_id: record.id, serial_number: `${certificate.serialNumber}${i.toString(16).padStart(5, '0')}`, origin: managedBy === 'cmp' ? certificate.origin : 'import', private_key_id: null });
          const parameters = desiredParameters(record);
          if (parameters !== null) store.lifecycle.setCertificateParameters(certificateId, parametersJson(parameters), requestFingerprint(parameters));
        }
      });
      return { total: count, valid: count - manual, manual };
    });
  } finally {
    await lab.stop();
  }
}
