// Placeholder until this page is written.
export function TestPage() {
  return <p>TestPage</p>;
}
