import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { TaskRecord } from '@/lib/model/records';
import type { Settings } from '@/lib/settings';
import { groupEvidenceSummary } from '@/lib/rates/group-evidence';
import { groupKeyOf, groupStats } from '@/lib/rates/group-stats';
import type { GroupStats } from '@/lib/rates/types';
import { sortGroups, type GroupSort, type GroupSortKey } from '@/lib/dashboard/group-sort';
import { EmptyState } from './EmptyState';
import { EvidenceText } from './EvidencePanel';
import { SortHeader, type SortColumn } from './SortHeader';
import { formatCount, formatRate, formatRatio, formatRatioInterval } from './format-rate';
import { CollectiveCell } from './CollectiveCell';
import type { CollectiveIndex } from '@/lib/share/collective-index';

interface Props {
  tasks: TaskRecord[];
  settings: Settings;
  locale: string;
  t: Translate;
  /** One requester or group to show, with its evidence open (the dashboard link of a badge). */
  focus?: { by: 'requester' | 'group'; key: string } | null;
  /** The subscribed collectives' figures (none without a feed), shown beside the worker's own. */
  collective?: CollectiveIndex | null;
  now?: number;
}

/**
 * Requesters or task groups with their median true rate and median time ratio. A flag always says
 * what it measured and over how many tasks ("takes 2.3× longer than advertised, median of 14 tasks"),
 * never a bare verdict.
 */
export function GroupsTable({ tasks, settings, locale, t, focus = null, collective = null, now = Date.now() }: Props) {
  const [by, setBy] = useState<'requester' | 'group'>(focus?.by ?? 'requester');
  const [sort, setSort] = useState<GroupSort>({ key: 'n', direction: 'descending' });
  const [evidenceFor, setEvidenceFor] = useState<string | null>(focus?.key ?? null);
  const stats = useMemo(() => groupStats(tasks, by, settings), [tasks, by, settings]);
  const sorted = useMemo(() => sortGroups(stats, sort, locale), [stats, sort, locale]);
  const rootRef = useRef<HTMLDivElement>(null);

  // A new address (another badge's link) picks its requester or group again and brings it into view.
  useEffect(() => {
    if (!focus) return;
    setBy(focus.by);
    setEvidenceFor(focus.key);
  }, [focus?.by, focus?.key]);
  useEffect(() => {
    if (!focus) return;
    const row = [...(rootRef.current?.querySelectorAll<HTMLElement>('tr[data-group]') ?? [])].find((tr) => tr.dataset.group === focus.key);
    row?.scrollIntoView?.({ block: 'center' });
  }, [focus?.key, by, sorted.length > 0]);

  const columns: SortColumn<GroupSortKey>[] = [
    { key: 'name', label: by === 'requester' ? t('dash_col_requester') : t('dash_col_group'), first: 'ascending' },
    { key: 'n', label: t('dash_col_n'), numeric: true, first: 'descending' },
    { key: 'trueRate', label: t('dash_col_median_rate'), numeric: true, first: 'descending' },
    { key: 'ratio', label: t('dash_col_ratio'), numeric: true, first: 'descending' },
    { key: 'flags', label: t('dash_col_flags'), first: 'descending' },
  ];
  const showCollective = collective !== null && collective.size > 0;
  // The worker's own tasks per task group, for their pace against the collective's (groups only).
  const tasksByGroup = useMemo(() => {
    const map = new Map<string, TaskRecord[]>();
    if (!showCollective || by !== 'group') return map;
    for (const task of tasks) {
      const key = groupKeyOf(task, 'group');
      if (key === null) continue;
      const list = map.get(key);
      if (list) list.push(task);
      else map.set(key, [task]);
    }
    return map;
  }, [tasks, by, showCollective]);

  /** The collective's figure for a row, in the row's currency (else the first it publishes), unexpired. */
  const collectiveOf = (g: GroupStats) => {
    if (!collective) return null;
    const at = g.key.indexOf(':');
    const [platform, id] = [g.key.slice(0, at), g.key.slice(at + 1)];
    if (!id) return null;
    const currency = g.medianTrueRate?.currency;
    const found = currency ? collective.figure(platform, by, id, currency) : collective.figures(platform, by, id)[0] ?? null;
    return found && found.expiresAt > now ? found : null;
  };

  const flagText = (g: GroupStats, flag: GroupStats['flags'][number]) =>
    flag === 'longer-than-advertised' && g.ratio
      ? plural(t, locale, 'dash_group_flag_longer', g.ratio.n, [formatRatio(g.ratio.median, locale), formatCount(g.ratio.n, locale)])
      : g.medianTrueRate
        ? plural(t, locale, 'dash_group_flag_below', g.n, [formatRate(g.medianTrueRate, locale), formatCount(g.n, locale)])
        : t('dash_flag_below');

  return (
    <div class="groups" ref={rootRef}>
      <div class="toolbar">
        <fieldset class="segmented">
          <legend>{t('dash_group_by')}</legend>
          {(['requester', 'group'] as const).map((value) => (
            <label key={value} class={value === by ? 'selected' : ''}>
              <input type="radio" name="group-by" value={value} checked={value === by} onChange={() => setBy(value)} />
              {t(value === 'requester' ? 'dash_by_requester' : 'dash_by_group')}
            </label>
          ))}
        </fieldset>
        <p class="hint">{plural(t, locale, 'dash_groups_hint', settings.flagThresholds.groupMinN)}</p>
      </div>
      {sorted.length === 0 ? (
        <EmptyState title={t('dash_groups_empty_title')} body={t('dash_groups_empty_body')} />
      ) : (
        <div class="groups-scroll">
          <table class="groups-table" aria-label={by === 'requester' ? t('dash_by_requester') : t('dash_by_group')}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <SortHeader key={c.key} column={c} sort={sort} onSort={setSort} />
                ))}
                {showCollective ? <th scope="col">{t('dash_col_collective')}</th> : null}
                <th scope="col">{t('dash_col_evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((g) => {
                const name = g.label ?? (g.key.endsWith(':') ? t('dash_group_unknown', t(`platform_${g.key.slice(0, -1)}`)) : g.key);
                const open = evidenceFor === g.key;
                return (
                  <Fragment key={g.key}>
                    <tr data-group={g.key} aria-current={focus?.key === g.key && focus.by === by ? 'true' : undefined}>
                      <th scope="row" class="group-name">
                        {name}
                      </th>
                      <td class="num">{formatCount(g.n, locale)}</td>
                      <td class="num">{g.medianTrueRate ? formatRate(g.medianTrueRate, locale) : '—'}</td>
                      <td class="num">{g.ratio ? formatRatioInterval(g.ratio, locale) : '—'}</td>
                      <td>
                        {g.flags.length === 0 ? null : (
                          <ul class="flag-texts">
                            {g.flags.map((flag) => (
                              <li key={flag} class={`badge badge-${flag}`}>
                                {flagText(g, flag)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {showCollective ? <CollectiveCell figure={collectiveOf(g)} own={by === 'group' ? (tasksByGroup.get(g.key) ?? []) : []} t={t} locale={locale} /> : null}
                      <td>
                        <button type="button" aria-expanded={open} aria-label={t('dash_group_evidence_for', name)} onClick={() => setEvidenceFor(open ? null : g.key)}>
                          {t('dash_group_evidence')}
                        </button>
                      </td>
                    </tr>
                    {open ? (
                      <tr class="group-evidence">
                        <td colSpan={showCollective ? 7 : 6}>
                          <EvidenceText
                            label={t('dash_group_evidence_for', name)}
                            text={groupEvidenceSummary(g, by, tasks, settings, t, locale)}
                            fileName={`truerate-evidence-${g.key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}.txt`}
                            t={t}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
