import packageJson from '../../package.json';

/** The product name and version as every host (CLI, web, Electron) reports them. */
export const appIdentity = {
  name: packageJson.name,
  productName: 'cmp-desk',
  version: packageJson.version,
} as const;
