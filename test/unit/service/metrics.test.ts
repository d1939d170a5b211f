import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MetricsAddressError, parseMetricsAddress, startMetricsServer } from '../../../src-main/app/service/metrics_server';
import { formatPrometheusText } from '../../../src-main/app/service/prometheus_text';
import type { ServiceMetricsSnapshot } from '../../../src-main/app/service/service_metrics';
import { parsePrometheusText } from '../../support/prometheus_parse';

const snapshot: ServiceMetricsSnapshot = {
  recordsByState: { valid: 7, due: 2, failing: 1 },
  earliestExpiryAt: Date.parse('2026-01-01T01:00:00Z'),
  transactions: [{ type: 'kur', outcome: 'completed', count: 5 }, { type: 'ir', outcome: 'failed', count: 1 }],
  lastTickDurationMs: 1500,
  lastTickAt: Date.parse('2026-01-01T00:00:00Z'),
};

function get(url: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { method }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
    }).on('error', reject).end();
  });
}

describe('metrics address', () => {
  it('accepts loopback only', () => {
    expect(parseMetricsAddress('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseMetricsAddress('localhost:0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseMetricsAddress('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    for (const bad of ['0.0.0.0:9464', '192.168.1.2:9464', ':9464', '9464', '127.0.0.1', '127.0.0.1:70000', 'example.com:80']) {
      expect(() => parseMetricsAddress(bad), bad).toThrow(MetricsAddressError);
    }
  });
});

describe('Prometheus text format', () => {
  it('escapes label values and writes HELP/TYPE per family', () => {
    const text = formatPrometheusText([{ name: 'x_total', help: 'a\nb', type: 'counter', samples: [{ labels: { v: 'q"b\\n\n' }, value: 1 }] }]);
    expect(text).toBe('# HELP x_total a\\nb\n# TYPE x_total counter\nx_total{v="q\\"b\\\\n\\n"} 1\n');
    expect(parsePrometheusText(text).samples).toEqual([{ name: 'x_total', labels: { v: 'q"b\\n\n' }, value: 1 }]);
  });
});

describe('metrics server', () => {
  it('serves the snapshot on 127.0.0.1 /metrics and nothing else', async () => {
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0 }, () => snapshot, (e) => { throw e; }, () => Date.parse('2026-01-01T00:00:00Z'));
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const scraped = await get(server.url);
      expect(scraped.status).toBe(200);
      expect(scraped.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      const parsed = parsePrometheusText(scraped.body);
      expect(parsed.types).toMatchObject({ cmp_desk_records: 'gauge', cmp_desk_transactions_total: 'counter', cmp_desk_earliest_expiry_seconds: 'gauge', cmp_desk_last_tick_duration_seconds: 'gauge' });
      expect(parsed.value('cmp_desk_records', { state: 'due' })).toBe(2);
      expect(parsed.value('cmp_desk_transactions_total', { type: 'kur', outcome: 'completed' })).toBe(5);
      expect(parsed.value('cmp_desk_earliest_expiry_seconds')).toBe(3600);
      expect(parsed.value('cmp_desk_last_tick_duration_seconds')).toBe(1.5);
      expect((await get(server.url.replace('/metrics', '/'))).status).toBe(404);
      expect((await get(server.url, 'POST')).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('answers 500 and reports the error when the snapshot fails', async () => {
    const errors: Error[] = [];
    const server = await startMetricsServer({ host: '127.0.0.1', port: 0 }, () => { throw new Error('store closed'); }, (e) => errors.push(e));
    try {
      expect((await get(server.url)).status).toBe(500);
      expect(errors.map((e) => e.message)).toEqual(['store closed']);
    } finally {
      await server.close();
    }
  });

  it('says clearly when the port is taken', async () => {
    const first = await startMetricsServer({ host: '127.0.0.1', port: 0 }, () => snapshot, () => {});
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMetricsServer({ host: '127.0.0.1', port }, () => snapshot, () => {})).rejects.toThrow(/already in use/);
    } finally {
      await first.close();
    }
  });
});
