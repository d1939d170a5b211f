import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TypedSecret, WizardDraft } from '../../../src-shared/ipc';
import { wizardDraftSchema, wizardObjects, type WizardIds } from '../../../src-shared/ipc';
import { DomainValidationError } from '../../../src-shared/domain';
import { secretBytes } from './connection_test';
import type { UiContext } from './ui_context';
import { UiActionError } from './user_errors';

const draftFileName = 'onboarding-wizard.json';

/** A rough strength hint for an IAK; the CA decides what it accepts, this only warns. */
export function secretStrength(bytes: Uint8Array, encoding: TypedSecret['encoding']): string {
  const bits = encoding === 'hex' ? bytes.length * 8 : Math.round(bytes.length * Math.log2(Math.max(2, new Set(bytes).size)));
  if (bits < 48) return `weak (about ${bits} bits); a CA may refuse it and it is easy to guess`;
  if (bits < 96) return `fair (about ${bits} bits)`;
  return `strong (about ${bits} bits)`;
}

function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted} (${n})`)) return `${wanted} (${n})`;
}

export function wizardHandlers(context: UiContext) {
  const file = join(context.dataDir, draftFileName);
  const service = () => context.config.service;

  function readDraft(): WizardDraft | null {
    if (!existsSync(file)) return null;
    try {
      const parsed = wizardDraftSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Imports a CA file and returns the ids of its anchors (already-present ones count). */
  function anchorIds(pem: string, name: string): string[] {
    return service()
      .importTrustAnchors(pem, name)
      .map((r) => r.anchor.id);
  }

  function finish(draft: WizardDraft): { recordId: string; message: string } {
    const store = context.config.store;
    const secureCertificateMode = store.config.globalConfig.get().secureCertificateMode;
    return store.atomically(() => {
      const rootAnchorIds = anchorIds(draft.trust.rootPem, '');
      const responseAnchorIds = draft.server.responseCa === 'root' ? rootAnchorIds : anchorIds(draft.server.responseCaPem, '');
      const tlsCaIds = draft.tls.trustedCa === 'root' ? rootAnchorIds : anchorIds(draft.tls.trustedCaPem, '');
      const ids: WizardIds = { rootAnchorIds, responseAnchorIds, tlsCaIds, tlsProfileId: randomUUID(), serverIds: Array.from({ length: 10 }, () => randomUUID()), groupId: randomUUID() };
      // Names must be unique per kind; a second run of the wizard gets "(2)" names rather than an error.
      const taken = (list: { name: string }[]) => new Set(list.map((o) => o.name));
      const named: WizardDraft = {
        ...draft,
        server: {
          ...draft.server,
          name: uniqueName(draft.server.name.trim(), taken(service().list('cmp-server'))),
          extraServers: draft.server.extraServers.map((s) => ({ ...s, name: uniqueName(s.name.trim(), taken(service().list('cmp-server'))) })),
        },
        profile: { ...draft.profile, name: uniqueName(draft.profile.name.trim(), taken(service().list('cmp-profile'))) },
        record: { ...draft.record, name: uniqueName(draft.record.name.trim(), taken(service().list('certificate-record'))) },
      };
      const { objects, problems } = wizardObjects(named, ids, { secureCertificateMode });
      if (!objects) throw new DomainValidationError('onboarding wizard', problems);
      if (objects.tlsProfile) service().save('tls-profile', { ...objects.tlsProfile, name: uniqueName(objects.tlsProfile.name, taken(service().list('tls-profile'))) });
      for (const server of objects.servers) service().save('cmp-server', server);
      service().save('server-group', { ...objects.group, name: uniqueName(objects.group.name, taken(service().list('server-group'))) });
      service().save('cmp-profile', objects.profile);
      const global = service().globalConfig();
      if (global.kurWindowStart !== objects.kurWindow.start || global.kurWindowEnd !== objects.kurWindow.end) {
        service().saveGlobalConfig({ ...global, kurWindowStart: objects.kurWindow.start, kurWindowEnd: objects.kurWindow.end });
      }
      service().save('certificate-record', objects.record);
      return { recordId: objects.record.id, message: `Created CMP server "${named.server.name}", CMP profile "${named.profile.name}" and certificate record "${named.record.name}"` };
    });
  }

  return {
    'wizard.get': () => ({ draft: readDraft(), configured: context.config.store.certificateRecords.count() > 0, secureCertificateMode: context.config.store.config.globalConfig.get().secureCertificateMode }),
    'wizard.save': ({ draft }: { draft: WizardDraft }) => {
      // Written to a temporary file and renamed, so a crash never leaves half a draft.
      writeFileSync(`${file}.tmp`, JSON.stringify(draft), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      return { savedAt: context.now().toISOString() };
    },
    'wizard.discard': () => {
      const existed = existsSync(file);
      rmSync(file, { force: true });
      return { discarded: existed };
    },
    'wizard.storeSecret': async ({ cmpProfileId, secret }: { cmpProfileId: string; secret: TypedSecret }) => {
      let bytes: Uint8Array;
      try {
        bytes = secretBytes(secret);
      } catch (error) {
        throw new UiActionError(`The secret cannot be read: ${(error as Error).message}`);
      }
      try {
        await (await context.config.initialAuthenticationKeys()).set(cmpProfileId, bytes);
        return { stored: true, strength: secretStrength(bytes, secret.encoding) };
      } finally {
        bytes.fill(0);
      }
    },
    'wizard.finish': async ({ draft }: { draft: WizardDraft }) => {
      const outcome = finish(draft);
      writeFileSync(file, JSON.stringify({ ...draft, finished: true, step: 7 }), { mode: 0o600 });
      context.events.emit('records.changed', { recordIds: [outcome.recordId] });
      context.logger.info('wizard', outcome.message);
      if (!context.lifecycle.available) return { ...outcome, message: `${outcome.message}. The lifecycle engine is not running, so no enrollment was started.` };
      const started = await context.lifecycle.processNow(outcome.recordId);
      return { recordId: outcome.recordId, message: `${outcome.message}. ${started.message}` };
    },
  };
}

export function labHandlers(context: UiContext) {
  return {
    'lab.useBuiltInCa': ({ cmpProfileId }: { cmpProfileId: string }) => context.lab.useFor(cmpProfileId),
    'lab.status': () => context.lab.status(),
  };
}
