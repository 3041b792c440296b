import type { PopupData } from '@/lib/db/popup-data';
import { liveTime } from '@/lib/db/popup-data';
import { formatDuration } from '@/lib/format';

interface Props {
  data: PopupData;
  now: number;
  t: (key: string, subs?: string | string[]) => string;
  onPause: () => void;
  onResume: () => void;
}

/** The task getting attention now and its live active time, or what is happening instead. */
export function NowPanel({ data, now, t, onPause, onResume }: Props) {
  const live = liveTime(data, now);
  const open = data.state.open;
  const paused = data.state.paused;
  const quiet = live !== null && live.quietMs >= 2000;
  const shown = live ? live.countedMs + (live.quietMs <= live.thresholdMs ? live.quietMs : 0) : 0;

  return (
    <section class="now" aria-labelledby="now-heading">
      <div class="now-head">
        <h2 id="now-heading">{t('nowWorking')}</h2>
        <button type="button" class="link-button" onClick={paused ? onResume : onPause}>
          {paused ? t('resume') : t('pause')}
        </button>
      </div>
      {paused ? <p class="paused-note">{t('pausedNote')}</p> : null}
      {data.running && live ? (
        <div class="running" data-task-id={data.running.id}>
          <div class="running-title">{data.running.title ?? t('untitledTask')}</div>
          <div class="timer" aria-live="off">
            <span class="timer-value" data-counted-ms={live.countedMs}>
              {formatDuration(shown)}
            </span>
            <span class="timer-label">{t('activeTime')}</span>
          </div>
          <p class="timer-note">
            {quiet
              ? t('quietFor', [String(Math.round(live.quietMs / 1000)), String(Math.round(live.thresholdMs / 1000))])
              : t('idleThreshold', String(Math.round(live.thresholdMs / 1000)))}
          </p>
        </div>
      ) : open && open.taskId === null && !paused ? (
        <p class="overhead-note">{t('overheadNow', t(`platform_${open.platform}`))}</p>
      ) : !paused ? (
        <p class="now-empty">{t('noRunningTask')}</p>
      ) : null}
    </section>
  );
}
