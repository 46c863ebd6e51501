// The few browser calls the panel makes from .NET; kept in a file because the CSP forbids eval and inline scripts.
window.claudeProxyPanel = {
  get: (key) => { try { return window.localStorage.getItem(key); } catch { return null; } },
  set: (key, value) => { try { window.localStorage.setItem(key, value); } catch { /* storage disabled: the choice lasts this visit */ } },
  remove: (key) => { try { window.localStorage.removeItem(key); } catch { /* nothing stored */ } },
  language: () => navigator.language || "en",
  // Settings page: copies a snippet; false when the browser refuses (no permission, not a secure context).
  copy: async (text) => { try { await navigator.clipboard.writeText(text); return true; } catch { return false; } },
};
