// The few browser calls the panel makes from .NET; kept in a file because the CSP forbids eval and inline scripts.
window.claudeProxyPanel = {
  get: (key) => { try { return window.localStorage.getItem(key); } catch { return null; } },
  set: (key, value) => { try { window.localStorage.setItem(key, value); } catch { /* storage disabled: the choice lasts this visit */ } },
  remove: (key) => { try { window.localStorage.removeItem(key); } catch { /* nothing stored */ } },
  language: () => navigator.language || "en",
  // Settings page: copies a snippet; false when the browser refuses (no permission, not a secure context).
  copy: async (text) => { try { await navigator.clipboard.writeText(text); return true; } catch { return false; } },
  // Local times (the app has no time zone database): the zone's name, and its UTC offsets (minutes east) from fromMs
  // to toMs as [start, offset, start, offset, …], each daylight-saving change found to the millisecond.
  timeZone: () => { try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; } },
  offsets: (fromMs, toMs) => {
    const at = (ms) => -new Date(ms).getTimezoneOffset();
    const step = 6 * 3600 * 1000;
    const out = [fromMs, at(fromMs)];
    for (let t = fromMs + step; t <= toMs + step; t += step) {
      const current = out[out.length - 1];
      if (at(t) === current) continue;
      let lo = t - step, hi = t;
      while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (at(mid) === current) lo = mid; else hi = mid; }
      out.push(hi, at(hi));
    }
    return out;
  },
};
