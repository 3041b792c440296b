import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { DbProblemNotice } from '@/components/DbProblemNotice';
import { DataPanel } from '@/components/options/DataPanel';
import { RawCopy } from '@/components/options/RawCopy';
import { SettingsPanel } from '@/components/options/SettingsPanel';
import { DashboardTabs, PANEL_ID, tabId } from '@/components/dashboard/DashboardTabs';
import { GroupsTable } from '@/components/dashboard/GroupsTable';
import { History, INITIAL_FILTERS, INITIAL_SORT } from '@/components/dashboard/History';
import { Overview } from '@/components/dashboard/Overview';
import { TaskDetail } from '@/components/dashboard/TaskDetail';
import { formatCount } from '@/components/dashboard/format-rate';
import { getDb } from '@/lib/db/database';
import { plural } from '@/lib/i18n/plural';
import type { TaskRecord } from '@/lib/model/records';
import { createRowCache } from '@/lib/dashboard/history-rows';
import { hashOf, parseHash, type Route } from '@/lib/dashboard/route';
import { taskRates } from '@/lib/rates/task-rates';
import { useOpenProblem } from '@/components/use-open-problem';
import { useSettings } from '@/components/use-settings';
import { useTasks } from './use-tasks';
import { FeedsPanel } from '@/components/options/FeedsPanel';
import { SharingPanel } from '@/components/options/SharingPanel';
import { useCollective } from './use-collective';

const MINUTE = 60_000;

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

export function App() {
  const db = useMemo(() => getDb(), []);
  const { boot, reread } = useSettings();
  const openProblem = useOpenProblem();
  const { state: tasksState, reload, refreshTask } = useTasks(db);
  const route = useRoute();
  const { index: collective, reread: rereadCollective } = useCollective(db);
  const [now, setNow] = useState(() => Date.now());
  const [filters, setFilters] = useState(INITIAL_FILTERS);
  const [sort, setSort] = useState(INITIAL_SORT);
  const cache = useMemo(() => createRowCache(taskRates), []);
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);

  const settings = boot.kind === 'ready' ? boot.settingsRead.settings : null;
  const tasks = tasksState.kind === 'ready' ? tasksState.tasks : null;
  const rows = useMemo(() => (tasks && settings ? cache.rows(tasks, settings) : null), [tasks, settings, cache]);
  const first = tasksState.kind === 'loading' ? tasksState.first : null;
  const firstRows = useMemo(() => (first && settings ? cache.rows(first, settings) : null), [first, settings, cache]);
  const flagsOf = useCallback((task: TaskRecord) => (settings ? cache.rowOf(task, settings).rates.flags : []), [cache, settings]);
  const rateOf = useCallback((task: TaskRecord) => (settings ? cache.rowOf(task, settings).rates.trueRate : null), [cache, settings]);

  const t = boot.kind === 'ready' ? boot.strings.t : null;
  const locale = boot.kind === 'ready' ? boot.strings.locale : 'en';
  useEffect(() => {
    if (!t) return;
    document.documentElement.lang = locale;
    document.title = `${t(`dash_tab_${route.tab}`)} — ${t('extName')}`;
  }, [t, locale, route.tab]);

  if (boot.kind !== 'ready' || !t || !settings) {
    return <main class="dashboard" aria-busy="true"><div class="header-skeleton" /><div class="skeleton skeleton-page" /></main>;
  }

  const openTask = (id: string) => {
    location.hash = hashOf({ tab: 'history', taskId: id });
  };
  const busy = tasksState.kind === 'loading';
  const taskId = 'taskId' in route ? route.taskId : null;

  const dataView = () => {
    if (tasksState.kind === 'error') {
      return (
        <p class="error" role="alert">
          {t('dash_load_error', tasksState.message)}
        </p>
      );
    }
    // The overview reads the ledger's day totals: it is drawn at once, its scatter when every
    // task is read.
    if (route.tab === 'overview') {
      return <Overview rows={rows} db={db} now={now} timeZone={timeZone} locale={locale} t={t} onPickTask={openTask} />;
    }
    if (!rows || !tasks) {
      const progress = tasksState.kind === 'loading' ? tasksState.progress : null;
      // The history at once from the newest tasks, while the rest are read: filters and sorting
      // wait for all of them, and the page says so (History's `partial`).
      if (route.tab === 'history' && taskId === null && firstRows && firstRows.length > 0) {
        return (
          <History
            rows={firstRows}
            partial={{ loaded: progress?.loaded ?? 0, total: progress?.total ?? 0 }}
            filters={INITIAL_FILTERS}
            onFilters={() => undefined}
            sort={INITIAL_SORT}
            onSort={() => undefined}
            onOpen={openTask}
            timeZone={timeZone}
            locale={locale}
            t={t}
          />
        );
      }
      return (
        <div class="loading-block">
          <p class="hint" role="status">
            {progress && progress.total > 0
              ? t('dash_loading_progress', [formatCount(progress.loaded, locale), formatCount(progress.total, locale)])
              : t('dash_loading')}
          </p>
          {progress && progress.total > 0 ? <progress max={progress.total} value={progress.loaded} /> : null}
          <div class="skeleton skeleton-page" aria-hidden="true" />
        </div>
      );
    }
    if (route.tab === 'sharing') {
      return (
        <>
          <FeedsPanel t={t} locale={locale} now={now} onChanged={rereadCollective} />
          <SharingPanel t={t} locale={locale} tasks={tasks} now={now} />
        </>
      );
    }
    if (route.tab === 'requesters') {
      const focus = 'key' in route ? { by: route.by, key: route.key } : null;
      return <GroupsTable tasks={tasks} settings={settings} locale={locale} t={t} focus={focus} collective={collective} now={now} />;
    }
    // The history stays mounted (hidden) under an open task, so closing it returns to the same
    // scroll position, filters and focused row.
    return (
      <>
        {taskId !== null ? (
          <TaskDetail
            taskId={taskId}
            t={t}
            locale={locale}
            settings={settings}
            db={db}
            onClose={() => {
              location.hash = hashOf({ tab: 'history' });
            }}
            onChanged={() => refreshTask(taskId)}
          />
        ) : null}
        <div hidden={taskId !== null}>
          <History
            rows={rows}
            filters={filters}
            onFilters={setFilters}
            sort={sort}
            onSort={setSort}
            onOpen={openTask}
            timeZone={timeZone}
            locale={locale}
            t={t}
          />
        </div>
      </>
    );
  };

  return (
    <main class="dashboard">
      <header class="dash-header">
        <div class="brand">
          <h1>{t('extName')}</h1>
          <p class="tagline">{t('tagline')}</p>
        </div>
        {tasksState.kind === 'ready' ? (
          <p class="hint load-figure" data-load-ms={tasksState.loadMs}>
            {plural(t, locale, 'dash_loaded', tasksState.tasks.length, [formatCount(tasksState.tasks.length, locale), formatCount(tasksState.loadMs, locale)])}
          </p>
        ) : null}
      </header>
      <DashboardTabs current={route.tab} t={t} />
      <DbProblemNotice problem={openProblem} t={t} locale={locale}>
        <RawCopy t={t} />
      </DbProblemNotice>
      {boot.settingsRead.ok || route.tab === 'settings' ? null : (
        <p class="notice" role="alert">
          {t('dash_settings_invalid', boot.settingsRead.problem)}
        </p>
      )}
      <div id={PANEL_ID} role="tabpanel" aria-labelledby={tabId(route.tab)} class="panel" aria-busy={busy} tabIndex={-1}>
        {route.tab === 'settings' ? (
          <SettingsPanel t={t} locale={locale} settingsRead={boot.settingsRead} onSaved={() => void reread()} />
        ) : route.tab === 'data' ? (
          <DataPanel t={t} locale={locale} db={db} flagsOf={flagsOf} rateOf={rateOf} now={now} onChanged={() => reload(true)} />
        ) : (
          dataView()
        )}
      </div>
    </main>
  );
}
