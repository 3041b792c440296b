import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TrueRateDb } from '@/lib/db/database';
import { loadAllTasks, loadNewestTasks, reloadTask, replaceTask, tasksStamp, type LoadProgress } from '@/lib/db/dashboard-data';
import type { TaskRecord } from '@/lib/model/records';

export type TasksState =
  /** `first`: the newest tasks, shown while the rest are read (null until they are). */
  | { kind: 'loading'; progress: LoadProgress | null; first: TaskRecord[] | null }
  | { kind: 'ready'; tasks: TaskRecord[]; loadMs: number }
  | { kind: 'error'; message: string };

/**
 * Every task of the database, read once in chunks (progress shown, the newest ones first so that
 * the history has rows at once), read again when the page comes
 * back to the foreground and the table changed meanwhile, and patched one task at a time after an
 * edit in the task detail.
 */
export function useTasks(db: TrueRateDb) {
  const [state, setState] = useState<TasksState>({ kind: 'loading', progress: null, first: null });
  const stamp = useRef<string | null>(null);

  const load = useCallback(
    (quiet: boolean) => {
      const started = performance.now();
      if (!quiet) setState({ kind: 'loading', progress: null, first: null });
      const read = async () => {
        const before = await tasksStamp(db);
        let first: TaskRecord[] | null = null;
        if (!quiet) {
          first = await loadNewestTasks(db);
          setState({ kind: 'loading', progress: { loaded: 0, total: await db.tasks.count() }, first });
        }
        const tasks = await loadAllTasks(db, { onProgress: quiet ? undefined : (progress) => setState({ kind: 'loading', progress, first }) });
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
