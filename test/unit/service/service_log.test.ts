import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingFile } from '../../../src-main/app/service/rotating_file';
import { ServiceLog, serviceLogFileName } from '../../../src-main/app/service/service_log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cmp-desk-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rotating file', () => {
  it('rotates by size and keeps N older files, newest first', () => {
    const path = join(dir, 'x.log');
    const file = new RotatingFile({ path, maxBytes: 20, keepFiles: 2 });
    for (let i = 0; i < 6; i++) file.append(`line-${i}-ten\n`); // 11 bytes each: one line fits, two do not
    expect(readdirSync(dir).sort()).toEqual(['x.log', 'x.log.1', 'x.log.2']);
    expect(readFileSync(path, 'utf8')).toBe('line-5-ten\n');
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('line-4-ten\n');
    expect(readFileSync(`${path}.2`, 'utf8')).toBe('line-3-ten\n');
  });

  it('continues the size count of a file that already exists', () => {
    const path = join(dir, 'x.log');
    new RotatingFile({ path, maxBytes: 30, keepFiles: 1 }).append('0123456789012345678\n');
    new RotatingFile({ path, maxBytes: 30, keepFiles: 1 }).append('abcdefghijklmnopqrs\n');
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('0123456789012345678\n');
  });

  it('with keepFiles 0 starts over instead of keeping copies', () => {
    const path = join(dir, 'x.log');
    const file = new RotatingFile({ path, maxBytes: 5, keepFiles: 0 });
    file.append('aaaa\n');
    file.append('bbbb\n');
    expect(readdirSync(dir)).toEqual(['x.log']);
    expect(readFileSync(path, 'utf8')).toBe('bbbb\n');
  });
});

describe('service log', () => {
  it('writes the same JSON line to the stream and the file, with fields after the fixed keys', () => {
    const streamed: string[] = [];
    const log = new ServiceLog({ logsDir: dir, stream: { write: (t: string) => streamed.push(t) }, now: () => new Date('2026-03-01T00:00:00Z') });
    log.info('scheduler', 'tick done', { records: 3, durationMs: 12.5, message: 'ignored' });
    log.debug('scheduler', 'not written below info');
    expect(streamed).toHaveLength(1);
    expect(JSON.parse(streamed[0])).toEqual({ at: '2026-03-01T00:00:00.000Z', level: 'info', source: 'scheduler', message: 'tick done', records: 3, durationMs: 12.5 });
    expect(readFileSync(join(dir, serviceLogFileName), 'utf8')).toBe(streamed[0]);
  });

  it('keeps logging to the stream when the file cannot be written', () => {
    const streamed: string[] = [];
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    const log = new ServiceLog({ logsDir: join(notAFolder, 'logs'), stream: { write: (t: string) => streamed.push(t) } });
    log.warn('x', 'first');
    log.warn('x', 'second');
    expect(streamed.map((l) => JSON.parse(l).message)).toEqual(['first', expect.stringContaining('logging to stdout only'), 'second']);
    expect(existsSync(join(notAFolder, 'logs'))).toBe(false);
  });
});
