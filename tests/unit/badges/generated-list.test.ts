import { describe, expect, it } from 'vitest';
import { generatedListPage, generatedOffers } from '../../../demo/generated-list';
import { readPage } from '@/lib/platforms';
import { REGISTRY } from '@/lib/platforms/registry';

const URL_OF = new URL('https://worker.mturk.com/projects?truerate_offers=20');
const parse = (html: string) => {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
};

describe('the generated MTurk list (badge tests and benchmark)', () => {
  it.each([1, 20, 100])('with %i offers: the adapter reads each offer and finds each one’s row by id', (n) => {
    const doc = parse(generatedListPage(n));
    const page = readPage(URL_OF, doc);
    expect(page?.kind).toBe('list');
    expect(page?.offers?.map((o) => o.groupId)).toEqual(generatedOffers(n).map((o) => o.groupId));
    const anchors = REGISTRY.mturk.offerAnchors(URL_OF, doc);
    expect(anchors.map((a) => a.groupId)).toEqual(generatedOffers(n).map((o) => o.groupId));
    for (const anchor of anchors) expect(anchor.element.querySelector(`a[href*="${anchor.groupId}"]`)).not.toBeNull();
  });

  it('shows a requester name holding HTML as text in its own markup too (the page escapes it)', () => {
    const doc = parse(generatedListPage(4));
    expect(doc.querySelector('img')).toBeNull();
    expect(readPage(URL_OF, doc)?.offers?.[2]?.requesterName).toContain('<img src=x');
  });
});
