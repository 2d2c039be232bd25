// Prints every configuration variable with its default, from the zod schema (used to write .env.example).
import { configSchema } from '../src/config.js';

for (const [name, schema] of Object.entries(configSchema.shape)) {
  const parsed = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown } }).safeParse(undefined);
  const value = parsed.success && parsed.data !== undefined ? (Array.isArray(parsed.data) ? parsed.data.join(',') : String(parsed.data)) : '';
  console.log(`${name}=${value}`);
}
