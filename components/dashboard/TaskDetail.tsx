import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { TrueRateDb } from '@/lib/db/database';
import {
  addBonus,
  adjustTime,
  deleteTask,
  excludeSegment,
  includeSegment,
  removeBonus,
  setStatus,
  undo,
  type EditResult,
} from '@/lib/ledger/task-edits';
import { loadTaskDetail, type TaskDetailData } from '@/lib/db/task-edits-view';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import { taskRates } from '@/lib/rates/task-rates';
import type { Settings } from '@/lib/settings';
import { BonusForm, WorkedTimeForm } from './CorrectionForms';
import { EditHistory } from './EditHistory';
import { EvidencePanel } from './EvidencePanel';
import { FlagExplanations, TaskFacts } from './TaskFacts';
import { Timeline } from './Timeline';
import './task-detail.css';

interface Props {
  taskId: string;
  t: Translate;
  locale: string;
  settings: Settings;
  db: TrueRateDb;
  onClose: () => void;
  onChanged: () => void;
}

type View = { kind: 'loading' } | { kind: 'ready'; data: TaskDetailData } | { kind: 'error'; message: string };
type Notice = { tone: 'done' | 'refused'; text: string } | null;

/** A refusal from lib/db/task-edits in the worker's words. */
export function refusalText(result: Extract<EditResult, { ok: false }>, t: Translate, locale: string): string {
  if (result.reason === 'overlap' && result.conflict) {
    const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    return t('detail_refuse_overlap', [time.format(result.conflict.start), time.format(result.conflict.end)]);
  }
  return t(`detail_refuse_${result.reason.replace(/-/g, '_')}`);
}

function Header({ title, t, onClose }: { title: string | null; t: Translate; onClose: () => void }) {
  return (
    <header class="detail-header">
      <button type="button" class="link-button detail-back" onClick={onClose}>
        {t('detail_back')}
      </button>
      {/* The title comes from a page: Preact renders it as text, never as HTML. */}
      <h2 class="detail-title">{title ?? '\u00a0'}</h2>
    </header>
  );
}

/** One task: what TrueRate measured, the worker's corrections (each undoable) and evidence to ask for fair pay. */
export function TaskDetail({ taskId, t, locale, settings, db, onClose, onChanged }: Props) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const load = useCallback(
    () =>
      loadTaskDetail(db, taskId).then(
        (data) => setView({ kind: 'ready', data }),
        (error: unknown) => setView({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
      ),
    [db, taskId],
  );

  useEffect(() => {
    setView({ kind: 'loading' });
    setNotice(null);
    setConfirmDelete(false);
    void load();
  }, [load]);

  const run = (edit: (now: number) => Promise<EditResult>, doneKey: string) => {
    setBusy(true);
    edit(Date.now())
      .then((result) => {
        if (result.ok) {
          setNotice({ tone: 'done', text: t(doneKey) });
          onChanged();
        } else {
          setNotice({ tone: 'refused', text: refusalText(result, t, locale) });
        }
      })
      .catch((error: unknown) => setNotice({ tone: 'refused', text: t('detail_edit_failed', error instanceof Error ? error.message : String(error)) }))
      .finally(() => {
        setConfirmDelete(false);
        void load().finally(() => setBusy(false));
      });
  };

  const data = view.kind === 'ready' ? view.data : null;
  const task = data?.task ?? null;
  const rates = useMemo(() => (task ? taskRates(task, settings) : null), [task, settings]);

  const noticeLine = (
    <p class={`detail-notice${notice?.tone === 'refused' ? ' error' : ''}`} role="status" aria-live="polite">
      {notice?.text ?? ''}
    </p>
  );

  if (view.kind === 'loading') {
    return (
      <article class="task-detail" aria-busy="true">
        <Header title={null} t={t} onClose={onClose} />
        {noticeLine}
        <p class="hint">{t('detail_loading')}</p>
        <div class="skeleton detail-skeleton" aria-hidden="true" />
      </article>
    );
  }
  if (view.kind === 'error') {
    return (
      <article class="task-detail">
        <Header title={null} t={t} onClose={onClose} />
        <p class="error" role="alert">
          {t('detail_load_error', view.message)}
        </p>
      </article>
    );
  }
  if (!task || !rates || !data) {
    const deletion = data?.edits.find((e) => e.kind === 'delete-task' && e.undoneAt === null);
    return (
      <article class="task-detail detail-missing">
        <Header title={t('detail_not_found_title')} t={t} onClose={onClose} />
        {noticeLine}
        <p>{deletion ? t('detail_deleted_text') : t('detail_not_found_text')}</p>
        <div class="detail-actions">
          {deletion ? (
            <button type="button" class="primary" disabled={busy} onClick={() => run((now) => undo(db, deletion.id, now), 'detail_done_undo')}>
              {t('detail_undo_delete')}
            </button>
          ) : null}
          <button type="button" onClick={onClose}>
            {t('detail_back_to_list')}
          </button>
        </div>
      </article>
    );
  }

  const flagged = rates.flags.length > 0;
  return (
    <article class="task-detail" aria-busy={busy} data-task-id={task.id}>
      <Header title={task.title ?? t('untitledTask')} t={t} onClose={onClose} />
      {noticeLine}
      <div class="detail-grid">
        <section class="detail-card detail-facts" aria-label={t('detail_facts_heading')}>
          <h3>{t('detail_facts_heading')}</h3>
          <TaskFacts
            task={task}
            rates={rates}
            t={t}
            locale={locale}
            busy={busy}
            onStatus={(status) => run((now) => setStatus(db, task.id, status, now), 'detail_done_status')}
            onRemoveBonus={(index) => run((now) => removeBonus(db, task.id, index, now), 'detail_done_bonus_removed')}
          />
        </section>
        <section class="detail-card detail-flags" aria-label={t('detail_flags_heading')}>
          <h3>{t('detail_flags_heading')}</h3>
          <FlagExplanations task={task} rates={rates} settings={settings} t={t} locale={locale} />
          <EvidencePanel task={task} segments={data.segments} settings={settings} t={t} locale={locale} flagged={flagged} />
        </section>
        <section class="detail-card detail-time" aria-label={t('detail_time_section')}>
          <h3>{t('detail_time_section')}</h3>
          {data.running ? <p class="hint">{t('detail_running_note')}</p> : null}
          <Timeline
            segments={data.segments}
            t={t}
            locale={locale}
            busy={busy}
            onToggle={(s) =>
              run(
                (now) => (s.excluded ? includeSegment(db, s.id, now) : excludeSegment(db, s.id, now)),
                s.excluded ? 'detail_done_included' : 'detail_done_excluded',
              )
            }
          />
        </section>
        <section class="detail-card detail-corrections" aria-label={t('detail_corrections_heading')}>
          <h3>{t('detail_corrections_heading')}</h3>
          <BonusForm
            defaultCurrency={task.reward?.currency ?? 'USD'}
            t={t}
            busy={busy}
            onAdd={(bonus) => run((now) => addBonus(db, task.id, bonus, now), 'detail_done_bonus')}
          />
          <WorkedTimeForm
            t={t}
            busy={busy}
            now={() => Date.now()}
            onAdd={(interval) => run((now) => adjustTime(db, task.id, interval, now), 'detail_done_time')}
          />
          <div class="detail-delete">
            <h4>{t('detail_delete_heading')}</h4>
            {data.running ? (
              <p class="hint">{t('detail_delete_running')}</p>
            ) : confirmDelete ? (
              <div role="group" aria-label={t('detail_delete_heading')}>
                <p>{plural(t, locale, 'detail_delete_confirm', data.segments.length)}</p>
                <button type="button" class="danger" disabled={busy} onClick={() => run((now) => deleteTask(db, task.id, now), 'detail_done_delete')}>
                  {t('detail_delete_yes')}
                </button>{' '}
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  {t('detail_delete_no')}
                </button>
              </div>
            ) : (
              <button type="button" disabled={busy} onClick={() => setConfirmDelete(true)}>
                {t('detail_delete')}
              </button>
            )}
          </div>
        </section>
        <section class="detail-card detail-history" aria-label={t('detail_history_heading')}>
          <h3>{t('detail_history_heading')}</h3>
          <EditHistory
            edits={data.edits}
            t={t}
            locale={locale}
            busy={busy}
            onUndo={(edit) => run((now) => undo(db, edit.id, now), 'detail_done_undo')}
          />
        </section>
      </div>
    </article>
  );
}
