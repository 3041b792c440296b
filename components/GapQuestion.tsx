import type { PendingGap } from '@/lib/db/popup-data';
import { formatRoughDuration } from '@/lib/format';

interface Props {
  gap: PendingGap;
  t: (key: string, subs?: string | string[]) => string;
  onAnswer: (gapId: number, answer: 'work' | 'not-work') => void;
}

/** "You were away 3:10 during X: was that work?" The answer is recorded either way. */
export function GapQuestion({ gap, t, onAnswer }: Props) {
  return (
    <div class="gap" role="group" aria-label={t('activeTime')} data-gap-id={gap.id}>
      <p>{t('gapQuestion', [formatRoughDuration(gap.end - gap.start), gap.title ?? t('untitledTask')])}</p>
      <div class="gap-actions">
        <button type="button" class="primary" onClick={() => onAnswer(gap.id, 'work')}>
          {t('gapYes')}
        </button>
        <button type="button" onClick={() => onAnswer(gap.id, 'not-work')}>
          {t('gapNo')}
        </button>
      </div>
    </div>
  );
}
