import { useEffect, useState } from 'preact/hooks';
import { TaskList } from '@/components/TaskList';
import { t, uiLocale } from '@/components/i18n';
import { getDb } from '@/lib/db/database';
import type { TaskRecord } from '@/lib/db/records';
import { recentTasks } from '@/lib/db/tasks';

const RECENT = 20;

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; tasks: TaskRecord[] }
  | { kind: 'error'; message: string };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const locale = uiLocale();

  useEffect(() => {
    document.documentElement.lang = locale;
    recentTasks(getDb(), RECENT).then(
      (tasks) => setState({ kind: 'ready', tasks }),
      (error: unknown) =>
        setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [locale]);

  return (
    <main class="popup" aria-busy={state.kind === 'loading'}>
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        <p class="tagline">{t('tagline')}</p>
      </header>
      <section>
        <h2>{t('recentTasks')}</h2>
        {state.kind === 'loading' ? <p class="placeholder">{t('loading')}</p> : null}
        {state.kind === 'error' ? (
          <p class="error" role="alert">
            {t('loadError', state.message)}
          </p>
        ) : null}
        {state.kind === 'ready' && state.tasks.length === 0 ? (
          <p class="empty">{t('emptyTasks')}</p>
        ) : null}
        {state.kind === 'ready' && state.tasks.length > 0 ? (
          <TaskList tasks={state.tasks} locale={locale} t={t} />
        ) : null}
      </section>
    </main>
  );
}
