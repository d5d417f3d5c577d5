// Calls to `parley serve`'s JSON API (same origin).

export class ApiError extends Error {}

export async function get(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body?.error || `${res.status} ${res.statusText}`);
  return body;
}

export async function post(path, text, type = 'text/plain; charset=utf-8') {
  const res = await fetch(path, { method: 'POST', body: text, headers: { 'Content-Type': type } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body?.error || `${res.status} ${res.statusText}`);
  return body;
}
