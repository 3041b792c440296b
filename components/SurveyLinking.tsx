import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

interface Props {
  t: (key: string, subs?: string | string[]) => string;
}

const TABS = { permissions: ['tabs'] as ['tabs'] };

/**
 * Survey tabs opened from a task page count for it with no permission at all. Linking tabs opened
 * any other way needs to read tab addresses: the optional "tabs" permission, asked for here, at
 * the moment the worker wants it.
 */
export function SurveyLinking({ t }: Props) {
  const [granted, setGranted] = useState<boolean | null>(null);
  useEffect(() => {
    browser.permissions.contains(TABS).then(setGranted, () => setGranted(false));
  }, []);
  if (granted === null) return null;
  if (granted) return <p class="hint survey-linking">{t('linkByAddressOn')}</p>;
  return (
    <p class="hint survey-linking">
      {t('linkByAddressOff')}{' '}
      <button
        type="button"
        class="link-button"
        title={t('linkByAddressWhy')}
        // permissions.request must run in the click itself (a user gesture), before any await.
        onClick={() => void browser.permissions.request(TABS).then(setGranted, () => setGranted(false))}
      >
        {t('linkByAddressAllow')}
      </button>
    </p>
  );
}
