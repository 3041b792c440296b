import { getDb } from '@/lib/db/database';
import { setupCommands } from './commands';
import { setupDbHealth } from './db-health';
import { setupDays } from './days';
import { setupHousekeeping } from './housekeeping';
import { setupReinjection } from './reinject';
import { setupFeeds } from './feeds';
import { setupMessageRouter } from './message-router';
import { createFeed, createSerial, setupTracking } from './tracking';

// Thin on purpose: listeners are registered synchronously at start-up (an MV3 service worker woken
// by an event must have its listener in place before the first await), and logic lives in lib/.
export default defineBackground(() => {
  const db = getDb();
  setupDbHealth(db);
  const serial = createSerial();
  const feed = createFeed(db, serial);
  const feeds = setupFeeds(db);
  setupMessageRouter(db, feed, serial, feeds);
  setupTracking(db, feed);
  setupCommands(db, serial);
  setupDays(db, serial);
  setupHousekeeping(db, serial);
  setupReinjection();
});
