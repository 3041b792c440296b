import type { TaskRecord } from '@/lib/db/records';
import { formatDateTime, formatDuration, formatMoney } from '@/lib/format';

interface Props {
  tasks: TaskRecord[];
  locale: string;
  t: (key: string, subs?: string | string[]) => string;
}

/** Recent tasks. Titles and requester names come from pages: Preact renders them as text. */
export function TaskList({ tasks, locale, t }: Props) {
  return (
    <ul class="task-list" aria-label={t('recentTasks')}>
      {tasks.map((task) => (
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
            <time dateTime={new Date(task.acceptedAt).toISOString()}>
              {formatDateTime(task.acceptedAt, locale)}
            </time>
          </div>
        </li>
      ))}
    </ul>
  );
}
