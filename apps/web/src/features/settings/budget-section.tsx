// Settings › Organization budget: one monthly limit over all agents together, with the same form as an agent's.
import { Section } from '../agent/configure-controls';
import { BudgetPolicyEditor } from '../costs/budget-form';

export function OrganizationBudgetSection() {
  return (
    <Section
      id="organization-budget"
      title="Organization budget"
      description="A monthly limit on the spend of all agents together; each agent can also have its own on its Costs page."
    >
      <BudgetPolicyEditor slug={undefined} prefix="orgBudget" />
    </Section>
  );
}
