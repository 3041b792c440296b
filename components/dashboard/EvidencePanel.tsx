import { useId, useMemo, useState } from 'preact/hooks';
import type { SegmentRecord, TaskRecord } from '@/lib/model/records';
import type { Translate } from '@/lib/i18n/translate';
import { bonusRequestMessage, evidenceSummary } from '@/lib/rates/evidence';
import type { Settings } from '@/lib/settings';
import { saveFile } from '../options/save-file';

interface Props {
  task: TaskRecord;
  segments: readonly SegmentRecord[];
  settings: Settings;
  t: Translate;
  locale: string;
  /** Open from the start when the task is flagged; otherwise the worker opens it on demand. */
  flagged: boolean;
}

/** Keeps the file name to letters, digits, dot, dash and underscore, whatever the platform id holds. */
export function evidenceFileName(task: TaskRecord): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `truerate-evidence-${safe(task.platform)}-${safe(task.externalId)}.txt`;
}

export function EvidenceText({ label, text, fileName, t }: { label: string; text: string; fileName: string; t: Translate }) {
  const id = useId();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    // No clipboard API (an insecure context, an old browser): say so rather than throw.
    const write = navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'));
    write.then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <div class="evidence-text">
      <label for={id}>{label}</label>
      <textarea id={id} readOnly rows={8} value={text} />
      <div class="evidence-actions">
        <button type="button" onClick={copy}>
          {t('detail_copy')}
        </button>
        <button type="button" onClick={() => saveFile([text], fileName, 'text/plain;charset=utf-8')}>
          {t('detail_save_text')}
        </button>
        <span class="hint" role="status">
          {copied === 'copied' ? t('detail_copied') : copied === 'failed' ? t('detail_copy_failed') : ''}
        </span>
      </div>
    </div>
  );
}

/** What the worker can send a requester or a platform: the summary, and a bonus request when one is due. */
export function EvidencePanel({ task, segments, settings, t, locale, flagged }: Props) {
  const summary = useMemo(() => evidenceSummary(task, [...segments], settings, t, locale), [task, segments, settings, t, locale]);
  const request = useMemo(() => bonusRequestMessage(task, settings, t, locale), [task, settings, t, locale]);
  const fileName = evidenceFileName(task);
  return (
    <details class="evidence" open={flagged}>
      <summary>{t('detail_evidence_heading')}</summary>
      <p class="hint">{flagged ? t('detail_evidence_flagged') : t('detail_evidence_on_demand')}</p>
      <EvidenceText label={t('detail_evidence_summary')} text={summary} fileName={fileName} t={t} />
      {request !== null ? (
        <EvidenceText
          label={t('detail_evidence_request')}
          text={request}
          fileName={fileName.replace(/\.txt$/, '-bonus-request.txt')}
          t={t}
        />
      ) : null}
    </details>
  );
}
