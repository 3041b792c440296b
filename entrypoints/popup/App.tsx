import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DbProblemNotice } from '@/components/DbProblemNotice';
import { GapQuestion } from '@/components/GapQuestion';
import { HeldNotice } from '@/components/HeldNotice';
import { JournalNotices } from '@/components/JournalNotices';
import { LinkedTabs } from '@/components/LinkedTabs';
import { ManualTimer } from '@/components/ManualTimer';
import { NowPanel } from '@/components/NowPanel';
import { PageNotice } from '@/components/PageNotice';
import { SurveyLinking } from '@/components/SurveyLinking';
import { TaskList } from '@/components/TaskList';
import { TodayPanel } from '@/components/TodayPanel';
import { send } from '@/components/send';
import { useOpenProblem } from '@/components/use-open-problem';
import { useSettings, type Boot } from '@/components/use-settings';
import { openForReading } from '@/lib/db/raw-read';
import { isVersionProblem } from '@/lib/db/open-problem';
import { loadPopupData, type PopupData, type Today } from '@/lib/db/popup-data';
import { todayFromTotals, todaySummary } from '@/lib/rates/aggregate';
import { dayKeyOf, zoneDays } from '@/lib/rates/zone-days';
import { startOfDay } from '@/lib/dashboard/period';

export const RECENT = 8;
/** The popup re-reads the database this often, for the live timer. */
const REFRESH_MS = 1000;

type State = { kind: 'loading' } | { kind: 'ready'; data: PopupData } | { kind: 'error'; message: string };

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today in the popup's zone: its rows start at local midnight, its day totals are under its key. */
export const todayOf = (now: number): Today => ({ since: startOfDay(now, timeZone), key: dayKeyOf(zoneDays(timeZone).dayOf(now)), zone: timeZone });

const summaryOfToday = (today: PopupData['today'], now: number) =>
  today.kind === 'totals' ? todayFromTotals(todayOf(now).key, today.totals) : todaySummary(today.tasks, today.overhead, now, timeZone);

export interface FirstRead {
  boot?: Boot;
  data?: PopupData;
  at: number;
}

/** `first`: what main.tsx read before the first render, so the popup paints once, with data. */
export function App({ first }: { first?: FirstRead }) {
  const { boot } = useSettings(first?.boot);
  const openProblem = useOpenProblem();
  const [state, setState] = useState<State>(first?.data ? { kind: 'ready', data: first.data } : { kind: 'loading' });
  const [now, setNow] = useState(() => first?.at ?? Date.now());

  const refresh = useCallback(() => {
    const at = Date.now();
    openForReading().then((db) => loadPopupData(db, RECENT, todayOf(at))).then(
      (data) => {
        setState({ kind: 'ready', data });
        setNow(at);
      },
      (error: unknown) =>
        setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  useEffect(() => {
    if (!first?.data) refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const data = state.kind === 'ready' ? state.data : null;
  // "Ready" for the benchmark (npm run bench) and the worker alike: the first paint with data.
  const ready = data !== null && boot.kind === 'ready';
  useEffect(() => {
    if (ready && performance.getEntriesByName('truerate:ready').length === 0) performance.mark('truerate:ready');
  }, [ready]);
  const today = useMemo(
    () => (data ? summaryOfToday(data.today, now) : null),
    [data, now],
  );

  if (boot.kind === 'loading') return <main class="popup" aria-busy="true" />;
  const { t, locale } = boot.strings;
  const settings = boot.settingsRead.settings;
  document.documentElement.lang = locale;

  const act = (message: Parameters<typeof send>[0]) => {
    send(message).then(refresh, refresh);
  };

  return (
    <main class="popup" aria-busy={state.kind === 'loading'}>
      <header class="popup-header">
        <div>
          <h1>{t('extName')}</h1>
          <p class="tagline">{t('tagline')}</p>
        </div>
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup_openDashboard')}
        </button>
      </header>
      {state.kind === 'loading' ? <p class="placeholder">{t('loading')}</p> : null}
      {state.kind === 'error' ? (
        <p class="error" role="alert">
          {t('loadError', state.message)}
        </p>
      ) : null}
      {/* Outside the data: it says why, even when the records themselves cannot be read. */}
      <DbProblemNotice problem={openProblem} t={t} locale={locale} />
      {data && today ? (
        <>
          <HeldNotice t={t} locale={locale} openProblem={isVersionProblem(openProblem)} />
          <PageNotice t={t} />
          <JournalNotices journal={data.journal} locale={locale} t={t} onSeen={(ids) => act({ type: 'journal/seen', ids })} />
          {data.gaps.map((gap) => (
            <GapQuestion key={gap.id} gap={gap} t={t} onAnswer={(gapId, answer) => act({ type: 'gap/answer', gapId, answer })} />
          ))}
          <NowPanel
            data={data}
            now={now}
            t={t}
            onPause={() => act({ type: 'tracking/pause' })}
            onResume={() => act({ type: 'tracking/resume' })}
          />
          <LinkedTabs linked={data.linked} t={t} onUnlink={(tabId) => act({ type: 'tab/unlink', tabId })} />
          <TodayPanel t={t} locale={locale} today={today} />
          <ManualTimer
            running={data.state.manual !== null}
            t={t}
            onStart={(title, reward) => act({ type: 'manual/start', title, reward })}
            onStop={() => act({ type: 'manual/stop' })}
          />
          <SurveyLinking t={t} />
          <section>
            <h2>{t('recentTasks')}</h2>
            {data.recent.length === 0 ? (
              <p class="empty">{t('emptyTasks')}</p>
            ) : (
              <TaskList tasks={data.recent} locale={locale} t={t} settings={settings} />
            )}
          </section>
        </>
      ) : null}
    </main>
  );
}
