import { getDb } from '@/lib/db/database';
import { setupCommands } from './commands';
import { setupMessageRouter } from './message-router';
import { createFeed, setupTracking } from './tracking';

// Thin on purpose: listeners are registered synchronously at start-up (an MV3 service worker woken
// by an event must have its listener in place before the first await), and logic lives in lib/.
export default defineBackground(() => {
  const db = getDb();
  const feed = createFeed(db);
  setupMessageRouter(db, feed);
  setupTracking(db, feed);
  setupCommands(db, feed);
});
