// Placeholder until this page is written.
export function RunDetailPage() {
  return <p>RunDetailPage</p>;
}
