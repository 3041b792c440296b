import { useCallback, useEffect, useState } from 'preact/hooks';
import { GapQuestion } from '@/components/GapQuestion';
import { ManualTimer } from '@/components/ManualTimer';
import { NowPanel } from '@/components/NowPanel';
import { PageNotice } from '@/components/PageNotice';
import { SurveyLinking } from '@/components/SurveyLinking';
import { TaskList } from '@/components/TaskList';
import { t, uiLocale } from '@/components/i18n';
import { send } from '@/components/send';
import { getDb } from '@/lib/db/database';
import { loadPopupData, type PopupData } from '@/lib/db/popup-data';

const RECENT = 20;
/** The popup re-reads the database this often, for the live timer. */
const REFRESH_MS = 1000;

type State = { kind: 'loading' } | { kind: 'ready'; data: PopupData } | { kind: 'error'; message: string };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [now, setNow] = useState(() => Date.now());
  const locale = uiLocale();

  const refresh = useCallback(() => {
    loadPopupData(getDb(), RECENT).then(
      (data) => {
        setState({ kind: 'ready', data });
        setNow(Date.now());
      },
      (error: unknown) =>
        setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [locale, refresh]);

  const act = (message: Parameters<typeof send>[0]) => {
    send(message).then(refresh, refresh);
  };

  return (
    <main class="popup" aria-busy={state.kind === 'loading'}>
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        <p class="tagline">{t('tagline')}</p>
      </header>
      {state.kind === 'loading' ? <p class="placeholder">{t('loading')}</p> : null}
      {state.kind === 'error' ? (
        <p class="error" role="alert">
          {t('loadError', state.message)}
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        <>
          <PageNotice t={t} />
          {state.data.gaps.map((gap) => (
            <GapQuestion key={gap.id} gap={gap} t={t} onAnswer={(gapId, answer) => act({ type: 'gap/answer', gapId, answer })} />
          ))}
          <NowPanel
            data={state.data}
            now={now}
            t={t}
            onPause={() => act({ type: 'tracking/pause' })}
            onResume={() => act({ type: 'tracking/resume' })}
          />
          <ManualTimer
            running={state.data.state.manual !== null}
            t={t}
            onStart={(title, reward) => act({ type: 'manual/start', title, reward })}
            onStop={() => act({ type: 'manual/stop' })}
          />
          <SurveyLinking t={t} />
          <section>
            <h2>{t('recentTasks')}</h2>
            {state.data.recent.length === 0 ? (
              <p class="empty">{t('emptyTasks')}</p>
            ) : (
              <TaskList tasks={state.data.recent} locale={locale} t={t} />
            )}
          </section>
        </>
      ) : null}
    </main>
  );
}
