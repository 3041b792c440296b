/** What is missing and what to do about it. */
export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <div class="empty-state" role="status">
      <p class="empty-title">{title}</p>
      <p class="empty-body">{body}</p>
    </div>
  );
}
