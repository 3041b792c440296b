import { formatDateTime, formatRoughDuration } from '@/lib/format';
import type { JournalRecord } from '@/lib/model/records';

interface Props {
  journal: readonly JournalRecord[];
  locale: string;
  t: (key: string, subs?: string | string[]) => string;
  onSeen: (ids: number[]) => void;
}

/** What happened to the records without the worker: said once, in words, until dismissed. */
export function JournalNotices({ journal, locale, t, onSeen }: Props) {
  if (journal.length === 0) return null;
  const when = (at: number | null) => (at === null ? '' : formatDateTime(at, locale));
  const span = (j: JournalRecord) => formatRoughDuration(Math.abs((j.from ?? 0) - (j.to ?? 0)));
  const line = (j: JournalRecord) => {
    switch (j.kind) {
      case 'clock-back':
        return t('journal_clockBack', [span(j), when(j.from), when(j.to)]);
      case 'overlap-left-out':
        return t('journal_overlapLeftOut', [span(j), when(j.from)]);
      case 'tracker-state-set-aside':
        return t('journal_stateSetAside');
    }
  };
  return (
    <div class="notice journal" role="status">
      <ul>
        {journal.map((j) => (
          <li key={j.id} data-kind={j.kind}>
            {line(j)}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onSeen(journal.flatMap((j) => (j.id === undefined ? [] : [j.id])))}>
        {t('journal_dismiss')}
      </button>
    </div>
  );
}
