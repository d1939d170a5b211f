import type { Random } from './prng';

/**
 * A DER element as a tree, so structural mutations (huge integers, deep nesting, swapped tags) can be
 * re-encoded with consistent lengths and reach the schema and semantic checks behind the shape check.
 */
interface Tlv {
  tag: number;
  /** Children of a constructed element; undefined for primitive ones. */
  children?: Tlv[];
  content: Uint8Array;
  /** A complete encoding that replaces this element as it is (the depth bomb is built flat, not as a tree). */
  raw?: Uint8Array;
}

/** Parses well-formed DER leniently into a tree; returns undefined for anything that is not. */
function parseTlv(bytes: Uint8Array, depth = 0): Tlv[] | undefined {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset++];
    if ((tag & 0x1f) === 0x1f || offset >= bytes.length) return undefined;
    let length = bytes[offset++];
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) return undefined;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset++] ?? 0);
    }
    if (offset + length > bytes.length) return undefined;
    const content = bytes.subarray(offset, offset + length);
    offset += length;
    const constructed = (tag & 0x20) !== 0 && depth < 64;
    const children = constructed ? parseTlv(content, depth + 1) : undefined;
    if (constructed && !children) return undefined;
    out.push({ tag, children, content });
  }
  return out;
}

function encodeLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function encodeTlv(node: Tlv): Uint8Array {
  if (node.raw) return node.raw;
  const content = node.children ? concat(node.children.map(encodeTlv)) : node.content;
  return concat([Uint8Array.from([node.tag, ...encodeLength(content.length)]), content]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function allNodes(roots: Tlv[]): Tlv[] {
  const out: Tlv[] = [];
  const walk = (node: Tlv) => {
    out.push(node);
    node.children?.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** Positions of the length octets of every element, for length-field corruption on the raw bytes. */
function lengthOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  const walk = (start: number, end: number, depth: number) => {
    let offset = start;
    while (offset < end && depth < 64) {
      const tag = bytes[offset++];
      if (offset >= end) return;
      offsets.push(offset);
      let length = bytes[offset++];
      if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4) return;
        length = 0;
        for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset++] ?? 0);
      }
      if (tag & 0x20) walk(offset, Math.min(end, offset + length), depth + 1);
      offset += length;
    }
  };
  walk(0, bytes.length, 0);
  return offsets;
}

export type MutationKind =
  | 'bit-flip'
  | 'byte-set'
  | 'truncate'
  | 'append'
  | 'length-field'
  | 'depth-bomb'
  | 'huge-integer'
  | 'tag-swap'
  | 'element-drop'
  | 'element-duplicate';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'bit-flip', 'byte-set', 'truncate', 'append', 'length-field', 'depth-bomb', 'huge-integer', 'tag-swap', 'element-drop', 'element-duplicate',
];

const LENGTH_VALUES = [[0x00], [0x7f], [0x80], [0x81, 0xff], [0x82, 0xff, 0xff], [0x84, 0xff, 0xff, 0xff, 0xff], [0x84, 0x7f, 0xff, 0xff, 0xff], [0x85, 1, 0, 0, 0, 0], [0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
const TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x17, 0x18, 0x30, 0x31, 0x80, 0xa0, 0xa1, 0xa4, 0xbf];

/** One mutation of `seed` of the given kind; structural kinds re-encode so lengths stay consistent. */
export function mutateDer(seed: Uint8Array, kind: MutationKind, random: Random): Uint8Array {
  const copy = new Uint8Array(seed);
  switch (kind) {
    case 'bit-flip': {
      const flips = 1 + random.below(8);
      for (let i = 0; i < flips; i++) copy[random.below(copy.length)] ^= 1 << random.below(8);
      return copy;
    }
    case 'byte-set': {
      copy[random.below(copy.length)] = random.pick([0x00, 0x7f, 0x80, 0xff, random.below(256)]);
      return copy;
    }
    case 'truncate':
      return seed.subarray(0, random.below(seed.length));
    case 'append':
      return concat([seed, random.bytes(1 + random.below(64))]);
    case 'length-field': {
      const offsets = lengthOffsets(seed);
      const at = offsets.length ? random.pick(offsets) : 1;
      const oldLength = seed[at] & 0x80 ? 1 + (seed[at] & 0x7f) : 1;
      return concat([seed.subarray(0, at), Uint8Array.from(random.pick(LENGTH_VALUES)), seed.subarray(Math.min(seed.length, at + oldLength))]);
    }
    default:
      return mutateTree(seed, kind, random) ?? mutateDer(seed, 'bit-flip', random);
  }
}

function mutateTree(seed: Uint8Array, kind: MutationKind, random: Random): Uint8Array | undefined {
  const roots = parseTlv(seed);
  if (!roots?.length) return undefined;
  const nodes = allNodes(roots);
  const target = random.pick(nodes);
  switch (kind) {
    case 'depth-bomb': {
      // Replace an element by a chain of nested SEQUENCEs (or context tags) around it.
      const inner = encodeTlv(target);
      const depth = random.pick([20, 47, 49, 100, 1_000, 20_000]);
      const tag = random.pick([0x30, 0x31, 0xa0]);
      const headers: Uint8Array[] = [];
      for (let i = 0, length = inner.length; i < depth; i++) {
        const header = Uint8Array.from([tag, ...encodeLength(length)]);
        headers.push(header);
        length += header.length;
      }
      target.raw = concat([...headers.reverse(), inner]);
      break;
    }
    case 'huge-integer': {
      const integers = nodes.filter((node) => node.tag === 0x02);
      const victim = integers.length ? random.pick(integers) : target;
      const size = random.pick([9, 17, 33, 257, 4_097, 70_000]);
      victim.tag = 0x02;
      victim.children = undefined;
      victim.content = random.chance(0.5) ? Uint8Array.from({ length: size }, (_, i) => (i === 0 ? 0x7f : 0xff)) : Uint8Array.from({ length: size }, (_, i) => (i === 0 ? 0x80 : 0));
      break;
    }
    case 'tag-swap': {
      target.tag = random.pick(TAGS);
      if (!(target.tag & 0x20)) {
        target.content = target.children ? concat(target.children.map(encodeTlv)) : target.content;
        target.children = undefined;
      }
      break;
    }
    case 'element-drop': {
      const parents = nodes.filter((node) => node.children?.length);
      if (!parents.length) return undefined;
      const parent = random.pick(parents);
      parent.children!.splice(random.below(parent.children!.length), 1);
      break;
    }
    case 'element-duplicate': {
      const parents = nodes.filter((node) => node.children?.length);
      if (!parents.length) return undefined;
      const parent = random.pick(parents);
      const index = random.below(parent.children!.length);
      parent.children!.splice(index, 0, ...Array.from({ length: random.pick([1, 2, 100]) }, () => parent.children![index]));
      break;
    }
    default:
      return undefined;
  }
  return concat(roots.map(encodeTlv));
}

/** A mutation of a random kind; returns the kind so the report can count them. */
export function randomMutation(seed: Uint8Array, random: Random): { kind: MutationKind; bytes: Uint8Array } {
  const kind = random.pick(MUTATION_KINDS);
  const bytes = mutateDer(seed, kind, random);
  // Now and then a second mutation on top, to leave the neighbourhood of the seed.
  return { kind, bytes: random.chance(0.2) ? mutateDer(bytes.length ? bytes : seed, random.pick(MUTATION_KINDS), random) : bytes };
}
