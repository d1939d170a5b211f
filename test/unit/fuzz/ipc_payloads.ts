import { z } from 'zod';
import type { Random } from './prng';

/** The JSON Schema view of a zod schema, as far as the generators below read it. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00.000Z',
  uuid: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
  email: 'admin@example.org',
  uri: 'https://ca.example.org/.well-known/cmp',
  ipv4: '192.0.2.1',
  base64: 'AAAA',
};

/** Strings that satisfy the contract's patterns (time of day, SHA-256 hex, OIDs, names). */
const PATTERN_CANDIDATES = ['02:00', '0'.repeat(64), '1.2.3.4', 'AAAA', 'a', 'example.org', 'CN=a', '00'];

/** A best-effort valid instance; the caller checks it with the schema itself. */
export function exampleOf(schema: JsonSchema, random: Random, depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return random.pick(schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return exampleOf(random.pick(choices), random, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, random, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') ?? 'null' : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || (depth < 4 && random.chance(0.5))) out[key] = exampleOf(property, random, depth + 1);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, depth < 3 && random.chance(0.5) ? 1 : 0);
      return schema.prefixItems ? schema.prefixItems.map((item) => exampleOf(item, random, depth + 1)) : Array.from({ length: count }, () => exampleOf(schema.items ?? {}, random, depth + 1));
    }
    case 'string': {
      if (schema.format && FORMAT_EXAMPLES[schema.format]) return FORMAT_EXAMPLES[schema.format];
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        const fitting = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate));
        if (fitting) return fitting;
      }
      return 'a'.repeat(Math.max(1, schema.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    default:
      return 'x';
  }
}

const WRONG_VALUES: unknown[] = [
  null, true, 0, -1, 1.5, 2 ** 53, -(2 ** 63), Number.MAX_VALUE, '', ' ', 'x'.repeat(10_000), '\u0000', '💥', '<script>alert(1)</script>', "'; DROP TABLE records; --",
  '../../../etc/passwd', [], [null], {}, { __proto__: { admin: true } }, { constructor: { prototype: { polluted: true } } }, '2026-13-45T99:99:99Z',
];

/** A JSON value of random shape: what a hostile renderer can send anywhere. */
export function randomValue(random: Random, depth = 0): unknown {
  const roll = random.below(depth > 3 ? 5 : 8);
  switch (roll) {
    case 0: return random.pick(WRONG_VALUES);
    case 1: return random.below(2 ** 31) - 2 ** 30;
    case 2: return Buffer.from(random.bytes(random.below(40))).toString('latin1');
    case 3: return random.chance(0.5);
    case 4: return null;
    case 5: return Array.from({ length: random.below(5) }, () => randomValue(random, depth + 1));
    case 6: return Object.fromEntries(Array.from({ length: random.below(5) }, () => [random.pick(['id', 'name', 'kind', '__proto__', 'constructor', 'secret', Buffer.from(random.bytes(4)).toString('hex')]), randomValue(random, depth + 1)]));
    default: return { id: randomValue(random, depth + 1), payload: randomValue(random, depth + 1) };
  }
}

/** Every path in a JSON value that holds something, for one-field mutations. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function setAt(value: unknown, path: (string | number)[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) {
    const next = replace(value);
    return next === DELETE ? undefined : next;
  }
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  if (rest.length > 0) {
    copy[head] = setAt(copy[head], rest, replace);
    return copy;
  }
  const next = replace(copy[head]);
  if (next !== DELETE) copy[head] = next;
  else if (Array.isArray(copy)) copy.splice(Number(head), 1);
  else delete copy[head];
  return copy;
}

const DELETE = Symbol('delete');

/**
 * One step away from a valid payload: a field removed, of the wrong type, too long, out of range,
 * an unknown key added, or the whole payload wrapped/replaced.
 */
export function adjacentPayload(valid: unknown, random: Random): unknown {
  const path = random.pick(paths(valid));
  switch (random.below(7)) {
    case 0: return setAt(valid, path, () => DELETE);
    case 1: return setAt(valid, path, () => random.pick(WRONG_VALUES));
    case 2: return setAt(valid, path, (old) => (typeof old === 'string' ? old + 'x'.repeat(random.pick([1, 300, 5_000, 100_000])) : random.pick(WRONG_VALUES)));
    case 3: return setAt(valid, path, (old) => (typeof old === 'number' ? random.pick([old - 1e9, old + 1e9, old + 0.5, -old - 1]) : random.pick(WRONG_VALUES)));
    case 4: return setAt(valid, path, (old) => (old !== null && typeof old === 'object' && !Array.isArray(old) ? { ...old, [random.pick(['unexpected', 'isAdmin', 'privateKey', '__proto__'])]: 1 } : [old]));
    case 5: return setAt(valid, path, (old) => (Array.isArray(old) ? Array.from({ length: random.pick([11, 1_000, 20_000]) }, () => old[0] ?? 'x') : String(old)));
    default: return random.chance(0.5) ? [valid] : JSON.stringify(valid);
  }
}
