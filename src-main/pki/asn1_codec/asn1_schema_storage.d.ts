/** Types for the one deep import of @peculiar/asn1-schema, whose build ships no declaration beside the file. */
declare module '@peculiar/asn1-schema/build/cjs/storage.js' {
  export const schemaStorage: import('@peculiar/asn1-schema/build/types/storage').AsnSchemaStorage;
}
