import { hashOf } from '../dashboard/route';
import { formatDuration } from '../format';
import { formatRateOr } from '../format-rate';
import type { Translate } from '../i18n/translate';
import type { PlatformId } from '../model/platform-id';
import type { TaskRecord } from '../model/records';
import { groupKeyOf } from '../rates/group-stats';
import { isFinished } from '../rates/status-class';
import { advertisedMsOf, taskRates } from '../rates/task-rates';
import type { Settings } from '../settings';

/** One task behind a badge's figure, as text the badge sets as it is. */
export interface OfferDetailRow {
  /** When the task was accepted, in the worker's locale and time zone. */
  when: string;
  /** Counted (active) time, "4:05". */
  active: string;
  /** Advertised time, "5:00", or "unknown". */
  advertised: string;
  /** True rate, or why there is none ("too short to tell", "unknown"). */
  rate: string;
  status: string;
}

export interface OfferDetail {
  title: string;
  /** The newest finished tasks first, at most DETAIL_ROWS. */
  rows: OfferDetailRow[];
  /** How many finished tasks the figure rests on (rows may show fewer). */
  total: number;
  /** The dashboard's page for this group or requester, relative to the extension's root. */
  dashboardPath: string;
  /** The panel's own words, in the worker's language (the content script carries none). */
  words: OfferDetailWords;
}

export interface OfferDetailWords {
  close: string;
  open: string;
  columns: [when: string, active: string, advertised: string, rate: string, status: string];
  empty: string;
}

export function detailWords(t: Translate): OfferDetailWords {
  return {
    close: t('badge_panel_close'),
    open: t('badge_panel_open'),
    columns: [t('badge_col_when'), t('badge_col_active'), t('badge_col_advertised'), t('badge_col_rate'), t('badge_col_status')],
    empty: t('badge_panel_empty'),
  };
}

/** Enough to see the pattern behind a figure, few enough for a popover on someone else's page. */
export const DETAIL_ROWS = 20;

/**
 * The tasks behind a badge's figure: the worker's finished tasks of one task group or one requester
 * on one platform (those the median and the ratio are taken over), newest first, each with its
 * times, rate and status in words; and where the dashboard shows that group or requester.
 */
export function offerDetail(
  scope: { by: 'group' | 'requester'; platform: PlatformId; id: string },
  tasks: readonly TaskRecord[],
  settings: Settings,
  t: Translate,
  locale: string,
  timeZone?: string,
): OfferDetail {
  const key = `${scope.platform}:${scope.id}`;
  const mine = tasks.filter((task) => groupKeyOf(task, scope.by) === key && isFinished(task.status)).sort((a, b) => b.acceptedAt - a.acceptedAt);
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  // The name as last seen, like groupStats' label.
  const named = mine.find((task) => (scope.by === 'group' ? task.title : task.requesterName));
  const name = scope.by === 'group' ? named?.title : named?.requesterName;
  const title =
    scope.by === 'group'
      ? t('badge_detail_title_group', name ?? t('evidence_untitled'))
      : t('badge_detail_title_requester', name ?? scope.id);
  const rows = mine.slice(0, DETAIL_ROWS).map((task): OfferDetailRow => {
    const rates = taskRates(task, settings);
    const advertised = advertisedMsOf(task);
    return {
      when: date.format(task.acceptedAt),
      active: formatDuration(rates.countedMs),
      advertised: advertised === null ? t('evidence_unknown') : formatDuration(advertised),
      rate: formatRateOr(rates.trueRate, rates.noTrueRate, t, locale) ?? t('evidence_unknown'),
      status: t(`status_${task.status.replace(/-/g, '_')}`),
    };
  });
  return { title, rows, total: mine.length, dashboardPath: `options.html${hashOf({ tab: 'requesters', by: scope.by, key })}`, words: detailWords(t) };
}
