import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TrueRateDb } from '@/lib/db/database';
import { loadAllTasks, reloadTask, replaceTask, tasksStamp, type LoadProgress } from '@/lib/db/dashboard-data';
import type { TaskRecord } from '@/lib/model/records';

export type TasksState =
  | { kind: 'loading'; progress: LoadProgress | null }
  | { kind: 'ready'; tasks: TaskRecord[]; loadMs: number }
  | { kind: 'error'; message: string };

/**
 * Every task of the database, read once in chunks (progress shown), read again when the page comes
 * back to the foreground and the table changed meanwhile, and patched one task at a time after an
 * edit in the task detail.
 */
export function useTasks(db: TrueRateDb) {
  const [state, setState] = useState<TasksState>({ kind: 'loading', progress: null });
  const stamp = useRef<string | null>(null);

  const load = useCallback(
    (quiet: boolean) => {
      const started = performance.now();
      if (!quiet) setState({ kind: 'loading', progress: null });
      const read = async () => {
        const before = await tasksStamp(db);
        const tasks = await loadAllTasks(db, { onProgress: quiet ? undefined : (progress) => setState({ kind: 'loading', progress }) });
        stamp.current = before;
        setState({ kind: 'ready', tasks, loadMs: Math.round(performance.now() - started) });
      };
      read().catch((error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }));
    },
    [db],
  );

  useEffect(() => {
    load(false);
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      tasksStamp(db).then(
        (now) => {
          if (now !== stamp.current) load(true);
        },
        () => undefined,
      );
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [db, load]);

  const refreshTask = useCallback(
    (id: string) => {
      reloadTask(db, id).then(
        (task) => {
          setState((s) => (s.kind === 'ready' ? { ...s, tasks: replaceTask(s.tasks, id, task) } : s));
          tasksStamp(db).then((now) => (stamp.current = now), () => undefined);
        },
        () => load(true),
      );
    },
    [db, load],
  );

  return { state, reload: load, refreshTask };
}
