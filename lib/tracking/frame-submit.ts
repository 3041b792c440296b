/**
 * MTurk task frames post their answers to {turkSubmitTo}/mturk/externalSubmit with an
 * assignmentId field (platforms.md §1, H: AWS docs and requester libraries). Seeing that submit
 * in the frame is the surest sign the task was submitted.
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
