import type { Random } from './prng';

export type PemMutationKind = 'base64-char' | 'line-drop' | 'line-duplicate' | 'label-change' | 'header-line' | 'garbage-insert' | 'end-drop' | 'begin-flood' | 'long-line';

export const PEM_MUTATION_KINDS: readonly PemMutationKind[] = [
  'base64-char', 'line-drop', 'line-duplicate', 'label-change', 'header-line', 'garbage-insert', 'end-drop', 'begin-flood', 'long-line',
];

const LABELS = ['CERTIFICATE', 'PKCS7', 'CMS', 'PRIVATE KEY', 'EC PRIVATE KEY', 'CERTIFICATE REQUEST', 'X509 CRL', 'TRUSTED CERTIFICATE', 'A', ''];
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-: \t\r\n\u0000\u00ff\u2028';

/** Text-level mutations of PEM files, as a hostile or damaged file would arrive. */
export function mutatePem(text: string, kind: PemMutationKind, random: Random): string {
  const lines = text.split('\n');
  const at = random.below(lines.length);
  switch (kind) {
    case 'base64-char': {
      const chars = [...text];
      for (let i = 0, n = 1 + random.below(4); i < n; i++) chars[random.below(chars.length)] = CHARS[random.below(CHARS.length)];
      return chars.join('');
    }
    case 'line-drop':
      return lines.filter((_, i) => i !== at).join('\n');
    case 'line-duplicate':
      return [...lines.slice(0, at), ...Array.from({ length: random.pick([2, 10, 1_000]) }, () => lines[at]), ...lines.slice(at + 1)].join('\n');
    case 'label-change':
      return text.replace(random.chance(0.5) ? /BEGIN [A-Z0-9 ]+/ : /END [A-Z0-9 ]+/, (match) => `${match.split(' ')[0]} ${random.pick(LABELS)}`);
    case 'header-line':
      return [...lines.slice(0, 1), 'Proc-Type: 4,ENCRYPTED', ...lines.slice(1)].join('\n');
    case 'garbage-insert':
      return [...lines.slice(0, at), Buffer.from(random.bytes(1 + random.below(200))).toString('latin1'), ...lines.slice(at)].join('\n');
    case 'end-drop':
      return lines.filter((line) => !line.startsWith('-----END')).join('\n');
    case 'begin-flood':
      // Many blocks that never end: a parser that rescans for END from every BEGIN is quadratic here.
      return text + `-----BEGIN ${random.pick(LABELS)}-----\nAAAA\n`.repeat(random.pick([100, 10_000, 30_000]));
    case 'long-line':
      return [...lines.slice(0, at), 'A'.repeat(random.pick([65, 10_000, 1_000_000])), ...lines.slice(at)].join('\n');
  }
}
