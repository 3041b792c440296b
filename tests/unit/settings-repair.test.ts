import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '@/lib/settings';

const MINE: Settings = {
  idleThresholdS: 90,
  idleThresholdByPlatform: { prolific: 120, mturk: 45 },
  minHourlyMinor: { USD: 1200, GBP: 1000 },
  flagThresholds: { longerRatio: 2, groupMinN: 5, unpaidMinS: 10 },
  platformsOff: ['toloka', 'appen'],
  language: 'fr',
  mediaLimitS: 600,
  badgesOff: ['prolific'],
};

describe('stored settings that fail validation are repaired field by field, never replaced whole', () => {
  it.each<[string, Record<string, unknown>, Partial<Settings>, string[]]>([
    ['a broken idle threshold leaves the platforms turned off, off', { idleThresholdS: 'sixty' }, { idleThresholdS: 60 }, ['idleThresholdS']],
    ['an unknown platform in the list of those turned off drops only it', { platformsOff: ['toloka', 'nowhere', 'appen'] }, { platformsOff: ['toloka', 'appen'] }, ['platformsOff']],
    ['a list that is no list is the default list', { badgesOff: 'prolific' }, { badgesOff: [] }, ['badgesOff']],
    ['one bad per-platform threshold drops only that platform’s', { idleThresholdByPlatform: { prolific: 120, mturk: 2, nowhere: 60 } }, { idleThresholdByPlatform: { prolific: 120 } }, ['idleThresholdByPlatform']],
    ['one bad minimum rate drops only that currency’s', { minHourlyMinor: { USD: 1200, gbp: 1000, EUR: -5 } }, { minHourlyMinor: { USD: 1200 } }, ['minHourlyMinor']],
    ['one bad flag threshold is the default, the others kept', { flagThresholds: { longerRatio: 99, groupMinN: 5, unpaidMinS: 10 } }, { flagThresholds: { longerRatio: 1.5, groupMinN: 5, unpaidMinS: 10 } }, ['flagThresholds']],
    ['an unknown language is "auto"', { language: 'xx' }, { language: 'auto' }, ['language']],
    ['two broken fields: both named, the rest kept', { mediaLimitS: 1, language: 7 }, { mediaLimitS: 300, language: 'auto' }, ['language', 'mediaLimitS']],
  ])('%s', (_, broken, fixed, repaired) => {
    const read = parseSettings({ ...MINE, ...broken });
    expect(read).toMatchObject({ ok: false, settings: { ...MINE, ...fixed } });
    if (read.ok) return;
    expect([...read.repaired].sort()).toEqual([...repaired].sort());
    expect(read.problem).not.toBe('');
  });

  it('something that is no settings object at all gives the defaults, every field named', () => {
    const read = parseSettings('garbage');
    expect(read.settings).toEqual(DEFAULT_SETTINGS);
    expect(read.ok ? [] : read.repaired).toEqual(expect.arrayContaining(['idleThresholdS', 'idleThresholdByPlatform']));
  });

  it('valid settings are read as they are', () => {
    expect(parseSettings(MINE)).toEqual({ ok: true, settings: MINE });
  });
});
