// Built-in agent definitions: the code-defined agents of SPEC §5 (the resolver's fallback, also seeded as SYSTEM
// rows) and the seven database-driven trip-planner agents seeded into every new organization.
import type { AgentCreateInput } from './schemas';

export type AgentDefinition = AgentCreateInput & { slug: string };

export const codeDefinedAgents: AgentDefinition[] = [
  {
    slug: 'assistant',
    name: 'Assistant',
    description: 'General-purpose assistant with everyday tools.',
    instructions:
      'You are a helpful, concise assistant. Use the calculator for arithmetic, date-time for the current date or time, and web-fetch to read a public URL the user gives you. Say when you are unsure.',
    instructionsTemplate:
      'You are a helpful, concise assistant talking to {{userName}} (user {{userId}}). Use the calculator for arithmetic, date-time for the current date or time, and web-fetch to read a public URL the user gives you. Say when you are unsure.',
    tools: ['calculator', 'date-time', 'generate-id', 'web-fetch', 'json-parser'],
    memoryEnabled: true,
    memoryConfig: { lastMessages: 10, workingMemory: { enabled: false } },
    maxSteps: 5,
  },
  {
    slug: 'structured',
    name: 'Structured Output',
    description: 'Turns free text into JSON that matches a requested schema.',
    instructions:
      'Extract the requested information from the user message and answer only with JSON matching the schema you are given. Use null for anything the text does not say.',
    tools: ['json-parser'],
    maxSteps: 2,
    // The default schema; a run may send its own `outputSchema` (the requested one).
    outputSchema: {
      type: 'object',
      properties: {
        summary: { type: 'string', description: 'One sentence on what the text is about' },
        entities: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              kind: { type: 'string', enum: ['person', 'organization', 'place', 'date', 'amount', 'other'] },
            },
            required: ['name', 'kind'],
            additionalProperties: false,
          },
        },
      },
      required: ['summary', 'entities'],
      additionalProperties: false,
    },
  },
  {
    slug: 'vision',
    name: 'Vision',
    description: 'Describes and answers questions about images (needs a vision-capable model).',
    instructions:
      'Describe images precisely: objects, text, layout and anything unusual. Answer questions about the image and say what you cannot see clearly.',
    maxSteps: 1,
  },
  {
    slug: 'research',
    name: 'Research',
    description: 'Multi-step research: reads sources, takes notes, cites what it used.',
    instructions:
      'Research the question step by step. Fetch the sources you need with web-fetch, compute with the calculator, and finish with a short answer followed by the list of URLs you used.',
    tools: ['web-fetch', 'calculator', 'date-time', 'json-parser'],
    maxSteps: 10,
  },
  {
    slug: 'evaluated',
    name: 'Evaluated Assistant',
    description: 'An assistant whose completed runs are scored for relevancy, completeness, tone and toxicity.',
    instructions: 'Answer the question directly and completely, in a friendly professional tone.',
    tools: ['calculator', 'date-time'],
    scorers: ['relevancy', 'completeness', 'tone', 'toxicity'],
    maxSteps: 5,
  },
];

const tripAgent = (
  slug: string,
  name: string,
  description: string,
  instructions: string,
  tools: string[],
): AgentDefinition => ({
  slug,
  name,
  description,
  instructions,
  tools,
  tags: ['trip-planner'],
  maxSteps: 6,
});

export const tripPlannerAgents: AgentDefinition[] = [
  tripAgent(
    'destination-agent',
    'Destination Researcher',
    'Researches destinations: seasons, weather, what a place is like.',
    'You research travel destinations. Check the weather for the dates, summarise what the place is like, and save useful findings as trip notes.',
    ['weather-lookup', 'web-fetch', 'trip-notes'],
  ),
  tripAgent(
    'accommodation-agent',
    'Accommodation Finder',
    'Finds hotels and lodging that fit the budget and style.',
    'You find accommodation. Search hotels for the city and dates, compare price, rating and neighbourhood, and recommend two or three options with reasons.',
    ['hotel-search', 'calculator'],
  ),
  tripAgent(
    'activities-agent',
    'Activities Planner',
    'Recommends activities that suit the traveller and the weather.',
    "You recommend activities. Consider the weather for each day and the traveller's interests; suggest a mix of must-sees and local experiences.",
    ['weather-lookup', 'trip-notes'],
  ),
  tripAgent(
    'transport-agent',
    'Transport Booker',
    'Finds flights and ground transport between places.',
    'You find transport. Search flights between the places and dates given, compare duration, stops and price, and recommend the best value.',
    ['flight-search', 'calculator'],
  ),
  tripAgent(
    'routing-agent',
    'Route Optimizer',
    'Orders stops to minimise travel time.',
    'You optimise routes. Given places to visit, propose an order that minimises back-tracking and estimate travel times between stops.',
    ['calculator'],
  ),
  tripAgent(
    'itinerary-agent',
    'Itinerary Builder',
    "Assembles a day-by-day itinerary from the other agents' findings.",
    'You assemble itineraries. Build a clear day-by-day plan from the trip notes, with times, places and bookings, and save the result as a trip note.',
    ['trip-notes', 'date-time'],
  ),
  tripAgent(
    'budget-agent',
    'Budget Analyst',
    'Adds up trip costs and checks them against the budget.',
    'You analyse trip budgets. Add up flights, lodging and activities with the calculator, compare against the budget, and suggest savings if it is over.',
    ['calculator', 'trip-notes'],
  ),
];
