// The travel data interface the trip-planner tools call, and the built-in sample implementation.
// Sample results are deterministic for the same query and say plainly that they are sample data.
import { createHash } from 'node:crypto';

export interface FlightQuery {
  origin: string;
  destination: string;
  date?: string;
  passengers: number;
}
export interface HotelQuery {
  city: string;
  checkIn?: string;
  nights: number;
  guests: number;
}
export interface WeatherQuery {
  location: string;
  date?: string;
}

export interface Flight {
  airline: string;
  flightNumber: string;
  departure: string;
  arrival: string;
  durationMinutes: number;
  stops: number;
  priceUsd: number;
}
export interface Hotel {
  name: string;
  stars: number;
  neighbourhood: string;
  pricePerNightUsd: number;
  rating: number;
}
export interface Weather {
  location: string;
  date: string;
  condition: string;
  highC: number;
  lowC: number;
  precipitationChance: number;
}

/** What a real travel provider implements to replace the sample data. */
export interface TravelProvider {
  readonly name: string;
  readonly sample: boolean;
  searchFlights(q: FlightQuery): Promise<Flight[]>;
  searchHotels(q: HotelQuery): Promise<Hotel[]>;
  weather(q: WeatherQuery): Promise<Weather>;
}

/** A deterministic pseudo-random stream seeded by the query text. */
function seeded(...parts: (string | number)[]) {
  let counter = 0;
  const seed = parts.join('|').toLowerCase();
  return (max: number) => {
    const digest = createHash('sha256').update(`${seed}#${counter++}`).digest();
    return digest.readUInt32BE(0) % max;
  };
}

const airlines = ['Atlantic Air', 'SkyBridge', 'Northwind', 'Blue Meridian', 'Aurora Airways'];
const hotelWords = ['Harbour', 'Garden', 'Old Town', 'Riverside', 'Grand', 'Boutique', 'Central', 'Skyline'];
const conditions = ['sunny', 'partly cloudy', 'cloudy', 'light rain', 'showers', 'windy'];
const today = () => new Date().toISOString().slice(0, 10);

export const sampleTravelProvider: TravelProvider = {
  name: 'sample data',
  sample: true,
  async searchFlights(q) {
    const rnd = seeded('flight', q.origin, q.destination, q.date ?? '');
    return Array.from({ length: 3 }, (_, i) => {
      const departHour = 6 + rnd(14);
      const durationMinutes = 60 + rnd(600);
      const airline = airlines[rnd(airlines.length)];
      const start = new Date(
        `${q.date ?? today()}T${String(departHour).padStart(2, '0')}:${String(rnd(4) * 15).padStart(2, '0')}:00Z`,
      );
      return {
        airline,
        flightNumber: `${airline.slice(0, 2).toUpperCase()}${100 + rnd(900)}`,
        departure: start.toISOString(),
        arrival: new Date(start.getTime() + durationMinutes * 60_000).toISOString(),
        durationMinutes,
        stops: i === 0 ? 0 : rnd(2),
        priceUsd: (80 + rnd(700)) * q.passengers,
      };
    }).sort((a, b) => a.priceUsd - b.priceUsd);
  },
  async searchHotels(q) {
    const rnd = seeded('hotel', q.city, q.checkIn ?? '');
    return Array.from({ length: 4 }, () => ({
      name: `${hotelWords[rnd(hotelWords.length)]} ${q.city} Hotel`,
      stars: 2 + rnd(4),
      neighbourhood: `${hotelWords[rnd(hotelWords.length)]} district`,
      pricePerNightUsd: 60 + rnd(340),
      rating: Math.round((3 + rnd(200) / 100) * 10) / 10,
    })).sort((a, b) => b.rating - a.rating);
  },
  async weather(q) {
    const date = q.date ?? today();
    const rnd = seeded('weather', q.location, date);
    const high = 5 + rnd(28);
    return {
      location: q.location,
      date,
      condition: conditions[rnd(conditions.length)],
      highC: high,
      lowC: high - 4 - rnd(8),
      precipitationChance: rnd(100) / 100,
    };
  },
};
