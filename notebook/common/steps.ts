// A long job cut into steps: a generator that yields between them, so the thread running it can
// take other work in between (notebook/node/search/ runs the search index's restore and save a
// slice at a time on the notebook's own thread). drain() runs one to its end at once.

/** A job that yields between its steps and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step of a job at once and returns what it returns. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
