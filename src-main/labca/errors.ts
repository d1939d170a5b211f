/** The lab CA's own folder holds something we cannot use: which file, what we expected, what was there. */
export class LabCaStoreError extends Error {
  constructor(readonly file: string, readonly expected: string, readonly found: string) {
    super(`lab CA file ${file}: expected ${expected}, found ${found}`);
    this.name = 'LabCaStoreError';
  }
}

/** A lab CA setting (path, knob, validity, secret reference) is not usable. */
export class LabCaConfigError extends Error {
  constructor(readonly setting: string, readonly expected: string, readonly found: string) {
    super(`lab CA setting ${setting}: expected ${expected}, got ${found}`);
    this.name = 'LabCaConfigError';
  }
}
