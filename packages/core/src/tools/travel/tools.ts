// Trip-planner tools over the TravelProvider interface; results carry the provider's name so sample data is visible.
import { z } from 'zod';
import { defineTool } from '../types';
import { sampleTravelProvider, type TravelProvider } from './provider';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
const place = z.string().min(2).max(100);

export function travelTools(provider: TravelProvider = sampleTravelProvider) {
  const label = { source: provider.name, sample: provider.sample };
  return [
    defineTool({
      id: 'flight-search',
      description: `Search flights between two places${provider.sample ? ' (sample data)' : ''}.`,
      category: 'trip-planner',
      sampleData: provider.sample,
      inputSchema: z.object({
        origin: place,
        destination: place,
        date: isoDate.optional(),
        passengers: z.number().int().min(1).max(9).default(1),
      }),
      async execute(input) {
        return { ...label, flights: await provider.searchFlights(input) };
      },
    }),
    defineTool({
      id: 'hotel-search',
      description: `Search hotels in a city${provider.sample ? ' (sample data)' : ''}.`,
      category: 'trip-planner',
      sampleData: provider.sample,
      inputSchema: z.object({
        city: place,
        checkIn: isoDate.optional(),
        nights: z.number().int().min(1).max(60).default(1),
        guests: z.number().int().min(1).max(10).default(1),
      }),
      async execute(input) {
        return { ...label, hotels: await provider.searchHotels(input) };
      },
    }),
    defineTool({
      id: 'weather-lookup',
      description: `Weather for a place and date${provider.sample ? ' (sample data)' : ''}.`,
      category: 'trip-planner',
      sampleData: provider.sample,
      inputSchema: z.object({ location: place, date: isoDate.optional() }),
      async execute(input) {
        return { ...label, weather: await provider.weather(input) };
      },
    }),
  ];
}
