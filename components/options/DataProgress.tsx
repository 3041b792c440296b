import type { Progress } from '@/lib/backup/export';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';

interface Props {
  t: Translate;
  locale: string;
  label: string;
  progress: Progress;
}

/** Progress of a long export or restore, announced to screen readers by its value. */
export function DataProgress({ t, locale, label, progress }: Props) {
  const percent = progress.total === 0 ? 0 : Math.floor((progress.done * 100) / progress.total);
  const number = new Intl.NumberFormat(locale);
  // "40 of 120 records": the noun follows the total, so the total picks the form.
  const count = plural(t, locale, 'data_progressCount', progress.total, [number.format(progress.done), number.format(progress.total)]);
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
        aria-valuetext={count}
      >
        <div class="data-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="data-hint">{count}</span>
    </div>
  );
}
