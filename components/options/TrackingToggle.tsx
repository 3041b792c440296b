import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '@/components/send';
import { getDb } from '@/lib/db/database';
import { readTrackerState } from '@/lib/db/tracker-state';
import type { Translate } from '@/lib/i18n/translate';

type State = { kind: 'loading' } | { kind: 'ready'; paused: boolean } | { kind: 'error'; message: string };

/**
 * Pause / resume tracking. The state is the tracker's own (the engine state in the database), read
 * again after each press, so the button never shows what the page hopes rather than what is.
 */
export function TrackingToggle({ t }: { t: Translate }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  const read = useCallback(async () => {
    try {
      const { paused } = await readTrackerState(getDb());
      setState({ kind: 'ready', paused });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  useEffect(() => {
    void read();
  }, [read]);

  const toggle = async (paused: boolean) => {
    setBusy(true);
    try {
      await send({ type: paused ? 'tracking/resume' : 'tracking/pause' });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      setBusy(false);
      return;
    }
    await read();
    setBusy(false);
  };

  return (
    <div class="settings-tracking">
      <p class="settings-tracking-state" role="status">
        {state.kind === 'loading'
          ? t('settings_trackingLoading')
          : state.kind === 'error'
            ? t('settings_trackingError', state.message)
            : state.paused
              ? t('settings_trackingPaused')
              : t('settings_trackingOn')}
      </p>
      {state.kind === 'ready' ? (
        <button type="button" disabled={busy} onClick={() => void toggle(state.paused)}>
          {state.paused ? t('settings_resume') : t('settings_pause')}
        </button>
      ) : null}
    </div>
  );
}
