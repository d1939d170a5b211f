/** What the engine child reports to the bench: figures of one phase, then it waits for `continue`. */
export interface EngineMeasurement {
  phase: 'idle' | 'after-kurs';
  figures: Record<string, number>;
}

export type EngineChildMessage = { kind: 'measured'; measurement: EngineMeasurement } | { kind: 'failed'; error: string };
