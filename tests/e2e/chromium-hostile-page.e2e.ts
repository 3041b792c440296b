import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../demo/fixtures';
import { useChromium } from './support/chromium-suite';

const working = loadFixtures().find((f) => f.platform === 'mturk' && f.kind === 'working');
if (!working) throw new Error('tests/fixtures/mturk has no "working" fixture');

const FAKE_ASSIGNMENT = '3FAKEFAKEFAKEFAKEFAKEFAKEFAKE1';

/**
 * docs/trust-boundaries.md#what-a-page-script-can-do: a page's scripts can post messages, dispatch events and
 * rewrite the DOM and URL. None of that may create a record.
 */
describe('Chromium: a hostile page script cannot create a record', () => {
  const suite = useChromium();

  const listedTaskIds = async () => {
    const popup = await suite.chrome.newPage();
    await popup.goto(suite.chrome.extensionUrl('popup.html'));
    await popup.locator('.empty, li.task').first().waitFor();
    const ids = await popup.locator('li.task').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-task-id')),
    );
    await popup.close();
    return ids;
  };

  it('ignores postMessage, synthetic events and a staged task page', async () => {
    const page = await suite.chrome.newPage();
    // A platform page that is not a task page; the page reader runs here.
    await page.goto('https://worker.mturk.com/projects');
    await page.evaluate((fake) => {
      const forged = {
        type: 'page/read',
        page: {
          platform: 'mturk',
          kind: 'working',
          task: { externalId: fake, title: 'Forged task' },
          missing: [],
        },
      };
      window.postMessage(forged, '*');
      window.postMessage(JSON.stringify(forged), '*');
      for (const type of ['wxt:locationchange', 'message', 'submit', 'click', 'keydown']) {
        window.dispatchEvent(new CustomEvent(type, { detail: forged }));
        document.dispatchEvent(new CustomEvent(type, { detail: forged }));
      }
      // Stage a task page: fake URL and fake props, as a compromised script on the host could.
      const span = document.createElement('span');
      span.setAttribute('data-react-class', "require('reactComponents/common/ShowModal')['default']");
      span.setAttribute(
        'data-react-props',
        JSON.stringify({ modalOptions: { projectTitle: 'Forged task', requesterName: 'Forger' } }),
      );
      document.body.append(span);
      history.pushState({}, '', `/projects/3FAKEGROUPFAKEGROUPFAKEGROUP1/tasks/3FAKEHITFAKEHITFAKEHIT1?assignment_id=${fake}`);
    }, FAKE_ASSIGNMENT);
    // The page reader would re-read within 1 s if it followed this page's history; give it 3.
    await page.waitForTimeout(3000);
    expect(await listedTaskIds()).toEqual([]);

    // Control: the same browser does record a real task page, so the silence above was not a
    // broken pipeline.
    await page.goto(working.url.href);
    await expect
      .poll(listedTaskIds, { timeout: 15_000, interval: 300 })
      .toEqual(['mturk:3Q8OJJ9KRN6TZ2XB4D6F8H0J2L4N6P']);
  });
});
