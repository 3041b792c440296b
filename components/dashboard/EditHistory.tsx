import type { SavedEdit } from '@/lib/model/records';
import { formatDateTime, formatDuration, formatMoney } from '@/lib/format';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';

interface Props {
  edits: readonly SavedEdit[];
  t: Translate;
  locale: string;
  busy: boolean;
  onUndo: (edit: SavedEdit) => void;
}

const statusName = (t: Translate, status: string) => t(`status_${status.replace('-', '_')}`);

/** One line saying what an edit changed, from its before/after snapshots. */
export function describeEdit(edit: SavedEdit, t: Translate, locale: string): string {
  const { before, after } = edit;
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const span = (s: { start: number; end: number }) => `${time.format(s.start)}–${time.format(s.end)} (${formatDuration(s.end - s.start)})`;
  switch (edit.kind) {
    case 'status':
      return t('detail_edit_status', [statusName(t, before.task?.status ?? ''), statusName(t, after.task?.status ?? '')]);
    case 'bonus': {
      const was = before.task?.bonuses ?? [];
      const now = after.task?.bonuses ?? [];
      if (now.length > was.length) {
        const added = now[now.length - 1];
        return t('detail_edit_bonus_added', added ? formatMoney(added, locale) : '');
      }
      // A removal shifts the later bonuses down: the first one that differs is the one removed.
      const removed = was.find((b, i) => {
        const other = now[i];
        return !other || other.at !== b.at || other.amountMinor !== b.amountMinor || other.currency !== b.currency;
      });
      return t('detail_edit_bonus_removed', removed ? formatMoney(removed, locale) : '');
    }
    case 'adjust-time': {
      const added = after.segments[0];
      return t('detail_edit_time', added ? span(added) : '');
    }
    case 'exclude-segment':
    case 'include-segment': {
      const segment = after.segments[0];
      const key = edit.kind === 'exclude-segment' ? 'detail_edit_exclude' : 'detail_edit_include';
      return t(key, segment ? span(segment) : '');
    }
    case 'delete-task':
      return plural(t, locale, 'detail_edit_delete', before.segments.length);
    case 'undo':
      return t('detail_edit_undo');
  }
}

/** The task's corrections, newest first; each one still in force can be undone. */
export function EditHistory({ edits, t, locale, busy, onUndo }: Props) {
  if (edits.length === 0) return <p class="hint">{t('detail_history_empty')}</p>;
  return (
    <ol class="edit-history">
      {edits.map((edit) => {
        const text = describeEdit(edit, t, locale);
        return (
          <li key={edit.id} data-edit-id={edit.id} class={edit.undoneAt !== null ? 'edit-undone' : undefined}>
            <time dateTime={new Date(edit.at).toISOString()}>{formatDateTime(edit.at, locale)}</time>
            <span class="edit-text">{text}</span>
            {edit.undoneAt !== null ? (
              <span class="edit-state">{t('detail_edit_was_undone', formatDateTime(edit.undoneAt, locale))}</span>
            ) : edit.kind !== 'undo' ? (
              <button type="button" disabled={busy} aria-label={t('detail_undo_this', text)} onClick={() => onUndo(edit)}>
                {t('detail_undo')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
