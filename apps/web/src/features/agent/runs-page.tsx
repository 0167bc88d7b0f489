// Placeholder until this page is written.
export function RunsPage() {
  return <p>RunsPage</p>;
}
