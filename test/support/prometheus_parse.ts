/** One sample line of the Prometheus text format. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict parser of the Prometheus text exposition format for tests: every line must be a
 * comment, blank, or a well-formed sample, and every sample's family must have a # TYPE.
 */
export function parsePrometheusText(text: string) {
  const types: Record<string, string> = {};
  const samples: ParsedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types[type[1]] = type[2];
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a Prometheus sample line: ${line}`);
    const [, name, labelText, valueText] = sample;
    if (!(name in types)) throw new Error(`sample ${name} has no # TYPE line before it`);
    const labels: Record<string, string> = {};
    if (labelText) {
      const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
      let consumed = 0;
      for (const match of labelText.matchAll(pattern)) {
        labels[match[1]] = match[2].replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
        consumed = (match.index ?? 0) + match[0].length;
      }
      if (consumed !== labelText.length) throw new Error(`malformed labels: ${labelText}`);
    }
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    if (Number.isNaN(value) && valueText !== 'NaN') throw new Error(`bad value in ${line}`);
    samples.push({ name, labels, value });
  }
  return {
    types,
    samples,
    value(name: string, labels: Record<string, string> = {}): number | undefined {
      return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    },
  };
}
