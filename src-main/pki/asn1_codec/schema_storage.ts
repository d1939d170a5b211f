import { defaultConverter, type IAsnConverter } from '@peculiar/asn1-schema';
import type { IAsnSchema, IAsnSchemaItem } from '@peculiar/asn1-schema/build/types/schema';
// The registry the @AsnType/@AsnProp decorators fill; asn1-schema does not re-export it from its index.
import { schemaStorage as registry } from '@peculiar/asn1-schema/build/cjs/storage.js';
import { DerShapeError } from './der_element';

export type SchemaItem = IAsnSchemaItem & { type: number | (new () => unknown) };
export type TypeSchema = Omit<IAsnSchema, 'items' | 'itemType'> & { items: Record<string, SchemaItem>; itemType: number | (new () => unknown) };

/** The schemas of every decorated class, as asn1-schema's AsnParser reads them. */
export const schemaStorage = registry as { has(type: object): boolean; get(type: object): TypeSchema };

/** The schema of a decorated class; a class without one is left to asn1-schema. */
export function schemaOf(type: new () => unknown): TypeSchema {
  if (!schemaStorage.has(type)) throw new DerShapeError(`${type.name} has no ASN.1 schema`);
  return schemaStorage.get(type);
}

/** asn1-schema's converter for a primitive property type declared without one (array items). */
export function defaultConverterOf(type: number): IAsnConverter {
  const converter = defaultConverter(type);
  if (!converter) throw new DerShapeError(`ASN.1 type ${type} without a converter`);
  return converter;
}
