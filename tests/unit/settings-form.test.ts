import { describe, expect, it } from 'vitest';
import { PLATFORM_IDS } from '@/lib/model/platform-id';
import { badgesOn, DEFAULT_SETTINGS, parseSettings, thresholdFor, type Settings } from '@/lib/settings';
import {
  decimalSeparator,
  formToSettings,
  minorToDecimalText,
  settingsToForm,
  type SettingsForm,
} from '@/lib/settings-form';

function formOf(patch: Partial<SettingsForm> = {}, locale = 'en'): SettingsForm {
  return { ...settingsToForm(DEFAULT_SETTINGS, locale), ...patch };
}

function saved(form: SettingsForm): Settings {
  const result = formToSettings(form);
  if (!result.ok) throw new Error(`expected valid form, got ${JSON.stringify(result.errors)}`);
  return result.settings;
}

function errorsOf(form: SettingsForm) {
  const result = formToSettings(form);
  if (result.ok) throw new Error('expected the form to be rejected');
  return result.errors;
}

describe('settings form <-> Settings', () => {
  it('round-trips the defaults and a fully set Settings, in English and French', () => {
    const full: Settings = {
      idleThresholdS: 90,
      idleThresholdByPlatform: { prolific: 300, mturk: 45 },
      minHourlyMinor: { USD: 1240, GBP: 900, JPY: 1500 },
      flagThresholds: { longerRatio: 1.75, groupMinN: 5, unpaidMinS: 60 },
      platformsOff: ['toloka', 'appen'],
      language: 'fr',
      mediaLimitS: 600,
      badgesOff: ['prolific'],
    };
    for (const locale of ['en', 'fr']) {
      expect(saved(settingsToForm(DEFAULT_SETTINGS, locale))).toEqual(DEFAULT_SETTINGS);
      expect(saved(settingsToForm(full, locale))).toEqual(full);
    }
  });

  it('shows amounts and ratios with the locale’s decimal separator', () => {
    expect(decimalSeparator('fr')).toBe(',');
    expect(decimalSeparator('en')).toBe('.');
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      minHourlyMinor: { USD: 1240, JPY: 1500, KWD: 5 },
    };
    const fr = settingsToForm(settings, 'fr');
    expect(fr.minRates).toEqual([
      { currency: 'JPY', amount: '1500' },
      { currency: 'KWD', amount: '0,005' },
      { currency: 'USD', amount: '12,40' },
    ]);
    expect(fr.longerRatio).toBe('1,5');
    expect(settingsToForm(settings, 'en').minRates[2]).toEqual({ currency: 'USD', amount: '12.40' });
    expect(minorToDecimalText(7, 'USD')).toBe('0.07');
  });

  it('converts typed decimal money to integer minor units by string arithmetic', () => {
    const cases: [string, string, number][] = [
      ['USD', '12.40', 1240],
      ['USD', '12,4', 1240],
      ['USD', '0.29', 29],
      ['EUR', ' 7 ', 700],
      ['JPY', '1500', 1500],
      ['KWD', '1.005', 1005],
    ];
    for (const [currency, amount, minor] of cases) {
      const settings = saved(formOf({ minRates: [{ currency, amount }] }));
      expect(settings.minHourlyMinor).toEqual({ [currency]: minor });
    }
  });

  it('rejects amounts with more precision than the currency has, or that are not amounts', () => {
    for (const [currency, amount, digits] of [
      ['USD', '12.345', '2'],
      ['JPY', '15.5', '0'],
      ['USD', '-3', '2'],
      ['USD', '', '2'],
      ['GBP', 'twelve', '2'],
    ] as const) {
      const errors = errorsOf(formOf({ minRates: [{ currency, amount }] }));
      expect(errors['rate-0-amount']).toEqual({ key: 'settings_errAmount', subs: [digits], count: Number(digits) });
    }
  });

  it('uppercases currency codes, ignores empty rows, refuses unknown or repeated currencies', () => {
    const settings = saved(
      formOf({
        minRates: [
          { currency: '', amount: '' },
          { currency: 'gbp', amount: '9' },
        ],
      }),
    );
    expect(settings.minHourlyMinor).toEqual({ GBP: 900 });

    const errors = errorsOf(
      formOf({
        minRates: [
          { currency: 'USD', amount: '10' },
          { currency: 'US', amount: '10' },
          { currency: 'ZZZ', amount: '10' },
          { currency: 'usd', amount: '11' },
        ],
      }),
    );
    expect(errors['rate-1-currency']?.key).toBe('settings_errCurrency');
    expect(errors['rate-2-currency']?.key).toBe('settings_errCurrency');
    expect(errors['rate-3-currency']).toEqual({ key: 'settings_errCurrencyTwice', subs: ['USD'] });
    expect(errors['rate-0-currency']).toBeUndefined();
  });

  it('treats an empty per-platform threshold as "same as global"', () => {
    const form = formOf({ idleThresholdS: '75' });
    form.idleByPlatform = { ...form.idleByPlatform, prolific: '', mturk: ' 120 ' };
    const settings = saved(form);
    expect(settings.idleThresholdByPlatform).toEqual({ mturk: 120 });
    expect(thresholdFor(settings, 'prolific')).toBe(75);
    expect(thresholdFor(settings, 'mturk')).toBe(120);
    expect(settingsToForm(settings, 'en').idleByPlatform.prolific).toBe('');
  });

  it('says, per field, what range is allowed, with the bounds of settingsSchema', () => {
    const form = formOf({ idleThresholdS: '3', longerRatio: '0,5', groupMinN: '2.5', unpaidMinS: 'x' });
    form.idleByPlatform = { ...form.idleByPlatform, raterhub: '99999' };
    expect(errorsOf(form)).toEqual({
      idleThresholdS: { key: 'settings_errSeconds', subs: ['5', '3600'] },
      'idle-raterhub': { key: 'settings_errSeconds', subs: ['5', '3600'] },
      longerRatio: { key: 'settings_errRatio', subs: ['1', '10'] },
      groupMinN: { key: 'settings_errWhole', subs: ['2', '1000'] },
      unpaidMinS: { key: 'settings_errSeconds', subs: ['0', '3600'] },
    });
  });

  it('turns unchecked badge platforms into badgesOff, apart from the platforms turned off', () => {
    const form = formOf();
    expect(Object.values(form.badgesOn).every(Boolean)).toBe(true);
    form.badgesOn = { ...form.badgesOn, prolific: false, mturk: false };
    expect(saved(form)).toMatchObject({ badgesOff: ['mturk', 'prolific'], platformsOff: [] });
    expect(settingsToForm({ ...DEFAULT_SETTINGS, badgesOff: ['toloka'] }, 'en').badgesOn).toMatchObject({ toloka: false, mturk: true });
  });

  it('reads settings saved before badges had a setting with badges on everywhere', () => {
    const { badgesOff: _omitted, ...older } = DEFAULT_SETTINGS;
    expect(parseSettings(older)).toEqual({ ok: true, settings: { ...older, badgesOff: [] } });
    expect(badgesOn(parseSettings({ ...older, badgesOff: ['mturk'] }).settings, 'mturk')).toBe(false);
    expect(badgesOn(DEFAULT_SETTINGS, 'mturk')).toBe(true);
    expect(parseSettings({ ...older, badgesOff: ['nowhere'] }).ok).toBe(false);
  });

  it('turns unchecked platforms into platformsOff, in the order of PLATFORM_IDS', () => {
    const form = formOf();
    form.platformsOn = { ...form.platformsOn, dataannotation: false, mturk: false };
    expect(saved(form).platformsOff).toEqual(PLATFORM_IDS.filter((id) => id === 'mturk' || id === 'dataannotation'));
  });
});
