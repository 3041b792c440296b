import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OPEN_PROBLEM_KEY, parseOpenProblem, type OpenProblem } from '@/lib/db/open-problem';

/**
 * Why the database could not be opened, as the background last found it (storage.local, checked
 * on read); null while it opens. Follows the background's changes.
 */
export function useOpenProblem(): OpenProblem | null {
  const [problem, setProblem] = useState<OpenProblem | null>(null);
  useEffect(() => {
    void browser.storage.local.get(OPEN_PROBLEM_KEY).then((stored) => setProblem(parseOpenProblem(stored[OPEN_PROBLEM_KEY])), () => undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && OPEN_PROBLEM_KEY in changes) setProblem(parseOpenProblem(changes[OPEN_PROBLEM_KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return problem;
}
