import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page: labels, names, contrast, ARIA use. It is
 * injected with evaluate, which the extension page's CSP does not apply to.
 */
export async function axeViolations(page: Page, context = 'document'): Promise<string[]> {
  await page.evaluate(`${AXE}\n;0`);
  const result = (await page.evaluate(`axe.run(${context}, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
