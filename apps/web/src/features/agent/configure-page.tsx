// Placeholder until this page is written.
export function ConfigurePage() {
  return <p>ConfigurePage</p>;
}
