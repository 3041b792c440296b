import { render } from 'preact';
import { readBoot } from '@/components/use-settings';
import { openForReading } from '@/lib/db/raw-read';
import { loadPopupData } from '@/lib/db/popup-data';
import { App, RECENT, todayOf } from './App';
import '@/components/theme.css';
import './style.css';

// Splits the popup's start-up in the benchmark: code loaded and evaluated by here, then settings
// (boot-read), the database opened (db-open), today's rows read (data-read), the first paint (ready).
performance.mark('truerate:code-loaded');
const root = document.getElementById('app');
const at = Date.now();
// Both reads start now, before any render, and the popup paints once with its data (no jump).
// A failed read renders anyway: the App reads again and shows what went wrong.
void Promise.all([
  readBoot().then((boot) => (performance.mark('truerate:boot-read'), boot)).catch(() => undefined),
  openForReading()
    .then((db) => (performance.mark('truerate:db-open'), loadPopupData(db, RECENT, todayOf(at))))
    .then((data) => (performance.mark('truerate:data-read'), data))
    .catch(() => undefined),
]).then(
  ([boot, data]) => {
    if (root) render(<App first={{ ...(boot ? { boot } : {}), ...(data ? { data } : {}), at }} />, root);
  },
);
