import type { z } from 'zod';
import {
  certificateRecordSchema,
  cmpProfileSchema,
  cmpServerSchema,
  extendedKeyUsage,
  keyUsage,
  serverGroupSchema,
  subjectAltNameSchema,
  timeOfDay,
  tlsProfileSchema,
  type CertificateRecord,
  type CmpProfile,
  type CmpServer,
  type ServerGroup,
  type SubjectAltName,
  type TlsProfile,
} from '../domain';
import type { WizardDraft } from './wizard';

/** One thing to fix in a wizard step: the draft field (e.g. "server.url") and what is wrong. */
export interface WizardProblem {
  field: string;
  message: string;
}

/** Ids of the objects the finished wizard creates; the renderer checks with placeholders. */
export interface WizardIds {
  rootAnchorIds: string[];
  responseAnchorIds: string[];
  tlsCaIds: string[];
  tlsProfileId: string;
  serverIds: string[];
  groupId: string;
}

export const placeholderId = '00000000-0000-4000-8000-000000000000';
export const placeholderIds: WizardIds = {
  rootAnchorIds: [placeholderId],
  responseAnchorIds: [placeholderId],
  tlsCaIds: [placeholderId],
  tlsProfileId: placeholderId,
  serverIds: Array.from({ length: 10 }, () => placeholderId),
  groupId: placeholderId,
};

export interface WizardObjects {
  servers: CmpServer[];
  tlsProfile: TlsProfile | null;
  group: ServerGroup;
  profile: CmpProfile;
  record: CertificateRecord;
  kurWindow: { start: string; end: string };
}

const int = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
const isIpAddress = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');

function hostOf(url: string): string | null {
  // src-shared has no URL class; the scheme and authority are all we need.
  const match = /^https?:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
  return match ? match[1].replace(/^\[(.*)\]$/, '$1').toLowerCase() : null;
}

/** The host name TLS will check the server certificate against (step 3 shows it). */
export function checkedHostName(draft: WizardDraft): string | null {
  return hostOf(draft.server.url.trim());
}

/** "dns:a.example" lines (a bare name counts as DNS) into SAN entries; unreadable lines become problems. */
export function parseSanLines(text: string): { sans: SubjectAltName[]; problems: WizardProblem[] } {
  const sans: SubjectAltName[] = [];
  const problems: WizardProblem[] = [];
  text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .forEach((line, index) => {
      const match = /^(dns|ip|uri|email):\s*(.+)$/i.exec(line);
      const candidate = match ? { type: match[1].toLowerCase(), value: match[2].trim() } : { type: 'dns', value: line };
      const parsed = subjectAltNameSchema.safeParse(candidate);
      if (parsed.success) sans.push(parsed.data);
      else problems.push({ field: 'record.subjectAltNames', message: `line ${index + 1} "${line}" ${parsed.error.issues[0]?.message ?? 'is not a name'}` });
    });
  return { sans, problems };
}

function collect<T>(schema: z.ZodType<T>, value: unknown, prefix: string, problems: WizardProblem[]): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push({ field: `${prefix}.${issue.path.map(String).join('.')}`.replace(/\.$/, ''), message: issue.message });
  return undefined;
}

/** Builds every object the wizard creates; problems name the draft fields to fix. */
export function wizardObjects(draft: WizardDraft, ids: WizardIds, options: { secureCertificateMode: boolean }): { objects?: WizardObjects; problems: WizardProblem[] } {
  const problems: WizardProblem[] = [];
  const s = draft.server;
  const urls = [{ name: s.name, url: s.url }, ...s.extraServers];
  const https = urls.some((u) => u.url.trim().startsWith('https:'));
  const tlsProfile = https
    ? collect(
        tlsProfileSchema,
        { id: ids.tlsProfileId, name: `${s.name.trim() || 'CMP server'} TLS`, trustedCaIds: ids.tlsCaIds, mutualAuthentication: false, clientCertificateRecordId: null, minimumTlsVersion: draft.tls.minimumTlsVersion, verifyHostName: draft.tls.verifyHostName },
        'tls',
        problems,
      )
    : null;
  const servers = urls.map((u, i) => {
    const prefix = i === 0 ? 'server' : `server.extraServers.${i - 1}`;
    const server = collect(
      cmpServerSchema,
      {
        id: ids.serverIds[i],
        name: u.name,
        url: u.url.trim(),
        tlsProfileId: u.url.trim().startsWith('https:') ? ids.tlsProfileId : null,
        responseTrustAnchorIds: ids.responseAnchorIds,
        expectedSender: optional(s.expectedSender) ?? null,
        messageTimeoutSeconds: int(s.messageTimeoutSeconds),
        totalTimeoutSeconds: int(s.totalTimeoutSeconds),
        pollingRetryCount: int(s.pollingRetryCount),
      },
      prefix,
      problems,
    );
    const host = hostOf(u.url.trim());
    if (options.secureCertificateMode && host !== null && isIpAddress(host)) problems.push({ field: `${prefix}.url`, message: `names the IP address ${host}; secure certificate mode requires a host name` });
    return server;
  });
  const group = collect(serverGroupSchema, { id: ids.groupId, name: `${s.name.trim() || 'CMP server'} group`, serverIds: ids.serverIds.slice(0, urls.length) }, 'server', problems);
  const p = draft.profile;
  for (const [field, value] of [['profile.kurWindowStart', p.kurWindowStart], ['profile.kurWindowEnd', p.kurWindowEnd]] as const) {
    if (!timeOfDay.safeParse(value).success) problems.push({ field, message: 'must be a time of day HH:MM (00:00–23:59)' });
  }
  const r = draft.record;
  const profile = collect(
    cmpProfileSchema,
    {
      id: draft.cmpProfileId,
      name: p.name,
      serverGroupId: ids.groupId,
      authentication: { method: 'shared-secret', reference: draft.key.reference.trim() },
      renewBeforeExpiryDays: int(p.renewBeforeExpiryDays),
      defaultKeyAlgorithm: p.keyAlgorithm,
      defaultDigest: p.digest,
      defaultKeyUsage: r.keyUsage.filter((k) => keyUsage.safeParse(k).success),
      defaultExtendedKeyUsage: r.extendedKeyUsage.filter((k) => extendedKeyUsage.safeParse(k).success),
      implicitConfirm: p.implicitConfirm,
    },
    'profile',
    problems,
  );
  const sanResult = parseSanLines(r.subjectAltNames);
  problems.push(...sanResult.problems);
  const subject = {
    country: optional(r.country)?.toUpperCase(),
    state: optional(r.state),
    locality: optional(r.locality),
    organization: optional(r.organization),
    organizationalUnit: optional(r.organizationalUnit),
    commonName: optional(r.commonName),
    emailAddress: optional(r.emailAddress),
  };
  const record = collect(
    certificateRecordSchema,
    {
      id: draft.recordId,
      name: r.name,
      purpose: r.purpose,
      subject: Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== undefined)),
      subjectAltNames: sanResult.sans,
      keyAlgorithm: p.keyAlgorithm,
      keyUsage: r.keyUsage,
      extendedKeyUsage: r.extendedKeyUsage,
      digest: p.digest,
      managedBy: 'cmp',
      cmpProfileId: draft.cmpProfileId,
      deployHooks: [],
    },
    'record',
    problems,
  );
  if (options.secureCertificateMode) problems.push(...secureModeRecordProblems(subject.commonName, sanResult.sans));
  if (problems.length > 0 || !group || !profile || !record || servers.some((x) => x === undefined) || tlsProfile === undefined) return { problems };
  return { objects: { servers: servers as CmpServer[], tlsProfile, group, profile, record, kurWindow: { start: p.kurWindowStart, end: p.kurWindowEnd } }, problems };
}

/** secure-certificate-mode (reference/000): no IP address in the common name or the SANs. */
export function secureModeRecordProblems(commonName: string | undefined, sans: readonly SubjectAltName[]): WizardProblem[] {
  const problems: WizardProblem[] = [];
  if (commonName !== undefined && isIpAddress(commonName)) problems.push({ field: 'record.commonName', message: `is the IP address ${commonName}; secure certificate mode allows only host names` });
  sans.forEach((san) => {
    if (san.type === 'ip') problems.push({ field: 'record.subjectAltNames', message: `lists the IP address ${san.value}; secure certificate mode forbids IP names` });
  });
  return problems;
}

/** Which draft fields each step owns: a step may go on when none of its fields has a problem. */
export const wizardStepFields: Record<number, string[]> = {
  1: ['trust'],
  2: ['server'],
  3: ['tls'],
  4: ['key'],
  5: ['profile'],
  6: ['record'],
  7: [],
};

/** The problems of one step (steps 1 and 4 also need main's word: the CA file was accepted, the key stored). */
export function wizardStepProblems(draft: WizardDraft, step: number, options: { secureCertificateMode: boolean }): WizardProblem[] {
  const own = wizardStepFields[step] ?? [];
  const extra: WizardProblem[] = [];
  if (step === 1 && draft.trust.rootPem.trim() === '') extra.push({ field: 'trust.rootPem', message: 'Import the root CA certificate first' });
  if (step === 1 && draft.trust.rootPem.trim() !== '' && !draft.trust.fingerprintConfirmed) extra.push({ field: 'trust.fingerprintConfirmed', message: 'Confirm that you compared the fingerprint with your CA' });
  if (step === 2 && draft.server.responseCa === 'file' && draft.server.responseCaPem.trim() === '') extra.push({ field: 'server.responseCaPem', message: 'Import the certificate that signs CMP responses, or choose the root CA' });
  if (step === 3 && draft.tls.trustedCa === 'file' && draft.tls.trustedCaPem.trim() === '') extra.push({ field: 'tls.trustedCaPem', message: 'Import the CA that issued the server’s HTTPS certificate, or choose the root CA' });
  if (step === 4 && draft.key.reference.trim() === '') extra.push({ field: 'key.reference', message: 'must not be empty' });
  if (step === 4 && !draft.key.secretStored) extra.push({ field: 'key.secret', message: 'Enter the secret and store it in the keychain' });
  const { problems } = wizardObjects(draft, placeholderIds, options);
  return [...extra, ...problems.filter((p) => own.some((f) => p.field === f || p.field.startsWith(`${f}.`)))];
}
