/**
 * MTurk task frames post their answers to {turkSubmitTo}/mturk/externalSubmit with an
 * assignmentId field (AWS's requester documentation and libraries). The assignment id of such a
 * form, or null. The sensor reports the submit only once the post has gone out (lib/tracking/sensor.ts).
 */
export function externalSubmitAssignment(form: HTMLFormElement): string | null {
  let action: URL;
  try {
    action = new URL(form.getAttribute('action') ?? '', location.href);
  } catch {
    return null;
  }
  if (!action.pathname.endsWith('/mturk/externalSubmit')) return null;
  const field = form.querySelector<HTMLInputElement>('input[name="assignmentId"]');
  const id = field?.value ?? '';
  return /^[A-Z0-9]{10,64}$/.test(id) ? id : null;
}
