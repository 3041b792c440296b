import type { Translate } from '@/lib/i18n/translate';
import type { TaskFlag } from '@/lib/rates/types';

export const FLAG_KEYS: Readonly<Record<TaskFlag, string>> = {
  'longer-than-advertised': 'dash_flag_longer',
  'below-minimum': 'dash_flag_below',
  'unpaid-work': 'dash_flag_unpaid',
};

/** Flags as words in a badge (never an icon or a colour alone). */
export function FlagBadges({ flags, t }: { flags: readonly TaskFlag[]; t: Translate }) {
  if (flags.length === 0) return null;
  return (
    <span class="badges">
      {flags.map((flag) => (
        <span key={flag} class={`badge badge-${flag}`}>
          {t(FLAG_KEYS[flag])}
        </span>
      ))}
    </span>
  );
}
