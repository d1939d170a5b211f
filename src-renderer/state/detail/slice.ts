import type { CertificateView, ExportFormat, RecordDetail, RevocationReasonName } from '../../../src-shared/ipc/index';
import { errorText, ipc } from '../client';
import type { SliceCreator } from '../slice';

/** The outcome line of the last action on the open record, shown next to its buttons. */
export interface ActionState {
  busy: string | null;
  message?: string;
  error?: string;
}

export interface DetailSlice {
  openRecordId?: string;
  detail?: RecordDetail;
  certificateView?: CertificateView;
  detailError?: string;
  action: ActionState;
  openRecord(recordId: string | undefined): Promise<void>;
  reloadDetail(): Promise<void>;
  forceRenew(applyNow: boolean): Promise<void>;
  pollNow(): Promise<void>;
  reenroll(): Promise<void>;
  revoke(reason: RevocationReasonName): Promise<void>;
  cancelTransaction(): Promise<void>;
  exportCertificate(format: ExportFormat, passphrase?: string, legacy?: boolean): Promise<void>;
  /** Names the folder deployed files go to (undefined: the data folder's, only for hooks); resolves to main's refusal, if any. */
  saveDeployFolder(folder: string | undefined): Promise<string | undefined>;
}

/** Offers the bytes as a file download (the renderer has no file system access of its own). */
function download(fileName: string, mediaType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const createDetailSlice: SliceCreator<DetailSlice> = (set, get) => {
  const run = async (label: string, work: (recordId: string) => Promise<{ message: string }>) => {
    const recordId = get().openRecordId;
    if (!recordId) return;
    set({ action: { busy: label } });
    try {
      const { message } = await work(recordId);
      set({ action: { busy: null, message } });
    } catch (error) {
      set({ action: { busy: null, error: errorText(error) } });
    }
    await get().reloadDetail();
  };
  return {
    action: { busy: null },
    async openRecord(recordId) {
      set({ openRecordId: recordId, detail: undefined, certificateView: undefined, detailError: undefined, action: { busy: null } });
      if (recordId) await get().reloadDetail();
    },
    async reloadDetail() {
      const recordId = get().openRecordId;
      if (!recordId) return;
      try {
        const detail = await ipc().invoke('records.get', { recordId });
        const certificateView = detail.current ? await ipc().invoke('certificates.get', { certificateId: detail.current.id }) : undefined;
        if (get().openRecordId === recordId) set({ detail, certificateView, detailError: undefined });
      } catch (error) {
        if (get().openRecordId === recordId) set({ detailError: errorText(error) });
      }
    },
    forceRenew: (applyNow) => run('Force renew', (recordId) => ipc().invoke('records.forceRenew', { recordId, applyNow })),
    pollNow: () => run('Poll now', (recordId) => ipc().invoke('records.pollNow', { recordId })),
    reenroll: () => run('Re-enroll', (recordId) => ipc().invoke('records.reenroll', { recordId })),
    revoke: (reason) => run('Revoke', (recordId) => ipc().invoke('records.revoke', { recordId, reason })),
    cancelTransaction: () => run('Cancel transaction', (recordId) => ipc().invoke('records.cancelTransaction', { recordId })),
    exportCertificate: (format, passphrase, legacy) =>
      run('Export', async (recordId) => {
        const file = await ipc().invoke('records.export', { recordId, format, passphrase, legacy });
        download(file.fileName, file.mediaType, file.base64);
        return { message: `Saved ${file.fileName}` };
      }),
    async saveDeployFolder(folder) {
      const record = get().detail?.record;
      if (!record) return 'No record is open';
      const { deployFolder: _previous, ...rest } = record;
      try {
        await ipc().invoke('records.save', { record: folder === undefined ? rest : { ...rest, deployFolder: folder } });
      } catch (error) {
        return errorText(error);
      }
      await get().reloadDetail();
      return undefined;
    },
  };
};
