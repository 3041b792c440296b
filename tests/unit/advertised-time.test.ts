import { describe, expect, it } from 'vitest';
import { estimateFromTitle } from '@/lib/platforms/advertised-time';

describe('estimateFromTitle', () => {
  it.each([
    ['Transcribe a receipt (~3 min)', 180],
    ['Short survey - 5 minutes', 300],
    ['Survey about shopping (about 10 mins)', 600],
    ['Rate 20 images ~2m', 120],
    ['Long study (1 hour)', 3600],
    ['Quick task (30 seconds)', 30],
    ['Survey (10-15 minutes)', 900],
    ['Umfrage (~7,5 min)', 450],
  ])('%j -> %i s', (title, seconds) => {
    expect(estimateFromTitle(title)).toBe(seconds);
  });

  it.each([undefined, '', 'Categorize 5 images', 'Find the 2020 annual report', 'Top 10 products'])(
    'finds no estimate in %j',
    (title) => {
      expect(estimateFromTitle(title)).toBeUndefined();
    },
  );
});
