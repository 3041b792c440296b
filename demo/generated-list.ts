/**
 * An MTurk HIT list of any length, for the badge tests and benchmark: the page a worker sees after
 * "show 100 per page". Built like tests/fixtures/mturk/list-projects.html (HitSetTable props, and
 * visible .table-row rows whose links carry the group and requester ids), with made-up offers.
 * The page's own script can re-sort its rows and re-render them (as MTurk's React list does), so
 * a test can check that badges follow offers by id.
 */
export const GENERATED_LIST_PARAM = 'truerate_offers';

export interface GeneratedOffer {
  groupId: string;
  requesterId: string;
  requesterName: string;
  title: string;
  rewardMinor: number;
  advertisedMinutes: number | null;
}

const REQUESTERS: readonly [string, string][] = [
  ['A2P2MT8IK72CVZ', 'Receipt Research Lab'],
  ['A1XQ9Z7K3PLM0B', 'Image "Tagging" & Co'],
  ['A3KD8F7H6G5J4L', '<b>Bold</b> Requester <img src=x onerror="document.title=\'pwned\'">'],
  ['A9ZZ1Y2X3W4V5U', 'Survey Panel Inc.'],
];

/** The offers of a generated list: deterministic, so a seeded history can match them. */
export function generatedOffers(n: number): GeneratedOffer[] {
  return Array.from({ length: n }, (_, i) => {
    const [requesterId, requesterName] = REQUESTERS[i % REQUESTERS.length]!;
    const advertisedMinutes = [2, 5, null, 10][i % 4] ?? null;
    return {
      groupId: `3TRGEN${String(i).padStart(24, '0')}`,
      requesterId,
      requesterName,
      title: `Offer ${i + 1}: label ${i % 7 === 0 ? 'street photos' : 'receipts'}${advertisedMinutes ? ` (~${advertisedMinutes} min)` : ''}`,
      rewardMinor: [5, 10, 25, 50, 100][i % 5]!,
      advertisedMinutes,
    };
  });
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function generatedListPage(n: number): string {
  const offers = generatedOffers(n);
  const bodyData = offers.map((o) => ({
    hit_set_id: o.groupId,
    requester_id: o.requesterId,
    requester_name: o.requesterName,
    title: o.title,
    description: 'Made up for the badge tests.',
    monetary_reward: { amount_in_dollars: o.rewardMinor / 100, currency_code: 'USD' },
    assignment_duration_in_seconds: 3600,
    assignable_hits_count: 10,
    caller_meets_requirements: true,
    project_requirements: [],
    accept_project_task_url: `/projects/${o.groupId}/tasks/accept_random?ref=w_pl_prvw`,
    project_tasks_url: `/projects/${o.groupId}/tasks?ref=w_pl_prvw`,
  }));
  const rows = offers
    .map(
      (o) => `<div class="table-row">
  <div class="requester-column"><a href="/requesters/${o.requesterId}/projects">${escape(o.requesterName)}</a></div>
  <div class="project-name-column"><a href="/projects/${o.groupId}/tasks?ref=w_pl_prvw">${escape(o.title)}</a></div>
  <div>10</div>
  <div>$${(o.rewardMinor / 100).toFixed(2)}</div>
</div>`,
    )
    .join('\n');
  const props = escape(JSON.stringify({ bodyData, tableConfig: [] }));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>All HITs | Amazon Mechanical Turk</title>
<style>.table-row{display:flex;gap:12px;padding:6px 12px;border-bottom:1px solid #eee;font:14px system-ui,sans-serif}.requester-column{width:180px}.project-name-column{flex:1}</style></head>
<body><div id="MainContent"><h1 style="font-size:18px;margin:12px">HIT Groups</h1>
<div data-react-class="require('reactComponents/hitSetTable/HitSetTable')['default']" data-react-props="${props}">
<div id="rows">${rows}</div></div></div>
<script>
  // The page's own re-sorting and re-rendering: rows move (same nodes) or are rebuilt (new nodes).
  window.truerateDemoResort = () => { const rows = document.getElementById('rows'); [...rows.children].reverse().forEach((row) => rows.append(row)); };
  window.truerateDemoRerender = () => { const rows = document.getElementById('rows'); rows.innerHTML = rows.innerHTML; };
</script></body></html>`;
}
