// Calls the notebook's API from the page, over whichever transport the page has (the preload
// bridge under Electron, HTTP with the page's token in the browser host), as the app's client does:
// how a spec fills a notebook with more than is worth clicking through.
import type { Page } from '@playwright/test';

export async function callApi<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, input }) => {
      type Outcome = { ok: true; result: unknown } | { ok: false; error: { message: string } };
      const bridge = (window as unknown as { corroborate?: Record<string, (input: unknown) => Promise<Outcome>> }).corroborate;
      const outcome: Outcome = bridge
        ? await bridge[method]!(input)
        : await (
            await fetch(`/api/${method}`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-Corroborate-Token': sessionStorage.getItem('corroborate.token') ?? '' },
              body: JSON.stringify(input),
            })
          ).json();
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
      return outcome.result;
    },
    { method, input },
  ) as Promise<T>;
}
