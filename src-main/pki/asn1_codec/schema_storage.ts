import type { IAsnSchema, IAsnSchemaItem } from '@peculiar/asn1-schema/build/types/schema';
// The registry the @AsnType/@AsnProp decorators fill; asn1-schema does not re-export it from its index.
import { schemaStorage as registry } from '@peculiar/asn1-schema/build/cjs/storage.js';

export type SchemaItem = IAsnSchemaItem & { type: number | (new () => unknown) };
export type TypeSchema = Omit<IAsnSchema, 'items' | 'itemType'> & { items: Record<string, SchemaItem>; itemType: number | (new () => unknown) };

/** The schemas of every decorated class, as asn1-schema's AsnParser reads them. */
export const schemaStorage = registry as { has(type: object): boolean; get(type: object): TypeSchema };
