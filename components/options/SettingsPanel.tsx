import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Translate } from '@/lib/i18n/translate';
import { plural } from '@/lib/i18n/plural';
import { PLATFORM_IDS, type PlatformId } from '@/lib/model/platform-id';
import { LANGUAGES, type Language, type Settings, type SettingsRead } from '@/lib/settings';
import { fieldId, formToSettings, settingsToForm, type FieldErrors, type SettingsForm } from '@/lib/settings-form';
import { MinRateRows } from './MinRateRows';
import { SettingsField } from './settings-field';
import { TrackingToggle } from './TrackingToggle';
import './settings-panel.css';

interface Props {
  t: Translate;
  locale: string;
  settingsRead: SettingsRead;
  onSaved: (settings: Settings) => void;
}

type Status = { kind: 'saved' | 'language-saved' | 'failed'; detail?: string } | { kind: 'invalid'; count: number } | null;

const LANGUAGE_LABEL: Record<Language, string> = {
  auto: 'settings_languageAuto',
  en: 'settings_languageEn',
  fr: 'settings_languageFr',
};

/**
 * The worker's settings. Stored settings that fail validation are shown as a problem and left as
 * they are: only pressing Save replaces them (design: logged time and its settings are evidence).
 */
/** What the worker calls each stored field: its label or section in this form. */
const FIELD_LABELS: Record<keyof Settings, string> = {
  idleThresholdS: 'settings_idleThreshold',
  idleThresholdByPlatform: 'settings_idlePerPlatform',
  minHourlyMinor: 'settings_paySection',
  flagThresholds: 'settings_flagsSection',
  platformsOff: 'settings_platformsSection',
  language: 'settings_language',
  mediaLimitS: 'settings_mediaLimit',
  badgesOff: 'settings_badgesSection',
};

export function SettingsPanel({ t, locale, settingsRead, onSaved }: Props) {
  const [form, setForm] = useState<SettingsForm>(() => settingsToForm(settingsRead.settings, locale));
  // Platforms with their own threshold; kept apart from the text so clearing it does not hide it.
  const [ownIdle, setOwnIdle] = useState<ReadonlySet<PlatformId>>(
    () => new Set(PLATFORM_IDS.filter((id) => form.idleByPlatform[id] !== '')),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [problem, setProblem] = useState<{ detail: string; repaired: string[] } | null>(
    settingsRead.ok ? null : { detail: settingsRead.problem, repaired: settingsRead.repaired },
  );
  // The settings as stored now, when they are valid: a language change is written on top of them.
  const stored = useRef<Settings | null>(settingsRead.ok ? settingsRead.settings : null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    if (focusError > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const errorOf = (id: string): string | null => {
    const error = errors[id];
    if (!error) return null;
    return error.count === undefined ? t(error.key, error.subs) : plural(t, locale, error.key, error.count, error.subs);
  };
  const edit = (patch: Partial<SettingsForm>, clear: string[] = []) => {
    setForm((previous) => ({ ...previous, ...patch }));
    if (clear.some((id) => errors[id])) {
      setErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([id]) => !clear.includes(id))));
    }
    setStatus(null);
  };

  const write = async (settings: Settings, kind: 'saved' | 'language-saved') => {
    try {
      await browser.storage.local.set({ settings });
    } catch (error) {
      setStatus({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) });
      return;
    }
    stored.current = settings;
    setProblem(null);
    setStatus({ kind });
    onSaved(settings);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const idleByPlatform = { ...form.idleByPlatform };
    for (const id of PLATFORM_IDS) if (!ownIdle.has(id)) idleByPlatform[id] = '';
    const result = formToSettings({ ...form, idleByPlatform });
    if (!result.ok) {
      setErrors(result.errors);
      setStatus({ kind: 'invalid', count: Object.keys(result.errors).length });
      setFocusError((n) => n + 1);
      return;
    }
    setErrors({});
    await write(result.settings, 'saved');
  };

  // Applied at once; invalid stored settings are not overwritten for it (Save does that).
  const changeLanguage = (language: Language) => {
    edit({ language });
    if (stored.current) void write({ ...stored.current, language }, 'language-saved');
  };

  const toggleOwn = (id: PlatformId, own: boolean) => {
    const next = new Set(ownIdle);
    if (own) next.add(id);
    else next.delete(id);
    setOwnIdle(next);
    edit(
      { idleByPlatform: { ...form.idleByPlatform, [id]: own ? form.idleByPlatform[id] || form.idleThresholdS : '' } },
      [fieldId.idleFor(id)],
    );
  };

  const statusText =
    status === null
      ? ''
      : status.kind === 'saved'
        ? t('settings_saved')
        : status.kind === 'language-saved'
          ? t('settings_languageSaved')
          : status.kind === 'invalid'
            ? plural(t, locale, 'settings_notSavedInvalid', status.count)
            : t('settings_notSavedFailed', status.detail ?? '');

  return (
    <form ref={formRef} class="settings" aria-labelledby="settings-heading" noValidate onSubmit={(e) => void save(e)}>
      <h2 id="settings-heading">{t('settings_title')}</h2>
      {problem !== null ? (
        <div class="settings-problem" role="alert">
          <p>{t('settings_storedInvalid')}</p>
          <ul class="settings-repaired">
            {problem.repaired.map((field) => (
              <li key={field}>{t(FIELD_LABELS[field as keyof Settings] ?? 'settings_title')}</li>
            ))}
          </ul>
          <p class="settings-problem-detail">{problem.detail}</p>
          <p>{t('settings_storedKept')}</p>
        </div>
      ) : null}

      <fieldset>
        <legend>{t('settings_timeSection')}</legend>
        <SettingsField
          id={`settings-${fieldId.idle}`}
          label={t('settings_idleThreshold')}
          value={form.idleThresholdS}
          unit="s"
          hint={t('settings_idleHint')}
          error={errorOf(fieldId.idle)}
          onInput={(idleThresholdS) => edit({ idleThresholdS }, [fieldId.idle])}
        />
        <SettingsField
          id={`settings-${fieldId.mediaLimitS}`}
          label={t('settings_mediaLimit')}
          value={form.mediaLimitS}
          unit="s"
          hint={t('settings_mediaLimitHint')}
          error={errorOf(fieldId.mediaLimitS)}
          onInput={(mediaLimitS) => edit({ mediaLimitS }, [fieldId.mediaLimitS])}
        />
        <p class="settings-subhead" id="settings-idle-platforms">
          {t('settings_idlePerPlatform')}
        </p>
        <ul class="settings-platform-idle" aria-labelledby="settings-idle-platforms">
          {PLATFORM_IDS.map((id) => {
            const own = ownIdle.has(id);
            const inputId = `settings-${fieldId.idleFor(id)}`;
            return (
              <li key={id}>
                <span class="settings-platform-name">{t(`platform_${id}`)}</span>
                <label class="settings-check">
                  <input type="checkbox" checked={!own} onChange={(e) => toggleOwn(id, !e.currentTarget.checked)} />
                  {t('settings_sameAsGlobal', form.idleThresholdS)}
                </label>
                {own ? (
                  <SettingsField
                    id={inputId}
                    label={t('settings_idleFor', t(`platform_${id}`))}
                    value={form.idleByPlatform[id]}
                    unit="s"
                    error={errorOf(fieldId.idleFor(id))}
                    onInput={(value) =>
                      edit({ idleByPlatform: { ...form.idleByPlatform, [id]: value } }, [fieldId.idleFor(id)])
                    }
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset>
        <legend>{t('settings_paySection')}</legend>
        <p class="settings-hint">{t('settings_minRateHint')}</p>
        <MinRateRows
          rows={form.minRates}
          t={t}
          locale={locale}
          errorOf={errorOf}
          onChange={(minRates) =>
            edit(
              { minRates },
              Object.keys(errors).filter((id) => id.startsWith('rate-')),
            )
          }
        />
      </fieldset>

      <fieldset>
        <legend>{t('settings_flagsSection')}</legend>
        <SettingsField
          id={`settings-${fieldId.longerRatio}`}
          label={t('settings_longerRatio')}
          value={form.longerRatio}
          inputMode="decimal"
          unit="×"
          hint={t('settings_longerRatioHint')}
          error={errorOf(fieldId.longerRatio)}
          onInput={(longerRatio) => edit({ longerRatio }, [fieldId.longerRatio])}
        />
        <SettingsField
          id={`settings-${fieldId.groupMinN}`}
          label={t('settings_groupMinN')}
          value={form.groupMinN}
          hint={t('settings_groupMinNHint')}
          error={errorOf(fieldId.groupMinN)}
          onInput={(groupMinN) => edit({ groupMinN }, [fieldId.groupMinN])}
        />
        <SettingsField
          id={`settings-${fieldId.unpaidMinS}`}
          label={t('settings_unpaidMinS')}
          value={form.unpaidMinS}
          unit="s"
          hint={t('settings_unpaidMinSHint')}
          error={errorOf(fieldId.unpaidMinS)}
          onInput={(unpaidMinS) => edit({ unpaidMinS }, [fieldId.unpaidMinS])}
        />
      </fieldset>

      <PlatformChecks
        legend={t('settings_platformsSection')}
        hint={t('settings_platformsHint')}
        name="platform"
        on={form.platformsOn}
        label={(id) => t(`platform_${id}`)}
        onChange={(platformsOn) => edit({ platformsOn })}
      />

      <PlatformChecks
        legend={t('settings_badgesSection')}
        hint={t('settings_badgesHint')}
        name="badges"
        on={form.badgesOn}
        label={(id) => t(`platform_${id}`)}
        onChange={(badgesOn) => edit({ badgesOn })}
      />

      <fieldset>
        <legend>{t('settings_trackingSection')}</legend>
        <TrackingToggle t={t} />
      </fieldset>

      <fieldset>
        <legend>{t('settings_languageSection')}</legend>
        <label class="settings-field" for="settings-language">
          {t('settings_language')}
        </label>
        <select
          id="settings-language"
          value={form.language}
          aria-describedby="settings-language-hint"
          onChange={(e) => changeLanguage(e.currentTarget.value as Language)}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(LANGUAGE_LABEL[language])}
            </option>
          ))}
        </select>
        <p class="settings-hint" id="settings-language-hint">
          {problem === null ? t('settings_languageHint') : t('settings_languageHintOnSave')}
        </p>
      </fieldset>

      <div class="settings-actions">
        <button type="submit" class="primary">
          {t('settings_save')}
        </button>
        <p class={`settings-status${status?.kind === 'invalid' || status?.kind === 'failed' ? ' error' : ''}`} aria-live="polite" role="status">
          {statusText}
        </p>
      </div>
    </form>
  );
}

/** One checkbox per platform (which are read, which get badges), in a fieldset of its own. */
function PlatformChecks(props: {
  legend: string;
  hint: string;
  name: string;
  on: Record<PlatformId, boolean>;
  label: (id: PlatformId) => string;
  onChange: (on: Record<PlatformId, boolean>) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <p class="settings-hint">{props.hint}</p>
      <ul class="settings-platforms">
        {PLATFORM_IDS.map((id) => (
          <li key={id}>
            <label class="settings-check">
              <input
                type="checkbox"
                name={props.name}
                value={id}
                checked={props.on[id]}
                onChange={(e) => props.onChange({ ...props.on, [id]: e.currentTarget.checked })}
              />
              {props.label(id)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
