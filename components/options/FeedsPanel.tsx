import { useEffect, useState } from 'preact/hooks';
import { formatCount } from '@/components/dashboard/format-rate';
import { send } from '@/components/send';
import type { FeedSummary } from '@/lib/db/feeds';
import { formatDate, formatDateTime } from '@/lib/format';
import { plural } from '@/lib/i18n/plural';
import type { Translate } from '@/lib/i18n/translate';
import type { Reply } from '@/lib/messages';
import { hasOrigin, requestOrigin } from './origin-permission';

interface Props {
  t: Translate;
  locale: string;
  now: number;
  /** Called when a feed came or went, so that the tables showing collective figures read them again. */
  onChanged?: () => void;
}

type FeedsReply = Extract<Reply, { type: 'feeds' }>;

/**
 * The collectives' feeds the worker subscribes to: added by address and public key, fetched by
 * the background (on a schedule, or now), each copy checked; a refused copy says why and the feed
 * in use stays. Text from a feed (its name) is shown as text, like everything here.
 */
export function FeedsPanel({ t, locale, now, onChanged }: Props) {
  const [feeds, setFeeds] = useState<FeedsReply | null>(null);
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [needsOrigin, setNeedsOrigin] = useState<ReadonlySet<string>>(new Set());

  const take = async (reply: Reply) => {
    if (reply.type !== 'feeds') {
      setNotice(t('feeds_error', reply.type === 'rejected' ? reply.reason : reply.type));
      return null;
    }
    setFeeds(reply);
    // A fetch that failed may be a server that lets no extension read it: offer its permission.
    const missing = new Set<string>();
    for (const feed of reply.feeds) if (feed.problem?.reason === 'fetch-failed' && !(await hasOrigin(feed.url))) missing.add(feed.url);
    setNeedsOrigin(missing);
    onChanged?.();
    return reply;
  };
  const run = async (message: Parameters<typeof send>[0]) => {
    setBusy(true);
    try {
      return await take(await send(message));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void send({ type: 'feeds/list' }).then(take);
  }, []);

  const add = async (event: Event) => {
    event.preventDefault();
    setNotice(null);
    const reply = await run({ type: 'feeds/add', url: url.trim(), publicKey: key.trim() });
    if (!reply) return;
    if (reply.added === 'added') {
      setUrl('');
      setKey('');
      const made = reply.feeds.find((f) => f.url === url.trim());
      setNotice(made?.problem ? t('feeds_added_problem') : t('feeds_added', made?.name ?? url.trim()));
    } else setNotice(t(reply.added === 'exists' ? 'feeds_exists' : 'feeds_invalid'));
  };

  const allow = (feed: FeedSummary) => {
    // In the click itself, before any await (a user gesture), then fetched again.
    void requestOrigin(feed.url, false).then((granted) => {
      if (granted) void run({ type: 'feeds/refresh', url: feed.url });
      else setNotice(t('feeds_origin_refused'));
    });
  };

  return (
    <section class="feeds" aria-labelledby="feeds-title">
      <h2 id="feeds-title">{t('feeds_title')}</h2>
      <p class="settings-hint">{t('feeds_intro')}</p>
      {feeds && feeds.setAside > 0 ? <p class="notice" role="alert">{plural(t, locale, 'feeds_set_aside', feeds.setAside, formatCount(feeds.setAside, locale))}</p> : null}
      {feeds && feeds.feeds.length === 0 ? <p class="settings-hint">{t('feeds_none')}</p> : null}
      <ul class="feed-list">
        {feeds?.feeds.map((feed) => (
          <li key={feed.url} class="feed" data-feed={feed.url}>
            <h3>{feed.name ?? t('feeds_unnamed')}</h3>
            <p class="feed-url">{feed.url}</p>
            {feed.publishedAt !== null ? (
              <p>
                {plural(t, locale, 'feeds_published', feed.groups, [formatDate(feed.publishedAt, locale), formatCount(feed.version, locale), formatCount(feed.groups, locale)])}
                {feed.expiresAt !== null && feed.expiresAt <= now ? ` ${t('feeds_expired', formatDate(feed.expiresAt, locale))}` : ''}
              </p>
            ) : null}
            {feed.checkedAt !== null ? <p class="settings-hint">{t('feeds_checked', formatDateTime(feed.checkedAt, locale))}</p> : null}
            {feed.problem ? (
              <p class="feed-problem" role="alert" data-reason={feed.problem.reason}>
                {t(`feeds_refused_${feed.problem.reason.replace(/-/g, '_')}`)} {feed.publishedAt !== null ? t('feeds_kept') : ''}
                {/* The check's own words, for whoever helps the worker (or the collective) find the cause: English. */}
                <span class="feed-detail" lang="en">
                  {' '}
                  ({feed.problem.detail})
                </span>
              </p>
            ) : null}
            <div class="feed-actions">
              {needsOrigin.has(feed.url) ? (
                <button type="button" onClick={() => allow(feed)}>
                  {t('feeds_allow_origin', new URL(feed.url).host)}
                </button>
              ) : null}
              <button type="button" disabled={busy} onClick={() => void run({ type: 'feeds/refresh', url: feed.url })}>
                {t('feeds_check_now')}
              </button>
              <button type="button" disabled={busy} onClick={() => void run({ type: 'feeds/remove', url: feed.url })}>
                {t('feeds_remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form class="feed-add" onSubmit={(e) => void add(e)}>
        <h3>{t('feeds_add_title')}</h3>
        <label>
          {t('feeds_url_label')}
          <input type="url" name="feed-url" required pattern="https://.*" maxLength={2048} placeholder="https://" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <label>
          {t('feeds_key_label')}
          <input type="text" name="feed-key" required pattern="[A-Za-z0-9_\-]{43}" maxLength={43} spellcheck={false} autoComplete="off" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        </label>
        <p class="settings-hint">{t('feeds_add_hint')}</p>
        <button type="submit" class="primary" disabled={busy}>
          {t('feeds_add')}
        </button>
      </form>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}
