// Placeholder until this page is written.
export function VersionsPage() {
  return <p>VersionsPage</p>;
}
