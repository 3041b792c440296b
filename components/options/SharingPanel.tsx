import { useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatCount } from '@/components/dashboard/format-rate';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { TaskRecord } from '@/lib/model/records';
import { contributedTask, contributionLines } from '@/lib/share/contribution';
import { tokenFor, TOKENS_KEY, type TokenStore } from '@/lib/share/tokens';
import { requestOrigin } from './origin-permission';
import { saveFile } from './save-file';
import { sendContribution, uploadTarget } from './send-contribution';

interface Props {
  t: Translate;
  locale: string;
  tasks: readonly TaskRecord[];
  now: number;
}

const tokenStore: TokenStore = {
  get: async () => (await browser.storage.local.get(TOKENS_KEY))[TOKENS_KEY],
  set: (tokens) => browser.storage.local.set({ [TOKENS_KEY]: tokens }),
  keepAside: (value) => browser.storage.local.set({ [`${TOKENS_KEY}:set-aside:${Date.now()}`]: value }),
};

/** Lines shown in the preview; the file holds them all. */
const PREVIEW_LINES = 500;

/** Placeholder token for the preview: the real one is made (and kept) only when the file is saved. */
const PREVIEW_TOKEN = 'xxxxxxxxxxxxxxxxxxxxxx';

/**
 * The Sharing page: the worker names a collective, picks platforms and weeks, sees every line of
 * the contribution file (docs/contribution-format.md) and the terms a collective agrees to, and
 * saves the file, or sends it to the collective's address with the one button that names it.
 * Nothing is sent otherwise.
 */
export function SharingPanel({ t, locale, tasks, now }: Props) {
  const records = useMemo(() => tasks.map((task) => ({ task, record: contributedTask(task) })).filter((r) => r.record !== null), [tasks]);
  const platforms = useMemo(() => [...new Set(records.map((r) => r.record!.platform))].sort(), [records]);
  const weeks = useMemo(() => [...new Set(records.map((r) => r.record!.week))].sort().reverse(), [records]);
  const [name, setName] = useState('');
  const [offPlatforms, setOffPlatforms] = useState<ReadonlySet<string>>(new Set());
  const [offWeeks, setOffWeeks] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [sending, setSending] = useState(false);
  const [noticeOk, setNoticeOk] = useState(false);
  const target = uploadTarget(address);

  const choice = useMemo(
    () => ({ platforms: platforms.filter((p) => !offPlatforms.has(p)), weeks: weeks.filter((w) => !offWeeks.has(w)), now }),
    [platforms, weeks, offPlatforms, offWeeks, now],
  );
  const preview = useMemo(() => contributionLines(records.map((r) => r.task), { contributor: PREVIEW_TOKEN, ...choice }), [records, choice]);
  const count = preview.length - 1;
  // A long history's file has tens of thousands of lines: the page shows the first ones, all alike.
  const shown = preview.slice(0, PREVIEW_LINES + 1);
  const toggle = (set: ReadonlySet<string>, value: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.delete(value);
    else next.add(value);
    return next;
  };

  const linesWithToken = async () => {
    const contributor = await tokenFor(name, tokenStore, (bytes) => crypto.getRandomValues(bytes));
    return contributionLines(
      records.map((r) => r.task),
      { contributor, ...choice },
    );
  };

  const save = async () => {
    if (!name.trim()) {
      setNoticeOk(false);
      setNotice(t('share_name_needed'));
      return;
    }
    const lines = await linesWithToken();
    const fileName = `truerate-contribution-${name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'collective'}-${lines[0] ? JSON.parse(lines[0]).week : ''}.ndjson`;
    saveFile([lines.join('\n'), '\n'], fileName, 'application/x-ndjson');
    setNoticeOk(true);
    setNotice(t('share_saved', fileName));
  };

  /**
   * Sends the file to the collective's address, the one the button names. The permission for that
   * origin (and, in Firefox, consent to the data the file holds) is asked for in the click itself.
   */
  const upload = () => {
    if (!name.trim()) {
      setNoticeOk(false);
      setNotice(t('share_name_needed'));
      return;
    }
    if (!target) return;
    setSending(true);
    setNotice(null);
    void requestOrigin(target, true)
      .then(async (granted) => {
        setNoticeOk(false);
        if (!granted) return setNotice(t('share_upload_refused', new URL(target).host));
        const lines = await linesWithToken();
        const sent = await sendContribution(target, lines);
        setNoticeOk(sent.ok);
        setNotice(sent.ok ? plural(t, locale, 'share_uploaded', lines.length - 1, [formatCount(lines.length - 1, locale), target]) : t('share_upload_failed', [target, sent.detail]));
      })
      .finally(() => setSending(false));
  };

  return (
    <section class="sharing" aria-labelledby="sharing-title">
      <h2 id="sharing-title">{t('share_title')}</h2>
      <p class="settings-hint">{t('share_intro')}</p>
      <label class="sharing-name">
        {t('share_collective_label')}
        <input type="text" name="collective" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <p class="settings-hint">{t('share_collective_hint')}</p>
      <fieldset>
        <legend>{t('share_platforms')}</legend>
        {platforms.map((p) => (
          <label key={p} class="settings-check">
            <input type="checkbox" name="share-platform" value={p} checked={!offPlatforms.has(p)} onChange={(e) => setOffPlatforms(toggle(offPlatforms, p, e.currentTarget.checked))} />
            {t(`platform_${p}`)}
          </label>
        ))}
      </fieldset>
      <fieldset class="sharing-weeks">
        <legend>{t('share_weeks')}</legend>
        {weeks.map((w) => (
          <label key={w} class="settings-check">
            <input type="checkbox" name="share-week" value={w} checked={!offWeeks.has(w)} onChange={(e) => setOffWeeks(toggle(offWeeks, w, e.currentTarget.checked))} />
            {w}
          </label>
        ))}
      </fieldset>
      <p class="sharing-count" role="status" data-count={count}>
        {count > 0 ? plural(t, locale, 'share_count', count, formatCount(count, locale)) : t('share_none')}
      </p>
      <p class="settings-hint">{t('share_never')}</p>
      <h3>{t('share_preview')}</h3>
      <p class="settings-hint">{t('share_token_hint')}</p>
      <pre class="sharing-preview" tabIndex={0} aria-label={t('share_preview')}>
        {shown.join('\n')}
        {count > PREVIEW_LINES ? `\n${plural(t, locale, 'share_more', count - PREVIEW_LINES, formatCount(count - PREVIEW_LINES, locale))}` : ''}
      </pre>
      <h3>{t('share_terms_title')}</h3>
      <ul class="sharing-terms">
        <li>{t('share_term_aggregate')}</li>
        <li>{t('share_term_identify')}</li>
        <li>{t('share_term_small')}</li>
        <li>{t('share_term_keep')}</li>
      </ul>
      <button type="button" class="primary" disabled={count === 0} onClick={() => void save()}>
        {t('share_save')}
      </button>
      <div class="sharing-upload">
        <label>
          {t('share_upload_label')}
          <input type="url" name="upload-url" maxLength={2048} placeholder="https://" value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
        </label>
        <p class="settings-hint">{t('share_upload_hint')}</p>
        {target ? (
          <button type="button" disabled={count === 0 || sending} onClick={upload}>
            {plural(t, locale, 'share_upload', count, [formatCount(count, locale), target])}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p class={noticeOk ? 'notice done' : 'notice'} role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
