import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT } from '../../scripts/gen-api.mjs';

describe('openapi.gen.ts', () => {
  it('is what `npm run gen:api` generates from the server OpenAPI description', async () => {
    const committed = readFileSync(OUTPUT, 'utf8');
    // on a difference: run `npm run gen:api` and commit src/api/openapi.gen.ts
    expect(committed).toBe(await generate());
  }, 30_000);
});
