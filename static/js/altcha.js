// ALTCHA's proof-of-work widget, put together so that it runs under Lotse's
// Content-Security-Policy (no inline styles, no blob: or data: workers):
// the "external" build injects no <style> element (its stylesheet is linked
// in the page's head), and the work runs in a worker script served from
// our own origin instead of one made from a blob.
import "../vendor/altcha/external/altcha.min.js";
// The widget's own texts in the portal's languages (English is built in).
import "../vendor/altcha/i18n/de.js";
import "../vendor/altcha/i18n/ar.js";
import "../vendor/altcha/i18n/fa.js";
import "../vendor/altcha/i18n/uk.js";
import "../vendor/altcha/i18n/ru.js";
import "../vendor/altcha/i18n/tr.js";

const worker = new URL("../vendor/altcha/workers/pbkdf2.js", import.meta.url);
for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
  globalThis.$altcha.algorithms.set(algorithm, () => new Worker(worker));
}
