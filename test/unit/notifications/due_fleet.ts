import { createHash, randomUUID } from 'node:crypto';
import { desiredParameters, openLifecycle, parametersJson, requestFingerprint } from '../../../src-main/lifecycle';
import { CertificateIssuer, generateKeyPair, issueCertificate, nameFromParts, parseCertificateDer, publicKeyDer } from '../../../src-main/pki';
import type { Connection } from '../../../src-main/store';
import type { CertificateRecord } from '../../../src-shared/domain';
import { certificateRecord, cmpProfile, cmpServer, serverGroup } from '../store/objects';
import { freePort } from '../../support/ports';

const day = 86_400_000;

export interface DueFleetOptions {
  dataDir: string;
  /** The instant the store is written at and the certificates' validity is counted from. */
  now: number;
  /** CMP records whose certificate expires in 15 days: inside the 30-day warning period, past renew-before-expiry (20 days). */
  due: number;
  /** CMP records without a certificate whose only CMP server refuses connections: their IR fails. */
  failing: number;
}

export interface DueFleet {
  /** In name order (the order the tick examines them). */
  due: { id: string; name: string }[];
  failing: { id: string; name: string }[];
  notAfter: Date;
}

/** device-00000 … device-09999: the tick's name order is the seeding order. */
export const dueName = (i: number): string => `device-${String(i).padStart(5, '0')}`;

/**
 * INSERT … SELECT copying the template row with some columns replaced, as test/e2e/seed_records.ts
 * does: 10,000 repository saves would also write 20,000 audit events and take far longer.
 */
function rowCopier(connection: Connection, table: string, replacedColumns: string[]) {
  const columns = (connection.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  const values = columns.map((c) => (replacedColumns.includes(c) ? `@${c}` : c));
  const statement = connection.prepare(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table} WHERE id = @templateId`);
  return (templateId: string, replaced: Record<string, string | Buffer>) => {
    if (statement.run({ ...replaced, templateId }).changes !== 1) throw new Error(`copying ${table} row ${templateId} failed`);
  };
}

/**
 * A data folder with `due` records that all need an expiry warning at `now` and whose KUR waits
 * for the KUR window (02:00–03:00 local, closed at noon), plus `failing` records whose IR fails.
 * Every due record holds its own certificate (own subject and serial), signed by one test CA over
 * one subject key; the records and certificates are written in one SQLite transaction.
 */
export async function seedDueFleet(options: DueFleetOptions): Promise<DueFleet> {
  const { now } = options;
  const notAfter = new Date(now + 15 * day);
  const notBefore = new Date(now - 75 * day);
  const ca = await generateKeyPair({ kind: 'ec', curve: 'P-256' });
  const caName = nameFromParts({ O: 'Example', CN: 'Fleet Test CA' });
  const root = issueCertificate({ signer: { selfSigned: true, privateKey: ca.privateKey }, subjectPublicKey: ca.publicKey, subject: caName, notBefore, notAfter: new Date(now + 3650 * day), basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'crlSign'] });
  const issuer = CertificateIssuer.forCertificate(root, ca.privateKey);
  const subjectKey = publicKeyDer((await generateKeyPair({ kind: 'ec', curve: 'P-256' })).publicKey);
  const chainDer = [Buffer.from(root.der).toString('base64')];
  const issue = (commonName: string) =>
    parseCertificateDer(
      issuer.sign(
        { subject: nameFromParts({ C: 'DE', O: 'Example', CN: commonName }), notBefore, notAfter, keyUsage: ['digitalSignature', 'keyAgreement'], extendedKeyUsage: ['serverAuth'], sans: { dns: [commonName], ip: [], uri: [], email: [] } },
        subjectKey,
      ).der,
    );

  const life = await openLifecycle({ dataDir: options.dataDir, notifier: { notify: () => undefined }, clock: { now: () => now, sleep: async () => undefined } });
  try {
    const { store } = life;
    store.config.globalConfig.update({ ...store.config.globalConfig.get(), expiryWarningDays: 30, expiryNotificationIntervalHours: 24, kurWindowStart: '02:00', kurWindowEnd: '03:00' });
    const server = store.config.cmpServers.save(cmpServer(null, { url: `http://127.0.0.1:${await freePort()}/.well-known/cmp`, messageTimeoutSeconds: 2, totalTimeoutSeconds: 4 }));
    const group = store.config.serverGroups.save(serverGroup([server.id]));
    const profile = store.config.cmpProfiles.save(cmpProfile(group.id, { renewBeforeExpiryDays: 20 }));
    await life.iaks.set(profile.id, new Uint8Array(Buffer.from('initial-authentication-key')));

    const recordFor = (name: string): CertificateRecord => {
      const commonName = `${name}.fleet.example`;
      return certificateRecord({ name, managedBy: 'cmp', cmpProfileId: profile.id, subject: { country: 'DE', organization: 'Example', commonName }, subjectAltNames: [{ type: 'dns', value: commonName }], deployHooks: [] });
    };
    const fleet: DueFleet = { due: [], failing: [], notAfter };
    store.atomically(() => {
      const template = store.certificateRecords.save(recordFor(dueName(0)));
      const templateCertificate = randomUUID();
      const first = issue(template.subject.commonName!);
      store.certificates.putIntoUse({
        id: templateCertificate, recordId: template.id, status: 'current', origin: 'ir', serialNumber: first.serialHex.toLowerCase(), subject: first.subject, issuer: first.issuer,
        notBefore: first.notBefore.toISOString(), notAfter: first.notAfter.toISOString(), sha256Fingerprint: createHash('sha256').update(first.der).digest('hex'),
        certificateDer: Buffer.from(first.der).toString('base64'), chainDer, privateKeyId: null, obtainedAt: notBefore.toISOString(),
      });
      const parameters = (record: CertificateRecord, certificateId: string) => {
        const p = desiredParameters(record)!;
        store.lifecycle.setCertificateParameters(certificateId, parametersJson(p), requestFingerprint(p));
      };
      parameters(template, templateCertificate);
      fleet.due.push({ id: template.id, name: template.name });

      const copyRecord = rowCopier(store.database.connection, 'certificate_records', ['id', 'name', 'subject_common_name', 'subject_alt_names']);
      const copyCertificate = rowCopier(store.database.connection, 'certificates', ['id', 'record_id', 'serial_number', 'subject', 'sha256_fingerprint', 'certificate_der']);
      for (let i = 1; i < options.due; i++) {
        const record = { ...recordFor(dueName(i)), id: randomUUID() };
        copyRecord(template.id, { id: record.id, name: record.name, subject_common_name: record.subject.commonName!, subject_alt_names: JSON.stringify(record.subjectAltNames) });
        const certificate = issue(record.subject.commonName!);
        const certificateId = randomUUID();
        copyCertificate(templateCertificate, {
          id: certificateId, record_id: record.id, serial_number: certificate.serialHex.toLowerCase(), subject: certificate.subject,
          sha256_fingerprint: createHash('sha256').update(certificate.der).digest('hex'), certificate_der: Buffer.from(certificate.der),
        });
        parameters(record, certificateId);
        fleet.due.push({ id: record.id, name: record.name });
      }
      for (let i = 0; i < options.failing; i++) {
        const record = store.certificateRecords.save(recordFor(`unreachable-${i}`));
        fleet.failing.push({ id: record.id, name: record.name });
      }
    });
    return fleet;
  } finally {
    life.close();
  }
}
