import { OPEN_PROBLEM_KEY, parseOpenProblem, type OpenProblem } from '@/lib/db/open-problem';
import { useStored } from './use-stored';

/**
 * Why the database could not be opened, as the background last found it (storage.local, checked
 * on read); null while it opens. Follows the background's changes.
 */
export function useOpenProblem(): OpenProblem | null {
  return useStored(OPEN_PROBLEM_KEY, parseOpenProblem);
}
