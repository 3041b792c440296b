import type { Progress } from '@/lib/backup/export';
import type { Translate } from '@/lib/i18n/translate';

interface Props {
  t: Translate;
  label: string;
  progress: Progress;
}

/** Progress of a long export or restore, announced to screen readers by its value. */
export function DataProgress({ t, label, progress }: Props) {
  const percent = progress.total === 0 ? 0 : Math.floor((progress.done * 100) / progress.total);
  return (
    <div class="data-progress">
      <span id="data-progress-label">{label}</span>
      <div
        class="data-progress-bar"
        role="progressbar"
        aria-labelledby="data-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('data_progressCount', [String(progress.done), String(progress.total)])}
      >
        <div class="data-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="data-hint">{t('data_progressCount', [String(progress.done), String(progress.total)])}</span>
    </div>
  );
}
