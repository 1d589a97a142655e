// While a rebuild runs, the read models' status region is fetched again every few seconds
// and its content put in place, so the progress moves without reloading the page. Without
// this script the region offers a reload link instead.
const REFRESH_MS = 2000;

async function refresh(region) {
  const response = await globalThis.fetch(region.dataset.clfRefresh, {
    credentials: 'same-origin',
    headers: { Accept: 'text/html' },
  });
  if (!response.ok) return;
  const template = document.createElement('template');
  template.innerHTML = (await response.text()).trim();
  const fresh = template.content.firstElementChild;
  if (!fresh || fresh.id !== region.id) return;
  region.innerHTML = fresh.innerHTML;
  region.toggleAttribute('data-clf-refreshing', fresh.hasAttribute('data-clf-refreshing'));
  schedule(region);
}

function schedule(region) {
  if (!region.hasAttribute('data-clf-refreshing')) return;
  // A failed fetch stops the refreshing; the reload link still works.
  globalThis.setTimeout(() => refresh(region).catch(() => {}), REFRESH_MS);
}

export function refreshStatusRegions() {
  for (const region of document.querySelectorAll('[data-clf-refresh]')) schedule(region);
}
