import { describe, expect, it } from 'vitest';
import { backdropIsDark, slotFor } from '@/lib/content/badges/badge-element';

/** Each case: an offer's markup, and the element its badge host should go into (marked `data-slot`). */
const cases: [string, string][] = [
  [
    'an MTurk row (a flex row of cells): the cell holding the offer link',
    '<div class="row" style="display:flex"><div data-slot><a href="/projects/G1/tasks">Title</a></div><div>$0.10</div></div>',
  ],
  [
    'a Prolific card (a block): the heading holding the title link, not the end of the card',
    '<li class="card"><div><div><h2 data-slot><a href="/studies/G1">Title</a></h2></div><span>£1.50</span></div></li>',
  ],
  [
    'a link to another offer is not the title',
    '<li class="card" data-slot><p><a href="/studies/OTHER">Other</a></p><span>£1.50</span></li>',
  ],
  [
    'no title link in a flex row: the row’s last child',
    '<div class="row" style="display:flex"><span>Title</span><span data-slot>$0.10</span></div>',
  ],
  ['no title link in a block: the block itself', '<div class="row" data-slot><span>Title</span><span>$0.10</span></div>'],
  ['the anchor is the link itself', '<a class="row" data-slot href="/jobs/G1">Title</a>'],
];

describe('slotFor: where a badge host goes in an offer', () => {
  it.each(cases)('%s', (_name, html) => {
    document.body.innerHTML = html;
    const anchor = document.body.firstElementChild!;
    expect(slotFor(anchor, 'G1')).toBe(document.querySelector('[data-slot]'));
  });

  it('skips a badge host already there (one of its own) when it looks for the title', () => {
    document.body.innerHTML = '<li><h2><a href="/studies/G1">Title</a></h2><span data-truerate-badge="G1"><a href="/studies/G1">x</a></span></li>';
    expect(slotFor(document.body.firstElementChild!, 'G1')).toBe(document.querySelector('h2'));
  });
});

describe('backdropIsDark: the badge takes the page’s theme, not the system’s', () => {
  it.each([
    ['a white body on a dark html', '<p id="at">x</p>', 'background: rgb(255, 255, 255)', 'background: rgb(0, 0, 0)', false],
    ['a near-black body', '<p id="at">x</p>', 'background: rgb(18, 18, 18)', '', true],
    ['a transparent body on a dark html', '<p id="at">x</p>', 'background: transparent', 'background: rgb(32, 33, 36)', true],
    ['a white card on a dark body', '<div style="background: rgb(255, 255, 255)"><p id="at">x</p></div>', 'background: rgb(18, 18, 18)', '', false],
    ['no background anywhere (the browser’s white canvas)', '<p id="at">x</p>', '', '', false],
  ])('%s', (_name, markup, body, html, dark) => {
    document.body.innerHTML = markup;
    document.body.setAttribute('style', body);
    document.documentElement.setAttribute('style', html);
    expect(backdropIsDark(document.getElementById('at')!)).toBe(dark);
    document.body.removeAttribute('style');
    document.documentElement.removeAttribute('style');
  });
});
