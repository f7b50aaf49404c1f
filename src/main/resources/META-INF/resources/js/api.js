// The dashboard's only way to the service: the public HTTP API (the same one curl and bots use).
// Errors come back as RFC 9457 problems; they are turned into ApiError so a view can show the
// problem's title and detail rather than raw JSON.

/** An API key for the tab, kept in memory only (never in storage or the URL). */
let apiKey = null;

export function setApiKey(key) {
  apiKey = key || null;
}

export class ApiError extends Error {
  constructor(problem) {
    super(problem.title || 'Request failed');
    this.status = problem.status;
    this.title = problem.title || `HTTP ${problem.status}`;
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = problem.retryAfter;
  }
}

function headers(extra = {}) {
  const all = { Accept: 'application/json, application/problem+json', ...extra };
  if (apiKey) all.Authorization = `Bearer ${apiKey}`;
  return all;
}

/** Tells the page that the service wants a key (401), so it can ask for one. */
function keyNeeded(error) {
  if (error.status === 401) window.dispatchEvent(new CustomEvent('casebook:key-needed', { detail: error }));
  return error;
}

async function problemOf(response) {
  const text = await response.text();
  let problem = null;
  try { problem = JSON.parse(text); } catch (e) { /* not JSON */ }
  if (!problem || typeof problem !== 'object' || !problem.title) {
    problem = { status: response.status, title: `${response.status} ${response.statusText || 'error'}`.trim(),
      detail: text.length > 300 ? `${text.slice(0, 300)}…` : text };
  }
  problem.status = problem.status || response.status;
  problem.retryAfter = response.headers.get('Retry-After');
  return new ApiError(problem);
}

async function request(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'The service cannot be reached', detail: String(e.message || e) });
  }
  if (!response.ok) throw keyNeeded(await problemOf(response));
  if (response.status === 204) return null;
  return response.json();
}

export const getJson = (path) => request('GET', path);
export const postJson = (path, body) => request('POST', path, body);
export const del = (path) => request('DELETE', path);

/**
 * Uploads a form (multipart) with upload progress, which fetch() cannot report.
 * Returns { promise, abort }; the promise resolves to the parsed 202 body.
 */
export function upload(path, formData, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body); return; }
      const problem = body && body.title ? body
        : { status: xhr.status, title: `${xhr.status} ${xhr.statusText}`.trim(), detail: xhr.responseText.slice(0, 300) };
      problem.status = problem.status || xhr.status;
      problem.retryAfter = xhr.getResponseHeader('Retry-After');
      reject(keyNeeded(new ApiError(problem)));
    });
    xhr.addEventListener('error', () => reject(new ApiError({ status: 0, title: 'The upload failed',
      detail: 'The connection to the service was lost before the dump was accepted.' })));
    xhr.addEventListener('abort', () => reject(new ApiError({ status: 0, title: 'Upload cancelled', detail: 'Nothing was stored.' })));
    xhr.send(formData);
  });
  return { promise, abort: () => xhr.abort() };
}
