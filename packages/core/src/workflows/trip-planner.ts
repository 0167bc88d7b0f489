// The trip planner: the seven seeded trip agents (agents/definitions.ts) as one Mastra workflow — destination, then
// accommodation, activities and transport in parallel, then routing, itinerary and budget. Each step's input is its
// task, the trip in brief and the outputs of the earlier steps it builds on.
import { createWorkflow } from '@mastra/core/workflows';
import { agentStep, committed, type WorkflowDefinition, type WorkflowStepSpec } from './definition';
import { nightsBetween, stepOutputSchema, type TripRequest, tripRequestSchema } from './schemas';

const nightsOf = (trip: TripRequest) =>
  trip.startDate && trip.endDate ? nightsBetween(trip.startDate, trip.endDate) : (trip.nights ?? 1);
const people = (n: number) => `${n} traveller${n === 1 ? '' : 's'}`;

/** The trip in one line: where from and to, when, who, the budget, the interests and any notes. */
function brief(trip: TripRequest): string {
  const nights = nightsOf(trip);
  const when = trip.startDate ? `${trip.startDate} to ${trip.endDate} (${nights} nights)` : `${nights} nights`;
  const parts = [
    `Trip: ${trip.destination}${trip.origin ? `, from ${trip.origin}` : ''}`,
    when,
    people(trip.travellers),
    trip.budget ? `budget ${trip.budget} ${trip.currency} in total` : 'no budget given',
    trip.interests.length ? `interests: ${trip.interests.join(', ')}` : 'no particular interests',
  ];
  return `${parts.join(' · ')}.${trip.notes ? `\nNotes: ${trip.notes}` : ''}`;
}

const steps: WorkflowStepSpec<TripRequest>[] = [
  {
    id: 'destination',
    agentSlug: 'destination-agent',
    title: 'Destination',
    description: 'What the place is like at that time: weather, areas, sights that match the interests.',
    uses: [],
    task: (t) =>
      `Research ${t.destination} for this trip: the weather in ${t.destination}, what the place is like, the areas worth staying in and the sights that match the interests.`,
  },
  {
    id: 'accommodation',
    agentSlug: 'accommodation-agent',
    title: 'Accommodation',
    description: 'Two or three places to stay within the budget, with price per night and area.',
    uses: ['destination'],
    task: (t) =>
      `Recommend two or three places to stay in ${t.destination} for ${nightsOf(t)} nights for ${people(t.travellers)}, with the price per night, the area and why each fits.`,
  },
  {
    id: 'activities',
    agentSlug: 'activities-agent',
    title: 'Activities',
    description: 'Activities for each day that suit the interests and the weather.',
    uses: ['destination'],
    task: (t) =>
      `Suggest activities for each of the ${nightsOf(t)} days in ${t.destination} that suit the interests and the weather, with their prices.`,
  },
  {
    id: 'transport',
    agentSlug: 'transport-agent',
    title: 'Transport',
    description: 'Getting there and getting around, with duration and price.',
    uses: ['destination'],
    task: (t) =>
      `Find the transport ${t.origin ? `from ${t.origin} to ${t.destination} and back` : `to ${t.destination}`} and the best way to get around there, with durations and prices.`,
  },
  {
    id: 'routing',
    agentSlug: 'routing-agent',
    title: 'Routing',
    description: 'The order of the stops each day, with travel times, from where the travellers stay.',
    uses: ['accommodation', 'activities', 'transport'],
    task: () =>
      'Order the activities below into daily routes that start from the accommodation and avoid back-tracking; estimate the travel time between stops.',
  },
  {
    id: 'itinerary',
    agentSlug: 'itinerary-agent',
    title: 'Itinerary',
    description: 'The day-by-day plan assembled from every finding.',
    uses: ['destination', 'accommodation', 'activities', 'transport', 'routing'],
    task: () =>
      'Build the day-by-day itinerary from the findings below: for each day the times, places, where to stay and how to get there.',
  },
  {
    id: 'budget',
    agentSlug: 'budget-agent',
    title: 'Budget',
    description: 'The trip’s total cost against the budget, with savings if it is over.',
    uses: ['transport', 'accommodation', 'activities', 'itinerary'],
    task: () =>
      'Add up the costs of transport, accommodation and activities from the findings below for the whole trip, compare the total with the budget, and suggest savings if it is over.',
  },
];

const step = (id: string) => steps.find((s) => s.id === id) as WorkflowStepSpec<TripRequest>;

export const tripPlanner: WorkflowDefinition<TripRequest> = {
  id: 'trip-planner',
  name: 'Trip planner',
  description:
    'Plans a trip with the seven trip agents: destination research, then accommodation, activities and transport in parallel, then routing, the itinerary and the budget.',
  inputSchema: tripRequestSchema,
  steps,
  brief,
  build(runStep) {
    const mastraStep = (id: string) => agentStep(tripPlanner, step(id), runStep);
    return committed(
      createWorkflow({ id: 'trip-planner', inputSchema: tripRequestSchema, outputSchema: stepOutputSchema })
        .then(mastraStep('destination'))
        .parallel([mastraStep('accommodation'), mastraStep('activities'), mastraStep('transport')])
        .then(mastraStep('routing'))
        .then(mastraStep('itinerary'))
        .then(mastraStep('budget')),
    );
  },
  output: (outputs) => ({
    itinerary: outputs.itinerary?.text ?? '',
    budget: outputs.budget?.text ?? '',
  }),
};
