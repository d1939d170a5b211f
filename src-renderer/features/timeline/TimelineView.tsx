import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { TimelineLane, TimelineMarker } from '../../../src-shared/ipc/index';
import { useAppStore } from '../../state/store';
import { selectTimeline } from '../../state/timeline/selectors';
import { zoomSpanMs, type Zoom } from '../../state/timeline/slice';
import { markOnce, marks } from '../common/performance_marks';

const laneHeight = 34;
const labelWidth = 160;
const axisHeight = 24;
const day = 86_400_000;

const markerShapes: Record<TimelineMarker['kind'], string> = {
  ir: 'M0,-5 L5,5 L-5,5 Z',
  kur: 'M0,-5 L5,0 L0,5 L-5,0 Z',
  waiting: 'M-4,-4 L4,-4 L4,4 L-4,4 Z',
  polled: 'M-4,0 A4,4 0 1,0 4,0 A4,4 0 1,0 -4,0',
  issued: 'M-5,0 L-1,4 L5,-4',
  confirmed: 'M-5,0 L-1,4 L5,-4',
  failed: 'M-4,-4 L4,4 M4,-4 L-4,4',
  rejected: 'M-4,-4 L4,4 M4,-4 L-4,4',
  deleted: 'M-5,0 L5,0',
  revoked: 'M-5,0 L5,0',
  other: 'M-2,-2 L2,-2 L2,2 L-2,2 Z',
};

/** Minutes of a "HH:MM" time of day. */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The daily KUR windows between from and to, in local time (a window may span midnight). */
function kurBands(from: number, to: number, window: { start: string; end: string }): [number, number][] {
  const start = minutes(window.start);
  const end = minutes(window.end) + 1;
  if (start === 0 && end >= 24 * 60) return [];
  const bands: [number, number][] = [];
  const first = new Date(from);
  first.setHours(0, 0, 0, 0);
  for (let d = first.getTime() - day; d < to && bands.length < 400; d += day) {
    const s = d + start * 60_000;
    const e = end > start ? d + end * 60_000 : d + day + end * 60_000;
    bands.push([s, e]);
  }
  return bands;
}

function ticks(from: number, to: number, zoom: Zoom): { at: number; label: string }[] {
  const step = zoom === 'day' ? 3_600_000 * 3 : zoom === 'week' ? day : zoom === 'month' ? day * 7 : day * 30;
  const result: { at: number; label: string }[] = [];
  const start = new Date(from);
  start.setMinutes(0, 0, 0);
  if (zoom !== 'day') start.setHours(0);
  for (let t = start.getTime(); t <= to; t += step) {
    const d = new Date(t);
    result.push({ at: t, label: zoom === 'day' ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString([], { month: 'short', day: 'numeric' }) });
  }
  return result;
}

function Lane({ lane, y, x, width, now, selected, onOpen }: { lane: TimelineLane; y: number; x: (t: number) => number; width: number; now: number; selected: boolean; onOpen: (id: string) => void }) {
  const clampX = (t: number) => Math.max(labelWidth, Math.min(labelWidth + width, x(t)));
  return (
    <g transform={`translate(0, ${y})`} data-testid="timeline-lane" data-record={lane.name} className={selected ? 'lane lane-selected' : 'lane'}>
      <text x={8} y={laneHeight / 2 + 4} className="lane-label">
        <a href="#" onClick={(e) => { e.preventDefault(); onOpen(lane.recordId); }}>{lane.name.length > 20 ? `${lane.name.slice(0, 19)}…` : lane.name}</a>
      </text>
      {lane.versions.map((v) => {
        const a = clampX(Date.parse(v.notBefore));
        const b = clampX(Date.parse(v.notAfter));
        if (b <= a) return null;
        const past = v.status !== 'current';
        return (
          <rect key={v.id} x={a} y={8} width={b - a} height={laneHeight - 16} rx={3} className={past ? 'bar-past' : 'bar-current'} data-testid={past ? 'bar-past' : 'bar-current'} data-serial={v.serialNumber}>
            <title>{`${past ? 'Past' : 'Current'} certificate ${v.serialNumber} (${v.origin.toUpperCase()})\n${new Date(v.notBefore).toLocaleString()} – ${new Date(v.notAfter).toLocaleString()}`}</title>
          </rect>
        );
      })}
      {lane.renewBeforeExpiryDays !== null && lane.renewBeforeExpiryDays > 0 &&
        lane.versions.filter((v) => v.status === 'current').map((v) => {
          const t = Date.parse(v.notAfter) - lane.renewBeforeExpiryDays! * day;
          const px = x(t);
          if (px < labelWidth || px > labelWidth + width) return null;
          return (
            <line key={`renew-${v.id}`} x1={px} x2={px} y1={4} y2={laneHeight - 4} className="renew-marker">
              <title>{`Renew before expiry (${lane.renewBeforeExpiryDays} days): ${new Date(t).toLocaleString()}`}</title>
            </line>
          );
        })}
      {lane.forecast.map((f) => {
        const px = x(Date.parse(f.at));
        if (px < labelWidth || px > labelWidth + width || Date.parse(f.at) < now) return null;
        return (
          <g key={`f-${f.at}`} transform={`translate(${px}, ${laneHeight / 2})`} className="forecast-marker">
            <circle r={6} />
            <title>{`Forecast: ${f.type.toUpperCase()} at ${new Date(f.at).toLocaleString()} — ${f.reason}`}</title>
          </g>
        );
      })}
      {lane.markers.map((m, i) => {
        const px = x(Date.parse(m.at));
        if (px < labelWidth || px > labelWidth + width) return null;
        return (
          <g key={`${m.at}-${i}`} transform={`translate(${px}, ${laneHeight / 2})`} className={`event-marker marker-${m.kind}`} data-testid="event-marker">
            <path d={markerShapes[m.kind]} />
            <title>{`${new Date(m.at).toLocaleString()}: ${m.label}`}</title>
          </g>
        );
      })}
    </g>
  );
}

/**
 * One lane per record: validity bars (current solid, past hatched), renew-before-expiry marks,
 * KUR window bands, event markers with tooltips, forecast renewals, and a live "now" line.
 * Zoom day/week/month/year; pan with the buttons, the arrow keys or by dragging.
 */
export function TimelineView({ onOpen, shownCount, totalCount }: { onOpen: (id: string) => void; shownCount: number; totalCount: number }) {
  const { timeline, error, zoom, panMs } = useAppStore(useShallow(selectTimeline));
  const { setZoom, panBy, panToNow } = useAppStore(useShallow((s) => ({ setZoom: s.setZoom, panBy: s.panBy, panToNow: s.panToNow })));
  const openRecordId = useAppStore((s) => s.openRecordId);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [now, setNow] = useState(() => Date.now());
  const drag = useRef<{ x: number; pan: number } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(300, el.clientWidth - labelWidth - 2)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), zoom === 'day' ? 10_000 : 60_000);
    return () => clearInterval(timer);
  }, [zoom]);
  const span = zoomSpanMs[zoom];
  const from = now + panMs - span / 2;
  const to = from + span;
  const x = (t: number) => labelWidth + ((t - from) / span) * width;
  const lanes = timeline?.lanes ?? [];
  useEffect(() => {
    if (lanes.length > 0) markOnce(marks.timelineRendered);
  }, [lanes.length]);
  const height = axisHeight + Math.max(1, lanes.length) * laneHeight;
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return;
    useAppStore.setState({ panMs: drag.current.pan - ((e.clientX - drag.current.x) / width) * span });
  };
  return (
    <section className="timeline" aria-label="Certificate timelines" data-testid="timeline">
      <div className="toolbar-row">
        <div role="radiogroup" aria-label="Zoom" className="theme-switcher">
          {(['day', 'week', 'month', 'year'] as Zoom[]).map((z) => (
            <button key={z} type="button" role="radio" aria-checked={zoom === z} onClick={() => setZoom(z)} data-zoom={z}>
              {z[0].toUpperCase() + z.slice(1)}
            </button>
          ))}
        </div>
        <button type="button" aria-label="Earlier" onClick={() => panBy(-span / 4)}>◀</button>
        <button type="button" onClick={panToNow}>Now</button>
        <button type="button" aria-label="Later" onClick={() => panBy(span / 4)}>▶</button>
        <span className="muted">
          {new Date(from).toLocaleDateString()} – {new Date(to).toLocaleDateString()}
          {shownCount < totalCount && ` · first ${shownCount} of ${totalCount} records; narrow the filter to see others`}
        </span>
      </div>
      {error && <p className="problem" role="alert">{error}</p>}
      <div
        className="timeline-canvas"
        ref={box}
        tabIndex={0}
        aria-label="Timeline; left and right arrow keys pan"
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') panBy(-span / 8);
          else if (e.key === 'ArrowRight') panBy(span / 8);
        }}
        onPointerDown={(e) => {
          if ((e.target as Element).closest('a')) return;
          drag.current = { x: e.clientX, pan: panMs };
        }}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerLeave={() => (drag.current = null)}
      >
        <svg width={labelWidth + width} height={height} role="img" aria-label={`Timelines of ${lanes.length} records`}>
          <defs>
            <pattern id="past-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" className="hatch-bg" />
              <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
            </pattern>
          </defs>
          {timeline &&
            kurBands(from, to, timeline.kurWindow).map(([a, b]) => (
              <rect key={a} x={Math.max(labelWidth, x(a))} y={axisHeight} width={Math.max(0, Math.min(labelWidth + width, x(b)) - Math.max(labelWidth, x(a)))} height={height - axisHeight} className="kur-band">
                <title>{`KUR window ${timeline.kurWindow.start}–${timeline.kurWindow.end}`}</title>
              </rect>
            ))}
          {ticks(from, to, zoom).map((t) => (
            <g key={t.at} transform={`translate(${x(t.at)}, 0)`} className="tick">
              <line y1={axisHeight - 4} y2={height} />
              <text y={14} x={3}>{t.label}</text>
            </g>
          ))}
          {lanes.map((lane, i) => (
            <Lane key={lane.recordId} lane={lane} y={axisHeight + i * laneHeight} x={x} width={width} now={now} selected={lane.recordId === openRecordId} onOpen={onOpen} />
          ))}
          {x(now) >= labelWidth && x(now) <= labelWidth + width && (
            <g className="now-line" data-testid="now-line">
              <line x1={x(now)} x2={x(now)} y1={0} y2={height} />
              <text x={x(now) + 3} y={axisHeight - 8}>now</text>
            </g>
          )}
        </svg>
        {lanes.length === 0 && <p className="muted timeline-empty">No records to show on the timeline.</p>}
      </div>
      <p className="legend muted">
        <span className="legend-current" aria-hidden="true" /> current certificate <span className="legend-past" aria-hidden="true" /> past certificate <span className="legend-renew" aria-hidden="true" /> renew before expiry <span className="legend-kur" aria-hidden="true" /> KUR window ○ forecast renewal ▲ IR ◆ KUR ■ waiting ✔ issued ✖ failure
      </p>
    </section>
  );
}
