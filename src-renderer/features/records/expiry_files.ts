import type { RecordSummary } from '../../../src-shared/ipc/index';

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Expiries as CSV for spreadsheets. */
export function expiriesCsv(records: readonly RecordSummary[]): string {
  const header = ['name', 'purpose', 'common_name', 'status', 'serial', 'not_after', 'renew_at', 'profile', 'server'];
  const lines = records.map((r) => [r.name, r.purpose, r.commonName ?? '', r.status, r.serialNumber ?? '', r.notAfter ?? '', r.renewAt ?? '', r.profileName ?? '', r.serverName ?? ''].map(csvCell).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');

/** Expiries as an iCalendar file (RFC 5545): one all-day-free event per certificate expiry. */
export function expiriesIcs(records: readonly RecordSummary[], now: Date = new Date()): string {
  const events = records
    .filter((r) => r.notAfter !== null)
    .map((r) =>
      [
        'BEGIN:VEVENT',
        `UID:${r.id}-${r.serialNumber ?? 'none'}@cmp-desk`,
        `DTSTAMP:${icsTime(now.toISOString())}`,
        `DTSTART:${icsTime(r.notAfter as string)}`,
        `SUMMARY:${icsText(`Certificate "${r.name}" expires`)}`,
        `DESCRIPTION:${icsText(`CN ${r.commonName ?? '-'}, serial ${r.serialNumber ?? '-'}, profile ${r.profileName ?? 'manual'}`)}`,
        'END:VEVENT',
      ].join('\r\n'),
    );
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//cmp-desk//expiries//EN', ...events, 'END:VCALENDAR'].join('\r\n') + '\r\n';
}

export function saveText(fileName: string, mediaType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
