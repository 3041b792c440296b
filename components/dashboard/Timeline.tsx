import { useId } from 'preact/hooks';
import type { SegmentRecord } from '@/lib/model/records';
import { formatDuration } from '@/lib/format';
import type { Translate } from '@/lib/i18n/translate';

type StoredSegment = SegmentRecord & { id: number };

interface Props {
  segments: readonly StoredSegment[];
  t: Translate;
  locale: string;
  /** Disabled while an edit is being written. */
  busy: boolean;
  onToggle: (segment: StoredSegment) => void;
}

const WIDTH = 1000;
const HEIGHT = 36;
/** A one-second segment of a two-hour task would be invisible; it still gets a sliver. */
const MIN_WIDTH = 3;

function timeFormatter(segments: readonly StoredSegment[], locale: string): Intl.DateTimeFormat {
  const first = segments[0];
  const last = segments[segments.length - 1];
  const sameDay = first && last && new Date(first.start).toDateString() === new Date(last.end).toDateString();
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** "14:02:10–14:05:40, 3:30, measured" (and "excluded" when it is): what a screen reader hears. */
export function segmentLabel(segment: SegmentRecord, format: Intl.DateTimeFormat, t: Translate): string {
  const label = t('detail_segment_label', [
    format.format(segment.start),
    format.format(segment.end),
    formatDuration(segment.end - segment.start),
    t(`detail_source_${segment.source.replace('-', '_')}`),
  ]);
  return segment.excluded ? t('detail_segment_label_excluded', label) : label;
}

/**
 * A task's segments on a time axis, told apart by pattern as well as colour (measured solid,
 * gap-confirmed striped, manual dotted, excluded grey cross-hatched), then the same segments as a
 * list with an Exclude/Include button each, for keyboards and screen readers.
 */
export function Timeline({ segments, t, locale, busy, onToggle }: Props) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return <p class="hint detail-no-time">{t('detail_no_segments')}</p>;

  const from = sorted[0]?.start ?? 0;
  const to = Math.max(...sorted.map((s) => s.end));
  const span = Math.max(1, to - from);
  const x = (ms: number) => ((ms - from) / span) * WIDTH;
  const format = timeFormatter(sorted, locale);
  const fill = (s: StoredSegment) => (s.excluded ? `url(#${uid}-excluded)` : `url(#${uid}-${s.source})`);

  return (
    <div class="timeline">
      <svg
        class="timeline-axis"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="group"
        aria-label={t('detail_timeline_label', [format.format(from), format.format(to)])}
      >
        <defs>
          <pattern id={`${uid}-measured`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" class="tl-measured" />
          </pattern>
          <pattern id={`${uid}-gap-confirmed`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" class="tl-gap-bg" />
            <rect width="4" height="8" class="tl-gap-stripe" />
          </pattern>
          <pattern id={`${uid}-manual`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" class="tl-manual-bg" />
            <circle cx="4" cy="4" r="2" class="tl-manual-dot" />
          </pattern>
          <pattern id={`${uid}-excluded`} width="6" height="6" patternUnits="userSpaceOnUse">
            <rect width="6" height="6" class="tl-excluded-bg" />
            <path d="M0,0 L6,6 M6,0 L0,6" class="tl-excluded-hatch" />
          </pattern>
        </defs>
        <rect x="0" y={HEIGHT / 2 - 1} width={WIDTH} height="2" class="tl-baseline" />
        {sorted.map((s) => {
          const label = segmentLabel(s, format, t);
          return (
            <rect
              key={s.id}
              // Not `tl-${source}`: that class paints the pattern tiles, and CSS would beat the fill below.
              class={`tl-segment tl-source-${s.source}${s.excluded ? ' tl-is-excluded' : ''}`}
              data-segment-id={s.id}
              x={x(s.start)}
              y="4"
              width={Math.max(MIN_WIDTH, x(s.end) - x(s.start))}
              height={HEIGHT - 8}
              fill={fill(s)}
              tabindex={0}
              role="img"
              aria-label={label}
            >
              <title>{label}</title>
            </rect>
          );
        })}
      </svg>
      <div class="timeline-ends" aria-hidden="true">
        <span>{format.format(from)}</span>
        <span>{format.format(to)}</span>
      </div>
      <ul class="timeline-legend">
        {(['measured', 'gap-confirmed', 'manual', 'excluded'] as const).map((kind) => (
          <li key={kind}>
            <svg width="16" height="12" aria-hidden="true">
              <rect width="16" height="12" fill={`url(#${uid}-${kind})`} />
            </svg>
            {kind === 'excluded' ? t('detail_source_excluded') : t(`detail_source_${kind.replace('-', '_')}`)}
          </li>
        ))}
      </ul>
      <ol class="segment-list" aria-label={t('detail_segments_heading')}>
        {sorted.map((s) => (
          <li key={s.id} class={s.excluded ? 'segment-excluded' : undefined} data-segment-id={s.id}>
            <span>{segmentLabel(s, format, t)}</span>
            <button
              type="button"
              disabled={busy}
              aria-label={t(s.excluded ? 'detail_include_segment' : 'detail_exclude_segment', segmentLabel(s, format, t))}
              onClick={() => onToggle(s)}
            >
              {s.excluded ? t('detail_include') : t('detail_exclude')}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
