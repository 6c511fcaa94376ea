import { defineConfig } from 'vitest/config';

/** The unit tests of the pure layers, the only ones a mutant of src/domain or src/agents is run against. */
export default defineConfig({
  test: {
    include: ['tests/domain/**/*.test.ts', 'tests/agents/**/*.test.ts'],
    environment: 'node',
  },
});
