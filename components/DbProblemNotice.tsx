import type { ComponentChildren } from 'preact';
import type { OpenProblem } from '@/lib/db/open-problem';
import type { Translate } from '@/lib/i18n/translate';

const bodyOf = (t: Translate, locale: string, problem: OpenProblem) => {
  const version = (n: number) => new Intl.NumberFormat(locale).format(n);
  if (problem.kind === 'upgrade-failed' && problem.found !== null) return t('db_problem_upgrade_failed', version(problem.found));
  if (problem.kind === 'newer-version' && problem.found !== null) return t('db_problem_newer_version', [version(problem.found), version(problem.wanted)]);
  return t('db_problem_unknown');
};

/**
 * Says so when TrueRate cannot open the worker's database (components/use-open-problem.ts): an
 * upgrade that failed, or records from a newer TrueRate; that nothing was deleted and that new
 * activity is kept aside. Gone once the database opens. `children`: what the page offers to do
 * (the dashboard's raw copy).
 */
export function DbProblemNotice({ problem, t, locale, children }: { problem: OpenProblem | null; t: Translate; locale: string; children?: ComponentChildren }) {
  if (!problem) return null;
  return (
    <div class="notice held-notice db-problem-notice" role="alert">
      <p>
        <strong>{t('db_problem_title')}</strong>
      </p>
      <p>{bodyOf(t, locale, problem)}</p>
      <p class="held-error">{problem.error}</p>
      {children}
    </div>
  );
}
