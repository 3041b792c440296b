/**
 * Adapter time per page: every fixture read many times (median and 95th percentile),
 * and list pages with 100 offers (MTurk HitSetTable rows and their table rows, Prolific cards),
 * read and searched for their offer anchors (which run on every batch of DOM changes of a list).
 * happy-dom stands in for the page's DOM; a browser's querySelector is faster, so these are upper
 * bounds.
 */
import { Window } from 'happy-dom';
import { loadFixtures } from '../demo/fixtures';
import { readPage } from '../lib/platforms';
import { REGISTRY } from '../lib/platforms/registry';
import type { Figure } from './bench-tracking';

function parse(win: Window, html: string): ParentNode {
  const template = win.document.createElement('template');
  template.innerHTML = html;
  return template.content as unknown as ParentNode;
}

function timeIt(fn: () => void, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

export function adapterTimes(): Figure[] {
  const win = new Window({ url: 'https://worker.mturk.com/' });
  const fixtures = loadFixtures().filter((f) => f.kind !== 'frame');
  const all: number[] = [];
  for (const f of fixtures) {
    const doc = parse(win, f.html);
    for (let i = 0; i < 20; i++) readPage(f.url, doc); // warm up
    all.push(...timeIt(() => readPage(f.url, doc), 50));
  }
  all.sort((a, b) => a - b);

  const mturkList = fixtures.find((f) => f.file.endsWith('mturk/list-projects.html'));
  const prolificList = fixtures.find((f) => f.file.endsWith('prolific/list-studies.html'));
  const rows: Figure[] = [
    {
      what: `adapters: every fixture (${fixtures.length} pages x 50 reads), median / p95`,
      value: `${q(all, 0.5).toFixed(3)} / ${q(all, 0.95).toFixed(3)} ms`,
      goal: '< 2 ms a page',
    },
  ];
  for (const list of [mturkList, prolificList]) {
    if (!list) continue;
    const doc = parse(win, list.html);
    if (list.platform === 'mturk') {
      // 100 HitSetTable rows: the props JSON grows as on a full page.
      const el = doc.querySelector('[data-react-class*="HitSetTable"]');
      const props = JSON.parse(el?.getAttribute('data-react-props') ?? '{}') as { bodyData: unknown[] };
      const row = props.bodyData[0] as { hit_set_id: string };
      const groupId = (i: number) => `3${String(i).padStart(29, 'A')}`;
      props.bodyData = Array.from({ length: 100 }, (_, i) => ({ ...row, hit_set_id: groupId(i) }));
      el?.setAttribute('data-react-props', JSON.stringify(props));
      // And the rows the page shows for them, each linking to its own group.
      const rows = [...(el?.querySelectorAll('.table-row') ?? [])];
      for (let i = 0; i < 100 && rows[0]; i++) {
        const copy = rows[0].cloneNode(true) as Element;
        for (const a of copy.querySelectorAll('a[href*="/projects/"]')) a.setAttribute('href', (a.getAttribute('href') ?? '').replace(row.hit_set_id, groupId(i)));
        el?.append(copy);
      }
      for (const old of rows) old.remove();
    } else {
      const ul = doc.querySelector('[data-testid="studies-list"]');
      const card = ul?.querySelector('li');
      for (let i = 0; i < 97 && card && ul; i++) {
        const copy = card.cloneNode(true) as Element;
        copy.setAttribute('data-testid', `study-${i.toString(16).padStart(24, 'a')}`);
        ul.append(copy);
      }
    }
    const offers = readPage(list.url, doc)?.offers?.length ?? 0;
    const samples = timeIt(() => readPage(list.url, doc), 50);
    rows.push({
      what: `adapters: ${list.platform} list page with ${offers} offers, median / p95`,
      value: `${q(samples, 0.5).toFixed(3)} / ${q(samples, 0.95).toFixed(3)} ms`,
      goal: '< 2 ms a page',
    });
    const offerAnchors = REGISTRY[list.platform as 'mturk' | 'prolific'].offerAnchors;
    for (let i = 0; i < 20; i++) offerAnchors(list.url, doc); // warm up
    const anchors = offerAnchors(list.url, doc).length;
    const anchorSamples = timeIt(() => offerAnchors(list.url, doc), 50);
    rows.push({
      what: `offer anchors: ${list.platform} list page, ${anchors} anchors, median / p95`,
      value: `${q(anchorSamples, 0.5).toFixed(3)} / ${q(anchorSamples, 0.95).toFixed(3)} ms`,
      goal: '< 1 ms a batch of DOM changes',
    });
  }
  void win.happyDOM.abort();
  return rows;
}
