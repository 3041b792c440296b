import { setupMessageRouter } from './message-router';

// Thin on purpose: listeners are registered synchronously at start-up (an MV3 service worker woken
// by an event must have its listener in place before the first await), and logic lives in lib/.
export default defineBackground(() => {
  setupMessageRouter();
});
