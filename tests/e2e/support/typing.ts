/**
 * The scripted worker's typing: one key press (`press`, in whichever browser) every 250 ms for
 * `ms`; returns the instants of the first and the last press, which the tests' truths are made of.
 * `between`, if given, runs about every 500 ms between presses (a fault test kills the service
 * worker there).
 */
export async function typeWith(press: () => Promise<unknown>, ms: number, between?: () => Promise<void>): Promise<{ first: number; last: number }> {
  const first = Date.now();
  let last = first;
  let next = first + 500;
  while (Date.now() - first < ms) {
    await press();
    last = Date.now();
    if (between && last >= next) {
      await between();
      next = last + 500;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { first, last };
}
