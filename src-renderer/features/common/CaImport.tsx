import { useEffect, useState, type DragEvent } from 'react';
import type { CaInspection } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { CertificateFacts } from './CertificateFacts';

/** Reads a picked or dropped file: PEM stays text, anything binary travels as base64. */
async function fileContent(file: File): Promise<{ text: string } | { base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  if (head.includes('-----BEGIN')) return { text: new TextDecoder().decode(bytes) };
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { base64: btoa(binary) };
}

/**
 * Import of a CA certificate by file picker, drag-and-drop or paste. Shows what the file holds and
 * whether it can be a trust anchor; `onAccepted` gets the PEM only when every certificate can.
 */
export function CaImport({ label, pem, onAccepted, testId }: { label: string; pem: string; onAccepted: (pem: string, fileName: string) => void; testId: string }) {
  const inspectCa = useAppStore((s) => s.inspectCa);
  const [inspection, setInspection] = useState<CaInspection | undefined>();
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  // A resumed wizard shows the imported certificate again.
  useEffect(() => {
    if (pem === '') return;
    let live = true;
    void inspectCa({ text: pem }).then((result) => live && setInspection((current) => current ?? result));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function check(file: { text: string } | { base64: string }, fileName: string) {
    setBusy(true);
    const result = await inspectCa(file);
    setBusy(false);
    setInspection(result);
    if (result && result.error === null && result.certificates.length > 0 && result.certificates.every((c) => c.problem === null)) {
      onAccepted(result.certificates.map((c) => c.pem).join(''), fileName);
    }
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) await check(await fileContent(file), file.name);
  }

  const shown = inspection ?? undefined;
  return (
    <div className="ca-import" data-testid={testId}>
      <div
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <label className="button">
          Choose file…
          <input
            type="file"
            className="visually-hidden"
            aria-label={`${label}: choose a PEM, DER or PKCS#7 file`}
            accept=".pem,.crt,.cer,.der,.p7b,.p7c"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) await check(await fileContent(file), file.name);
              e.target.value = '';
            }}
          />
        </label>
        <span className="muted">or drop the file here, or paste PEM below</span>
      </div>
      <textarea aria-label={`${label}: paste PEM`} rows={3} placeholder="-----BEGIN CERTIFICATE-----" value={pasted} onChange={(e) => setPasted(e.target.value)} />
      <button type="button" disabled={pasted.trim() === '' || busy} onClick={() => void check({ text: pasted }, 'pasted text')}>
        Check pasted text
      </button>
      {busy && <p aria-live="polite">Checking…</p>}
      {shown?.error && (
        <p className="problem" role="alert" data-testid={`${testId}-error`}>
          {shown.error}
        </p>
      )}
      {shown?.certificates.map((c) => (
        <div key={c.details.sha256Fingerprint} className={`inspected${c.problem ? ' inspected-bad' : ''}`}>
          <CertificateFacts details={c.details} compact />
          {c.problem ? (
            <p className="problem" role="alert" data-testid={`${testId}-error`}>
              {c.problem}
            </p>
          ) : (
            <p className="hint">Compare this SHA-256 fingerprint with your CA out-of-band (by phone or from a printed letter) before you trust it.</p>
          )}
        </div>
      ))}
      {!shown && pem !== '' && <p className="ok-text">A certificate is imported for this field. Import another file to replace it.</p>}
    </div>
  );
}
