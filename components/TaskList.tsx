import { FlagBadges } from '@/components/dashboard/FlagBadges';
import type { TaskRecord } from '@/lib/model/records';
import { formatDateTime, formatDuration, formatMoney } from '@/lib/format';
import { formatRateOr, rateHint } from '@/lib/format-rate';
import type { Translate } from '@/lib/i18n/translate';
import { taskRates } from '@/lib/rates/task-rates';
import type { Settings } from '@/lib/settings';

interface Props {
  tasks: TaskRecord[];
  locale: string;
  t: Translate;
  settings: Settings;
}

/** Recent tasks. Titles and requester names come from pages: Preact renders them as text. */
export function TaskList({ tasks, locale, t, settings }: Props) {
  return (
    <ul class="task-list" aria-label={t('recentTasks')}>
      {tasks.map((task) => {
        const rates = taskRates(task, settings);
        const rate = formatRateOr(rates.trueRate, rates.noTrueRate, t, locale);
        return (
          <li class="task" key={task.id} data-task-id={task.id}>
            <div class="task-main">
              <span class="task-title">{task.title ?? t('untitledTask')}</span>
              <span class="task-reward">
                {task.reward ? formatMoney(task.reward, locale) : t('rewardUnknown')}
              </span>
            </div>
            <div class="task-meta">
              <span class="task-platform">{t(`platform_${task.platform}`)}</span>
              {task.requesterName ? <span class="task-requester">{task.requesterName}</span> : null}
              <span class="task-status">{t(`status_${task.status.replace('-', '_')}`)}</span>
              <span class="task-active" data-active-ms={task.activeMs}>
                {t('activeSoFar', formatDuration(task.activeMs))}
              </span>
              {rate !== null ? (
                <span class="task-rate" data-no-rate={rates.noTrueRate ?? undefined} title={rateHint(rates.noTrueRate, t)}>
                  {rate}
                </span>
              ) : null}
              <time dateTime={new Date(task.acceptedAt).toISOString()}>
                {formatDateTime(task.acceptedAt, locale)}
              </time>
            </div>
            <FlagBadges flags={rates.flags} t={t} />
          </li>
        );
      })}
    </ul>
  );
}
